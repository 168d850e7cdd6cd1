import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { authorize, LIMITS, NotFound, type Actor, type UserCommandName } from '@app/domain';
import { ProjectionEngine, ReadModels } from '@app/projections';
import type { CommandContext } from '../commands/command-context';
import type { CommandOutcome } from '../commands/command-outcome';
import { commandFingerprint } from '../commands/command-registry';
import { CLOCK, type Clock } from '../infrastructure/tokens';
import * as valid from './input-validation';
import { MutationRateLimiter } from './mutation-rate-limiter';
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

/**
 * What every mutation does around its command: authenticate, check the role, rate-limit,
 * validate the common fields, send the command, wait until the read models hold its events
 * (read-your-writes), and answer with the state after them.
 */
@Injectable()
export class MutationGateway {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly projections: ProjectionEngine,
    private readonly readModels: ReadModels,
    private readonly rateLimiter: MutationRateLimiter,
    @Inject(CLOCK) private readonly clock: Clock,
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

  sectionTarget(input: SectionActionInput): [string, number] {
    return [valid.id(input.sectionId, 'sectionId'), valid.revision(input.expectedRevision)];
  }

  async send<T extends CommandOutcome>(command: { context: CommandContext }): Promise<T> {
    const outcome = await this.commandBus.execute<object, T>(command);
    if (outcome.position !== null) await this.projections.waitFor(outcome.position);
    return outcome;
  }

  claimAfter(outcome: CommandOutcome) {
    return this.found(this.readModels.claim(outcome.id), 'claim', outcome.id);
  }

  sectionAfter(outcome: CommandOutcome) {
    return this.found(this.readModels.section(outcome.id), 'section', outcome.id);
  }

  articleAfter(outcome: CommandOutcome) {
    return this.found(this.readModels.article(outcome.id), 'article', outcome.id);
  }

  found<T>(value: T | null, kind: string, id: string): T {
    if (value === null) throw new NotFound(`${kind} ${id} does not exist`);
    return value;
  }
}
