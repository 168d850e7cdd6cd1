import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseArticle, summarizeImport, type ParsedArticle, type ParsedClaim } from './parse-article';

/**
 * The real article the importer is checked against (docs/workflow.md, "Importing an article").
 * It lives in `shared/` beside the repository (locally and in CI alike), never inside it.
 */
const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
const FIXTURE = path.resolve(REPO_ROOT, '..', 'shared', 'fixtures', 'fasoracetam-article.txt');
const exists = existsSync(FIXTURE);
if (!exists) process.stdout.write(`importer: ${FIXTURE} not found, so the fasoracetam fixture test is skipped\n`);
const fixtureIt = exists ? it : it.skip;

describe('parseArticle on the real fasoracetam article (shared fixture)', () => {
  let parsed: ParsedArticle;
  let claims: ParsedClaim[];
  const claim = (start: string): ParsedClaim => {
    const found = claims.filter((candidate) => candidate.text.startsWith(start));
    expect(found).toHaveLength(1);
    return found[0];
  };

  beforeAll(() => {
    if (!exists) return;
    parsed = parseArticle(readFileSync(FIXTURE, 'utf8'), 'TEXT');
    claims = parsed.sections.flatMap((section) => section.claims);
  });

  fixtureIt('counts 18 sections, 76 claims, 38 citations, 48 uncited claims and unresolved references 1..38', () => {
    expect(summarizeImport(parsed)).toEqual({
      sections: 18,
      claims: 76,
      citations: 38,
      uncitedClaims: 48,
      unresolvedReferences: Array.from({ length: 38 }, (_, i) => i + 1),
    });
    expect(parsed.references).toEqual(Array.from({ length: 38 }, (_, i) => ({ number: i + 1, citation: null, url: null })));
  });

  fixtureIt('reads the lead sentence as section "" and every heading-like line as a section, in order', () => {
    expect(parsed.sections.map((section) => [section.heading, section.claims.length])).toEqual([
      ['', 1],
      ['What Is Fasoracetam?', 10],
      ['Benefits and Effects of Fasoracetam', 2],
      ['May Improve Memory and General Cognition', 3],
      ['May Relieve Anxiety and Depression', 4],
      ['Potential ADHD Treatment', 5],
      ['May Alleviate Withdrawal From Other Drugs', 2],
      ['How It Works', 2],
      ['Restoring Balance To The Glutamate System', 7],
      ['Upregulating GABA', 4],
      ['Increasing Available Acetylcholine', 5],
      ['Dosage', 13],
      ['Side Effects', 5],
      ['Stacking', 0],
      ['Fasoracetam and Choline Stack', 1],
      ['1x–2x per day', 2],
      ['Where to Buy', 3],
      ['Closing Thoughts', 7],
    ]);
  });

  fixtureIt('makes every sentence of a line its own claim, with the markers that follow it', () => {
    expect(claim('Publicly-available human studies')).toEqual({
      text: 'Publicly-available human studies on fasoracetam are limited but positive, indicating it may effectively treat a specific form of childhood ADHD.',
      citations: [],
      citationNeeded: true,
    });
    expect(claim('Animal studies and anecdotal evidence').citations).toEqual([3, 4, 5, 6, 7]);
    // Four sentences on one line; only the second carries a marker.
    expect(claim('Documentation on the clinical trials').citations).toEqual([]);
    expect(claim('On the contrary, maximum effectiveness').citations).toEqual([34]);
    expect(claim('Though this finding is positive').citationNeeded).toBe(true);
    expect(claim('It may be safer to use it cyclically').text).toBe('It may be safer to use it cyclically rather than continuously.');
  });

  fixtureIt('turns [14][15] into two citations and keeps "mGluRs,[24], which" one sentence', () => {
    expect(claim('Though there is no publicly available data')).toMatchObject({
      text: 'Though there is no publicly available data on similar experiments on human subjects, many users say they experience substantial memory improvement when taking it.',
      citations: [14, 15],
      citationNeeded: false,
    });
    expect(claim('Fasoracetam works on a specific group')).toEqual({
      text: 'Fasoracetam works on a specific group of glutamate receptors called metabotropic glutamate receptors, or mGluRs, which play a variety of roles in the body and brain but are mainly involved in learning, memory, and anxiety.',
      citations: [24],
      citationNeeded: false,
    });
  });

  fixtureIt('reads the dosage list items as uncited claims under "1x–2x per day"', () => {
    const dosage = parsed.sections.find((section) => section.heading === '1x–2x per day');
    expect(dosage?.claims).toEqual([
      { text: '20 mg Fasoracetam', citations: [], citationNeeded: true },
      { text: '300 mg CDP Choline', citations: [], citationNeeded: true },
    ]);
  });

  fixtureIt('leaves no [n] marker in any claim text', () => {
    expect(claims.filter((candidate) => /\[\s*\d/.test(candidate.text))).toEqual([]);
    expect(claims.filter((candidate) => /\s[,.;:!?]/.test(candidate.text))).toEqual([]);
  });

  fixtureIt('reports the lines after "References" as skipped instead of reading them as claims', () => {
    expect(parsed.skipped).toEqual([
      { line: 80, text: 'Planning to start a new supplementation regimen? See our medical disclaimer.', reason: expect.any(String) },
      { line: 81, text: 'This page was last updated on July 16, 2021.', reason: expect.any(String) },
    ]);
    expect(claims.some((candidate) => /disclaimer|last updated/.test(candidate.text))).toBe(false);
  });
});
