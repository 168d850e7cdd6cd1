import type { ExpectedRevision } from './event-store.port';

/** Whether a stream whose last revision is `actual` (null: no stream) meets the writer's expectation. */
export function meetsExpectedRevision(expected: ExpectedRevision, actual: number | null): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return actual === null;
    case 'stream_exists':
      return actual !== null;
    default:
      return actual === expected;
  }
}
