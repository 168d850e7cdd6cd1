/**
 * Growth: p50 mutation latency and the server's resident memory with 10,000 and with 1,000,000
 * events in the store (targets: latency ratio ≤ 1.2, memory ratio ≤ 1.5). The same server and
 * load run against both stores in this run; the large one is filled with a realistic review log.
 *
 *   npm run bench:growth [-- --small 10000 --large 1000000 --seconds 8]
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@app/event-store';
import { buildService, freePort, rssMiB, spawnService, stop, waitUntilReady } from './support/processes';
import { median, round, runLoad, type LoadResult } from './support/load';
import { reviewClients } from './support/review-clients';
import { writeSyntheticLog } from './support/synthetic-log';

const SECRET = 'bench-secret-bench-secret-bench-secret';
const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const CLIENTS = 4;
const ROUNDS = 3;

interface Instance {
  events: number;
  readySeconds: number;
  url: string;
  server: ChildProcess;
  dir: string;
}

/** A server on a store filled with `events` events, ready and with its reactions caught up. */
async function startInstance(events: number): Promise<Instance> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-growth-'));
  const store = new SqliteEventStore({ path: join(dir, 'review.db') });
  const filled = await writeSyntheticLog(store, { events });
  await store.close();
  const port = await freePort();
  const started = Date.now();
  const server = spawnService({
    PORT: String(port),
    SQLITE_PATH: join(dir, 'review.db'),
    AUTH_JWT_SECRET: SECRET,
    RATE_LIMIT_PER_MINUTE: '0',
    LOG_LEVEL: 'error',
  });
  await waitUntilReady(`http://127.0.0.1:${port}/health`, server, 900_000);
  await reactionsCaughtUp(`http://127.0.0.1:${port}/health`);
  return { events: filled.events, readySeconds: round((Date.now() - started) / 1000, 1), url: `http://127.0.0.1:${port}`, server, dir };
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
  const seconds = option('seconds', 12);
  buildService();
  const instances: Instance[] = [];
  try {
    const small = await startInstance(option('small', 10_000));
    instances.push(small);
    const large = await startInstance(option('large', 1_000_000));
    instances.push(large);
    // Both servers stay up; their rounds alternate so the machine's mood hits both alike.
    const clients = await Promise.all(instances.map(async (i) => reviewClients(`${i.url}/graphql`, SECRET, CLIENTS)));
    const rounds: LoadResult[][] = [[], []];
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const [k, review] of clients.entries()) {
        await review.resync();
        rounds[k].push(await runLoad({ url: `${instances[k].url}/graphql`, connections: review.connections, seconds: seconds / ROUNDS }));
      }
    }
    const [s, l] = rounds.map(median);
    const [sRss, lRss] = instances.map((i) => rssMiB(i.server.pid!));
    console.log(`Growth: ${CLIENTS} clients revising, checking and approving their own claims, ${ROUNDS} alternating rounds of ${seconds / ROUNDS} s (medians)`);
    console.table({
      small: { events: small.events, 'start s': small.readySeconds, 'mutations/s': round(s.perSecond, 0), 'p50 ms': s.p50, 'p99 ms': s.p99, 'RSS MiB': sRss },
      large: { events: large.events, 'start s': large.readySeconds, 'mutations/s': round(l.perSecond, 0), 'p50 ms': l.p50, 'p99 ms': l.p99, 'RSS MiB': lRss },
    });
    console.log(`p50 latency ratio large/small = ${round(l.p50 / s.p50)} (target ≤ 1.2); memory ratio = ${round(lRss / sRss)} (target ≤ 1.5)`);
  } finally {
    for (const instance of instances) {
      await stop(instance.server);
      rmSync(instance.dir, { recursive: true, force: true });
    }
  }
}

void main();
