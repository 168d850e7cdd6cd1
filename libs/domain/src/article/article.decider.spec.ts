import { deciderSpecification, stateAfter } from '../../test/decider-specification';
import { actorsWithout, checker, editor, references } from '../../test/fixtures';
import type { AddReference, ImportArticle, ResolveReference } from './article.decider';
import { BadInput, Forbidden, InvalidTransition, NotFound } from '../errors';
import type { ArticleEvent, ArticleImported } from './article.decider';
import { textHash } from '../text-hash';
import { LIMITS, type Reference } from '../types';
import { articleDecider } from './article.decider';

const spec = deciderSpecification(articleDecider);
const sourceHash = textHash('What Is Fasoracetam?\n...');

const importArticle = (overrides: Partial<ImportArticle> = {}): ImportArticle => ({
  type: 'ImportArticle',
  actor: editor,
  articleId: 'a1',
  title: 'Fasoracetam',
  slug: 'fasoracetam',
  format: 'TEXT',
  sourceHash,
  references,
  sectionIds: ['s0', 's1'],
  ...overrides,
});
const articleImported = (overrides: Partial<ArticleImported['data']> = {}): ArticleImported => ({
  type: 'ArticleImported',
  data: {
    articleId: 'a1',
    title: 'Fasoracetam',
    slug: 'fasoracetam',
    format: 'TEXT',
    sourceHash,
    references,
    sectionIds: ['s0', 's1'],
    importedBy: editor,
    ...overrides,
  },
});
const addReference = (overrides: Partial<AddReference> = {}): AddReference => ({
  type: 'AddReference',
  actor: editor,
  citation: 'Hadley D. Fasoracetam in ADHD with mGluR variants. Nat Commun. 2018.',
  url: null,
  ...overrides,
});
const resolveReference = (overrides: Partial<ResolveReference> = {}): ResolveReference => ({
  type: 'ResolveReference',
  actor: checker,
  number: 3,
  citation: 'Hadley D. Fasoracetam in ADHD with mGluR variants. Nat Commun. 2018.',
  url: 'https://doi.org/10.1038/s41467-017-02244-2',
  reason: 'found the source in the trial registry',
  ...overrides,
});

