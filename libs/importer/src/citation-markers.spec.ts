import { extractCitations } from './citation-markers';
import { ImportRejected } from './import-rejected';

describe('extractCitations', () => {
  it.each([
    ['a marker after the full stop', 'It helps.[1]', 'It helps.', [1]],
    ['adjacent markers', 'It helps.[14][15]', 'It helps.', [14, 15]],
    ['a list marker', 'It helps.[8, 9]', 'It helps.', [8, 9]],
    ['a range marker', 'It helps.[3–5]', 'It helps.', [3, 4, 5]],
    ['a mixed list with a hyphen range', 'It helps.[2; 7-8]', 'It helps.', [2, 7, 8]],
    ['a marker before the full stop', 'It helps [1].', 'It helps.', [1]],
    ['a marker between commas', 'It binds mGluRs,[24], which matter.', 'It binds mGluRs, which matter.', [24]],
    ['a marker after a comma before a full stop', 'It helps with drugs,[7].', 'It helps with drugs.', [7]],
    ['a marker between words', 'It helps [3] many people.', 'It helps many people.', [3]],
    ['a marker in brackets', 'It helps (see [3]).', 'It helps (see).', [3]],
    ['a bracketed marker alone', 'It helps ([3]).', 'It helps.', [3]],
    ['no marker at all', 'It  helps\tmany.', 'It helps many.', []],
  ])('takes out %s', (_case, sentence, text, citations) => {
    expect(extractCitations(sentence, 1)).toEqual({ text, citations });
  });

  it('keeps citations in the order they appear, without repeats', () => {
    expect(extractCitations('A [5], B,[2] C [5][2], D.[1, 2, 3]', 1)).toEqual({ text: 'A, B, C, D.', citations: [5, 2, 1, 3] });
  });

  it('leaves square brackets that are not numbered markers in the text', () => {
    expect(extractCitations('The label said [sic] 5 mg.[2]', 1)).toEqual({ text: 'The label said [sic] 5 mg.', citations: [2] });
  });

  it('rejects a marker naming 0, a backwards range, and a range too wide to be a typo-free citation', () => {
    expect(() => extractCitations('It helps.[0]', 3)).toThrow(ImportRejected);
    expect(() => extractCitations('It helps.[5–3]', 3)).toThrow(/line 3: .*runs backwards/);
    expect(() => extractCitations('It helps.[1–10000]', 3)).toThrow(/spans more than 50/);
  });
});
