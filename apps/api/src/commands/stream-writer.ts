import { Inject, Injectable } from '@nestjs/common';
import { chainHash, eventIdFor, SCHEMA_VERSION } from '@app/audit';
import { NotFound, fold, type Decider, type DomainEvent } from '@app/domain';
import {
  ConcurrencyConflict,
  type EventStore,
  type JsonObject,
  type NewEvent,
  type RecordedEvent,
} from '@app/event-store';
import { EVENT_STORE } from '../infrastructure/tokens';
import type { CommandContext } from './command-context';
import { RevisionConflict } from './revision-conflict';

export interface LoadedStream<S> {
  state: S;
  /** Revision of the last event; null when the stream does not exist. */
  revision: number | null;
  events: RecordedEvent[];
}

export interface WriteResult<S> {
  state: S;
  revision: number | null;
  /** Global position of the last event this command wrote (or wrote before, on a retry); null for no-ops. */
  position: number | null;
  /** The command had already been handled: nothing new was written. */
  duplicate: boolean;
}

export interface WriteRequest<C, E extends DomainEvent, S> {
  streamId: string;
  decider: Decider<C, E, S>;
  /**
   * The command, or a function building it from the stream's state once it is known to exist
   * and to be at the expected revision (to read what its guards need from other streams).
   */
  command: C | ((state: S) => C | Promise<C>);
  context: CommandContext;
  /**
   * The revision the client decided on. Omitted for reactions and stream creation: they append
   * against the revision just read and, on a race, read and decide again.
   */
  expectedRevision?: number;
  /** Whether the stream must already exist (NOT_FOUND otherwise). */
  mustExist: boolean;
  notFoundMessage?: string;
}

const REACTION_RETRIES = 5;

/**
 * The one write path: read the stream, fold it, decide, append with the expected revision.
 * Events are chained (hash over the previous event of the stream) and carry the command's
 * metadata; their ids derive from the command id, so a retried command appends nothing twice.
 */
@Injectable()
export class StreamWriter {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async load<C, E extends DomainEvent, S>(streamId: string, decider: Decider<C, E, S>): Promise<LoadedStream<S>> {
    const events = await this.store.readStream(streamId);
    const state = fold(decider, events as unknown as E[]);
    return { state, revision: events.length > 0 ? events[events.length - 1].revision : null, events };
  }

  async write<C, E extends DomainEvent, S>(request: WriteRequest<C, E, S>): Promise<WriteResult<S>> {
    for (let attempt = 0; ; attempt += 1) {
      const loaded = await this.load(request.streamId, request.decider);
      const earlier = loaded.events.filter((e) => e.metadata.commandId === request.context.commandId);
      if (earlier.length > 0) {
        return {
          state: loaded.state,
          revision: loaded.revision,
          position: earlier[earlier.length - 1].position,
          duplicate: true,
        };
      }
      if (request.mustExist && loaded.revision === null) {
        throw new NotFound(request.notFoundMessage ?? `${request.streamId} does not exist`);
      }
      if (request.expectedRevision !== undefined && request.expectedRevision !== loaded.revision) {
        throw new RevisionConflict(request.streamId, request.expectedRevision, loaded.revision);
      }
      const command =
        typeof request.command === 'function'
          ? await (request.command as (state: S) => C | Promise<C>)(loaded.state)
          : request.command;
      const decided = request.decider.decide(command, loaded.state);
      if (decided.length === 0) {
        return { state: loaded.state, revision: loaded.revision, position: null, duplicate: false };
      }
      const toAppend = this.envelope(request.streamId, decided, loaded, request.context);
      try {
        const result = await this.store.append(request.streamId, toAppend, {
          expectedRevision: loaded.revision ?? 'no_stream',
        });
        const state = decided.reduce((s, e) => request.decider.evolve(s, e), loaded.state);
        return { state, revision: result.nextRevision, position: result.position, duplicate: false };
      } catch (error) {
        if (!(error instanceof ConcurrencyConflict)) throw error;
        // Someone wrote between our read and our append. A client that named its revision must
        // decide again on the new state; a reaction or a creation reads again and retries.
        if (request.expectedRevision !== undefined) {
          throw new RevisionConflict(request.streamId, request.expectedRevision, error.actual);
        }
        if (attempt >= REACTION_RETRIES) throw error;
      }
    }
  }

  private envelope<E extends DomainEvent, S>(
    streamId: string,
    events: E[],
    loaded: LoadedStream<S>,
    context: CommandContext,
  ): NewEvent[] {
    let previousHash = loaded.events.length > 0 ? String(loaded.events[loaded.events.length - 1].metadata.hash) : null;
    let revision = loaded.revision ?? -1;
    return events.map((event, index) => {
      revision += 1;
      const data = event.data as unknown as JsonObject;
      const metadata: JsonObject = {
        actor: { id: context.actor.id, roles: [...context.actor.roles] },
        occurredAt: context.now,
        reason: context.reason,
        correlationId: context.correlationId,
        causationId: context.causationId,
        commandId: context.commandId,
        schemaVersion: SCHEMA_VERSION,
        previousHash,
      };
      const hash = chainHash({ streamId, revision, type: event.type, data, metadata, previousHash });
      previousHash = hash;
      return { id: eventIdFor(context.commandId, streamId, index), type: event.type, data, metadata: { ...metadata, hash } };
    });
  }
}
