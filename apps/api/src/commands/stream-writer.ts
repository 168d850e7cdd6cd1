import { Inject, Injectable } from '@nestjs/common';
import { chainHash, eventIdFor, nameBasedUuid, SCHEMA_VERSION } from '@app/audit';
import { DomainError, NotFound, fold, type Decider } from '@app/domain';
import {
  ConcurrencyConflict,
  type AppendResult,
  type EventStore,
  type JsonObject,
  type NewEvent,
  type StreamAppend,
} from '@app/event-store';
import { EVENT_STORE } from '../infrastructure/tokens';
import type { CommandContext } from './command-context';
import { registryDecider } from './command-registry';
import { RevisionConflict } from './revision-conflict';

/** What a decider's events look like: a type and data the store keeps as JSON. */
export interface StreamEvent {
  type: string;
  data: object;
}

export interface LoadedStream<S> {
  state: S;
  /** Revision of the last event; null when the stream does not exist. */
  revision: number | null;
  /** Hash of the last event: the next event chains to it. */
  lastHash: string | null;
  /** Global position of the last event each command id wrote to this stream. */
  commands: ReadonlyMap<string, number>;
}

interface CachedStream {
  revision: number;
  state: unknown;
  lastHash: string | null;
  commands: Map<string, number>;
}

/** Folded streams kept in memory; enough for every stream under active review. */
const CACHED_STREAMS = 5_000;

export interface WriteResult<S> {
  state: S;
  revision: number | null;
  /** Global position of the last event this command wrote (or wrote before, on a retry); null for no-ops. */
  position: number | null;
  /** The command had already been handled: nothing new was written. */
  duplicate: boolean;
}

/** A stream to create: its decider and the command that starts it. */
export interface CreateRequest<C, E extends StreamEvent, S> {
  streamId: string;
  decider: Decider<C, E, S>;
  command: C;
}

export type CommandBuilder<C, S> = (state: S, reads: { fresh: boolean }) => C | Promise<C>;

export interface WriteRequest<C, E extends StreamEvent, S> {
  streamId: string;
  decider: Decider<C, E, S>;
  /**
   * The command, or a function building it from the stream's state once it is known to exist
   * and to be at the expected revision (to read what its guards need from other streams). A
   * builder may read facts that only ever grow (an article's references) from the cache when
   * `fresh` is false: if the command is then refused, it is built again with `fresh` true and
   * decided again, so a refusal always stands on what the store holds.
   */
  command: C | CommandBuilder<C, S>;
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
  /**
   * Folded states by stream, least recently used first. A load reads only the events after the
   * cached revision, so it stays cheap however long a stream grows, and it still sees what other
   * processes appended. States are immutable (evolve returns new objects), so sharing is safe.
   */
  private readonly cache = new Map<string, CachedStream>();

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** The cached fold as it is, without asking the store; null when nothing is cached. */
  cached<S>(streamId: string): S | null {
    return (this.cache.get(streamId)?.state as S | undefined) ?? null;
  }

  /**
   * The stream as the store holds it now: the cached fold brought up to date with whatever was
   * appended since (by this process or any other). What guards that span streams read.
   */
  async load<C, E extends StreamEvent, S>(streamId: string, decider: Decider<C, E, S>): Promise<LoadedStream<S>> {
    const cached = this.cache.get(streamId);
    const events = await this.store.readStream(streamId, { fromRevision: cached ? cached.revision + 1 : 0 });
    if (!cached && events.length === 0) {
      return { state: decider.initialState, revision: null, lastHash: null, commands: new Map() };
    }
    // An entry's state is never changed in place: a concurrent load may be folding from it. Its
    // command map only ever grows with events that are in the stream, so sharing it is safe.
    let entry: CachedStream = cached ?? { revision: -1, state: decider.initialState, lastHash: null, commands: new Map() };
    if (events.length > 0) {
      for (const event of events) entry.commands.set(String(event.metadata.commandId), event.position);
      entry = {
        revision: events[events.length - 1].revision,
        state: fold({ initialState: entry.state as S, evolve: decider.evolve }, events as unknown as E[]),
        lastHash: String(events[events.length - 1].metadata.hash),
        commands: entry.commands,
      };
    }
    this.remember(streamId, entry);
    return { state: entry.state as S, revision: entry.revision, lastHash: entry.lastHash, commands: entry.commands };
  }

