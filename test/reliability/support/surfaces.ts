// Every chat entry point on one database and one real core: Slack (signed requests, fake Web API), Teams (Bot
// Framework JWTs checked against the fake connector's keys) and the playground API, each on its own HTTP server.
import { randomUUID } from 'node:crypto';
import { createWebAdapter } from '../../../adapters/web/index.js';
import { createMetrics } from '../../../app/http/metrics.js';
import { type HttpServer, startHttpServer } from '../../../app/http/server.js';
import type { Bot } from '../../../bot/core/bot.js';
import { t } from '../../../bot/i18n/index.js';
import { silentLogger } from '../../../bot/log/logger.js';
import type { Db } from '../../../db/db.js';
import { makeBot, seed } from '../../support/harness.js';
import { type SlackHarness, startSlackHarness } from '../../slack/support.js';
import { APP_ID, authenticated, startTeamsHarness, type TeamsHarness } from '../../teams/harness.js';
import { startFakeBotConnector } from '../../fakes/bot-connector.js';

export interface Surfaces {
  db: Db;
  bot: Bot;
  slack: SlackHarness;
  teams: TeamsHarness;
  /** A valid Bot Framework token for a request to the Teams endpoint. */
  teamsToken(): string;
  web: { url: string; post(path: string, body: unknown, headers?: Record<string, string>): Promise<WebAnswer> };
  stop(): Promise<void>;
}

export interface WebAnswer {
  status: number;
  body: Record<string, unknown> | undefined;
}

export async function startSurfaces(db: Db): Promise<Surfaces> {
  await seed(db);
  const bot = makeBot(db);
  const slack = await startSlackHarness({ db, bot });
  const connector = await startFakeBotConnector();
  const teams = await startTeamsHarness({ bot, connector, ...authenticated(connector) });
  const webAdapter = createWebAdapter({ bot, logger: silentLogger });
  const http: HttpServer = await startHttpServer({
    port: 0,
    host: '127.0.0.1',
    routes: () => webAdapter.routes,
    logger: silentLogger,
    metrics: createMetrics(),
  });
  // The playground answers requests addressed to localhost only.
  const webUrl = `http://localhost:${http.port}`;
  return {
    db,
    bot,
    slack,
    teams,
    teamsToken: () => connector.channelToken(APP_ID),
    web: {
      url: webUrl,
      async post(path, body, headers = {}) {
        const res = await fetch(`${webUrl}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: typeof body === 'string' ? body : JSON.stringify(body),
        });
        const text = await res.text();
        let parsed: Record<string, unknown> | undefined;
        try {
          parsed = text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
        } catch {
          parsed = { raw: text };
        }
        return { status: res.status, body: parsed };
      },
    },
    async stop() {
      webAdapter.close();
      await http.stop(1000);
      await teams.close();
      await connector.close();
      await slack.stop();
    },
  };
}

export const webKey = (): string => randomUUID();

const ERROR_TEXTS = new Set(['nl', 'en'].map((l) => t(l, 'common.error')));

/**
 * Why a reply text is not a sensible answer, or undefined when it is: it must be there, not the apology for a
 * failure, and free of what only a bug produces (undefined, NaN, [object Object], an unfilled placeholder).
 */
export function replyProblem(text: unknown): string | undefined {
  if (typeof text !== 'string' || text.trim() === '') return 'no reply text';
  if (ERROR_TEXTS.has(text)) return 'the apology for an internal failure';
  if (/\bundefined\b|\bNaN\b|\[object Object\]/.test(text)) return `a bug's trace in the text: ${text.slice(0, 120)}`;
  return undefined;
}
