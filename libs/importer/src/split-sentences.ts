import { continuesAfterFullStop } from './abbreviations';
import { skipMarkers } from './citation-markers';

/** A run of sentence-ending punctuation: `.`, `?!`, `...`, `…`. */
const TERMINATOR = /[.!?…]+/g;
/** What may close a sentence after its punctuation and still belong to it. */
const CLOSERS = new Set(['"', "'", '”', '’', ')', '»']);
/** How a new sentence starts: a capital, a digit, or an opening quote or bracket. */
const SENTENCE_START = /^[\p{Lu}\p{N}"'“‘(¿¡«]/u;

/**
 * Splits a paragraph (or list item) into sentences. Each sentence keeps its punctuation and the
 * citation markers that follow it (`…treatment.[1]`); a marker inside a sentence (`mGluRs,[24],
 * which`) is not a boundary, since only `.`, `!`, `?` and `…` are. A full stop ends a sentence
 * only when a blank (or a marker) and the start of a new sentence follow, so decimals (2.5 mg),
 * domain names and lower-case continuations (`e.g. with`) never split, and abbreviations are
 * judged by `continuesAfterFullStop`.
 */
export function splitSentences(paragraph: string): string[] {
  return [...sentencesOf(paragraph)];
}

/**
 * The sentences one at a time, so that a caller can stop early: a megabyte line of `1. 1. 1.`
 * is three hundred thousand sentences, and a heading test or a claim limit needs only the first few.
 */
export function* sentencesOf(paragraph: string): Generator<string> {
  let start = 0;
  for (const match of paragraph.matchAll(TERMINATOR)) {
    if (match.index < start) continue;
    let end = match.index + match[0].length;
    while (end < paragraph.length && CLOSERS.has(paragraph[end])) end++;
    const afterMarkers = skipMarkers(paragraph, end);
    if (!endsHere(paragraph, match.index, match[0], afterMarkers, afterMarkers > end)) continue;
    yield paragraph.slice(start, afterMarkers).trim();
    start = afterMarkers;
  }
  const rest = paragraph.slice(start).trim();
  if (rest !== '') yield rest;
}

/** Enough text before a full stop to see the word it follows and the word before that. */
const LOOK_BACK = 80;

// Works on indices, never on the rest of the paragraph: a paragraph may be the whole article
// (a megabyte on one line), and copying its tail at every full stop would be quadratic.
function endsHere(paragraph: string, at: number, terminator: string, after: number, markersFollow: boolean): boolean {
  let next = after;
  while (next < paragraph.length && /\s/.test(paragraph[next])) next++;
  if (next === paragraph.length) return true;
  // "ADHD.[1]The" lacks the blank but the marker already closed the sentence.
  if (next === after && !markersFollow) return false;
  if (!SENTENCE_START.test(paragraph[next])) return false;
  if (terminator !== '.') return true;
  return !continuesAfterFullStop(paragraph.slice(Math.max(0, at - LOOK_BACK), at), paragraph.slice(next, next + 1));
}

/** Whether the text ends like a sentence (`.`, `!`, `…`, maybe inside quotes or brackets). */
export function endsLikeSentence(text: string): boolean {
  return /[.!…]["'”’)»]*$/u.test(text.trimEnd());
}
