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
import { freePort, rssMiB, spawnTs, stop, waitUntilReady } from './support/processes';
import { median, postJson, round, runLoad, type LoadResult } from './support/load';
import { reviewClients } from './support/review-clients';

const SECRET = 'bench-secret-bench-secret-bench-secret';
const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const CLIENTS = option('clients', 16);
const SECONDS = option('seconds', 12);
const ROUNDS = 3;

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

    // Alternating rounds, so a change in the machine's load hits both sides alike; medians reported.
    const baselineClients = Array.from({ length: CLIENTS }, () => async () => {
      const res = await postJson(baseUrl, { query: 'mutation { touch(input: "x") }' });
      return !res.errors;
    });
    const subjectClients = await reviewClients(subjectUrl, SECRET, CLIENTS);
    const baselineRounds: LoadResult[] = [];
    const reviewRounds: LoadResult[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      baselineRounds.push(await runLoad(baselineClients, SECONDS / ROUNDS));
      reviewRounds.push(await runLoad(subjectClients, SECONDS / ROUNDS));
    }
    const baseline = median(baselineRounds);
    const review = median(reviewRounds);
    const rss = rssMiB(subject.pid!);
    console.log(`Review mutations through GraphQL: ${CLIENTS} concurrent clients, ${ROUNDS} alternating rounds of ${SECONDS / ROUNDS} s each (medians)`);
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
