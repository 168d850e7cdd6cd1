import { authorize, commandAuthority } from '../authorization';
import type { Decider } from '../decider';
import { BadInput, InvalidTransition, NotFound } from '../errors';
import {
  isReferenceNumber,
  requireId,
  requireIdList,
  requireOneOf,
  requireReferenceNumber,
  requireUrl,
  requireReason,
  requireText,
} from '../input-rules';
import { LIMITS, type Actor, type ArticleFormat, type Reference } from '../types';

/*
 * The article stream: its commands, events and state, and the decider over them. A new command
 * on this stream is a type here, a case in decide (and evolve, for a new event), and its tests.
 */

// ---- its commands ----
export interface ImportArticle {
  type: 'ImportArticle';
  actor: Actor;
  articleId: string;
  title: string;
  slug: string;
  format: ArticleFormat;
  sourceHash: string;
  references: Reference[];
  sectionIds: string[];
}
export interface AddReference {
  type: 'AddReference';
  actor: Actor;
  citation: string;
  url: string | null;
}
export interface ResolveReference {
  type: 'ResolveReference';
  actor: Actor;
  number: number;
  citation: string;
  url: string | null;
  reason: string;
}
export type ArticleCommand = ImportArticle | AddReference | ResolveReference;

// ---- its events (article-<id>) ----
export interface ArticleImported {
  type: 'ArticleImported';
  data: {
    articleId: string;
    title: string;
    slug: string;
    format: ArticleFormat;
    /** sha-256 of the imported source text, so the import can be traced to its input. */
    sourceHash: string;
    references: Reference[];
    sectionIds: string[];
    importedBy: Actor;
  };
}
export interface ReferenceAdded {
  type: 'ReferenceAdded';
  data: { number: number; citation: string; url: string | null };
}
export interface ReferenceResolved {
  type: 'ReferenceResolved';
  data: {
    number: number;
    citation: string;
    url: string | null;
    /** The citation before, when an already-resolved reference was amended (reopens its claims). */
    previousCitation: string | null;
    amended: boolean;
  };
}
export type ArticleEvent = ArticleImported | ReferenceAdded | ReferenceResolved;

/** Every article event type (the compiler checks none is missing), to tell a stored event of this stream from anything else. */
export const ARTICLE_EVENT_TYPES: Readonly<Record<ArticleEvent['type'], true>> = {
  ArticleImported: true,
  ReferenceAdded: true,
  ReferenceResolved: true,
};


// ---- its state ----
export interface ArticleState {
  exists: boolean;
  articleId: string;
  title: string;
  slug: string;
  /** Sorted by number. */
  references: Reference[];
  sectionIds: string[];
}

export const initialArticleState: ArticleState = {
  exists: false,
  articleId: '',
  title: '',
  slug: '',
  references: [],
  sectionIds: [],
};

/** An article has no review state; once imported these are what may be done to it. */
const ARTICLE_ACTIONS = ['addReference', 'resolveReference'] as const;

const SHA256_HEX = /^[0-9a-f]{64}$/;

function byNumber(references: readonly Reference[]): Reference[] {
  return references.map((reference) => ({ ...reference })).sort((a, b) => a.number - b.number);
}

function requireArticle(state: ArticleState): void {
  if (!state.exists) throw new NotFound('no such article');
}

/** A URL is optional, but an empty one is a mistake: send null. */
function requireOptionalUrl(url: string | null, field = 'url'): void {
  if (url !== null) requireUrl(url, field);
}

function requireReferenceListShape(references: readonly Reference[]): void {
  if (!Array.isArray(references)) throw new BadInput('references must be a list', 'references');
  const seen = new Set<number>();
  for (const reference of references) {
    if (!isReferenceNumber(reference.number)) {
      throw new BadInput(`reference number ${String(reference.number)} is not a positive integer`, 'references');
    }
    if (seen.has(reference.number)) throw new BadInput(`reference [${reference.number}] appears twice`, 'references');
    seen.add(reference.number);
    // An unresolved reference is null, never "": the empty string would read as resolved.
    if (reference.citation !== null) requireText(reference.citation, 'references', LIMITS.citation);
    requireOptionalUrl(reference.url, 'references');
  }
}