  /**
   * The stream a command writes to is taken from the cache as it is, without asking the store:
   * the append's expected revision is the cached one, so if another process has written since,
   * the store refuses it and the command reads the stream and decides again. Nothing is ever
   * written on a stale state; a stale cache only costs a second try.
   */
  async write<C, E extends StreamEvent, S>(request: WriteRequest<C, E, S>): Promise<WriteResult<S>> {
    let fresh = false;
    for (let attempt = 0; ; attempt += 1) {
      const cached: CachedStream | undefined = fresh ? undefined : this.cache.get(request.streamId);
      const loaded: LoadedStream<S> = cached
        ? { state: cached.state as S, revision: cached.revision, lastHash: cached.lastHash, commands: cached.commands }
        : await this.load(request.streamId, request.decider);
      fresh = !cached;
      // A key used before for another request is refused before anything else is looked at.
      const registration = await this.registration(request.context);
      const earlier = loaded.commands.get(request.context.commandId);
      if (earlier !== undefined) {
        return { state: loaded.state, revision: loaded.revision, position: earlier, duplicate: true };
      }
      if (cached && request.expectedRevision !== undefined && request.expectedRevision !== loaded.revision) {
        // The client may have seen a revision newer than the cache: ask the store before refusing.
        fresh = true;
        attempt -= 1;
        continue;
      }
      if (request.mustExist && loaded.revision === null) {
        throw new NotFound(request.notFoundMessage ?? `${request.streamId} does not exist`);
      }
      if (request.expectedRevision !== undefined && request.expectedRevision !== loaded.revision) {
        throw new RevisionConflict(request.streamId, request.expectedRevision, loaded.revision);
      }
      const decided = await this.decide(request, loaded.state);
      if (decided.length === 0) {
        return { state: loaded.state, revision: loaded.revision, position: null, duplicate: false };
      }
      const toAppend = this.envelope(request.streamId, decided, loaded, request.context);
      try {
        const [result] = await this.appendWith(registration, [
          { streamId: request.streamId, events: toAppend, options: { expectedRevision: loaded.revision ?? 'no_stream' } },
        ]);
        if (result.alreadyStored) {
          // Another process (a replica running the same reaction) stored this command first: its
          // events, whose hashes and times are not these, are the stream's. Answer from the store.
          this.cache.delete(request.streamId);
          const stored = await this.load(request.streamId, request.decider);
          return { state: stored.state, revision: stored.revision, position: result.position, duplicate: true };
        }
        const state = decided.reduce((s, e) => request.decider.evolve(s, e), loaded.state);
        if (result.nextRevision === (loaded.revision ?? -1) + decided.length) {
          // Stored right after what was loaded: the cache may move on to the state just decided.
          this.remember(request.streamId, {
            revision: result.nextRevision,
            state,
            lastHash: String(toAppend[toAppend.length - 1].metadata.hash),
            commands: (loaded.commands as Map<string, number>).set(request.context.commandId, result.position),
          });
        }
        return { state, revision: result.nextRevision, position: result.position, duplicate: false };
      } catch (error) {
        if (!(error instanceof ConcurrencyConflict)) throw error;
        // Another request took the key first: the next round's registration says which it was.
        if (registration && error.streamId === registration.streamId) continue;
        if (!fresh) {
          // The cache was behind the store: read the stream and decide again.
          fresh = true;
          continue;
        }
        // Someone wrote between our read and our append. A client that named its revision must
        // decide again on the new state; a reaction or a creation reads again and retries.
        if (request.expectedRevision !== undefined) {
          throw new RevisionConflict(request.streamId, request.expectedRevision, error.actual);
        }
        if (attempt >= REACTION_RETRIES) throw error;
      }
    }
  }

