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
import { planFeedbackCards } from '../bot/flows/feedback/plan-cards.js';
import { createAssistant } from '../bot/llm/client.js';
import type { Logger } from '../bot/log/logger.js';
import { createDispatcher } from '../bot/outbox/dispatcher.js';
import { createWorkLoop } from '../bot/outbox/work-loop.js';
import { createNudgePlanner } from '../bot/schedule/planner.js';
import { schoolCalendarTask } from '../bot/schedule/school-calendar.js';
import { startPlannerTick } from '../bot/schedule/tick.js';
import { localDate } from '../bot/core/time.js';
import { countDroppedNudges } from '../db/queries/nudges.js';
import { registerNudgeMetrics } from './http/nudge-metrics.js';
import type { Db } from '../db/db.js';
import { migrate } from '../db/migrate.js';
import { outboxHealth } from '../db/queries/outbox.js';
import { openServerDatabase } from '../db/open.js';
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

    const bot = createBot({
      db,
      assistant: createAssistant(
        { apiKey: config.OPENAI_API_KEY, baseURL: config.OPENAI_BASE_URL, model: config.OPENAI_MODEL },
        logger,
      ),
      logger,
      settings: {
        defaultLocale: config.LEERKANS_LOCALE,
        defaultTimeZone: config.LEERKANS_TIMEZONE,
        helpline: config.LEERKANS_HELPLINE,
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
    const schoolCalendar = schoolCalendarTask(db, () => localDate(new Date(), config.LEERKANS_TIMEZONE));
    const work = createWorkLoop(
      [
        { name: 'plan-feedback-cards', run: () => planFeedbackCards(db, logger) },
        { name: 'send-outbox', run: () => dispatcher.tick() },
        { name: 'housekeeping', run: createHousekeeping(db) },
        { name: 'school-holidays', run: schoolCalendar },
      ],
      logger,
    );

    const planner = createNudgePlanner({
      db,
      logger,
      catchUpMs: config.LEERKANS_CATCH_UP_HOURS * 3600_000,
      defaultTimeZone: config.LEERKANS_TIMEZONE,
    });
    await schoolCalendar();

    const metrics = createMetrics();
    registerOutboxGauge(metrics, () => outboxHealth(db));
    registerNudgeMetrics(metrics, () => countDroppedNudges(db));
    // auth.test before listening: a token Slack refuses fails start-up with one line naming SLACK_BOT_TOKEN.
    await slack?.start();
    const routes: Route[] = [...healthRoutes(db, metrics), ...(slack?.routes ?? []), ...teams.routes, ...web.routes];
    const http = await startHttpServer({ port: config.PORT, routes: () => routes, logger, metrics });
    work.start();
    const plannerTick = startPlannerTick(config.LEERKANS_PLANNER_CRON, () => planner.tick(), logger);
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
          await plannerTick.stop();
          await work.stop();
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
