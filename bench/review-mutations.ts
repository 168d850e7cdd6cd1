/**
 * Review mutations through GraphQL, judged against a bare Apollo Server, in one run:
 * - baseline: a bare standalone `@apollo/server` answering a trivial mutation `touch(input)`;
 * - platform: this service answering a trivial query (`{ __typename }`), the ceiling of
 *   Fastify + Nest + Apollo before any of our work;
 * - review: this service, each connection moving its own claim through revision → evidence
 *   check → approval with its own editor, checker and reviewer, again and again.
 *
 * Load generator: autocannon (its own HTTP client; per-connection request scripts set up through
 * `setupClient`) in this process, while each server runs in a process of its own; closed loop,
 * `--clients` connections (default 16). Both servers run with NODE_ENV=production, as the
 * Dockerfile deploys the service (graphql-js then skips its development-only checks). Rounds alternate between the three (after a warm-up of
 * each), so a change in the machine's load hits all alike; the medians are reported. Judged by
 * review / baseline mutations per second (target ≥ 0.5) and the review p99 (target ≤ 25 ms).
 *
 *   npm run bench:mutations [-- --clients 16 --seconds 5 --rounds 5]
 *   CPU_PROF=/tmp/prof npm run bench:mutations   # the service's --cpu-prof, written at exit
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildService, cpuSeconds, freePort, rssMiB, spawnCompiled, spawnService, stop, waitUntilReady } from './support/processes';
import { fixedRequest, median, round, runLoad, type ConnectionScript, type LoadResult } from './support/load';
import { reviewClients } from './support/review-clients';

const SECRET = 'bench-secret-bench-secret-bench-secret';
const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const CLIENTS = option('clients', 16);
const SECONDS = option('seconds', 5);
const ROUNDS = option('rounds', 5);
const WARMUP_SECONDS = 3;

interface Subject {
  name: string;
  url: string;
  /** The server's process, whose CPU time per request is reported beside the rate. */
  pid: number;
  connections: ConnectionScript[];
  before?: () => Promise<void>;
  rounds: Measured[];
}

type Measured = LoadResult & { cpuMicros: number };

/** One round; with the server's CPU time per answered request, which other load on the machine does not change. */
async function measure(subject: Subject, seconds: number): Promise<Measured> {
  await subject.before?.();
  const cpuBefore = cpuSeconds(subject.pid);
  const result = await runLoad({ url: subject.url, connections: subject.connections, seconds });
  return { ...result, cpuMicros: Math.round(((cpuSeconds(subject.pid) - cpuBefore) * 1e6) / Math.max(1, result.requests + result.errors)) };
}

async function main(): Promise<void> {
  buildService();
  const dir = mkdtempSync(join(tmpdir(), 'bench-mutations-'));
  const basePort = await freePort();
  const base = spawnCompiled('bench/support/bare-apollo-server.ts', { PORT: String(basePort), NODE_ENV: 'production' });
  const servicePort = await freePort();
  const service = spawnService({
    PORT: String(servicePort),
    SQLITE_PATH: join(dir, 'review.db'),
    AUTH_JWT_SECRET: SECRET,
    RATE_LIMIT_PER_MINUTE: '0',
    LOG_LEVEL: 'error',
    NODE_ENV: 'production',
  }, process.env.CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.CPU_PROF}`] : []);
  try {
    const baseUrl = `http://127.0.0.1:${basePort}/`;
    const serviceUrl = `http://127.0.0.1:${servicePort}/graphql`;
    await waitUntilReady(`http://127.0.0.1:${basePort}/?query=%7Bok%7D`, base);
    await waitUntilReady(`http://127.0.0.1:${servicePort}/health`, service);

    const same = (script: ConnectionScript) => Array.from({ length: CLIENTS }, () => script);
    const review = await reviewClients(serviceUrl, SECRET, CLIENTS);
    const subjects: Subject[] = [
      { name: 'bare @apollo/server, trivial mutation', url: baseUrl, pid: base.pid!, connections: same(fixedRequest({ query: 'mutation { touch(input: "x") }' })), rounds: [] },
      { name: 'this service, trivial query { __typename }', url: serviceUrl, pid: service.pid!, connections: same(fixedRequest({ query: '{ __typename }' })), rounds: [] },
      { name: 'review mutations (revise → check → approve)', url: serviceUrl, pid: service.pid!, connections: review.connections, before: review.resync, rounds: [] },
    ];
    for (const subject of subjects) await measure(subject, WARMUP_SECONDS);
    for (let r = 0; r < ROUNDS; r += 1) {
      for (const subject of subjects) subject.rounds.push(await measure(subject, SECONDS));
    }
    const [baseline, platform, reviewed] = subjects.map((subject) => median(subject.rounds) as Measured);
    console.log(
      `Review mutations through GraphQL: ${CLIENTS} connections (autocannon, closed loop), ${ROUNDS} alternating rounds of ${SECONDS} s each, medians`,
    );
    console.table(
      Object.fromEntries(
        subjects.map((subject, i) => {
          const m = [baseline, platform, reviewed][i];
          return [subject.name, { 'requests/s': round(m.perSecond, 0), 'p50 ms': m.p50, 'p99 ms': m.p99, errors: m.errors, 'server CPU µs/request': m.cpuMicros }];
        }),
      ),
    );
    console.log(`rounds, review mutations/s: ${subjects[2].rounds.map((r) => round(r.perSecond, 0)).join(', ')}`);
    console.log(`ratio review / bare = ${round(reviewed.perSecond / baseline.perSecond)}  (target ≥ 0.5; review p99 ${reviewed.p99} ms, target ≤ 25)`);
    console.log(`ratio platform / bare = ${round(platform.perSecond / baseline.perSecond)}  (the ceiling of the platform); service RSS ${rssMiB(service.pid!)} MiB`);
  } finally {
    await stop(base);
    await stop(service);
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
