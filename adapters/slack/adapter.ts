// The Slack surface on Bolt. HTTP mode serves POST /slack/events on the shared server through RouteReceiver
// (events, interactivity and the slash command on one URL); with SLACK_APP_TOKEN, Bolt's SocketModeReceiver
// connects out instead and there is no route. Every request is acknowledged first; the core runs after the ack.
import { App, type AuthorizeResult, SocketModeReceiver, webApi } from '@slack/bolt';
import type { Route } from '../shared/route.js';
import type { SurfaceAdapter } from '../shared/surface.js';
import type { Bot } from '../../bot/core/bot.js';
import type { Config } from '../../bot/config/env.js';
import type { Logger } from '../../bot/log/logger.js';
import { boltLogger } from './bolt-logger.js';
import { deliveryFromError, refusedTokenError } from './delivery-errors.js';
import { DmChannels } from './dm-channels.js';
import { type SlackAuth, SlackHandlers } from './handlers.js';
import type {
  SlackAppHomeOpenedEvent,
  SlackBlockActionsBody,
  SlackEventEnvelope,
  SlackMessageEvent,
  SlackSlashCommand,
  SlackViewSubmissionBody,
} from './payloads.js';
import { RouteReceiver } from './receiver.js';
import { createSlackSurface } from './surface.js';
import { UserDirectory } from './user-directory.js';
import { createWorkQueue } from './work-queue.js';

export type SlackConfig = Pick<
  Config,
  'SLACK_BOT_TOKEN' | 'SLACK_SIGNING_SECRET' | 'SLACK_APP_TOKEN' | 'SLACK_API_URL'
> &
  Partial<Pick<Config, 'LEERKANS_LOCALE'>>;

export interface SlackAdapterOptions {
  config: SlackConfig;
  bot: Bot;
  logger: Logger;
  /** Tests: the clock for signature timestamps and the modal deadline. */
  now?: () => number;
  /** Tests: how long the core may take before a `.open` reply is posted instead of opened as a modal. */
  modalDeadlineMs?: number;
  /** Turns run at once after the ack (default MAX_CONCURRENT_TURNS). */
  maxConcurrentTurns?: number;
  /** Acknowledged turns that may wait (default MAX_QUEUED_TURNS); a full queue answers 503. */
  maxQueuedTurns?: number;
}

export interface SlackAdapter extends SurfaceAdapter {
  readonly mode: 'http' | 'socket';
  /** POST /slack/events in HTTP mode; empty in Socket Mode. */
  readonly routes: Route[];
  /** Checks the bot token (auth.test) and, in Socket Mode, connects. */
  start(): Promise<void>;
  /**
   * Resolves when no request is being handled and no acknowledged turn is queued or running (its replies sent):
   * the moment a turn is over, for tests and shutdown, instead of guessing it from a quiet spell.
   */
  idle(): Promise<void>;
  /** Refuses new requests and waits (up to `graceMs`, default 10 s) for the core work of acknowledged ones. */
  stop(graceMs?: number): Promise<void>;
}

/** Replies run after the ack, so a short retry costs the person little; the outbox retries proactive sends. */
const REPLY_RETRIES = { retries: 2, factor: 2, minTimeout: 250, maxTimeout: 2000 };
const API_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 10_000;
const SOCKET_CONNECT_WAIT_MS = 10_000;
/**
 * Turns running at once after the ack. One suits the embedded PGlite, which runs on this thread: concurrent turns
 * chain their queries in microtasks and starve the HTTP side (acks drifted to ~100 ms at 50 events/s in bench/slack.ts
 * with 8). On PostgreSQL, queries wait on the network, so main.ts may pass more (e.g. 8).
 */
export const MAX_CONCURRENT_TURNS = 1;
/** Acknowledged work waiting for a turn; beyond this, new requests get 503 and Slack redelivers them later. */
export const MAX_QUEUED_TURNS = 2000;

