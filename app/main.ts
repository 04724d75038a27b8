// The composition root: configuration, database, core, adapters and the HTTP server, and their shutdown.
// It lives outside bot/ because it is the one place that knows every adapter.
import type { Route } from '../adapters/shared/route.js';
import type { SurfaceAdapter } from '../adapters/shared/surface.js';
import { loadSlackAdapter } from '../adapters/slack/load.js';
import { createTeamsAdapter } from '../adapters/teams/index.js';
import { createWebAdapter } from '../adapters/web/index.js';
import { seedDemoIfEmpty } from '../bot/admin/demo.js';
import type { Config } from '../bot/config/env.js';
import { createBot } from '../bot/core/create-bot.js';
import { routes as botRoutes } from '../bot/routes.js';
import type { Platform, Surface } from '../bot/core/types.js';
import { createDigestPlanner } from '../bot/digest/plan.js';
import { planFeedbackCards } from '../bot/flows/feedback/plan-cards.js';
import { createAssistant } from '../bot/llm/client.js';
import { createNarrator } from '../bot/llm/narrative.js';
import type { Logger } from '../bot/log/logger.js';
import { createDispatcher } from '../bot/outbox/dispatcher.js';
import { createWorkLoop } from '../bot/outbox/work-loop.js';
import { createRetentionTask, retentionPolicy } from '../bot/privacy/retention.js';
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
import { type ControlServer, startControlServer } from './control/server.js';
import { chartBaseUrl, chartRoutes } from './http/charts.js';
import { exportRoutes } from './http/export.js';
import { healthRoutes } from './http/health.js';
import { createMetrics, registerOutboxGauge } from './http/metrics.js';
import { startHttpServer } from './http/server.js';
import { withTurnBudget } from './turn-budget.js';

/** How long a stopping surface may finish the turns it has acknowledged. */
const SURFACE_STOP_GRACE_MS = 10_000;

export interface RunningLeerkans {
  port: number;
  url: string;
  db: Db;
  stop(): Promise<void>;
}

