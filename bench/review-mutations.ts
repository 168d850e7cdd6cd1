/**
 * Review mutations through GraphQL, beside a bare Apollo Server answering a trivial mutation,
 * driven by the same closed-loop load generator in this process while each server runs in its
 * own. Each client moves its own claim through revision → evidence check → approval, again and
 * again. Judged by the ratio of mutations per second (target ≥ 0.35).
 *
 *   npm run bench:mutations [-- --clients 16 --seconds 10]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { issueToken } from '../apps/api/src/auth/token-issuer';
import { freePort, rssMiB, spawnTs, stop, waitUntilReady } from './support/processes';
import { postJson, round, runLoad, type Client } from './support/load';

const SECRET = 'bench-secret-bench-secret-bench-secret';
const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const CLIENTS = option('clients', 16);
const SECONDS = option('seconds', 10);

const PROPOSE = `mutation($input: ProposeClaimRevisionInput!) { proposeClaimRevision(input: $input) { revision } }`;
const CHECK = `mutation($input: RecordEvidenceCheckInput!) { recordEvidenceCheck(input: $input) { revision } }`;
const APPROVE = `mutation($input: RecordMedicalReviewInput!) { recordMedicalReview(input: $input) { revision } }`;

async function reviewClients(url: string): Promise<Client[]> {
  const editor = await issueToken(SECRET, 'bench-importer', ['EDITOR']);
  const text = ['Bench', ...Array.from({ length: CLIENTS }, (_, i) => `Claim number ${i} is a plain statement.`)].join('\n');
  const imported = await postJson(url, {
    query: `mutation($input: ImportArticleInput!) { importArticle(input: $input) { article { sections { claims { id revision } } } } }`,
    variables: { input: { title: 'Bench article', text } },
  }, editor);
  const article = (imported.data?.importArticle as { article: { sections: Array<{ claims: Array<{ id: string; revision: number }> }> } }).article;
  const claims = article.sections.flatMap((s) => s.claims);
  return Promise.all(
    claims.map(async (claim, i) => {
      const tokens = {
        editor: await issueToken(SECRET, `editor-${i}`, ['EDITOR']),
        checker: await issueToken(SECRET, `checker-${i}`, ['FACT_CHECKER']),
        reviewer: await issueToken(SECRET, `reviewer-${i}`, ['MEDICAL_REVIEWER']),
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

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-mutations-'));
  const basePort = await freePort();
  const base = spawnTs('bench/support/bare-apollo-server.ts', { PORT: String(basePort) });
  const subjectPort = await freePort();
  const subject = spawnTs('apps/api/src/main.ts', {
    PORT: String(subjectPort),
    SQLITE_PATH: join(dir, 'review.db'),
    AUTH_JWT_SECRET: SECRET,
    RATE_LIMIT_PER_MINUTE: '0',
    LOG_LEVEL: 'error',
  }, process.env.CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.CPU_PROF}`] : []);
  try {
    const baseUrl = `http://127.0.0.1:${basePort}/`;
    const subjectUrl = `http://127.0.0.1:${subjectPort}/graphql`;
    await waitUntilReady(`http://127.0.0.1:${basePort}/?query=%7Bok%7D`, base);
    await waitUntilReady(`http://127.0.0.1:${subjectPort}/health`, subject);

    const baseline = await runLoad(
      Array.from({ length: CLIENTS }, () => async () => {
        const res = await postJson(baseUrl, { query: 'mutation { touch(input: "x") }' });
        return !res.errors;
      }),
      SECONDS,
    );
    const review = await runLoad(await reviewClients(subjectUrl), SECONDS);
    const rss = rssMiB(subject.pid!);
    console.log(`Review mutations through GraphQL: ${CLIENTS} concurrent clients, ${SECONDS} s each, after 1 s warm-up`);
    console.table({
      'bare @apollo/server, trivial mutation': { 'mutations/s': round(baseline.perSecond, 0), 'p50 ms': baseline.p50, 'p99 ms': baseline.p99, errors: baseline.errors },
      'review service (revise → check → approve)': { 'mutations/s': round(review.perSecond, 0), 'p50 ms': review.p50, 'p99 ms': review.p99, errors: review.errors },
    });
    console.log(`ratio (review / bare) = ${round(review.perSecond / baseline.perSecond)}  (target ≥ 0.35); server RSS ${rss} MiB`);
  } finally {
    await stop(base);
    await stop(subject);
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
