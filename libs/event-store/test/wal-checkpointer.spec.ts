import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { WalCheckpointer } from '../src';
import { waitFor } from './contract';

describe('WAL checkpoints in a worker thread', () => {
  let dir: string;
  let db: Database.Database;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'wal-checkpointer-'));
    db = new Database(join(dir, 'data.db'));
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
  });

  afterEach(async () => {
    db.close();
    await rm(dir, { recursive: true, force: true });
  });

  const commit = (checkpointer: WalCheckpointer, times: number) => {
    const insert = db.prepare('INSERT INTO t (body) VALUES (?)');
    for (let i = 0; i < times; i += 1) {
      insert.run('x'.repeat(3000));
      checkpointer.committed();
    }
  };

  it('leaves SQLite its own checkpoints for a connection that commits little', async () => {
    const checkpointer = new WalCheckpointer(db, join(dir, 'data.db'));
    commit(checkpointer, 10);

    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    await checkpointer.stop();
  });

  it('turns the automatic checkpoints off once busy and copies the WAL into the file from the worker', async () => {
    const file = join(dir, 'data.db');
    const checkpointer = new WalCheckpointer(db, file);
    commit(checkpointer, 300);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    const before = statSync(file).size;
    commit(checkpointer, 300);

    // Only the worker checkpoints now: the database file grows as it copies the WAL's pages in.
    await waitFor(() => statSync(file).size > before + 300 * 3000);
    await checkpointer.stop();
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
  });

  it('keeps a process that has nothing else to do alive until the worker has stopped', () => {
    const script = `
      const Database = require('better-sqlite3');
      const { WalCheckpointer } = require('./libs/event-store/src/sqlite/wal-checkpointer');
      const db = new Database(${JSON.stringify(join(dir, 'child.db'))});
      db.pragma('journal_mode = WAL');
      db.exec('CREATE TABLE t (x)');
      const checkpointer = new WalCheckpointer(db, ${JSON.stringify(join(dir, 'child.db'))});
      for (let i = 0; i < 300; i++) { db.prepare('INSERT INTO t VALUES (1)').run(); checkpointer.committed(); }
      checkpointer.stop().then(() => { db.close(); console.log('stopped'); });
    `;
    const result = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', script], { cwd: join(__dirname, '../../..'), encoding: 'utf8' });
    expect(result.stdout.trim()).toBe('stopped');
  });
});
