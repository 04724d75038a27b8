// `npm start`: validate the configuration, start everything, stop gracefully on SIGTERM / SIGINT.
import { ConfigError, loadConfig } from '../bot/config/env.js';
import { createLogger } from '../bot/log/logger.js';
import { DataDirLockedError } from '../db/data-dir-lock.js';
import { startLeerkans } from './main.js';

async function run(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`leerkans: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger(config.LOG_LEVEL, 'leerkans', config.LOG_FORMAT);
  // The first line a person sees says where to look; the database may take a few seconds on a first start.
  logger.info(
    { event: 'server.starting', port: config.PORT },
    config.PORT === 0
      ? 'Leerkans is starting'
      : `Leerkans is starting: the playground will be at http://localhost:${config.PORT}/`,
  );
  let running: Awaited<ReturnType<typeof startLeerkans>>;
  try {
    running = await startLeerkans(config, logger);
  } catch (error) {
    const message = error instanceof DataDirLockedError ? error.message : (error as Error).message;
    logger.fatal({ err: error }, 'start-up failed');
    process.stderr.write(`leerkans: ${message}\n`);
    process.exit(1);
  }
  const shutdown = (signal: string) => {
    logger.info({ signal }, 'signal received');
    running.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

await run();
