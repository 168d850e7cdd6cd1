import { EVIDENCE_LEVELS, type Evidence, type EvidenceLevel } from '../types';

/**
 * Wording stronger than its evidence: an assertive phrase ("cures", "is safe", "clinically
 * shown") in a claim whose strongest recorded evidence is weaker than a human randomised trial,
 * or that has none, unless the same clause hedges or scopes it ("may", "in rats", "users
 * report"). Pure and data-driven: the phrase lists below are the whole rule. Measured against a
 * table of labelled sentences in wording.spec.ts, which prints its precision and recall.
 */
export interface WordingFlag {
  /** The phrase as it stands in the text. */
  phrase: string;
  /** Offsets in the claim's text (UTF-16 code units, end exclusive). */
  start: number;
  end: number;
  /** The strongest evidence recorded for the claim; null when none is. */
  strongestEvidence: EvidenceLevel | null;
  message: string;
}

/** Evidence at least this strong carries assertive wording. */
export const ASSERTIVE_WORDING_NEEDS: EvidenceLevel = 'HUMAN_RCT';

/** Phrases that state an effect or a safety as settled. Matched whole-word, case-insensitively. */
const ASSERTIVE = [
  'cures?',
  'cured',
  'curing',
  'treats?',
  'treated',
  'treating',
  'prevents?',
  'prevented',
  'preventing',
  'eliminates?',
  'eliminated',
  'reverses?',
  'reversed',
  'proven',
  'proves?',
  'guaranteed',
  'guarantees?',
  'effective(?:ly)?',
  'significant(?:ly)?',
  'ha(?:s|ve) been shown',
  'clinically (?:shown|proven|tested)',
  'scientifically (?:shown|proven)',
  'is safe',
  'are safe',
  'completely safe',
  'no side[- ]effects',
  'without side[- ]effects',
  'always works',
  'works for everyone',
  'boosts?',
  'dramatically',
  'definitely',
  'will (?:improve|increase|reduce|boost|enhance|protect)',
  'restores?',
  'heals?',
];

/**
 * Words and scopes that make a clause tentative, or place its finding where it was found (in
 * animals, in a dish, in users' reports). Matched whole-word, case-insensitively, anywhere in the
 * same clause.
 */
const HEDGES = [
  'may',
  'might',
  'could',
  'can help',
  'possibly',
  'potentially',
  'perhaps',
  'likely',
  'unlikely',
  'suggests?',
  'suggested',
  'appears? to',
  'seems? to',
  'is (?:believed|thought|claimed|said|reported|hypothesi[sz]ed) to',
  'are (?:believed|thought|claimed|said|reported|hypothesi[sz]ed) to',
  'believed',
  'hypothesi[sz]ed',
  'theorized',
  'users? (?:report|reported|say|said|claim|find|found|describe)',
  'many users',
  'anecdotal(?:ly)?',
  'reportedly',
  'in (?:some )?(?:animal|rodent|cell|laboratory|lab|preclinical) (?:studies|models|research|experiments)',
  'in animal testing',
  'in (?:rats|mice|rodents|animals|dogs|monkeys|primates|cells|cell cultures)',
  'in vitro',
  'in a test tube',
  'preliminary',
  'early (?:research|studies|evidence|findings)',
  'limited (?:research|evidence|data)',
  'more research is needed',
  'further research',
  'no evidence',
  'unproven',
  'unclear',
  'uncertain',
  'if any',
  'some (?:people|users|studies|research)',
  'one (?:small )?study',
];

/** Uses of an assertive word that assert nothing: "the lowest effective dose" is dosing advice. */
const NEUTRAL = ['(?:lowest |minimum )?effective (?:dose|doses|dosage|dosages|amount)'];

const ASSERTIVE_PATTERN = new RegExp(`\\b(?:${ASSERTIVE.join('|')})\\b`, 'gi');
const NEUTRAL_PATTERN = new RegExp(`\\b(?:${NEUTRAL.join('|')})\\b`, 'gi');
/**
 * A negation among the four words before a phrase takes it back ("does not cure", "is not
 * proven to treat"); it covers that phrase only, not the rest of the clause.
 */
const NEGATED = /\b(?:not|never|no|cannot|n't)\b(?:\W+\w+){0,3}\W*$|n't\b(?:\W+\w+){0,3}\W*$/i;
const HEDGE_PATTERN = new RegExp(`\\b(?:${HEDGES.join('|')})\\b`, 'i');

/**
 * Where one clause ends and the next begins: sentence ends, semicolons, colons, and the
 * conjunctions that join two statements (", but", ", while", "whereas", "although").
 */
const CLAUSE_BREAK = /[.;:!?]+(?:\s|$)|,\s*(?:and|but|while|whereas|although|though|yet)\b|\b(?:but|whereas|although)\b/gi;

/** The strongest level among the recorded evidence; null when there is none. */
export function strongestEvidence(evidence: readonly Evidence[]): EvidenceLevel | null {
  let best: number | null = null;
  for (const entry of evidence) {
    const rank = EVIDENCE_LEVELS.indexOf(entry.level);
    if (rank >= 0 && (best === null || rank < best)) best = rank;
  }
  return best === null ? null : EVIDENCE_LEVELS[best];
}

function carriesAssertiveWording(level: EvidenceLevel | null): boolean {
  return level !== null && EVIDENCE_LEVELS.indexOf(level) <= EVIDENCE_LEVELS.indexOf(ASSERTIVE_WORDING_NEEDS);
}

/** The clauses of a text, as [start, end) offsets. */
function clauses(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  let start = 0;
  for (const match of text.matchAll(CLAUSE_BREAK)) {
    const at = match.index ?? 0;
    spans.push([start, at]);
    start = at + match[0].length;
  }
  spans.push([start, text.length]);
  return spans;
}

/** The assertive phrases in `text` that its evidence does not carry, in text order. */
export function wordingFlags(text: string, evidence: readonly Evidence[]): WordingFlag[] {
  const strongest = strongestEvidence(evidence);
  if (carriesAssertiveWording(strongest)) return [];
  const flags: WordingFlag[] = [];
  for (const [from, to] of clauses(text)) {
    const clause = text.slice(from, to);
    if (HEDGE_PATTERN.test(clause)) continue;
    const neutral = [...clause.matchAll(NEUTRAL_PATTERN)].map((m): [number, number] => [m.index ?? 0, (m.index ?? 0) + m[0].length]);
    for (const match of clause.matchAll(ASSERTIVE_PATTERN)) {
      const at = match.index ?? 0;
      if (neutral.some(([a, b]) => at >= a && at < b)) continue;
      if (NEGATED.test(clause.slice(0, at))) continue;
      const start = from + at;
      flags.push({
        phrase: match[0],
        start,
        end: start + match[0].length,
        strongestEvidence: strongest,
        message:
          strongest === null
            ? `"${match[0]}" states this as settled, and no evidence is recorded for it`
            : `"${match[0]}" states this as settled, but the strongest evidence recorded is ${strongest}`,
      });
    }
  }
  return flags;
}
