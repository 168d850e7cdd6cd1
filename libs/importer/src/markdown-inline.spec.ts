import { stripMarkdownInline } from './markdown-inline';

describe('stripMarkdownInline', () => {
  it.each([
    ['strong emphasis', 'A **strong** and __bold__ word.', 'A strong and bold word.'],
    ['emphasis', 'An *emphasised* and _stressed_ word.', 'An emphasised and stressed word.'],
    ['nested emphasis', 'A ***very*** big dose.', 'A very big dose.'],
    ['code spans', 'Call it `NS-105` here.', 'Call it NS-105 here.'],
    ['strikethrough', 'Take ~~10~~ 5 mg.', 'Take 10 5 mg.'],
    ['a link, keeping its text', 'See [the trial](https://example.org/t?id=1 "Trial").', 'See the trial.'],
    ['a link whose address holds brackets', 'See [GABA](https://en.wikipedia.org/wiki/GABA_(disambiguation)).', 'See GABA.'],
    ['an image, keeping its alt text', '![Dose chart](chart.png)', 'Dose chart'],
    ['an autolink, keeping the address', 'Visit <https://example.org>.', 'Visit https://example.org.'],
    ['inline HTML tags', 'It helps.<sup>[3]</sup>', 'It helps.[3]'],
    ['backslash escapes', 'Use 2 \\* 5 mg and a \\_literal\\_ underscore.', 'Use 2 * 5 mg and a _literal_ underscore.'],
  ])('strips %s', (_case, markdown, plain) => {
    expect(stripMarkdownInline(markdown)).toBe(plain);
  });

  it('leaves citation markers, underscores inside words and a lone asterisk alone', () => {
    expect(stripMarkdownInline('NS_105 binds mGluRs.[14][15] Use 5 * 2 doses.')).toBe('NS_105 binds mGluRs.[14][15] Use 5 * 2 doses.');
  });

  it('reads a link whose text is a number as text, not as a citation', () => {
    expect(stripMarkdownInline('See [3](https://example.org/3).')).toBe('See 3.');
  });
});