export function createSlackAdapter(options: SlackAdapterOptions): SlackAdapter | null {
  const { config, bot } = options;
  const log = options.logger.child({ adapter: 'slack' });
  const token = config.SLACK_BOT_TOKEN?.trim();
  const appToken = config.SLACK_APP_TOKEN?.trim();
  if (!token) {
    log.info({ event: 'slack.disabled' }, 'Slack disabled: SLACK_BOT_TOKEN/SLACK_SIGNING_SECRET not set');
    return null;
  }
  const slackLogger = boltLogger(log);
  const slackApiUrl = withTrailingSlash(config.SLACK_API_URL ?? 'https://slack.com/api/');
  const clientOptions = { slackApiUrl, logger: slackLogger, timeout: API_TIMEOUT_MS };
  const replies = new webApi.WebClient(token, { ...clientOptions, retryConfig: REPLY_RETRIES });
  // The outbox decides when to retry, so its client neither retries nor sleeps on a 429.
  const proactive = new webApi.WebClient(token, {
    ...clientOptions,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
  });

  let authCall: Promise<SlackAuth> | undefined;
  const auth = (): Promise<SlackAuth> => {
    authCall ??= replies.auth.test().then((r) => ({
      ...(r.user_id ? { botUserId: r.user_id } : {}),
      ...(r.bot_id ? { botId: r.bot_id } : {}),
      ...(r.team_id ? { teamId: r.team_id } : {}),
    }));
    // A failed check is asked again at the next event instead of being remembered.
    authCall.catch(() => {
      authCall = undefined;
    });
    return authCall;
  };

  // The core's work after the ack, a few turns at a time (see work-queue.ts); stop() waits for it.
  const queue = createWorkQueue({
    concurrency: options.maxConcurrentTurns ?? MAX_CONCURRENT_TURNS,
    maxQueued: options.maxQueuedTurns ?? MAX_QUEUED_TURNS,
    onError: (error) => log.error({ err: error, event: 'slack.work_failed' }, 'Slack work after the ack failed'),
  });

  const mode = appToken ? 'socket' : 'http';
  // RouteReceiver throws on an empty signing secret: HTTP mode never runs unverified.
  const receiver =
    mode === 'socket'
      ? new SocketModeReceiver({
          appToken: appToken!,
          logger: slackLogger,
          installerOptions: { clientOptions: { slackApiUrl } },
        })
      : new RouteReceiver({
          signingSecret: config.SLACK_SIGNING_SECRET ?? '',
          logger: log,
          // A full backlog answers 503 before the ack: Slack redelivers later instead of us dropping the event.
          busy: () => queue.full,
          ...(options.now ? { now: options.now } : {}),
        });

  const app = new App({
    receiver,
    logger: slackLogger,
    clientOptions: { ...clientOptions, retryConfig: REPLY_RETRIES },
    // One workspace, one bot token: authorize answers from the cached auth.test, so events are acked at once.
    authorize: async (): Promise<AuthorizeResult> => ({ botToken: token, ...(await auth()) }),
    convoStore: false,
  });
  app.error(async (error) => {
    log.error({ err: error, event: 'slack.listener_failed' }, 'a Slack listener failed');
  });

  const channels = new DmChannels(bot, options.now, log);
  const handlers = new SlackHandlers({
    bot,
    client: replies,
    channels,
    users: new UserDirectory({ client: replies, ...(options.now ? { now: options.now } : {}) }),
    auth,
    logger: log,
    defaultLocale: config.LEERKANS_LOCALE ?? 'nl-BE',
    ...(options.modalDeadlineMs !== undefined ? { modalDeadlineMs: options.modalDeadlineMs } : {}),
    ...(options.now ? { now: options.now } : {}),
  });

  let stopping = false;

  // Events are acknowledged by Bolt before any listener runs.
  app.event('message', async ({ body, context }) => {
    queue.push(() => handlers.message(body as unknown as SlackEventEnvelope<SlackMessageEvent>, context.retryNum));
  });
  app.event('app_home_opened', async ({ body }) => {
    queue.push(() => handlers.homeOpened(body as unknown as SlackEventEnvelope<SlackAppHomeOpenedEvent>));
  });
  app.action({ type: 'block_actions' }, async ({ ack, body }) => {
    const receivedAt = (options.now ?? Date.now)();
    await ack();
    queue.push(() => handlers.blockActions(body as unknown as SlackBlockActionsBody, receivedAt));
  });
  app.view({ type: 'view_submission' }, async ({ ack, body }) => {
    const { response, work } = handlers.viewSubmission(body as unknown as SlackViewSubmissionBody);
    await ack(response);
    if (work) queue.push(work);
  });
  // Any command configured for this app (the manifest defines /leerkans; a renamed copy still works).
  app.command(/.*/, async ({ ack, command }) => {
    await ack();
    queue.push(() => handlers.command(command as SlackSlashCommand));
  });

  const surface = createSlackSurface({ client: proactive, channels, logger: log });
  // Requests still inside Bolt: an event is acknowledged before its listener queues the turn, so the queue alone
  // can look idle between the HTTP answer and the push.
  let handling = 0;
  let handlingDone: (() => void)[] = [];
  const requestsDone = () =>
    handling === 0 ? Promise.resolve() : new Promise<void>((resolve) => handlingDone.push(resolve));
  const routes: Route[] = [];
  if (receiver instanceof RouteReceiver) {
    const route = receiver.route;
    routes.push({
      ...route,
      handle: async (req, res) => {
        if (stopping) {
          // Slack retries events elsewhere or later; nothing is acknowledged and then dropped.
          res.writeHead(503, { 'content-length': 0, connection: 'close' });
          res.end();
          return;
        }
        handling++;
        try {
          await route.handle(req, res);
        } finally {
          handling--;
          if (handling === 0) {
            for (const resolve of handlingDone) resolve();
            handlingDone = [];
          }
        }
      },
    });
  }
  const idle = async () => {
    // A request finishing can queue a turn, and a turn never starts a request: repeat until both are empty.
    while (handling > 0 || queue.size > 0) {
      await requestsDone();
      await queue.idle();
    }
  };

  /**
   * Socket Mode connects out. A refused app token fails start-up; an unreachable Slack does not block it (Bolt's
   * client keeps reconnecting in the background).
   */
  const connectSocketMode = async () => {
    const connecting = app.start().then(
      () => 'connected' as const,
      (error: unknown) => error,
    );
    const timer = new Promise<'pending'>((r) => setTimeout(() => r('pending'), SOCKET_CONNECT_WAIT_MS).unref());
    const outcome = await Promise.race([connecting, timer]);
    if (outcome === 'connected') return;
    if (outcome === 'pending') {
      log.warn({ event: 'slack.socket_pending' }, 'Slack Socket Mode not connected yet; still trying');
      return;
    }
    const reason = deliveryFromError(outcome).reason;
    throw new Error(`Invalid SLACK_APP_TOKEN: Slack Socket Mode could not connect (${reason})`);
  };

  return {
    name: 'slack',
    mode,
    routes,
    surface,
    async start() {
      try {
        const who = await auth();
        log.info(
          { event: 'slack.started', mode, team: who.teamId, botUserId: who.botUserId },
          mode === 'socket' ? 'Slack enabled (Socket Mode)' : 'Slack enabled (HTTP, POST /slack/events)',
        );
      } catch (error) {
        const reason = deliveryFromError(error).reason;
        const refused = refusedTokenError(error);
        // A refused token is a configuration error: say so at start-up, naming the variable.
        if (refused) throw new Error(`Invalid SLACK_BOT_TOKEN: Slack says ${refused}`);
        log.warn(
          { event: 'slack.unreachable', reason },
          'Slack not reachable at start-up; will retry on the first event',
        );
      }
      if (mode === 'socket') await connectSocketMode();
    },
    idle,
    async stop(graceMs = STOP_TIMEOUT_MS) {
      stopping = true;
      if (mode === 'socket') await app.stop().catch(() => undefined);
      const done = idle().then(() => true);
      const timedOut = new Promise<boolean>((r) => setTimeout(() => r(false), graceMs).unref());
      if (!(await Promise.race([done, timedOut]))) {
        log.warn({ event: 'slack.stop_timeout', pending: queue.size }, 'Slack work still running at shutdown');
      }
    },
  };
}

const withTrailingSlash = (url: string) => (url.endsWith('/') ? url : `${url}/`);
