import { issueToken } from '../../apps/api/src/auth/token-issuer';
import { postJson, type Client } from './load';

const PROPOSE = `mutation($input: ProposeClaimRevisionInput!) { proposeClaimRevision(input: $input) { revision } }`;
const CHECK = `mutation($input: RecordEvidenceCheckInput!) { recordEvidenceCheck(input: $input) { revision } }`;
const APPROVE = `mutation($input: RecordMedicalReviewInput!) { recordMedicalReview(input: $input) { revision } }`;

/**
 * One client per claim of a freshly imported article; each moves its own claim through revision →
 * evidence check → approval, with its own editor, checker and reviewer (so four-eyes holds).
 */
export async function reviewClients(url: string, secret: string, count: number): Promise<Client[]> {
  const editor = await issueToken(secret, 'bench-importer', ['EDITOR']);
  const text = ['Bench', ...Array.from({ length: count }, (_, i) => `Claim number ${i} is a plain statement.`)].join('\n');
  const imported = await postJson(url, {
    query: `mutation($input: ImportArticleInput!) { importArticle(input: $input) { article { sections { claims { id revision } } } } }`,
    variables: { input: { title: 'Bench article', text } },
  }, editor);
  const article = (imported.data?.importArticle as { article: { sections: Array<{ claims: Array<{ id: string; revision: number }> }> } }).article;
  const claims = article.sections.flatMap((s) => s.claims);
  return Promise.all(
    claims.map(async (claim, i) => {
      const tokens = {
        editor: await issueToken(secret, `editor-${i}`, ['EDITOR']),
        checker: await issueToken(secret, `checker-${i}`, ['FACT_CHECKER']),
        reviewer: await issueToken(secret, `reviewer-${i}`, ['MEDICAL_REVIEWER']),
      };
      let revision = claim.revision;
      let step = 0;
      let n = 0;
      return async () => {
        const input =
          step === 0
            ? { claimId: claim.id, expectedRevision: revision, text: `Claim ${i}, wording ${(n += 1)}.`, citations: [], reason: 'bench' }
            : step === 1
              ? { claimId: claim.id, expectedRevision: revision, verdict: 'PASS', noCitationNeeded: true, reason: 'bench' }
              : { claimId: claim.id, expectedRevision: revision, decision: 'APPROVE', reason: 'bench' };
        const query = [PROPOSE, CHECK, APPROVE][step];
        const token = [tokens.editor, tokens.checker, tokens.reviewer][step];
        const res = await postJson(url, { query, variables: { input } }, token);
        if (res.errors || !res.data) return false;
        revision = (Object.values(res.data)[0] as { revision: number }).revision;
        step = (step + 1) % 3;
        return true;
      };
    }),
  );
}
