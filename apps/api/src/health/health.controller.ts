import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { EventStore } from '@app/event-store';
import { ProjectionEngine } from '@app/projections';
import { ReactionProcessor } from '../reactions/reaction-processor';
import { EVENT_STORE } from '../infrastructure/tokens';

/**
 * 200 once the service can serve: the store answers and the read models have caught up with it
 * and follow it live; 503 otherwise, with what is wrong. A live read model trails the store by
 * the events being applied at that moment (`lag`), which under load is never zero: that is not
 * a reason to take the instance out of a load balancer.
 */
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly projections: ProjectionEngine,
    private readonly reactions: ReactionProcessor,
  ) {}

  @Get()
  async health(@Res() reply: FastifyReply): Promise<void> {
    const store = await this.store.status().catch((error: unknown) => ({
      ok: false,
      adapter: 'unknown',
      detail: error instanceof Error ? error.message : 'unreachable',
      lastPosition: undefined,
    }));
    const storePosition = store.lastPosition ?? 0;
    const readModels = {
      position: this.projections.position,
      lag: Math.max(0, storePosition - this.projections.position),
      caughtUp: store.ok && this.projections.live && this.projections.error === null,
      error: this.projections.error?.message ?? null,
    };
    const ok = store.ok && readModels.caughtUp;
    await reply.status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).send({
      status: ok ? 'ok' : 'unavailable',
      store: { adapter: store.adapter, ok: store.ok, lastPosition: store.lastPosition ?? null, detail: store.detail ?? null },
      readModels,
      reactions: { position: this.reactions.position },
    });
  }
}
