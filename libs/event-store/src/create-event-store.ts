import type { EventStore } from './event-store.port';
import { EventStoreDbEventStore } from './eventstoredb/eventstoredb-event-store';
import type { SqliteDurability } from './sqlite/sqlite-database';
import { SqliteEventStore } from './sqlite/sqlite-event-store';

export type EventStoreConfig =
  | { kind: 'sqlite'; path: string; durability?: SqliteDurability }
  | { kind: 'eventstoredb'; url: string };

/** The store the configuration names. Neither adapter touches disk or network before first use. */
export function createEventStore(config: EventStoreConfig): EventStore {
  switch (config.kind) {
    case 'sqlite':
      return new SqliteEventStore({ path: config.path, durability: config.durability });
    case 'eventstoredb':
      return new EventStoreDbEventStore({ url: config.url });
  }
}
