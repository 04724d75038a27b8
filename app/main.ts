// The composition root: configuration, database, core, adapters and the HTTP server, and their shutdown.
// It lives outside bot/ because it is the one place that knows every adapter.
import { createSlackAdapter } from '../adapters/slack/index.js';
import { createTeamsAdapter } from '../adapters/teams/index.js';
import { createWebAdapter } from '../adapters/web/index.js';
import { seedDemoIfEmpty } from '../bot/admin/demo.js';
import type { Config } from '../bot/config/env.js';
import { createBot } from '../bot/core/create-bot.js';
import { createHousekeeping } from '../bot/core/housekeeping.js';
import type { Platform, Surface } from '../bot/core/types.js';
import { createDigestPlanner } from '../bot/digest/plan.js';
import { planFeedbackCards } from '../bot/flows/feedback/plan-cards.js';
import { createAssistant } from '../bot/llm/client.js';
import { createNarrator } from '../bot/llm/narrative.js';
import type { Logger } from '../bot/log/logger.js';
import { createDispatcher } from '../bot/outbox/dispatcher.js';
import { createWorkLoop } from '../bot/outbox/work-loop.js';
import type { Db } from '../db/db.js';
import { migrate } from '../db/migrate.js';
import { outboxHealth } from '../db/queries/outbox.js';
import { openServerDatabase } from '../db/open.js';
import { chartBaseUrl } from './digest-command.js';
import { chartRoutes } from './http/charts.js';
import { healthRoutes } from './http/health.js';
import { createMetrics, registerOutboxGauge } from './http/metrics.js';
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

    const llm = { apiKey: config.OPENAI_API_KEY, baseURL: config.OPENAI_BASE_URL, model: config.OPENAI_MODEL };
    // Chart links must reach this server: PUBLIC_URL, or the port it listens on (PORT=0 is known once listening).
    const charts: { base?: string | undefined } = { base: chartBaseUrl(config) };
    if (!charts.base) {
      logger.warn(
        { event: 'charts.disabled' },
        'PUBLIC_URL is not set: Slack and Teams cannot fetch chart images, so digests and progress views go without charts',
      );
    }
    const bot = createBot({
      db,
      assistant: createAssistant(llm, logger),
      logger,
      settings: {
        defaultLocale: config.LEERKANS_LOCALE,
        defaultTimeZone: config.LEERKANS_TIMEZONE,
        helpline: config.LEERKANS_HELPLINE,
        get chartBaseUrl() {
          return charts.base;
        },
      },
    });
    const web = createWebAdapter({ bot, logger });
    // Null (and an info line in the log) without SLACK_BOT_TOKEN; throws on an empty signing secret in HTTP mode.
    const slack = createSlackAdapter({
      config,
      bot,
      logger,
      // PGlite runs on this thread: one turn at a time after the ack keeps acks fast; PostgreSQL can take several.
      maxConcurrentTurns: db.kind === 'pg' ? 8 : 1,
    });
    const teams = createTeamsAdapter({ config, bot, logger });
    const surfaces = new Map<Platform, Surface>([
      ['web', web.surface],
      ['teams', teams.surface],
    ]);
    if (slack) surfaces.set('slack', slack.surface);
    // Locally (no Teams app id, no Slack token) people with no chat identity yet reach the playground, which knows
    // everyone by email. In production such messages wait until the person installs the app or writes the bot.
    const playgroundOnly = !config.MicrosoftAppId && !slack;
    const dispatcher = createDispatcher({
      db,
      surfaces: () => surfaces,
      logger,
      ...(playgroundOnly ? { fallbackPlatform: 'web' as const } : {}),
    });
    const digests = createDigestPlanner(db, {
      narrator: createNarrator(llm, logger),
      get chartBaseUrl() {
        return charts.base;
      },
      defaultTimeZone: config.LEERKANS_TIMEZONE,
      reminderDays: config.LEERKANS_MENTOR_REMINDER_DAYS,
      logger,
    });
    const work = createWorkLoop(
      [
        { name: 'plan-feedback-cards', run: () => planFeedbackCards(db, logger) },
        { name: 'plan-digests', run: () => digests.run() },
        { name: 'send-outbox', run: () => dispatcher.tick() },
        { name: 'housekeeping', run: createHousekeeping(db) },
      ],
      logger,
    );

    const metrics = createMetrics();
    registerOutboxGauge(metrics, () => outboxHealth(db));
    // auth.test before listening: a token Slack refuses fails start-up with one line naming SLACK_BOT_TOKEN.
    await slack?.start();
    const routes: Route[] = [
      ...healthRoutes(db, metrics),
      ...chartRoutes(db, logger),
      ...(slack?.routes ?? []),
      ...teams.routes,
      ...web.routes,
    ];
    const http = await startHttpServer({ port: config.PORT, routes: () => routes, logger, metrics });
    const url = `http://localhost:${http.port}`;
    if (charts.base && config.PORT === 0 && !config.PUBLIC_URL) charts.base = chartBaseUrl(config, http.port);
    work.start();
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
          await work.stop();
          await digests.idle();
          // Refuses new Slack requests (503, Slack redelivers) and waits for acknowledged work.
          await slack?.stop();
          web.close();
          await teams.stop();
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
