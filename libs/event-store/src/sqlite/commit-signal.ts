import { resolve } from 'node:path';

/** Told which store committed, so a store can tell another's commit from its own. */
type Listener = (source: object) => void;

/**
 * Tells every SqliteEventStore of this process that opened the same file that a commit happened,
 * so their subscriptions wake at once instead of at the next poll. Writes by other processes are
 * noticed by polling (see SqliteEventStore); this only shortens the in-process path.
 */
const listenersByFile = new Map<string, Set<Listener>>();

export function fileKey(path: string): string {
  return resolve(path);
}

export function onCommit(file: string, listener: Listener): () => void {
  let listeners = listenersByFile.get(file);
  if (!listeners) {
    listeners = new Set();
    listenersByFile.set(file, listeners);
  }
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && listenersByFile.get(file) === listeners) listenersByFile.delete(file);
  };
}

export function signalCommit(file: string, source: object): void {
  const listeners = listenersByFile.get(file);
  if (listeners) for (const listener of listeners) listener(source);
}
