import { parseArticle } from './parse-article';

/** The claims a one-paragraph Markdown article reads as: text and citations. */
const claimsOf = (markdown: string) =>
  parseArticle(markdown, 'MARKDOWN').sections.flatMap((section) => section.claims.map((claim) => [claim.text, claim.citations]));

describe('Markdown inline syntax, read by the parser', () => {
  it.each([
    ['strong emphasis', 'A **strong** and __bold__ word.', 'A strong and bold word.'],
    ['emphasis', 'An *emphasised* and _stressed_ word.', 'An emphasised and stressed word.'],
    ['nested emphasis', 'A ***very*** big dose.', 'A very big dose.'],
    ['code spans, keeping their text', 'Call it `NS-105` here.', 'Call it NS-105 here.'],
    ['strikethrough', 'Take ~~10~~ 5 mg.', 'Take 10 5 mg.'],
    ['a link, keeping its text', 'See [the trial](https://example.org/t?id=1 "Trial").', 'See the trial.'],
    ['a link whose address holds brackets', 'See [GABA](https://en.wikipedia.org/wiki/GABA_(disambiguation)).', 'See GABA.'],
    ['a reference-style link', 'See [the trial][t].\n\n[t]: https://example.org/t', 'See the trial.'],
    ['an image, keeping its alt text', '![Dose chart](chart.png)', 'Dose chart'],
    ['an autolink, keeping the address', 'Visit <https://example.org>.', 'Visit https://example.org.'],
    ['backslash escapes', 'Use 2 \\* 5 mg and a \\_literal\\_ underscore.', 'Use 2 * 5 mg and a _literal_ underscore.'],
    ['a hard line break', 'It helps  \nmost people.', 'It helps most people.'],
    ['underscores inside words and a lone asterisk', 'NS_105 binds mGluRs. Use 5 * 2 doses.', 'NS_105 binds mGluRs.'],
  ])('reads %s as its words', (_case, markdown, first) => {
    expect(claimsOf(markdown)[0][0]).toBe(first);
  });

  it('keeps the citation marker that inline HTML wraps', () => {
    expect(claimsOf('It helps.<sup>[3]</sup>')).toEqual([['It helps.', [3]]]);
  });

  it('reads a link whose text is a number as text, not as a citation', () => {
    expect(claimsOf('See [3](https://example.org/3).')).toEqual([['See 3.', []]]);
  });

  it('reads a setext heading as a heading', () => {
    expect(parseArticle('Dosage\n======\n\nTake 5 mg.', 'MARKDOWN').sections).toEqual([
      { heading: 'Dosage', claims: [{ text: 'Take 5 mg.', citations: [], citationNeeded: true }] },
    ]);
  });

  it('reads block quotes and nested lists as text, each item its own paragraph', () => {
    expect(claimsOf('> Quoted claim.[1]\n\n- Outer item\n  - Inner item.[2]')).toEqual([
      ['Quoted claim.', [1]],
      ['Outer item', []],
      ['Inner item.', [2]],
    ]);
  });
});

describe('numbered link definitions', () => {
  it('keep [n] in the text a citation and read the definition as reference [n]', () => {
    const parsed = parseArticle(
      'It helps.[1] See [the trial][t].\n\n[t]: https://example.org/t\n\n## References\n\n[1]: https://doi.org/10.1/a "Smith J. A trial. 2020."\n[2]: <https://doi.org/10.1/b>',
      'MARKDOWN',
    );
    expect(claimsOf('It helps.[1] See [the trial][t].\n\n[t]: https://example.org/t\n\n[1]: https://doi.org/10.1/a')).toEqual([
      ['It helps.', [1]],
      ['See the trial.', []],
    ]);
    expect(parsed.references).toEqual([
      { number: 1, citation: 'Smith J. A trial. 2020.', url: 'https://doi.org/10.1/a' },
      { number: 2, citation: 'https://doi.org/10.1/b', url: 'https://doi.org/10.1/b' },
    ]);
  });

  it('are bounded like any entry, and clash with a list entry of the same number', () => {
    expect(() => parseArticle('It helps.[1]\n\n[3000000000]: https://example.org', 'MARKDOWN')).toThrow(/line 3: .*numbered past 100000/);
    expect(() => parseArticle('It helps.[1]\n\n[1]: https://example.org\n\n## References\n\n1. Again.', 'MARKDOWN')).toThrow(
      /reference \[1\] is listed twice \(lines 3 and 7\)/,
    );
  });
});
