import type { EventStore } from './event-store.port';
import { EventStoreDbEventStore } from './eventstoredb/eventstoredb-event-store';
import { PostgresEventStore } from './postgres/postgres-event-store';
import type { SqliteDurability } from './sqlite/sqlite-database';
import { SqliteEventStore } from './sqlite/sqlite-event-store';

export type EventStoreConfig =
  | { kind: 'sqlite'; path: string; durability?: SqliteDurability }
  | { kind: 'eventstoredb'; url: string }
  | { kind: 'postgres'; url: string; poolSize?: number };

/** The store the configuration names. No adapter touches disk or network before first use. */
export function createEventStore(config: EventStoreConfig): EventStore {
  switch (config.kind) {
    case 'sqlite':
      return new SqliteEventStore({ path: config.path, durability: config.durability });
    case 'eventstoredb':
      return new EventStoreDbEventStore({ url: config.url });
    case 'postgres':
      return new PostgresEventStore({ url: config.url, poolSize: config.poolSize });
  }
}
