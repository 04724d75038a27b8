// Shared by the benchmarks: percentiles, a loopback HTTP server for a set of routes, the databases to compare.
import { createMetrics } from '../app/http/metrics.js';
import type { Route } from '../adapters/shared/route.js';
import { type HttpServer, startHttpServer } from '../app/http/server.js';
import { seedDemoIfEmpty } from '../bot/admin/demo.js';
import type { Bot } from '../bot/core/bot.js';
import { createLeerkansBot as createBot } from '../bot/routes.js';
import { DeterministicAssistant } from '../bot/llm/client.js';
import { silentLogger } from '../bot/log/logger.js';
import type { Db } from '../db/db.js';
import { migrate } from '../db/migrate.js';
import { createPgDb } from '../db/pg-driver.js';
import { createPGliteDb, openPGlite } from '../db/pglite-driver.js';
import { createPostgresTestDatabase } from '../test/support/databases.js';

/** The p-th percentile of an ascending list (nearest rank); NaN for an empty list. */
export const percentile = (sorted: number[], p: number): number =>
  sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

export const serve = (routes: Route[]): Promise<HttpServer> =>
  startHttpServer({ port: 0, host: '127.0.0.1', routes: () => routes, logger: silentLogger, metrics: createMetrics() });

/** The real core on an in-memory PGlite with the demo roster: what the adapter benchmarks put behind their route. */
export async function startDemoCore(): Promise<{ db: Db; bot: Bot }> {
  const db = createPGliteDb(await openPGlite(), 'pglite (bench)');
  await migrate(db);
  await seedDemoIfEmpty(db, { timeZone: 'Europe/Brussels', locale: 'nl-BE' }, silentLogger);
  const bot = createBot({
    db,
    assistant: new DeterministicAssistant(),
    logger: silentLogger,
    settings: { defaultLocale: 'nl-BE', defaultTimeZone: 'Europe/Brussels', helpline: 'Tele-Onthaal 106' },
  });
  return { db, bot };
}

export interface BenchDatabase {
  /** For tables: 'PGlite (in memory)' or 'PostgreSQL'. */
  name: string;
  kind: 'pglite' | 'postgres';
  /** An empty database (not migrated); dispose() closes it and, on PostgreSQL, drops it. */
  open(): Promise<{ db: Db; dispose(): Promise<void> }>;
}

/**
 * The databases a database benchmark compares: in-memory PGlite (opened as the product opens it), and PostgreSQL
 * when DATABASE_URL is set (a fresh database per open, with a pool of poolSize connections, dropped afterwards).
 */
export function benchDatabases(poolSize: number): BenchDatabase[] {
  const targets: BenchDatabase[] = [
    {
      name: 'PGlite (in memory)',
      kind: 'pglite',
      async open() {
        const db = createPGliteDb(await openPGlite(), 'bench');
        return { db, dispose: () => db.close() };
      },
    },
  ];
  const adminUrl = process.env.DATABASE_URL;
  if (adminUrl) {
    targets.push({
      name: 'PostgreSQL',
      kind: 'postgres',
      async open() {
        const created = await createPostgresTestDatabase(adminUrl);
        const db = createPgDb({ connectionString: created.url, max: poolSize });
        return {
          db,
          async dispose() {
            await db.close();
            await created.drop();
          },
        };
      },
    });
  }
  return targets;
}
