import type { Evidence, EvidenceLevel } from '../types';
import { strongestEvidence, wordingFlags } from './wording';

/**
 * Labelled sentences: `overclaims` is a reviewer's judgement (is this worded more strongly than
 * the evidence recorded for it?), written before the check was tuned. The first group is from the
 * fasoracetam article we review (fixtures/fasoracetam-article.txt), with the evidence its
 * citations point to; the rest probe each part of the rule.
 */
const TABLE: Array<{ text: string; evidence: EvidenceLevel[]; overclaims: boolean }> = [
  // From the article.
  { text: 'Publicly-available human studies on fasoracetam are limited but positive, indicating it may effectively treat a specific form of childhood ADHD.', evidence: ['HUMAN_OBSERVATIONAL'], overclaims: false },
  { text: 'In animal testing, fasoracetam effectively prevented or reduced artificially induced amnesia and forgetfulness.', evidence: ['ANIMAL'], overclaims: false },
  { text: 'Fasoracetam acts as a cholinergic, significantly increasing the uptake of choline in the cortex and hippocampus.', evidence: ['ANIMAL'], overclaims: true },
  { text: 'However, fasoracetam is a potent compound, and doses as low as 20 mg taken once or twice daily have been reported as effective for some users.', evidence: ['ANECDOTAL'], overclaims: false },
  { text: 'As with all nootropics, it is best to start with the lowest effective dosage and increase gradually, as needed.', evidence: [], overclaims: false },
  { text: 'Fasoracetam appears to be safe and reasonably well tolerated when taken responsibly by healthy individuals.', evidence: ['ANECDOTAL'], overclaims: false },
  { text: 'Many users find it’s an effective cognitive enhancer that also helps with anxiety, depression, sleep problems, and lack of motivation.', evidence: ['ANECDOTAL'], overclaims: false },
  { text: 'It’s believed to be safe and well tolerated when taken responsibly.', evidence: [], overclaims: false },
  { text: 'Fasoracetam has been shown to upregulate the activity of GABA-B receptors, making more GABA available in the brain and central nervous system.', evidence: ['ANIMAL'], overclaims: true },
  { text: 'This cholinergic action can create a significant improvement in virtually all aspects of cognition.', evidence: [], overclaims: true },
  { text: 'The subjects who took fasoracetam over the five weeks of the study showed marked improvement in all clinical measures during the trial.', evidence: ['HUMAN_OBSERVATIONAL'], overclaims: false },
  { text: 'Fasoracetam may improve mood, reduce anxiety, and lift depression by acting on glutamate and GABA.', evidence: ['ANIMAL'], overclaims: false },
  { text: 'In rat studies, this combined action was seen as key to the subjects’ ability to overcome learned helplessness after treatment with fasoracetam.', evidence: ['ANIMAL'], overclaims: false },
  { text: 'Fasoracetam is water-soluble and may be taken with or without food.', evidence: [], overclaims: false },
  { text: 'It may be safer to use it cyclically rather than continuously.', evidence: [], overclaims: false },
  { text: 'But if you’re interested in an innovative nootropic that may help banish anxiety and depression, improve focus and concentration, and boost cognition without disturbing your sleep, fasoracetam may be worth exploring.', evidence: [], overclaims: false },
  { text: 'Fasoracetam was created in the 1990s by Nippon Shinyaku as a possible treatment for vascular dementia.', evidence: [], overclaims: false },
  { text: 'Animal studies and anecdotal evidence from users suggest that it may also enhance memory, improve sleep and relieve anxiety.', evidence: ['ANIMAL', 'ANECDOTAL'], overclaims: false },
  { text: 'A phase II proof-of-concept trial was planned for 2018 to investigate fasoracetam as an autism spectrum disorder treatment.', evidence: [], overclaims: false },
  // The same words, with and without the evidence that carries them.
  { text: 'Fasoracetam cures anxiety.', evidence: [], overclaims: true },
  { text: 'Fasoracetam cures anxiety.', evidence: ['HUMAN_RCT'], overclaims: false },
  { text: 'Fasoracetam effectively treats ADHD in children.', evidence: ['ANIMAL'], overclaims: true },
  { text: 'Fasoracetam effectively treats ADHD in children.', evidence: ['SYSTEMATIC_REVIEW'], overclaims: false },
  { text: 'Fasoracetam significantly improves working memory.', evidence: ['HUMAN_OBSERVATIONAL'], overclaims: true },
  { text: 'Fasoracetam significantly improves working memory.', evidence: ['ANIMAL', 'HUMAN_RCT'], overclaims: false },
  { text: 'Fasoracetam is safe for daily use.', evidence: ['EXPERT_OPINION'], overclaims: true },
  { text: 'Fasoracetam has no side effects.', evidence: [], overclaims: true },
  { text: 'Fasoracetam is clinically proven to improve focus.', evidence: ['HUMAN_OBSERVATIONAL'], overclaims: true },
  { text: 'Fasoracetam is guaranteed to boost memory.', evidence: [], overclaims: true },
  { text: 'Fasoracetam will improve your focus within days.', evidence: [], overclaims: true },
  { text: 'Taking choline with fasoracetam prevents headaches.', evidence: ['EXPERT_OPINION'], overclaims: true },
  { text: 'Fasoracetam boosts cognition without jitters.', evidence: [], overclaims: true },
  { text: 'Fasoracetam heals the brain.', evidence: [], overclaims: true },
  { text: 'Fasoracetam is completely safe for children.', evidence: ['HUMAN_OBSERVATIONAL'], overclaims: true },
  // Scoped to where it was found.
  { text: 'In mice, fasoracetam reverses memory loss.', evidence: ['ANIMAL'], overclaims: false },
  { text: 'Fasoracetam reverses memory loss.', evidence: ['ANIMAL'], overclaims: true },
  { text: 'In vitro, fasoracetam prevents glutamate toxicity.', evidence: ['IN_VITRO'], overclaims: false },
  { text: 'Fasoracetam prevents glutamate toxicity.', evidence: ['IN_VITRO'], overclaims: true },
  { text: 'Users report that fasoracetam eliminates brain fog.', evidence: ['ANECDOTAL'], overclaims: false },
  { text: 'Fasoracetam eliminates brain fog.', evidence: ['ANECDOTAL'], overclaims: true },
  { text: 'Some users say choline prevents headaches when taking fasoracetam.', evidence: ['ANECDOTAL'], overclaims: false },
  { text: 'Fasoracetam appears to reduce anxiety in animal models.', evidence: ['ANIMAL'], overclaims: false },
  // Hedged.
  { text: 'Preliminary data suggest fasoracetam might reduce anxiety.', evidence: [], overclaims: false },
  { text: 'Fasoracetam may improve memory.', evidence: [], overclaims: false },
  { text: 'Fasoracetam could help some people sleep better.', evidence: [], overclaims: false },
  { text: 'It is not proven to treat depression.', evidence: [], overclaims: false },
  { text: 'Fasoracetam is believed to enhance memory.', evidence: [], overclaims: false },
  // A hedge in one clause does not cover the next.
  { text: 'Fasoracetam may help with anxiety, but it definitely cures depression.', evidence: ['ANIMAL'], overclaims: true },
  { text: 'In rats, fasoracetam improved learning; in humans it is proven to do the same.', evidence: ['ANIMAL'], overclaims: true },
  // A negation takes back the phrase it stands before, not the rest of the clause.
  { text: 'Fasoracetam does not cure anxiety.', evidence: [], overclaims: false },
  { text: 'Fasoracetam cures anxiety and does not cause headaches.', evidence: ['ANIMAL'], overclaims: true },
  { text: 'Fasoracetam has never been shown to treat ADHD in adults.', evidence: [], overclaims: false },
  // Nothing assertive at all.
  { text: 'The recommended dose is 10 to 20 mg once or twice daily.', evidence: [], overclaims: false },
  { text: 'Fasoracetam is a racetam developed by Nippon Shinyaku.', evidence: [], overclaims: false },
  { text: 'Headaches are a common side effect of fasoracetam.', evidence: [], overclaims: false },
  { text: 'Effective doses range from 10 to 100 mg.', evidence: [], overclaims: false },
];

