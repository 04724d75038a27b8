// The composition root: configuration, database, core, adapters and the HTTP server, and their shutdown.
// It lives outside bot/ because it is the one place that knows every adapter.
import type { Config } from '../bot/config/env.js';
import { seedDemoIfEmpty } from '../bot/admin/demo.js';
import type { Logger } from '../bot/log/logger.js';
import type { Db } from '../db/db.js';
import { migrate } from '../db/migrate.js';
import { openServerDatabase } from '../db/open.js';
import { healthRoutes } from './http/health.js';
import { createMetrics } from './http/metrics.js';
import type { Route } from './http/route.js';
import { startHttpServer } from './http/server.js';

export interface RunningLeerkans {
  port: number;
  url: string;
  db: Db;
  stop(): Promise<void>;
}

export async function startLeerkans(config: Config, logger: Logger): Promise<RunningLeerkans> {
  const started = Date.now();
  const db = await openServerDatabase(config);
  try {
    const applied = await migrate(db);
    if (applied.length > 0) logger.info({ event: 'db.migrated', applied }, 'database migrations applied');
    const seedDemo = config.LEERKANS_DEMO === 'on' || (config.LEERKANS_DEMO === 'auto' && !config.DATABASE_URL);
    if (seedDemo)
      await seedDemoIfEmpty(db, { timeZone: config.LEERKANS_TIMEZONE, locale: config.LEERKANS_LOCALE }, logger);

    const metrics = createMetrics();
    const routes: Route[] = [...healthRoutes(db, metrics)];
    const http = await startHttpServer({ port: config.PORT, routes: () => routes, logger, metrics });
    const url = `http://localhost:${http.port}`;
    logger.info(
      { event: 'server.started', port: http.port, database: db.description, ms: Date.now() - started },
      `Leerkans is running at ${url}/`,
    );
    let stopping: Promise<void> | undefined;
    return {
      port: http.port,
      url,
      db,
      stop() {
        stopping ??= (async () => {
          logger.info({ event: 'server.stopping' }, 'stopping: no new requests, finishing in-flight work');
          await http.stop();
          await db.close();
          logger.info({ event: 'server.stopped' }, 'stopped');
        })();
        return stopping;
      },
    };
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
}
