import { Global, Logger, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import type { EventStore } from '@app/event-store';
import { ProjectionEngine, ReadModels } from '@app/projections';
import type { AppConfig } from '../config/app-config';
import { EVENT_STORE } from './tokens';

/** This instance's read models, fed from the store's subscription (README.md, "Architecture"). */
@Global()
@Module({})
export class ReadModelModule implements OnApplicationShutdown {
  constructor(private readonly projections: ProjectionEngine) {}

  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ReadModelModule,
      providers: [
        {
          provide: ProjectionEngine,
          inject: [EVENT_STORE],
          useFactory: (store: EventStore) => {
            const logger = new Logger('ReadModels');
            return new ProjectionEngine(store, {
              path: config.readModelPath,
              onRebuild: (report) =>
                logger.log({ msg: 'read models rebuilt from the log', ...report, seconds: Math.round(report.seconds * 10) / 10 }),
            });
          },
        },
        { provide: ReadModels, inject: [ProjectionEngine], useFactory: (engine: ProjectionEngine) => new ReadModels(engine.db) },
      ],
      exports: [ProjectionEngine, ReadModels],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.projections.close();
  }
}
