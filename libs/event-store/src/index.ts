export type {
  AppendOptions,
  AppendResult,
  EventFilter,
  EventStore,
  ExpectedRevision,
  Json,
  JsonObject,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StoreStatus,
  SubscribeOptions,
  Subscription,
  StreamAppend,
  SubscriptionHandler,
} from './event-store.port';
export { ConcurrencyConflict, InvalidAppend, StoreUnavailable } from './errors';
export { SqliteEventStore, type SqliteEventStoreOptions } from './sqlite/sqlite-event-store';
export { SqliteLogScanner, type ScannedPage } from './sqlite/sqlite-log-scanner';
export type { SqliteDurability } from './sqlite/sqlite-database';
export { FileLock } from './sqlite/file-lock';
export { WalCheckpointer } from './sqlite/wal-checkpointer';
export { EventStoreDbEventStore, type EventStoreDbEventStoreOptions } from './eventstoredb/eventstoredb-event-store';
export { PostgresEventStore, type PostgresEventStoreOptions } from './postgres/postgres-event-store';
export { createEventStore, type EventStoreConfig } from './create-event-store';
