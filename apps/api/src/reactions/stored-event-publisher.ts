import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { EventBus } from '@nestjs/cqrs';
import { ProjectionEngine } from '@app/projections';
import { StoredEvent } from './stored-event';

/**
 * Publishes every event on the @nestjs/cqrs EventBus once it is stored and this instance's read
 * models have applied it — never before, so what the rest of the system sees has happened.
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
