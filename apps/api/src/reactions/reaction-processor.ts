import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { nameBasedUuid } from '@app/audit';
import {
  articleDecider,
  claimDecider,
  decodeEvent,
  reactionsTo,
  sectionDecider,
  streamIds,
  streamName,
  type Actor,
  type ReactionReads,
} from '@app/domain';
import type { EventStore, RecordedEvent, Subscription } from '@app/event-store';
import { followAppliedEvents, ProjectionEngine } from '@app/projections';
import type { CommandContext } from '../commands/command-context';
import { DecideCommand } from '../commands/decide-command';
import { StreamWriter } from '../commands/stream-writer';
import { CLOCK, EVENT_STORE, type Clock } from '../infrastructure/tokens';

const ATTEMPTS = 5;
const CHECKPOINT_EVERY_MS = 1000;

/**
 * Runs the review workflow's reactions (reactionsTo in the domain) from a checkpoint of their own
 * (see followAppliedEvents). Each reaction is a DecideCommand whose id derives from the causing
 * event and its target, so a replay appends nothing twice. A failing reaction is retried, then
 * recorded in reaction_failures and logged.
 */
@Injectable()
export class ReactionProcessor implements OnApplicationShutdown {
  private readonly logger = new Logger('Reactions');
  private subscription: Subscription | null = null;
  private lastPosition = 0;
  private savedPosition = 0;
  private saveTimer: NodeJS.Timeout | null = null;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly projections: ProjectionEngine,
    private readonly writer: StreamWriter,
    private readonly commandBus: CommandBus,
  ) {
    projections.db.exec(`
      CREATE TABLE IF NOT EXISTS reaction_checkpoint (id INTEGER PRIMARY KEY CHECK (id = 1), position INTEGER NOT NULL);
      INSERT OR IGNORE INTO reaction_checkpoint (id, position) VALUES (1, 0);
      CREATE TABLE IF NOT EXISTS reaction_failures (
        event_position INTEGER NOT NULL, event_type TEXT NOT NULL, stream_id TEXT NOT NULL,
        error TEXT NOT NULL, failed_at INTEGER NOT NULL
      );
    `);
  }

  /** The last position whose reactions have run. */
  get position(): number {
    return this.lastPosition;
  }

  async start(): Promise<void> {
    const saved = this.projections.db.prepare('SELECT position FROM reaction_checkpoint WHERE id = 1').get() as {
      position: number;
    };
    this.lastPosition = saved.position;
    this.savedPosition = saved.position;
    // Caught up, the reactions take events from the read models' own feed rather than reading
    // and parsing each one from the store again.
    this.subscription = followAppliedEvents(this.projections, this.store, { fromPosition: this.lastPosition }, {
      onEvent: async (event) => {
        await this.react(event);
        this.lastPosition = event.position;
        this.saveSoon();
      },
      onError: (error) => this.logger.error(`reactions will resume from ${this.lastPosition}: ${error.message}`),
    });
    await this.subscription.caughtUp;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.subscription?.stop();
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveCheckpoint();
  }

  /**
   * Reactions are idempotent, so their checkpoint may lag behind: it is written at most once a
   * second (and at shutdown), not once per event; after a crash a few reactions run again.
   */
  private saveSoon(): void {
    if (this.saveTimer) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = null;
      this.saveCheckpoint();
    }, CHECKPOINT_EVERY_MS);
    this.saveTimer.unref();
  }

  private saveCheckpoint(): void {
    if (this.lastPosition === this.savedPosition || !this.projections.db.open) return;
    this.projections.db.prepare('UPDATE reaction_checkpoint SET position = ? WHERE id = 1').run(this.lastPosition);
    this.savedPosition = this.lastPosition;
  }

  private async react(event: RecordedEvent): Promise<void> {
    const decoded = decodeEvent(event);
    if (!decoded) return;
    for (const { target, command } of await reactionsTo(decoded, this.reads)) {
      for (let attempt = 1; ; attempt += 1) {
        try {
          await this.commandBus.execute(new DecideCommand(target, command, this.context(event, streamName(target))));
          break;
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          if (attempt < ATTEMPTS) {
            await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
            continue;
          }
          this.logger.error(`reaction to ${event.type} at ${event.position} failed ${ATTEMPTS} times: ${message}`);
          this.projections.db
            .prepare('INSERT INTO reaction_failures (event_position, event_type, stream_id, error, failed_at) VALUES (?, ?, ?, ?, ?)')
            .run(event.position, event.type, event.streamId, message, this.clock());
          break;
        }
      }
    }
  }

  /** The states reactions read: the streams as they are now (the writer's folds, brought up to date). */
  private readonly reads: ReactionReads = {
    claim: async (id) => (await this.writer.load(streamIds.claim(id), claimDecider)).state,
    section: async (id) => (await this.writer.load(streamIds.section(id), sectionDecider)).state,
    article: async (id) => (await this.writer.load(streamIds.article(id), articleDecider)).state,
  };

  private context(cause: RecordedEvent, target: string): CommandContext {
    const actor = cause.metadata.actor as unknown as Actor;
    return {
      actor: { id: actor.id, roles: actor.roles },
      reason: `reaction to ${cause.type} (${cause.streamId} revision ${cause.revision})`,
      commandId: nameBasedUuid('reaction', cause.id, target),
      command: `reaction to ${cause.type}`,
      fingerprint: nameBasedUuid('reaction', cause.id, target),
      clientNamed: false,
      correlationId: String(cause.metadata.correlationId ?? cause.id),
      causationId: cause.id,
      now: this.clock(),
    };
  }
}
