import { BadInput } from '@app/domain';
import { ImportRejected } from './import-rejected';
import { parseArticle, summarizeImport, type ParsedArticle } from './parse-article';

const lines = (...text: string[]) => text.join('\n');
const outline = (parsed: ParsedArticle) =>
  parsed.sections.map((section) => ({ heading: section.heading, claims: section.claims.map((claim) => claim.text) }));
const allClaims = (parsed: ParsedArticle) => parsed.sections.flatMap((section) => section.claims);

describe('parseArticle (TEXT)', () => {
  it('reads text before the first heading as a lead section with the heading ""', () => {
    const parsed = parseArticle(lines('Magnesium is an essential mineral.[1]', 'Sources', 'Nuts are rich in it.[2]'), 'TEXT');
    expect(outline(parsed)).toEqual([
      { heading: '', claims: ['Magnesium is an essential mineral.'] },
      { heading: 'Sources', claims: ['Nuts are rich in it.'] },
    ]);
  });

  it('has no lead section when the text starts with a heading', () => {
    expect(parseArticle(lines('Overview', 'Zinc is a trace element.'), 'TEXT').sections.map((s) => s.heading)).toEqual(['Overview']);
  });

  it('reads a line without a full stop, a single question and a line ending in ":" as headings', () => {
    const parsed = parseArticle(
      lines(
        'What Does Magnesium Do?',
        'It supports muscle and nerve function.[1]',
        'Who should be careful:',
        'People with kidney disease should ask a doctor first.',
        'Dr. Lee’s Advice',
        'Start low.',
      ),
      'TEXT',
    );
    expect(parsed.sections.map((section) => section.heading)).toEqual(['What Does Magnesium Do?', 'Who should be careful:', 'Dr. Lee’s Advice']);
  });

  it('reads a line holding two sentences, or a citation marker, as prose whatever its last character', () => {
    const parsed = parseArticle(lines('Intro', 'Is it safe? Most studies say so.', 'Doses vary by product[3]', 'Is it needed?[4]'), 'TEXT');
    expect(outline(parsed)).toEqual([
      { heading: 'Intro', claims: ['Is it safe?', 'Most studies say so.', 'Doses vary by product', 'Is it needed?'] },
    ]);
  });

  it('splits sentences but not at abbreviations, decimals, initials or dose ranges', () => {
    const parsed = parseArticle(
      lines(
        'Dosage',
        'In the U.S. the usual dose is approx. 2.5 mg, i.e. one tablet, as Dr. J. R. Smith et al. reported in Fig. 2.[1] Doses of 50–800 mg were also tried vs. placebo, e.g. in No. 5 of the series.[2]',
        'It also raises vitamin D. Too much causes diarrhoea, cramps, etc. Those effects fade.',
      ),
      'TEXT',
    );
    expect(allClaims(parsed)).toEqual([
      {
        text: 'In the U.S. the usual dose is approx. 2.5 mg, i.e. one tablet, as Dr. J. R. Smith et al. reported in Fig. 2.',
        citations: [1],
        citationNeeded: false,
      },
      { text: 'Doses of 50–800 mg were also tried vs. placebo, e.g. in No. 5 of the series.', citations: [2], citationNeeded: false },
      { text: 'It also raises vitamin D.', citations: [], citationNeeded: true },
      { text: 'Too much causes diarrhoea, cramps, etc.', citations: [], citationNeeded: true },
      { text: 'Those effects fade.', citations: [], citationNeeded: true },
    ]);
  });

  it('makes each "- ", "* ", "• " and numbered list item a claim, which may cite', () => {
    const parsed = parseArticle(
      lines('Daily intake', '- 310 mg for women[1]', '* 400 mg for men', '• 350 mg in pregnancy.[2]', '1. Take with food', '2) Split large doses'),
      'TEXT',
    );
    expect(allClaims(parsed)).toEqual([
      { text: '310 mg for women', citations: [1], citationNeeded: false },
      { text: '400 mg for men', citations: [], citationNeeded: true },
      { text: '350 mg in pregnancy.', citations: [2], citationNeeded: false },
      { text: 'Take with food', citations: [], citationNeeded: true },
      { text: 'Split large doses', citations: [], citationNeeded: true },
    ]);
  });

  it('reads [8, 9] lists and [3–5] ranges, keeping citations in order without repeats', () => {
    const parsed = parseArticle(lines('Evidence', 'Two trials agree,[8, 9] and three more agree too.[3–5][8]'), 'TEXT');
    expect(allClaims(parsed)).toEqual([
      { text: 'Two trials agree, and three more agree too.', citations: [8, 9, 3, 4, 5], citationNeeded: false },
    ]);
  });

  it('resolves cited numbers from a filled References list and adds the missing ones as unresolved, ascending', () => {
    const parsed = parseArticle(
      lines(
        'Magnesium is essential.[4]',
        'Effects',
        'It may lower blood pressure slightly.[2][7]',
        'It may help sleep.[5]',
        'references',
        '1. Rosanoff A, Weaver CM, Rude RK. Suboptimal magnesium status in the United States. Nutr Rev. 2012;70(3):153-164.',
        '[2] Zhang X, et al. Effects of magnesium supplementation on blood pressure. Hypertension. 2016. https://doi.org/10.1161/HYPERTENSIONAHA.116.07664.',
        '4) de Baaij JHF, Hoenderop JGJ, Bindels RJM. Magnesium in man. Physiol Rev. 2015;95(1):1-46.',
      ),
      'TEXT',
    );
    expect(parsed.references).toEqual([
      {
        number: 1,
        citation: 'Rosanoff A, Weaver CM, Rude RK. Suboptimal magnesium status in the United States. Nutr Rev. 2012;70(3):153-164.',
        url: null,
      },
      {
        number: 2,
        citation: 'Zhang X, et al. Effects of magnesium supplementation on blood pressure. Hypertension. 2016. https://doi.org/10.1161/HYPERTENSIONAHA.116.07664.',
        url: 'https://doi.org/10.1161/HYPERTENSIONAHA.116.07664',
      },
      { number: 4, citation: 'de Baaij JHF, Hoenderop JGJ, Bindels RJM. Magnesium in man. Physiol Rev. 2015;95(1):1-46.', url: null },
      { number: 5, citation: null, url: null },
      { number: 7, citation: null, url: null },
    ]);
    expect(summarizeImport(parsed)).toEqual({ sections: 2, claims: 3, citations: 4, uncitedClaims: 0, unresolvedReferences: [5, 7] });
  });

  it('reports lines in the References list that are not numbered entries as skipped, never as claims', () => {
    const parsed = parseArticle(
      lines('Zinc supports immunity.[1]', 'References:', '1. A source. 2020.', 'Further reading', 'This page was reviewed in 2024.'),
      'TEXT',
    );
    expect(allClaims(parsed).map((claim) => claim.text)).toEqual(['Zinc supports immunity.']);
    expect(parsed.skipped.map((line) => [line.line, line.text])).toEqual([
      [4, 'Further reading'],
      [5, 'This page was reviewed in 2024.'],
    ]);
  });

  it('keeps a heading with nothing under it as an empty section', () => {
    expect(outline(parseArticle(lines('Stacking', 'With Choline', 'Take both.'), 'TEXT'))).toEqual([
      { heading: 'Stacking', claims: [] },
      { heading: 'With Choline', claims: ['Take both.'] },
    ]);
  });

  it('reads CRLF text with a byte-order mark and non-breaking spaces like plain LF text', () => {
    const plain = parseArticle('Iron\nTake 18 mg daily.[1]\n', 'TEXT');
    expect(parseArticle('\uFEFFIron\r\nTake 18\u00A0mg daily.[1]\r\n', 'TEXT')).toEqual(plain);
  });

  it('ignores blank lines and horizontal rules between paragraphs', () => {
    expect(outline(parseArticle(lines('Iron', '', 'Take it with vitamin C.', '---', 'Avoid tea at meals.'), 'TEXT'))).toEqual([
      { heading: 'Iron', claims: ['Take it with vitamin C.', 'Avoid tea at meals.'] },
    ]);
  });
});

