import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { nameBasedUuid } from '@app/audit';
import type { Actor } from '@app/domain';
import { ProjectionEngine, ReadModels, type ClaimRecord } from '@app/projections';
import type { CommandContext } from '../commands/command-context';
import { DecideCommand } from '../commands/decide-command';
import { RevisionConflict } from '../commands/revision-conflict';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG, CLOCK, type Clock } from '../infrastructure/tokens';

/** Who expires approvals: no person, and no role (it can do nothing else). */
export const REVIEW_SCHEDULER: Actor = { id: 'system:review-scheduler', roles: [] };

/** At most this many claims are expired per page, so one check never holds the event loop long. */
const PAGE = 100;

/**
 * Every APPROVAL_CHECK_INTERVAL, appends ClaimApprovalExpired to each claim whose approval is
 * past its reviewDueAt (found in the read models, decided on the claim's own stream at the
 * revision the read model showed). The command id derives from the claim and its due time, so a
 * restart, a second replica or a stale read model appends nothing twice: the stream already holds
 * that command, or has moved on (a revision conflict, left for the next check).
 *
 * It runs whatever APPROVAL_VALIDITY is now: `off` gives new approvals no due date, and the due
 * dates already recorded still hold.
 */
@Injectable()
export class ReviewScheduler implements OnApplicationShutdown {
  private readonly logger = new Logger('ReviewScheduler');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly readModels: ReadModels,
    private readonly projections: ProjectionEngine,
    private readonly commandBus: CommandBus,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.check(), this.config.approvalCheckIntervalMs);
    this.timer.unref();
    void this.check();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** One pass: expires what is due now. A pass still running when the next is due is not doubled. */
  check(): Promise<void> {
    this.running ??= this.expireDue().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async expireDue(): Promise<void> {
    try {
      const now = this.clock();
      const skipped = new Set<string>();
      for (;;) {
        // Claims left as they were (changed since the read model saw them) stay in the list: ask for as many more.
        const limit = PAGE + skipped.size;
        const due = this.readModels.reviewDue(now + 1, null, limit, null).items.map((item) => item.node);
        for (const claim of due.filter((c) => !skipped.has(c.id))) {
          if (!(await this.expire(claim))) skipped.add(claim.id);
        }
        if (due.length < limit) return;
      }
    } catch (error) {
      this.logger.error(`approval check failed, next in ${this.config.approvalCheckIntervalMs} ms: ${(error as Error).message}`);
    }
  }

  /** True when the claim's expiry was appended (and the read models hold it). */
  private async expire(claim: ClaimRecord): Promise<boolean> {
    const dueAt = claim.reviewDueAt as number;
    const commandId = nameBasedUuid('approval-expiry', claim.id, String(dueAt));
    const context: CommandContext = {
      actor: REVIEW_SCHEDULER,
      reason: `the approval of text revision ${claim.textRevision} was due for review at ${new Date(dueAt).toISOString()}`,
      commandId,
      command: 'expireApproval',
      fingerprint: commandId,
      clientNamed: false,
      correlationId: commandId,
      causationId: null,
      now: this.clock(),
    };
    try {
      const outcome = await this.commandBus.execute(
        new DecideCommand({ kind: 'claim', id: claim.id }, { type: 'ExpireApproval' }, context, claim.revision),
      );
      if (outcome.position === null) return false;
      await this.projections.waitFor(outcome.position);
      return true;
    } catch (error) {
      // Changed since the read model saw it: the next check looks again.
      if (error instanceof RevisionConflict) return false;
      throw error;
    }
  }
}
