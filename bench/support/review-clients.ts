import { issueToken } from '../../apps/api/src/auth/token-issuer';
import { jsonHeaders, postJson, type ConnectionScript } from './load';

const PROPOSE = `mutation($input: ProposeClaimRevisionInput!) { proposeClaimRevision(input: $input) { revision state } }`;
const CHECK = `mutation($input: RecordEvidenceCheckInput!) { recordEvidenceCheck(input: $input) { revision state } }`;
const APPROVE = `mutation($input: RecordMedicalReviewInput!) { recordMedicalReview(input: $input) { revision state } }`;

export interface ReviewClients {
  connections: ConnectionScript[];
  /**
   * Reads every claim's revision and state again. A round ends with requests in flight whose
   * answers the load generator drops, so each round starts from what the server holds.
   */
  resync(): Promise<void>;
}

/**
 * One connection per claim of a freshly imported article; each moves its own claim through
 * revision → evidence check → approval, with its own editor, checker and reviewer (so four-eyes
 * holds), sending back the revision the last answer gave.
 */
export async function reviewClients(url: string, secret: string, count: number): Promise<ReviewClients> {
  const editor = await issueToken(secret, 'bench-importer', ['EDITOR']);
  const text = ['Bench', ...Array.from({ length: count }, (_, i) => `Claim number ${i} is a plain statement.`)].join('\n');
  const imported = await postJson(url, {
    query: `mutation($input: ImportArticleInput!) { importArticle(input: $input) { article { sections { claims { id } } } } }`,
    variables: { input: { title: `Bench article ${Date.now()}`, text } },
  }, editor);
  const article = (imported.data?.importArticle as { article: { sections: Array<{ claims: Array<{ id: string }> }> } }).article;
  const claims = article.sections.flatMap((section) => section.claims);
  const clients = await Promise.all(
    claims.map(async (claim, i) => {
      const tokens = {
        editor: await issueToken(secret, `editor-${i}`, ['EDITOR']),
        checker: await issueToken(secret, `checker-${i}`, ['FACT_CHECKER']),
        reviewer: await issueToken(secret, `reviewer-${i}`, ['MEDICAL_REVIEWER']),
      };
      let revision = 0;
      let state = 'DRAFTED';
      let wording = 0;
      /** The next step for the claim as it stands. */
      const nextBody = () => {
        const input = { claimId: claim.id, expectedRevision: revision, reason: 'bench' };
        if (state === 'DRAFTED') return { token: tokens.checker, query: CHECK, input: { ...input, verdict: 'PASS', noCitationNeeded: true } };
        if (state === 'EVIDENCE_CHECKED') return { token: tokens.reviewer, query: APPROVE, input: { ...input, decision: 'APPROVE' } };
        return { token: tokens.editor, query: PROPOSE, input: { ...input, text: `Claim ${i}, wording ${(wording += 1)}.`, citations: [] } };
      };
      const script: ConnectionScript = () => [
        {
          headers: jsonHeaders(),
          setupRequest: (request) => {
            const { token, query, input } = nextBody();
            return { ...request, headers: jsonHeaders(token), body: JSON.stringify({ query, variables: { input } }) };
          },
          onResponse: (status, body) => {
            const answer = status === 200 ? /"revision":(\d+),"state":"(\w+)"/.exec(body) : null;
            if (answer) [revision, state] = [Number(answer[1]), answer[2]];
          },
        },
      ];
      const resync = async () => {
        const res = await postJson(url, { query: 'query($id: ID!) { claim(id: $id) { revision state } }', variables: { id: claim.id } }, tokens.editor);
        ({ revision, state } = res.data?.claim as { revision: number; state: string });
      };
      return { script, resync };
    }),
  );
  return {
    connections: clients.map((client) => client.script),
    resync: async () => {
      await Promise.all(clients.map((client) => client.resync()));
    },
  };
}
