import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { EventBus } from '@nestjs/cqrs';
import { ProjectionEngine } from '@app/projections';
import { StoredEvent } from './stored-event';

/**
 * Publishes each event stored while this instance runs on the @nestjs/cqrs EventBus once this
 * instance's read models have applied it — never before, so what the rest of the system sees has
 * happened. The history a start catches up on is not published again (see
 * ProjectionEngine.onApplied): handlers that need it read the store from a checkpoint of their own,
 * as the reactions do.
 */
@Injectable()
export class StoredEventPublisher implements OnModuleDestroy {
  private readonly unsubscribe: () => void;

  constructor(eventBus: EventBus, projections: ProjectionEngine) {
    this.unsubscribe = projections.onApplied(({ event }) => eventBus.publish(new StoredEvent(event)));
  }

  onModuleDestroy(): void {
    this.unsubscribe();
  }
}
