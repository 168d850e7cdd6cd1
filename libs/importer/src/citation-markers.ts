/* eslint-disable no-control-regex -- NUL marks where markers were removed: prepareText guarantees the text holds none */
import { isReferenceNumber, LIMITS } from '@app/domain';
import { ImportRejected } from './import-rejected';

/**
 * A numbered citation marker: `[1]`, `[8, 9]`, `[3–5]`, `[2; 7-9]`. Anything else in square
 * brackets (`[sic]`, a Markdown link's text) is prose and stays in the sentence.
 */
const MARKER_SOURCE = String.raw`\[\s*\d+(?:\s*(?:[,;]|[-–—])\s*\d+)*\s*\]`;

/** One marker at exactly this position, after optional whitespace. */
const MARKER_AT = new RegExp(String.raw`\s*${MARKER_SOURCE}`, 'y');
const HAS_MARKER = new RegExp(MARKER_SOURCE);
/** A run of markers with the blank around it: `[14][15]`, ` [3] `. Blanks are single by now (see extractCitations). */
const MARKER_RUN = new RegExp(String.raw`(?: ?${MARKER_SOURCE})+ ?`, 'g');
const MARKER = new RegExp(MARKER_SOURCE, 'g');

/** Where a removed marker run was, until the punctuation around it is tidied. */
const GAP = '\u0000';

export function hasCitationMarker(text: string): boolean {
  return HAS_MARKER.test(text);
}

/**
 * The index just past the markers that start at `from` (blanks before each allowed), or `from`
 * itself when none does: markers right after a full stop still belong to that sentence.
 */
export function skipMarkers(text: string, from: number): number {
  let end = from;
  for (;;) {
    MARKER_AT.lastIndex = end;
    if (!MARKER_AT.exec(text)) return end;
    end = MARKER_AT.lastIndex;
  }
}

export interface CitedText {
  text: string;
  citations: number[];
}

/**
 * Takes the markers out of a sentence and keeps their numbers, in order and without repeats.
 * What the markers leave behind is tidied (`mGluRs,[24], which` reads `mGluRs, which`;
 * `treatment [1].` reads `treatment.`) and runs of whitespace become one space.
 *
 * Whitespace is collapsed first, so that no pattern below meets a run of blanks: `\s*` before a
 * required character is quadratic on a long run that lacks it, and a line may be a megabyte.
 */
export function extractCitations(sentence: string, line: number): CitedText {
  // A Set keeps first-seen order, which is the order the citations are kept in.
  const citations = new Set<number>();
  const withGaps = sentence.replace(/\s+/g, ' ').replace(MARKER_RUN, (run) => {
    for (const [marker] of run.matchAll(MARKER)) {
      for (const number of markerNumbers(marker, line)) {
        citations.add(number);
        if (citations.size > LIMITS.citationsPerClaim) {
          throw new ImportRejected(`a sentence cites more than ${LIMITS.citationsPerClaim} references; a claim may cite ${LIMITS.citationsPerClaim}`, line);
        }
      }
    }
    return GAP;
  });
  return { text: closeGaps(withGaps), citations: [...citations] };
}

function closeGaps(text: string): string {
  return text
    .replace(/([,;:])\u0000\1/g, '$1')
    .replace(/[,;:]\u0000(?=[.!?…])/g, '')
    .replace(/ ?\(\u0000\)/g, GAP)
    .replace(/\(\u0000/g, '(')
    .replace(/\u0000\)/g, ')')
    .replace(/ ?\u0000(?=[,.;:!?…]|$)/g, '')
    .replace(/^\u0000/, '')
    .replace(/\u0000/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * `[8, 9]` → 8, 9; `[3–5]` → 3, 4, 5. Every number is checked against the reference number
 * limit before anything counts with it: `[9007199254740993]` is past the last integer a double
 * can step through, and a range loop over it would never end.
 */
function markerNumbers(marker: string, line: number): number[] {
  const numbers: number[] = [];
  for (const part of marker.slice(1, -1).split(/[,;]/)) {
    const bounds = part.split(/[-–—]/).map((bound) => referenceNumber(bound.trim(), marker, line));
    if (bounds.length > 2) throw new ImportRejected(`the citation ${shorten(marker)} holds a range with more than two ends`, line);
    const [first, last = first] = bounds;
    if (last < first) throw new ImportRejected(`the citation range ${shorten(marker)} runs backwards`, line);
    // A range is expanded number by number, so a typo like [1–10000] must stop here.
    if (last - first >= LIMITS.citationsPerClaim) {
      throw new ImportRejected(`the citation range ${shorten(marker)} spans more than ${LIMITS.citationsPerClaim} references`, line);
    }
    for (let number = first; number <= last; number++) numbers.push(number);
  }
  return numbers;
}

function referenceNumber(digits: string, marker: string, line: number): number {
  const number = Number(digits);
  if (number === 0) throw new ImportRejected(`the citation ${shorten(marker)} names 0; reference numbers start at 1`, line);
  if (!isReferenceNumber(number)) {
    throw new ImportRejected(
      `the citation ${shorten(marker)} names ${shorten(digits)}; reference numbers run from 1 to ${LIMITS.referenceNumber}`,
      line,
    );
  }
  return number;
}

/** Numbers and markers are the user's text, of any length: messages quote the start. */
function shorten(text: string): string {
  return text.length > 24 ? `${text.slice(0, 20)}…` : text;
}
