import type { RecordedEvent } from '@app/event-store';

/** Published on the EventBus for every event once it is stored (never before). */
export class StoredEvent {
  constructor(readonly event: RecordedEvent) {}
}
