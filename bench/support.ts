// Shared by the benchmarks: percentiles and a loopback HTTP server for a set of routes.
import { createMetrics } from '../app/http/metrics.js';
import type { Route } from '../app/http/route.js';
import { type HttpServer, startHttpServer } from '../app/http/server.js';
import { seedDemoIfEmpty } from '../bot/admin/demo.js';
import type { Bot } from '../bot/core/bot.js';
import { createBot } from '../bot/core/create-bot.js';
import { DeterministicAssistant } from '../bot/llm/client.js';
import { silentLogger } from '../bot/log/logger.js';
import type { Db } from '../db/db.js';
import { migrate } from '../db/migrate.js';
import { createPGliteDb, openPGlite } from '../db/pglite-driver.js';

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
