/**
 * Growth: p50 mutation latency and the server's resident memory with 10,000 and with 1,000,000
 * events in the store (targets: latency ratio ≤ 1.2, memory ratio ≤ 1.5). The same server and
 * load run against both stores in this run; the large one is filled with a realistic review log.
 *
 *   npm run bench:growth [-- --small 10000 --large 1000000 --seconds 8]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@app/event-store';
import { freePort, rssMiB, spawnTs, stop, waitUntilReady } from './support/processes';
import { round, runLoad } from './support/load';
import { reviewClients } from './support/review-clients';
import { writeSyntheticLog } from './support/synthetic-log';

const SECRET = 'bench-secret-bench-secret-bench-secret';
const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const CLIENTS = 4;

async function measure(events: number, seconds: number) {
  const dir = mkdtempSync(join(tmpdir(), 'bench-growth-'));
  try {
    const store = new SqliteEventStore({ path: join(dir, 'review.db') });
    const filled = await writeSyntheticLog(store, { events });
    await store.close();
    const port = await freePort();
    const started = Date.now();
    const server = spawnTs('apps/api/src/main.ts', {
      PORT: String(port),
      SQLITE_PATH: join(dir, 'review.db'),
      AUTH_JWT_SECRET: SECRET,
      RATE_LIMIT_PER_MINUTE: '0',
      LOG_LEVEL: 'error',
    });
    try {
      await waitUntilReady(`http://127.0.0.1:${port}/health`, server, 900_000);
      await reactionsCaughtUp(`http://127.0.0.1:${port}/health`);
      const readySeconds = (Date.now() - started) / 1000;
      const load = await runLoad(await reviewClients(`http://127.0.0.1:${port}/graphql`, SECRET, CLIENTS), seconds);
      return { events: filled.events, readySeconds: round(readySeconds, 1), p50: load.p50, p99: load.p99, perSecond: round(load.perSecond, 0), rss: rssMiB(server.pid!) };
    } finally {
      await stop(server);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A fresh instance replays the reactions too; measure once they have caught up as well. */
async function reactionsCaughtUp(url: string): Promise<void> {
  for (;;) {
    const health = (await (await fetch(url)).json()) as { store: { lastPosition: number }; reactions: { position: number } };
    if (health.reactions.position >= health.store.lastPosition) return;
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function main(): Promise<void> {
  const seconds = option('seconds', 8);
  const small = await measure(option('small', 10_000), seconds);
  const large = await measure(option('large', 1_000_000), seconds);
  console.log(`Growth: ${CLIENTS} clients revising, checking and approving their own claims for ${seconds} s`);
  console.table({
    small: { events: small.events, 'start s': small.readySeconds, 'mutations/s': small.perSecond, 'p50 ms': small.p50, 'p99 ms': small.p99, 'RSS MiB': small.rss },
    large: { events: large.events, 'start s': large.readySeconds, 'mutations/s': large.perSecond, 'p50 ms': large.p50, 'p99 ms': large.p99, 'RSS MiB': large.rss },
  });
  console.log(
    `p50 latency ratio large/small = ${round(large.p50 / small.p50)} (target ≤ 1.2); memory ratio = ${round(large.rss / small.rss)} (target ≤ 1.5)`,
  );
}

void main();
