import { Logger } from '@nestjs/common';
import { createApp } from './bootstrap';
import { ConfigError, loadConfig } from './config/app-config';
import { seedDemo } from './demo/demo-seeder';
import { AppLogger } from './logging/app-logger';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApp(config);
  if (config.demo) await seedDemo(app, config);
  await app.listen(config.port, '0.0.0.0');
  new Logger('Main').log({
    msg: 'listening',
    url: `http://localhost:${config.port}/graphql`,
    store: config.eventStore.kind,
    readModels: config.readModelPath,
  });
}

main().catch((error: unknown) => {
  const logger = new AppLogger('error');
  if (error instanceof ConfigError) logger.error(`configuration: ${error.message}`);
  else logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
