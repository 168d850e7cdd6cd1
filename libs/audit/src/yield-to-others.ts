import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * Lets whatever waits on the event loop run (other requests, /health, commits) before a long
 * piece of work goes on: each page of a whole-store verification or an export ends with one.
 */
export function yieldToOthers(): Promise<void> {
  return nextTurn();
}
