import { parseArticle, summarizeImport } from './parse-article';
import { SAMPLE_ARTICLE } from './sample-article';

describe('SAMPLE_ARTICLE (the demo data npm start imports)', () => {
  const parsed = parseArticle(SAMPLE_ARTICLE.text, 'TEXT');
  const claims = parsed.sections.flatMap((section) => section.claims);

  it('imports as a lead section and four headed sections of claims', () => {
    expect(SAMPLE_ARTICLE.title).toBe('Creatine Monohydrate: What the Research Shows');
    expect(parsed.sections.map((section) => section.heading)).toEqual([
      '',
      'What Is Creatine?',
      'Effects on Exercise Performance',
      'Dosage',
      'Safety',
    ]);
    expect(summarizeImport(parsed)).toEqual({ sections: 5, claims: 17, citations: 15, uncitedClaims: 4, unresolvedReferences: [9] });
  });

  it('cites a [2][3] pair and a [4, 5] list, and has a dosage list', () => {
    expect(claims.map((claim) => claim.citations)).toContainEqual([2, 3]);
    expect(claims.map((claim) => claim.citations)).toContainEqual([4, 5]);
    expect(parsed.sections[3].claims.slice(-2).map((claim) => claim.text)).toEqual([
      'Loading (optional): 20 g per day in four doses of 5 g, for 5–7 days',
      'Maintenance: 3–5 g per day',
    ]);
  });

  it('resolves references 1 to 8 from its list and leaves the cited [9] unresolved', () => {
    expect(parsed.references.map((reference) => [reference.number, reference.citation !== null])).toEqual([
      [1, true], [2, true], [3, true], [4, true], [5, true], [6, true], [7, true], [8, true], [9, false],
    ]);
    expect(parsed.references[0].url).toBe('https://doi.org/10.1186/s12970-017-0173-z');
    expect(parsed.skipped).toEqual([]);
  });
});