describe('parseArticle (MARKDOWN)', () => {
  const markdown = lines(
    '# Magnesium',
    '',
    'Magnesium is **essential** for over 300 _enzyme_ reactions.[1] See the',
    '[NIH fact sheet](https://ods.od.nih.gov/factsheets/Magnesium-HealthProfessional/) for `details`.',
    '',
    '## Dosage',
    '',
    '- 310–320 mg for *adult women*[2]',
    '* 400–420 mg for adult men',
    '+ more in pregnancy',
    '1. Take with food.',
    '2. Split doses over',
    '   200 mg.[2, 3]',
    '',
    '> Too much from supplements causes diarrhoea.[3]',
    '',
    '## References',
    '',
    '1. [Office of Dietary Supplements. Magnesium fact sheet.](https://ods.od.nih.gov/factsheets/Magnesium-HealthProfessional/)',
    '2. Institute of Medicine. *Dietary Reference Intakes.* 1997.',
    '   National Academy Press.',
    '- an unnumbered note',
    '',
    '## Further Reading',
    '',
    'Ask your doctor.',
  );
  const parsed = parseArticle(markdown, 'MARKDOWN');

  it('reads # lines as headings, joins wrapped lines and strips emphasis, code and links to their text', () => {
    expect(outline(parsed)).toEqual([
      {
        heading: 'Magnesium',
        claims: ['Magnesium is essential for over 300 enzyme reactions.', 'See the NIH fact sheet for details.'],
      },
      {
        heading: 'Dosage',
        claims: [
          '310–320 mg for adult women',
          '400–420 mg for adult men',
          'more in pregnancy',
          'Take with food.',
          'Split doses over 200 mg.',
          'Too much from supplements causes diarrhoea.',
        ],
      },
      { heading: 'Further Reading', claims: ['Ask your doctor.'] },
    ]);
  });

  it('does not count a link as a citation', () => {
    expect(allClaims(parsed).map((claim) => claim.citations)).toEqual([[1], [], [2], [], [], [], [2, 3], [3], []]);
  });

  it('resolves ## References entries, taking a link target as the url and joining continuation lines', () => {
    expect(parsed.references).toEqual([
      {
        number: 1,
        citation: 'Office of Dietary Supplements. Magnesium fact sheet.',
        url: 'https://ods.od.nih.gov/factsheets/Magnesium-HealthProfessional/',
      },
      { number: 2, citation: 'Institute of Medicine. Dietary Reference Intakes. 1997. National Academy Press.', url: null },
      { number: 3, citation: null, url: null },
    ]);
    expect(parsed.skipped.map((line) => line.text)).toEqual(['- an unnumbered note']);
  });

  it('reports code blocks as skipped rather than as claims', () => {
    const withCode = parseArticle(lines('# Notes', '```', 'dose = 5 * weight', '```', 'Weigh yourself first.'), 'MARKDOWN');
    expect(outline(withCode)).toEqual([{ heading: 'Notes', claims: ['Weigh yourself first.'] }]);
    expect(withCode.skipped).toEqual([{ line: 3, text: 'dose = 5 * weight', reason: 'inside a code block' }]);
  });

  it('rejects a heading that carries a citation marker', () => {
    expect(() => parseArticle(lines('# Dosage [3]', 'Take it.'), 'MARKDOWN')).toThrow(/line 1: the heading "Dosage \[3\]" carries a citation marker/);
  });
});

