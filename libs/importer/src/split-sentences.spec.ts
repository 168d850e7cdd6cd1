import { splitSentences } from './split-sentences';

describe('splitSentences', () => {
  it.each([
    ['e.g. and i.e.', 'Some minerals, e.g. Magnesium, matter; i.e. Zinc too. Next one.', 2],
    ['U.S. before a capitalised name', 'It was approved by the U.S. Food and Drug Administration in 2015. Trials followed.', 2],
    ['titles: Dr., Prof., Mr., Mrs., Ms.', 'Dr. Smith and Prof. Jones met Mr. Lee, Mrs. Kay and Ms. Diaz. They agreed.', 2],
    ['approx. and vs.', 'Take approx. 50 mg daily vs. Placebo arms of approx. Three weeks. Then stop.', 2],
    ['etc. before a lower-case word', 'Zinc, iron, etc. are minerals. Water is not.', 2],
    ['Fig. and No. before numbers', 'See Fig. 2 and No. 5 in the appendix. Both agree.', 2],
    ['mg. before a number or a lower-case word', 'Give 20 mg. 3 times daily, or 10 mg. twice. Stop after a week.', 2],
    ['St. John’s wort', 'St. John’s wort interacts with many drugs. Ask first.', 2],
    ['et al. citing authors', 'Smith et al. Found no effect in 2019. Others did.', 2],
    ['decimals', 'Doses of 2.5 mg and 0.75 g were used. Both were safe.', 2],
    ['dose ranges with en dashes', 'Doses of 50–800 mg were used. The range is wide.', 2],
    ['initials', 'The study by J. R. Smith was small. It was not repeated.', 2],
    ['domain names', 'Buy it from Example.net as they ship fast. Or not.', 2],
  ])('keeps %s inside a sentence', (_case, paragraph, count) => {
    expect(splitSentences(paragraph)).toHaveLength(count);
  });

  it('ends a sentence after "vitamin D." and other letters that name something', () => {
    expect(splitSentences('Magnesium helps activate vitamin D. Low levels are common. Group B. Type C.')).toEqual([
      'Magnesium helps activate vitamin D.',
      'Low levels are common.',
      'Group B.',
      'Type C.',
    ]);
  });

  it('ends a sentence after "mg." or "etc." when a capitalised sentence follows', () => {
    expect(splitSentences('The dose was 20 mg. The next dose was higher.')).toHaveLength(2);
    expect(splitSentences('It eases cramps, aches, etc. Some users report more.')).toHaveLength(2);
  });

  it('keeps the markers after a full stop with the sentence they follow', () => {
    expect(splitSentences('First claim.[1] Second claim.[14][15] Third claim. [3] Fourth.')).toEqual([
      'First claim.[1]',
      'Second claim.[14][15]',
      'Third claim. [3]',
      'Fourth.',
    ]);
  });

  it('does not end a sentence at a marker inside it', () => {
    expect(splitSentences('It binds mGluRs,[24], which matter. Next.')).toEqual(['It binds mGluRs,[24], which matter.', 'Next.']);
  });

  it('ends sentences at ? and ! and ellipses followed by a new sentence, keeping closing quotes', () => {
    expect(splitSentences('Is it safe? Mostly! Some say "yes." Others wait… Then decide.')).toEqual([
      'Is it safe?',
      'Mostly!',
      'Some say "yes."',
      'Others wait…',
      'Then decide.',
    ]);
  });

  it('returns a last fragment without a full stop as a sentence of its own', () => {
    expect(splitSentences('One sentence. A fragment')).toEqual(['One sentence.', 'A fragment']);
  });
});
