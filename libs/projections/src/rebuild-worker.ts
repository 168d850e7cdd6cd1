/**
 * A rebuild's worker thread: folds pages of the log into change sets, which the projection engine
 * writes on its own thread while this one folds the next. See ProjectionEngine.rebuildInWorker.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { JsonObject } from '@app/event-store';
import { ReadModelFold, auditFields } from './read-model-fold';
import type { FromRebuildWorker, RebuildJob, ToRebuildWorker } from './rebuild-job';

type PageRow = [position: number, streamId: string, revision: number, type: string, data: JsonObject, recordedAt: number, actorId: unknown, occurredAt: unknown];

/** Change sets written by the engine lag at most this many behind the fold. */
const IN_FLIGHT = 2;

const port = parentPort!;
const job = workerData as RebuildJob;
if (!Object.values(job.start.empty).every(Boolean)) throw new Error('a worker rebuild starts from empty read models');
// The tables are empty and the fold keeps all it writes, so it never needs to read them back.
const fold = new ReadModelFold(job.start, { article: () => undefined, section: () => undefined, claim: () => undefined, name: () => undefined });
const decoder = new TextDecoder();
const pages: Uint8Array[] = [];
let noMorePages = false;
let unwritten = 0;
let sinceTake = 0;
let stopped = false;

const send = (message: FromRebuildWorker) => port.postMessage(message);

function takeAndSend(): void {
  sinceTake = 0;
  const changes = fold.take();
  if (changes) {
    unwritten += 1;
    send({ kind: 'changes', changes });
  }
}

/** Folds the pages received while the engine keeps up with the writes; ends after the last. */
function work(): void {
  while (!stopped && unwritten < IN_FLIGHT && pages.length > 0) {
    const rows = JSON.parse(decoder.decode(pages.shift())) as PageRow[];
    for (const [position, streamId, revision, type, data, recordedAt, actorId, occurredAt] of rows) {
      fold.apply({ position, streamId, revision, type, data, ...auditFields(actorId, occurredAt, recordedAt) });
    }
    sinceTake += rows.length;
    send({ kind: 'page-done' });
    // Past the cache limit the fold would have to read rows back that the engine may not have
    // written yet: stop here and leave the rest to the engine.
    if (fold.exceeds(job.cacheLimit)) {
      takeAndSend();
      stopped = true;
      send({ kind: 'end', reason: 'cache-full' });
    } else if (sinceTake >= job.batchSize) {
      takeAndSend();
    }
  }
  if (!stopped && noMorePages && pages.length === 0) {
    takeAndSend();
    stopped = true;
    send({ kind: 'end', reason: 'drained' });
  }
  // Nothing more to hear once stopped: let the thread end (what it sent is still delivered).
  if (stopped) port.unref();
}

port.on('message', (message: ToRebuildWorker) => {
  if (message.kind === 'page') pages.push(message.json);
  else if (message.kind === 'written') unwritten -= 1;
  else noMorePages = true;
  work();
});