describe('article decider', () => {
  describe('ImportArticle', () => {
    it('imports the article with its references, sections and importer', () => {
      spec.given([]).when(importArticle()).then([articleImported()]);
      expect(stateAfter(articleDecider, [articleImported()])).toEqual({
        exists: true,
        articleId: 'a1',
        title: 'Fasoracetam',
        slug: 'fasoracetam',
        references,
        sectionIds: ['s0', 's1'],
      });
    });

    it('keeps the reference list sorted by number', () => {
      const shuffled: Reference[] = [references[2], references[0], references[1]];
      spec.given([]).when(importArticle({ references: shuffled })).then([articleImported()]);
    });

    it('imports an article without references or sections', () => {
      spec
        .given([])
        .when(importArticle({ references: [], sectionIds: [], format: 'MARKDOWN' }))
        .then([articleImported({ references: [], sectionIds: [], format: 'MARKDOWN' })]);
    });

    it.each(actorsWithout('EDITOR'))('refuses a %s: only an EDITOR imports', (_, actor) => {
      spec.given([]).when(importArticle({ actor })).thenThrows(Forbidden, { requiredRoles: ['EDITOR'] });
    });

    it.each([
      ['an empty title', { title: '' }, 'title'],
      ['a blank title', { title: ' \t' }, 'title'],
      ['a title over the limit', { title: 't'.repeat(LIMITS.title + 1) }, 'title'],
      ['an empty slug', { slug: '' }, 'slug'],
      ['an unknown format', { format: 'PDF' as 'TEXT' }, 'format'],
      ['a source hash that is not sha-256', { sourceHash: 'abc' }, 'sourceHash'],
      ['a reference numbered 0', { references: [{ number: 0, citation: null, url: null }] }, 'references'],
      ['a reference listed twice', { references: [references[0], references[0]] }, 'references'],
      ['a resolved reference with empty citation', { references: [{ number: 1, citation: '', url: null }] }, 'references'],
      ['a citation over the limit', { references: [{ number: 1, citation: 'c'.repeat(LIMITS.citation + 1), url: null }] }, 'references'],
      ['a section listed twice', { sectionIds: ['s1', 's1'] }, 'sectionIds'],
      ['an empty article id', { articleId: '' }, 'articleId'],
    ])('refuses %s as BAD_USER_INPUT on its field', (_, overrides: Partial<ImportArticle>, field) => {
      spec.given([]).when(importArticle(overrides)).thenThrows(BadInput, { field });
    });

    it('refuses a second import of the same article as INVALID_TRANSITION (articles have no review state)', () => {
      spec
        .given([articleImported()])
        .when(importArticle())
        .thenThrows(InvalidTransition, { state: 'NONE', allowed: ['addReference', 'resolveReference'] });
    });
  });

  describe('AddReference', () => {
    it('adds a reference with the number after the highest', () => {
      const added: ArticleEvent = {
        type: 'ReferenceAdded',
        data: { number: 4, citation: addReference().citation, url: null },
      };
      spec.given([articleImported()]).when(addReference()).then([added]);
      expect(stateAfter(articleDecider, [articleImported(), added]).references.map((r) => r.number)).toEqual([1, 2, 3, 4]);
    });

    it('numbers past a gap rather than into it: numbers are what the text cites', () => {
      spec
        .given([articleImported({ references: [references[0], { number: 7, citation: null, url: null }] })])
        .when(addReference({ url: 'https://example.org/8' }))
        .then([{ type: 'ReferenceAdded', data: { number: 8, citation: addReference().citation, url: 'https://example.org/8' } }]);
    });

    it('numbers the first reference of an article without any as 1', () => {
      spec
        .given([articleImported({ references: [] })])
        .when(addReference())
        .then([{ type: 'ReferenceAdded', data: { number: 1, citation: addReference().citation, url: null } }]);
    });

    it('lets a FACT_CHECKER add a reference', () => {
      spec
        .given([articleImported()])
        .when(addReference({ actor: checker }))
        .then([{ type: 'ReferenceAdded', data: { number: 4, citation: addReference().citation, url: null } }]);
    });

    it.each(actorsWithout('EDITOR', 'FACT_CHECKER'))('refuses a %s: only an EDITOR or FACT_CHECKER adds references', (_, actor) => {
      spec.given([articleImported()]).when(addReference({ actor })).thenThrows(Forbidden, { requiredRoles: ['EDITOR', 'FACT_CHECKER'] });
    });

    it.each([
      ['an empty citation', { citation: '' }, 'citation'],
      ['a citation over the limit', { citation: 'c'.repeat(LIMITS.citation + 1) }, 'citation'],
      ['an empty url', { url: '' }, 'url'],
      ['a url over the limit', { url: 'https://'.padEnd(LIMITS.url + 1, 'x') }, 'url'],
    ])('refuses %s as BAD_USER_INPUT on its field', (_, overrides: Partial<AddReference>, field) => {
      spec.given([articleImported()]).when(addReference(overrides)).thenThrows(BadInput, { field });
    });

    it('refuses an article that does not exist as NOT_FOUND', () => {
      spec.given([]).when(addReference()).thenThrows(NotFound);
    });
  });

  describe('ResolveReference', () => {
    it('resolves an unresolved reference: not an amendment', () => {
      const resolved: ArticleEvent = {
        type: 'ReferenceResolved',
        data: {
          number: 3,
          citation: resolveReference().citation,
          url: resolveReference().url,
          previousCitation: null,
          amended: false,
        },
      };
      spec.given([articleImported()]).when(resolveReference()).then([resolved]);
      expect(stateAfter(articleDecider, [articleImported(), resolved]).references[2]).toEqual({
        number: 3,
        citation: resolveReference().citation,
        url: resolveReference().url,
      });
    });

    it('amends an already-resolved reference, recording the citation before (its claims reopen)', () => {
      spec
        .given([articleImported()])
        .when(resolveReference({ number: 1, citation: 'Ohtsuka K. Corrected title. 1992.', url: null }))
        .then([
          {
            type: 'ReferenceResolved',
            data: {
              number: 1,
              citation: 'Ohtsuka K. Corrected title. 1992.',
              url: null,
              previousCitation: references[0].citation,
              amended: true,
            },
          },
        ]);
    });

    it('counts a changed URL alone as an amendment: it may point at another source', () => {
      spec
        .given([articleImported()])
        .when(resolveReference({ number: 2, citation: references[1].citation ?? '', url: 'https://example.org/other' }))
        .then([
          {
            type: 'ReferenceResolved',
            data: {
              number: 2,
              citation: references[1].citation ?? '',
              url: 'https://example.org/other',
              previousCitation: references[1].citation,
              amended: true,
            },
          },
        ]);
    });

    it('appends nothing when the reference already reads exactly so (reopens nothing)', () => {
      spec
        .given([articleImported()])
        .when(resolveReference({ number: 2, citation: references[1].citation ?? '', url: references[1].url }))
        .thenNothingHappens();
    });

    it('lets an EDITOR resolve a reference', () => {
      spec
        .given([articleImported()])
        .when(resolveReference({ actor: editor }))
        .then(articleDecider.decide(resolveReference(), stateAfter(articleDecider, [articleImported()])));
    });

    it.each(actorsWithout('EDITOR', 'FACT_CHECKER'))('refuses a %s: only an EDITOR or FACT_CHECKER resolves references', (_, actor) => {
      spec.given([articleImported()]).when(resolveReference({ actor })).thenThrows(Forbidden);
    });

    it.each([
      ['a reference number 0', { number: 0 }, 'number'],
      ['a fractional reference number', { number: 2.5 }, 'number'],
      ['an empty citation', { citation: '' }, 'citation'],
      ['a citation over the limit', { citation: 'c'.repeat(LIMITS.citation + 1) }, 'citation'],
      ['an empty url', { url: '  ' }, 'url'],
      ['an empty reason', { reason: '' }, 'reason'],
      ['a reason over the limit', { reason: 'r'.repeat(LIMITS.reason + 1) }, 'reason'],
    ])('refuses %s as BAD_USER_INPUT on its field', (_, overrides: Partial<ResolveReference>, field) => {
      spec.given([articleImported()]).when(resolveReference(overrides)).thenThrows(BadInput, { field });
    });

    it('refuses an article that does not exist as NOT_FOUND', () => {
      spec.given([]).when(resolveReference()).thenThrows(NotFound);
    });

    it('refuses a number the reference list does not hold as NOT_FOUND', () => {
      spec.given([articleImported()]).when(resolveReference({ number: 9 })).thenThrows(NotFound);
    });

    it('checks the input before whether the article exists', () => {
      spec.given([]).when(resolveReference({ reason: '' })).thenThrows(BadInput, { field: 'reason' });
    });
  });
});