  private async decide<C, E extends StreamEvent, S>(request: WriteRequest<C, E, S>, state: S): Promise<E[]> {
    if (typeof request.command !== 'function') return request.decider.decide(request.command, state);
    const build = request.command as CommandBuilder<C, S>;
    try {
      return request.decider.decide(await build(state, { fresh: false }), state);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return request.decider.decide(await build(state, { fresh: true }), state);
    }
  }

  /**
   * Creates several streams in one atomic append where the store can (then a refused one writes
   * none), else one after the other in the order given, so the caller puts last the stream that
   * makes the others visible. Each command is decided on its stream's initial state. Sent again
   * (the same command ids), every stream is already there and nothing is appended twice.
   */
  async createAll(requests: Array<CreateRequest<unknown, StreamEvent, unknown>>, context: CommandContext): Promise<{ position: number | null }> {
    if (!this.store.appendAtomically) {
      let position: number | null = null;
      for (const request of requests) {
        const written = await this.write({ ...request, mustExist: false, context });
        if (written.position !== null) position = Math.max(position ?? 0, written.position);
      }
      return { position };
    }
    const empty: LoadedStream<unknown> = { state: null, revision: null, lastHash: null, commands: new Map() };
    const appends = requests.map((request) => {
      const events = request.decider.decide(request.command, request.decider.initialState);
      return { streamId: request.streamId, events: this.envelope(request.streamId, events, empty, context), options: { expectedRevision: 'no_stream' as const } };
    });
    for (;;) {
      const registration = await this.registration(context);
      try {
        const results = await this.appendWith(registration, appends);
        return { position: results.length > 0 ? Math.max(...results.map((result) => result.position)) : null };
      } catch (error) {
        if (!(error instanceof ConcurrencyConflict && registration && error.streamId === registration.streamId)) throw error;
      }
    }
  }

  /**
   * The events that hold a client-chosen key to this request (CommandReceived on
   * `command-<commandId>`), to be written together with the request's first append; null when
   * the service chose the id or the key already names this very request. CommandIdReused when it
   * names another.
   */
  private async registration(context: CommandContext): Promise<StreamAppend | null> {
    if (!context.clientNamed) return null;
    const streamId = `command-${context.commandId}`;
    const loaded = await this.load(streamId, registryDecider);
    const events = registryDecider.decide(
      { commandId: context.commandId, fingerprint: context.fingerprint, command: context.command, userId: context.actor.id },
      loaded.state,
    );
    if (events.length === 0) return null;
    // Its own command id, one per request, so the chain's metadata says which request took the key.
    const own = { ...context, commandId: nameBasedUuid('command-registry', context.commandId, context.fingerprint) };
    return { streamId, events: this.envelope(streamId, events, loaded, own), options: { expectedRevision: 'no_stream' } };
  }

  /**
   * The appends, with the key's registration when there is one: in one atomic append where the
   * store can, so a command that is refused or fails leaves no registration behind; else the
   * registration first (on EventStoreDB a key is then spent even if its command fails after).
   */
  private async appendWith(registration: StreamAppend | null, appends: StreamAppend[]): Promise<AppendResult[]> {
    if (registration === null) {
      if (appends.length === 1) return [await this.store.append(appends[0].streamId, appends[0].events, appends[0].options)];
      return this.store.appendAtomically!(appends);
    }
    if (this.store.appendAtomically) return (await this.store.appendAtomically([...appends, registration])).slice(0, appends.length);
    await this.store.append(registration.streamId, registration.events, registration.options);
    const results: AppendResult[] = [];
    for (const part of appends) results.push(await this.store.append(part.streamId, part.events, part.options));
    return results;
  }

  /** Keeps the newer of what is cached and `entry`, as the most recently used. */
  private remember(streamId: string, entry: CachedStream): void {
    const current = this.cache.get(streamId);
    if (current && current.revision > entry.revision) return;
    this.cache.delete(streamId);
    this.cache.set(streamId, entry);
    if (this.cache.size > CACHED_STREAMS) this.cache.delete(this.cache.keys().next().value as string);
  }

  private envelope<E extends StreamEvent, S>(
    streamId: string,
    events: E[],
    loaded: LoadedStream<S>,
    context: CommandContext,
  ): NewEvent[] {
    let previousHash = loaded.lastHash;
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