describe('parseArticle rejects unusable input with ImportRejected on the field "text"', () => {
  it.each([
    ['binary garbage', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]).toString('utf8'), /not text/],
    ['empty text', '', /the article text is empty/],
    ['whitespace only', '  \r\n\t ', /the article text is empty/],
    ['a reference list with nothing to review', 'References\n1. A source.', /no heading and no sentence/],
    ['a reference number listed twice', 'It works.[1]\nReferences\n1. One.\n1. Again.', /line 4: reference \[1\] is listed twice \(lines 3 and 4\)/],
    ['a citation marker with no sentence', 'Iron\nIt works.\n[3]', /line 3: the citation markers in "\[3\]" follow no sentence/],
    ['a sentence over the claim limit', `Long\n${'word '.repeat(500)}end.`, /line 2: a sentence is 2504 characters long; the limit is 2000/],
    ['a heading over the heading limit', `${'Long heading without a full stop '.repeat(10)}\nText.`, /line 1: the heading .* the limit is 300/],
  ])('rejects %s', (_case, text, message) => {
    let caught: unknown;
    try {
      parseArticle(text, 'TEXT');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ImportRejected);
    expect(caught).toBeInstanceOf(BadInput);
    expect((caught as ImportRejected).field).toBe('text');
    expect((caught as ImportRejected).message).toMatch(message);
  });

  it('rejects an unknown format on the field "format"', () => {
    expect(() => parseArticle('Text.', 'HTML' as never)).toThrow(expect.objectContaining({ field: 'format' }));
  });
});
