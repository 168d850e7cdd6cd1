import type { AllStreamResolvedEvent, StreamingRead } from '@eventstore/db-client';
import { Readable } from 'node:stream';

/**
 * Stands in for the client's ReadStream in unit tests of our own reading logic: yields `records`
 * and then, unless it `ends`, stays open like a paused gRPC call; records each cancel().
 */
export class RecordingRead<E> extends Readable implements StreamingRead<E> {
  cancels = 0;

  constructor(
    records: E[],
    private readonly options: { ends: boolean; cancelFails?: boolean },
  ) {
    super({ objectMode: true, read: () => undefined });
    for (const record of records) this.push(record);
    if (options.ends) this.push(null);
  }

  async cancel(): Promise<void> {
    this.cancels++;
    if (this.options.cancelFails) throw new Error('no call to cancel');
  }
}

/** A record of $all as the client hands it over: a JSON event at `position` (commit = prepare). */
export function allStreamRecord(position: number, streamId: string, type = 'ClaimDrafted'): AllStreamResolvedEvent {
  return {
    event: {
      streamId,
      id: `00000000-0000-4000-8000-${String(position).padStart(12, '0')}`,
      isJson: true,
      revision: 0n,
      type,
      created: new Date(0),
      data: { position },
      metadata: {},
      position: { commit: BigInt(position), prepare: BigInt(position) },
    },
  };
}
