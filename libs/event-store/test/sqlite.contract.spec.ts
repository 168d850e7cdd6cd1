import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../src';
import { describeAtomicAppendContract, describeEventStoreContract, type StoreUnderTest } from './contract';

async function sqliteStore(): Promise<StoreUnderTest> {
  const dir = await mkdtemp(join(tmpdir(), 'event-store-contract-'));
  const store = new SqliteEventStore({ path: join(dir, 'events.db') });
  return {
    store,
    cleanup: async () => {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

describeEventStoreContract('SQLite', sqliteStore);
describeAtomicAppendContract('SQLite', sqliteStore);
