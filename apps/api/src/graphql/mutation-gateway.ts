import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { authorize, LIMITS, NotFound, type Actor, type UserCommandName } from '@app/domain';
import { ProjectionEngine, ReadModels } from '@app/projections';
import type { CommandContext } from '../commands/command-context';
import type { CommandOutcome } from '../commands/command-outcome';
import { CLOCK, type Clock } from '../infrastructure/tokens';
import * as valid from './input-validation';
import { MutationRateLimiter } from './mutation-rate-limiter';
import type { RequestContext } from './request-context';

export interface CommonInput {
  reason: string;
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
  async begin(ctx: RequestContext, name: UserCommandName, input: CommonInput): Promise<CommandContext> {
    const actor: Actor = await ctx.actor();
    authorize(actor, name);
    this.rateLimiter.take(actor.id);
    const reason = valid.text(input.reason, 'reason', LIMITS.reason, { multiline: true });
    const commandId = valid.commandId(input.commandId) ?? randomUUID();
    return {
      actor,
      reason,
      commandId,
      correlationId: ctx.requestId,
      causationId: null,
      now: this.clock(),
    };
  }

  sectionTarget(input: SectionActionInput): [string, number] {
    return [valid.id(input.sectionId, 'sectionId'), valid.revision(input.expectedRevision)];
  }

  async send<T extends CommandOutcome>(command: object): Promise<T> {
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