function importArticle(command: ImportArticle, state: ArticleState): ArticleEvent[] {
  authorize(command.actor, commandAuthority.ImportArticle);
  requireId(command.articleId, 'articleId');
  requireText(command.title, 'title', LIMITS.title);
  requireText(command.slug, 'slug', LIMITS.title);
  requireOneOf(command.format, ['TEXT', 'MARKDOWN'], 'format');
  if (!SHA256_HEX.test(command.sourceHash)) throw new BadInput('sourceHash must be a sha-256 hex digest', 'sourceHash');
  requireReferenceListShape(command.references);
  // The source text is at most LIMITS.articleText long, which bounds the sections it can yield.
  requireIdList(command.sectionIds, 'sectionIds', LIMITS.sectionsPerArticle);
  if (state.exists) throw new InvalidTransition(`article ${state.articleId} is already imported`, 'NONE', ARTICLE_ACTIONS);
  return [
    {
      type: 'ArticleImported',
      data: {
        articleId: command.articleId,
        title: command.title,
        slug: command.slug,
        format: command.format,
        sourceHash: command.sourceHash,
        references: byNumber(command.references),
        sectionIds: [...command.sectionIds],
        importedBy: command.actor,
      },
    },
  ];
}

/** Numbers are what the text cites, so a new reference takes the number after the highest, never a gap. */
function addReference(command: AddReference, state: ArticleState): ArticleEvent[] {
  authorize(command.actor, commandAuthority.AddReference);
  requireText(command.citation, 'citation', LIMITS.citation);
  requireOptionalUrl(command.url);
  requireArticle(state);
  const number = state.references.reduce((highest, reference) => Math.max(highest, reference.number), 0) + 1;
  if (number > LIMITS.referenceNumber) {
    throw new BadInput(`the article has reference [${LIMITS.referenceNumber}], the highest number there may be`, 'citation');
  }
  return [{ type: 'ReferenceAdded', data: { number, citation: command.citation, url: command.url } }];
}

/**
 * Resolving gives an unresolved number its citation; doing it again amends the citation, which
 * reopens every claim checked against the old one (a reaction). Sending the citation and URL the
 * reference already has changes nothing, so it appends nothing and reopens nothing.
 */
function resolveReference(command: ResolveReference, state: ArticleState): ArticleEvent[] {
  authorize(command.actor, commandAuthority.ResolveReference);
  requireReferenceNumber(command.number, 'number');
  requireText(command.citation, 'citation', LIMITS.citation);
  requireOptionalUrl(command.url);
  requireReason(command.reason);
  requireArticle(state);
  const reference = state.references.find((candidate) => candidate.number === command.number);
  if (reference === undefined) throw new NotFound(`the article has no reference [${command.number}]`);
  if (reference.citation === command.citation && reference.url === command.url) return [];
  return [
    {
      type: 'ReferenceResolved',
      data: {
        number: command.number,
        citation: command.citation,
        url: command.url,
        previousCitation: reference.citation,
        amended: reference.citation !== null,
      },
    },
  ];
}

function decide(command: ArticleCommand, state: ArticleState): ArticleEvent[] {
  switch (command.type) {
    case 'ImportArticle':
      return importArticle(command, state);
    case 'AddReference':
      return addReference(command, state);
    case 'ResolveReference':
      return resolveReference(command, state);
  }
}

function evolve(state: ArticleState, event: ArticleEvent): ArticleState {
  switch (event.type) {
    case 'ArticleImported':
      return {
        exists: true,
        articleId: event.data.articleId,
        title: event.data.title,
        slug: event.data.slug,
        references: byNumber(event.data.references),
        sectionIds: [...event.data.sectionIds],
      };
    case 'ReferenceAdded':
      return { ...state, references: byNumber([...state.references, { ...event.data }]) };
    case 'ReferenceResolved':
      return {
        ...state,
        references: state.references.map((reference) =>
          reference.number === event.data.number
            ? { number: reference.number, citation: event.data.citation, url: event.data.url }
            : reference,
        ),
      };
    default:
      // An event type this version does not know (written by a newer one) leaves the state as it is.
      return state;
  }
}

export const articleDecider: Decider<ArticleCommand, ArticleEvent, ArticleState> = {
  decide,
  evolve,
  initialState: initialArticleState,
};
