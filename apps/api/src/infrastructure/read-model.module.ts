import { Global, Logger, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import type { EventStore } from '@app/event-store';
import { ProjectionEngine, ReadModels, ReadModelsInUse } from '@app/projections';
import { ConfigError, type AppConfig } from '../config/app-config';
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
            try {
              return new ProjectionEngine(store, {
                path: config.readModelPath,
                onRebuild: (report) =>
                  logger.log({ msg: 'read models rebuilt from the log', ...report, seconds: Math.round(report.seconds * 10) / 10 }),
                onError: (error, retryInMs) =>
                  logger.error({ msg: 'read models stopped following the store; /health is 503 until they start again', retryInMs, cause: error.stack ?? error.message }),
                onRecovered: () => logger.log({ msg: 'read models follow the store again' }),
              });
            } catch (error) {
              if (error instanceof ReadModelsInUse) {
                throw new ConfigError(`READ_MODEL_PATH: ${error.message}: give each API process its own READ_MODEL_PATH`);
              }
              throw error;
            }
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