export async function startLeerkans(config: Config, logger: Logger): Promise<RunningLeerkans> {
  const started = Date.now();
  const { db, lock } = await openServerDatabase(config);
  let control: ControlServer | undefined;
  let failReady: (error: unknown) => void = () => undefined;
  try {
    // On the embedded database, the CLI hands its commands to this process from now on (they wait until the
    // database is migrated); it never opens the data directory beside us.
    let markReady: () => void = () => undefined;
    const ready = new Promise<void>((resolve, reject) => {
      markReady = resolve;
      failReady = reject;
    });
    ready.catch(() => undefined); // only commands await it; they report the failure themselves
    if (lock) {
      control = await startControlServer({ dataDir: config.LEERKANS_DATA_DIR, db, config, logger, ready });
      lock.update({ control: control.endpoint });
    }
    const applied = await migrate(db);
    if (applied.length > 0) logger.info({ event: 'db.migrated', applied }, 'database migrations applied');
    const seedDemo = config.LEERKANS_DEMO === 'on' || (config.LEERKANS_DEMO === 'auto' && !config.DATABASE_URL);
    if (seedDemo)
      await seedDemoIfEmpty(db, { timeZone: config.LEERKANS_TIMEZONE, locale: config.LEERKANS_LOCALE }, logger);

    markReady();
    const llm = {
      mode: config.LEERKANS_LLM,
      apiKey: config.OPENAI_API_KEY,
      baseURL: config.OPENAI_BASE_URL,
      model: config.OPENAI_MODEL,
    };
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
        draftRetentionDays: config.LEERKANS_RETAIN_CONVERSATIONS_DAYS,
        get chartBaseUrl() {
          return charts.base;
        },
      },
      routes: botRoutes,
    });
    logger.info(
      {
        event: 'llm.mode',
        mode: config.LEERKANS_LLM,
        active: Boolean(config.OPENAI_API_KEY) && config.LEERKANS_LLM !== 'off',
        endpoint: config.OPENAI_BASE_URL ? new URL(config.OPENAI_BASE_URL).host : 'api.openai.com',
      },
      config.OPENAI_API_KEY && config.LEERKANS_LLM !== 'off'
        ? `LLM ${config.LEERKANS_LLM}: pseudonymised text may be sent (docs/privacy.md)`
        : 'LLM off: no text leaves the process',
    );
    // Slack and the playground get the turn budget here; Teams applies its own (it answers invokes in the request).
    const budgeted = withTurnBudget(bot, { logger, locale: config.LEERKANS_LOCALE });
    const web = createWebAdapter({
      bot: budgeted,
      logger,
      allowRemote: config.LEERKANS_PLAYGROUND === 'remote',
      serve: config.LEERKANS_PLAYGROUND !== 'off',
    });
    // Null (and an info line in the log) without SLACK_BOT_TOKEN; throws on an empty signing secret in HTTP mode.
    const slack = await loadSlackAdapter({
      config,
      bot: budgeted,
      logger,
      // PGlite runs on this thread: one turn at a time after the ack keeps acks fast; PostgreSQL can take several.
      maxConcurrentTurns: db.kind === 'pg' ? 8 : 1,
    });
    // Teams acks message activities at once and runs their turns afterwards; as for Slack, one at a time on PGlite
    // (it runs on this thread: more at once only delays the acks, measured in bench/teams.ts).
    const teams = createTeamsAdapter({ config, bot, logger, maxConcurrentTurns: db.kind === 'pg' ? 8 : 1 });
    // The enabled surfaces, one contract (adapters/shared/surface.ts): started, served, given to the outbox and
    // stopped in the loops below.
    const adapters: SurfaceAdapter[] = [...(slack ? [slack] : []), teams, web];
    const surfaces = new Map<Platform, Surface>(adapters.map((a) => [a.name, a.surface]));
    // Locally (no Teams app id, no Slack token) people with no chat identity yet reach the playground, which knows
    // everyone by email. In production such messages wait until the person installs the app or writes the bot.
    const playgroundOnly = config.LEERKANS_PLAYGROUND !== 'off' && !config.MicrosoftAppId && !slack;
    const dispatcher = createDispatcher({
      db,
      surfaces: () => surfaces,
      logger,
      ...(playgroundOnly ? { fallbackPlatform: 'web' as const } : {}),
    });
    const schoolCalendar = schoolCalendarTask(db, () => localDate(new Date(), config.LEERKANS_TIMEZONE));
    // The digest narrative is free text written from one student's figures: only in the full LLM mode.
    const narratorLlm = config.LEERKANS_LLM === 'full' ? llm : { ...llm, apiKey: undefined };
    const digests = createDigestPlanner(db, {
      narrator: createNarrator(narratorLlm, logger),
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
        // Deletes what is past the retention policy, once per LEERKANS_RETENTION_CRON occurrence across instances.
        {
          name: 'retention',
          run: createRetentionTask(db, retentionPolicy(config), {
            cron: config.LEERKANS_RETENTION_CRON,
            zone: config.LEERKANS_TIMEZONE,
            logger,
          }),
        },
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
    // Before listening: a token Slack refuses fails start-up with one line naming SLACK_BOT_TOKEN.
    for (const adapter of adapters) await adapter.start();
    const routes: Route[] = [
      ...healthRoutes(db, metrics),
      ...chartRoutes(db, logger),
      ...exportRoutes(db, logger),
      ...adapters.flatMap((a) => a.routes),
    ];
    const http = await startHttpServer({ port: config.PORT, routes: () => routes, logger, metrics });
    const url = `http://localhost:${http.port}`;
    if (charts.base && config.PORT === 0 && !config.PUBLIC_URL) charts.base = chartBaseUrl(config, http.port);
    work.start();
    const plannerTick = startPlannerTick(config.LEERKANS_PLANNER_CRON, () => planner.tick(), logger);
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
          // No new CLI commands; those running finish (their transactions are all-or-nothing either way).
          await control?.close();
          await plannerTick.stop();
          await work.stop();
          await digests.idle();
          // Each refuses new requests (503: Slack and the Bot Service redeliver) and waits for acknowledged work.
          await Promise.all(adapters.map((a) => a.stop(SURFACE_STOP_GRACE_MS)));
          await http.stop();
          await db.close();
          logger.info({ event: 'server.stopped' }, 'stopped');
        })();
        return stopping;
      },
    };
  } catch (error) {
    failReady(error);
    await control?.close().catch(() => undefined);
    await db.close().catch(() => undefined);
    throw error;
  }
}