function evidenceAt(levels: EvidenceLevel[]): Evidence[] {
  return levels.map((level, i) => ({ referenceNumber: i + 1, level, locator: 'p. 1', note: null }));
}

describe('wording stronger than its evidence', () => {
  it(`holds precision and recall of at least 0.9 on ${TABLE.length} labelled sentences`, () => {
    let truePositives = 0;
    let falsePositives = 0;
    let falseNegatives = 0;
    const wrong: string[] = [];
    for (const row of TABLE) {
      const flagged = wordingFlags(row.text, evidenceAt(row.evidence)).length > 0;
      if (flagged && row.overclaims) truePositives += 1;
      if (flagged && !row.overclaims) falsePositives += 1;
      if (!flagged && row.overclaims) falseNegatives += 1;
      if (flagged !== row.overclaims) wrong.push(`${flagged ? 'flagged' : 'missed'}: ${row.text} [${row.evidence.join(', ') || 'no evidence'}]`);
    }
    const precision = truePositives / (truePositives + falsePositives);
    const recall = truePositives / (truePositives + falseNegatives);
    console.log(
      [
        `wording check on ${TABLE.length} labelled sentences (${TABLE.filter((r) => r.overclaims).length} overclaims):`,
        `precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}`,
        ...wrong.map((line) => `  ${line}`),
      ].join('\n'),
    );
    expect(TABLE.length).toBeGreaterThanOrEqual(40);
    expect(precision).toBeGreaterThanOrEqual(0.9);
    expect(recall).toBeGreaterThanOrEqual(0.9);
  });

  it('gives each flag its phrase, its offsets in the text and the strongest evidence', () => {
    const text = 'Fasoracetam may help with anxiety, but it definitely cures depression.';
    const flags = wordingFlags(text, evidenceAt(['ANECDOTAL', 'ANIMAL']));
    expect(flags.map((f) => [f.phrase, text.slice(f.start, f.end), f.strongestEvidence])).toEqual([
      ['definitely', 'definitely', 'ANIMAL'],
      ['cures', 'cures', 'ANIMAL'],
    ]);
    expect(flags[0].message).toContain('ANIMAL');
  });

  it('says when no evidence is recorded at all', () => {
    const [flag] = wordingFlags('Fasoracetam cures anxiety.', []);
    expect(flag).toMatchObject({ phrase: 'cures', start: 12, end: 17, strongestEvidence: null });
    expect(flag.message).toContain('no evidence');
  });

  it('lets a human randomised trial or a systematic review carry assertive wording', () => {
    expect(wordingFlags('Fasoracetam cures anxiety.', evidenceAt(['HUMAN_RCT']))).toEqual([]);
    expect(wordingFlags('Fasoracetam cures anxiety.', evidenceAt(['SYSTEMATIC_REVIEW']))).toEqual([]);
    expect(wordingFlags('Fasoracetam cures anxiety.', evidenceAt(['HUMAN_OBSERVATIONAL']))).toHaveLength(1);
  });

  it('takes the strongest of several evidence entries', () => {
    expect(strongestEvidence(evidenceAt(['ANECDOTAL', 'HUMAN_OBSERVATIONAL', 'IN_VITRO']))).toBe('HUMAN_OBSERVATIONAL');
    expect(strongestEvidence([])).toBeNull();
  });
});
