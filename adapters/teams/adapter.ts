// Microsoft Teams as a surface of the core: teams-ai's `Application` routes Bot Framework activities (one file
// per family under routes/, like the Teams SDK v2) on botbuilder's CloudAdapter, served at POST /api/messages;
// `surface.send` delivers the outbox's proactive messages. Everything that touches botbuilder or teams-ai
// lives in this folder, so moving to the Teams SDK or the Microsoft 365 Agents SDK stays a one-folder change.
import { Application } from '@microsoft/teams-ai';
import type { Config } from '../../bot/config/env.js';
import type { Bot } from '../../bot/core/bot.js';
import type { Surface } from '../../bot/core/types.js';
import type { Logger } from '../../bot/log/logger.js';
import type { Route } from '../shared/route.js';
import { createTeamsAuth, type TeamsAuthOptions } from './auth.js';
import { messagesRoute, TeamsCloudAdapter } from './http.js';
import { createMemberDirectory, PLATFORM } from './identity.js';
import { createTeamsSurface } from './proactive.js';
import { registerCardActionRoutes } from './routes/card-action.js';
import { registerInstallRoutes } from './routes/install.js';
import { registerMessageRoutes } from './routes/message.js';
import { createReferenceMemory, DEFAULT_TURN_BUDGET_MS, eventKey, type TurnDeps } from './turn.js';
import { createTurnQueue } from './turn-queue.js';

export interface TeamsAdapterOptions {
  config: Pick<Config, 'MicrosoftAppId' | 'MicrosoftAppPassword' | 'MicrosoftAppType' | 'MicrosoftAppTenantId'>;
  bot: Bot;
  logger: Logger;
  /** Sovereign clouds, tests (a local OpenID document, fake credentials), retry bounds. */
  auth?: TeamsAuthOptions;
  /** Service URL for creating a chat with someone who never talked to the bot; Teams' global one by default. */
  defaultServiceUrl?: string;
  maxBodyBytes?: number;
  /** Turns of different conversations running at once after their ack (default 8). */
  maxConcurrentTurns?: number;
  /** Longest a turn may take before the person gets an error reply (default 10 s, inside the Bot Service's 15 s). */
  turnBudgetMs?: number;
}

export interface TeamsAdapter {
  routes: Route[];
  surface: Surface;
  /** Resolves when no acknowledged turn is running or waiting. */
  idle(): Promise<void>;
  /** Refuses new activities (503, which the Bot Service retries) and waits for acknowledged turns and proactive sends. */
  stop(timeoutMs?: number): Promise<void>;
}

/** Builds the adapter now (index.ts wraps this so botbuilder and teams-ai load in the background at start-up). */
export function buildTeamsAdapter(options: TeamsAdapterOptions): TeamsAdapter {
  const logger = options.logger.child({ adapter: PLATFORM });
  const auth = createTeamsAuth(options.config, logger, options.auth);
  const adapter = new TeamsCloudAdapter(auth.authentication);
  const app = new Application({
    // Strips the "<at>Leerkans</at>" mention before routing.
    removeRecipientMention: true,
    // teams-ai keeps one typing timer per Application, shared by concurrent turns; the core answers fast.
    startTypingTimer: false,
    longRunningMessages: false,
  });
  const deps: TurnDeps = {
    bot: options.bot,
    logger,
    members: createMemberDirectory(logger),
    references: createReferenceMemory(),
    turnBudgetMs: options.turnBudgetMs ?? DEFAULT_TURN_BUDGET_MS,
  };
  const queue = createTurnQueue({
    concurrency: options.maxConcurrentTurns ?? 8,
    maxQueued: 2_000,
    // Already logged with its event key by `run` below.
    onError: (error) => logger.debug({ event: 'teams.queued_turn_failed', err: error }, 'queued turn failed'),
  });
  // Order matters: the Action.Submit fallback is a message activity and must win over plain messages.
  registerCardActionRoutes(app, deps);
  registerInstallRoutes(app, deps);
  registerMessageRoutes(app, deps);

  let stopping = false;
  const surface = createTeamsSurface({
    adapter,
    appId: auth.appId,
    bot: options.bot,
    logger,
    ...(options.defaultServiceUrl ? { defaultServiceUrl: options.defaultServiceUrl } : {}),
  });
  const route = messagesRoute({
    adapter,
    auth,
    logger,
    isStopping: () => stopping,
    queue,
    ...(options.maxBodyBytes ? { maxBodyBytes: options.maxBodyBytes } : {}),
    run: async (context) => {
      const handled = await app.run(context).catch((error: unknown) => {
        // The core's failures are answered in turn.ts; this is the adapter's own (a reply that could be neither sent
        // nor deferred). Logged with the event key; a request still waiting gets a 500, never a hang.
        logger.error({ event: 'teams.turn_failed', key: eventKey(context), err: error }, 'a Teams turn failed');
        throw error;
      });
      if (!handled) logger.debug({ event: 'teams.unhandled', type: context.activity.type }, 'activity not routed');
    },
  });

  return {
    routes: [route],
    surface,
    idle: () => queue.idle(),
    async stop(timeoutMs = 10_000) {
      stopping = true;
      const deadline = Date.now() + timeoutMs;
      await Promise.race([queue.idle(), new Promise((r) => setTimeout(r, timeoutMs).unref())]);
      while (surface.pending() > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    },
  };
}
