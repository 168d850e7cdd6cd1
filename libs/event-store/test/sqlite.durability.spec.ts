import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../src';
import { exitOf, spawnFixture } from './support/spawn-fixture';

describe('SQLite event store durability', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'event-store-durability-'));
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps every acknowledged event, with contiguous revisions, when the writing process is killed mid-load', async () => {
    const path = join(dir, 'events.db');
    const child = spawnFixture('append-until-killed.ts', [path]);
    const exited = exitOf(child);
    const acknowledged: { stream: string; id: string }[] = [];
    let pending = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        const lines = (pending + chunk.toString()).split('\n');
        pending = lines.pop() ?? '';
        for (const line of lines) {
          const [stream, id] = line.split(' ');
          acknowledged.push({ stream, id });
        }
        if (acknowledged.length >= 2_000) {
          child.kill('SIGKILL');
          resolve();
        }
      });
      void exited.then(({ code }) => reject(new Error(`child exited by itself (code ${code}): ${stderr}`)));
    });
    expect(await exited).toMatchObject({ signal: 'SIGKILL' });

    const store = new SqliteEventStore({ path });
    try {
      const stored = await store.readAll({ maxCount: 1_000_000 });
      const storedIds = new Set(stored.map((event) => event.id));
      expect(acknowledged.filter(({ id }) => !storedIds.has(id))).toEqual([]);
      const streams = new Set(stored.map((event) => event.streamId));
      for (const stream of streams) {
        const revisions = (await store.readStream(stream)).map((event) => event.revision);
        expect(revisions).toEqual(revisions.map((_, i) => i));
      }
      expect(stored.every((event, i) => i === 0 || event.position > stored[i - 1].position)).toBe(true);
    } finally {
      await store.close();
    }
  }, 60_000);
});
