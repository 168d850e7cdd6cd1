import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { authorize, LIMITS, NotFound, type Actor, type StreamKind, type StreamRef, type UserCommandName } from '@app/domain';
import { ProjectionEngine, ReadModels } from '@app/projections';
import type { CommandContext } from '../commands/command-context';
import type { CommandOutcome } from '../commands/command-outcome';
import { commandFingerprint } from '../commands/command-registry';
import { DecideCommand, type CommandInput, type CommandsOf } from '../commands/decide-command';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG, CLOCK, type Clock } from '../infrastructure/tokens';
import * as valid from './input-validation';
import { MutationRateLimiter } from './mutation-rate-limiter';
import { readModelsAt } from './read-after';
import type { RequestContext } from './request-context';

export interface CommonInput {
  reason: string;
  commandId?: string | null;
}

/** What begin needs of any mutation's input: its commandId, and its reason where it takes one. */
export interface MutationInput {
  reason?: string;
  commandId?: string | null;
}
export interface SectionActionInput extends CommonInput {
  sectionId: string;
  expectedRevision: number;
}

/** Each stream kind's answer to a mutation on it: the entity as the read models hold it after. */
type EntityKind = Exclude<StreamKind, 'discussion'>;
const AFTER: { [K in EntityKind]: (readModels: ReadModels, id: string) => unknown } = {
  article: (readModels, id) => readModels.article(id),
  section: (readModels, id) => readModels.section(id),
  claim: (readModels, id) => readModels.claim(id),
};

/**
 * What every mutation does around its command: authenticate, check the role, rate-limit,
 * validate the common fields, send the command, wait until the read models hold its events
 * (read-your-writes), and answer with the state after them and its store position.
 */
@Injectable()
export class MutationGateway {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly projections: ProjectionEngine,
    private readonly readModels: ReadModels,
    private readonly rateLimiter: MutationRateLimiter,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** UNAUTHENTICATED, then FORBIDDEN, then the rate limit, then the common fields' shape. */
  async begin(ctx: RequestContext, name: UserCommandName, input: MutationInput): Promise<CommandContext> {
    const actor: Actor = await ctx.actor();
    authorize(actor, name);
    this.rateLimiter.take(actor.id);
    const reason = input.reason === undefined ? null : valid.text(input.reason, 'reason', LIMITS.reason, { multiline: true });
    const named = valid.commandId(input.commandId);
    const { commandId: _commandId, ...request } = input;
    return {
      actor,
      reason,
      commandId: named ?? randomUUID(),
      command: name,
      fingerprint: commandFingerprint(actor.id, name, request),
      clientNamed: named !== null,
      correlationId: ctx.requestId,
      causationId: null,
      now: this.clock(),
    };
  }

  /**
   * A command on one stream, decided against the client's revision (DecideCommand), answered
   * with that stream's entity once the read models hold the events.
   */
  async decide<K extends EntityKind>(
    ctx: RequestContext,
    target: StreamRef<K>,
    command: CommandInput<CommandsOf[K]>,
    context: CommandContext,
    expectedRevision: number,
  ) {
    const id = valid.id(target.id, `${target.kind}Id`);
    const outcome = await this.send(ctx, new DecideCommand({ kind: target.kind, id }, command, context, valid.revision(expectedRevision)));
    return this.found(AFTER[target.kind](this.readModels, outcome.id), target.kind, outcome.id);
  }

  async send<T extends CommandOutcome>(ctx: RequestContext, command: { context: CommandContext }): Promise<T> {
    const outcome = await this.commandBus.execute<object, T>(command);
    if (outcome.position !== null) {
      ctx.storePosition = Math.max(ctx.storePosition ?? 0, outcome.position);
      await readModelsAt(this.projections, outcome.position, this.config.readModelWaitMs, true);
    }
    return outcome;
  }

  sectionAfter(outcome: CommandOutcome) {
    return this.found(this.readModels.section(outcome.id), 'section', outcome.id);
  }

  found<T>(value: T | null, kind: string, id: string): T {
    if (value === null) throw new NotFound(`${kind} ${id} does not exist`);
    return value;
  }
}
