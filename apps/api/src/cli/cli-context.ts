import 'reflect-metadata';
import { Module, type DynamicModule, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandsModule } from '../commands/commands.module';
import { loadConfig, type AppConfig } from '../config/app-config';
import { StoreModule } from '../infrastructure/store.module';
import { AppLogger } from '../logging/app-logger';

@Module({})
class CliModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: CliModule, imports: [StoreModule.forRoot(config), CommandsModule] };
  }
}

/**
 * The write side and the configured store, without HTTP or read models: what the command-line
 * tools need. A running server sees what they append through its subscription.
 */
export async function cliContext(): Promise<{ app: INestApplicationContext; config: AppConfig }> {
  // The CLI needs no token secret; give the loader one so it does not ask for it.
  const config = loadConfig({ AUTH_JWT_SECRET: 'x'.repeat(32), ...process.env });
  const app = await NestFactory.createApplicationContext(CliModule.forRoot(config), { logger: new AppLogger('warn') });
  return { app, config };
}
