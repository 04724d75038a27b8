// The Teams adapter behind the real HTTP server on 127.0.0.1, a fake Bot Connector for everything the bot sends,
// and captured Teams activity shapes (test/fixtures/teams) re-addressed to the fake connector.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  type CredentialsFactory,
  createTeamsAdapter,
  type TeamsAdapter,
  type TeamsAdapterOptions,
} from '../../adapters/teams/index.js';
import { createMetrics } from '../../app/http/metrics.js';
import { startHttpServer, type HttpServer } from '../../app/http/server.js';
import type { Bot } from '../../bot/core/bot.js';
import type { Inbound, Outbound, PlatformIdentity } from '../../bot/core/types.js';
import { type Logger, silentLogger } from '../../bot/log/logger.js';
import { type FakeBotConnector, startFakeBotConnector } from '../fakes/bot-connector.js';

export const APP_ID = '5f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f';
export const BOT_ID = `28:${APP_ID}`;
export const TENANT = 'b7e3c1d2-4a5f-4e6b-9c8d-1a2b3c4d5e6f';

/** Outbound credentials without Entra ID (no network): every call to the connector carries a fixed bearer. */
export const fakeCredentials = {
  isValidAppId: async (id: string) => id === APP_ID,
  isAuthenticationDisabled: async () => false,
  createCredentials: async () => ({
    signRequest: async (request: { headers: { set(name: string, value: string): void } }) => {
      request.headers.set('authorization', 'Bearer outbound-test-token');
      return request;
    },
  }),
} as unknown as CredentialsFactory;

/** A configured bot (app id, single tenant) whose tokens are checked against the fake connector's keys. */
export const authenticated = (connector: FakeBotConnector) => ({
  config: {
    MicrosoftAppId: APP_ID,
    MicrosoftAppPassword: 'not-used-with-fake-credentials',
    MicrosoftAppType: 'SingleTenant' as const,
    MicrosoftAppTenantId: TENANT,
  },
  auth: {
    settings: { ToBotFromChannelOpenIdMetadataUrl: connector.openIdMetadataUrl },
    credentialsFactory: fakeCredentials,
  },
});

export interface TeamsUser {
  id: string;
  aadObjectId: string;
  name: string;
  email: string;
  conversationId: string;
}

/** Teams accounts for roster people (and one stranger), with the ids of the fixtures for Tom and Jan. */
export const USERS = {
  tom: {
    id: '29:1tOmVeRmEuLeN-Xk3lq0ZcUJtC8rX4oA2bYgGm9jT1dPqk5E7wVhN0aZsQy6fLu2W',
    aadObjectId: '3f2a9c61-7b4e-4d1a-9e0c-5b8d2f7a1c34',
    name: 'Tom Vermeulen',
    email: 'tom.vermeulen@student.example.be',
    conversationId: 'a:1tOmPeRsOnAlChAt-Zq9x8w7v6u5t4s3r2q1p0oNmLkJiHgFeDcBa',
  },
  jan: {
    id: '29:1jAnPeEtErS-Mn8bV7cX6zL5kJ4hG3fD2sA1qW0eR9tY8uI7oP6aS5dF4gH3jK2',
    aadObjectId: 'a4c8e2f6-1b3d-4f5a-8c7e-9d0b2a4c6e8f',
    name: 'Jan Peeters',
    email: 'jan.peeters@ocmw.example.be',
    conversationId: 'a:1jAnPeRsOnAlChAt-Qw8e7r6t5y4u3i2o1p0AsDfGhJkLzXcVbN',
  },
  lien: {
    id: '29:1lIeNmAeS-Hy7gT6fR5eD4wS3qA2zX1cV0bN9mK8jU7iO6pL5kJ4hG3fD2sA1q',
    aadObjectId: 'c9b8a7f6-5e4d-4c3b-9a2f-1e0d9c8b7a6f',
    name: 'Lien Maes',
    email: 'lien.maes@ocmw.example.be',
    conversationId: 'a:1lIeNpErSoNaLcHaT-Mn0b9v8c7x6z5l4k3j2h1gFdSaPoIu',
  },
  stranger: {
    id: '29:1sTrAnGeR-Pl0kM9nJ8bH7vG6cF5xD4zS3aQ2wE1rT0yU9iO8pL7kJ6hG5fD4s',
    aadObjectId: 'e1d2c3b4-a5f6-4e7d-8c9b-0a1f2e3d4c5b',
    name: 'Iemand Anders',
    email: 'iemand@elders.example.com',
    conversationId: 'a:1sTrAnGeRcHaT-Lk0j9h8g7f6d5s4a3p2o1iUyTrEwQ',
  },
} satisfies Record<string, TeamsUser>;

export type FixtureName =
  | 'message'
  | 'invoke-action'
  | 'submit-fallback'
  | 'installation-add'
  | 'installation-remove'
  | 'conversation-update';

export type ActivityJson = Record<string, unknown> & { id: string; serviceUrl: string };

const fixtureCache = new Map<string, string>();
export function fixture(name: FixtureName): ActivityJson {
  let raw = fixtureCache.get(name);
  if (!raw) {
    raw = readFileSync(new URL(`../fixtures/teams/${name}.json`, import.meta.url), 'utf8');
    fixtureCache.set(name, raw);
  }
  return JSON.parse(raw) as ActivityJson;
}

export interface TeamsHarness {
  connector: FakeBotConnector;
  http: HttpServer;
  adapter: TeamsAdapter;
  url: string;
  /** A fixture as `user` sent it, addressed to the fake connector, with a fresh id unless given. */
  activity(name: FixtureName, user: TeamsUser, changes?: Record<string, unknown>): ActivityJson;
  post(activity: unknown, options?: { token?: string; rawBody?: string }): Promise<{ status: number; body: unknown }>;
  close(): Promise<void>;
}

export async function startTeamsHarness(options: {
  bot: Bot;
  config?: TeamsAdapterOptions['config'];
  auth?: TeamsAdapterOptions['auth'];
  logger?: Logger;
  connector?: FakeBotConnector;
}): Promise<TeamsHarness> {
  const connector = options.connector ?? (await startFakeBotConnector());
  for (const user of Object.values(USERS)) {
    connector.addMember({
      id: user.id,
      name: user.name,
      aadObjectId: user.aadObjectId,
      email: user.email,
      userPrincipalName: user.email,
      tenantId: TENANT,
      userRole: 'user',
    });
  }
  const adapter = createTeamsAdapter({
    config: options.config ?? {},
    bot: options.bot,
    logger: options.logger ?? silentLogger,
    ...(options.auth ? { auth: options.auth } : {}),
    defaultServiceUrl: connector.serviceUrl,
  });
  const http = await startHttpServer({
    port: 0,
    host: '127.0.0.1',
    routes: () => adapter.routes,
    logger: silentLogger,
    metrics: createMetrics(),
  });
  const url = `http://127.0.0.1:${http.port}`;
  return {
    connector,
    http,
    adapter,
    url,
    activity(name, user, changes = {}) {
      const a = fixture(name);
      a.id =
        name === 'message' || name === 'submit-fallback' ? String(Date.now() + Math.random()) : `f:${randomUUID()}`;
      a.serviceUrl = connector.serviceUrl;
      a.from = { id: user.id, name: user.name, aadObjectId: user.aadObjectId };
      a.conversation = { conversationType: 'personal', tenantId: TENANT, id: user.conversationId };
      return { ...a, ...changes };
    },
    async post(activity, opts = {}) {
      const res = await fetch(`${url}/api/messages`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(opts.token !== undefined ? { authorization: `Bearer ${opts.token}` } : {}),
        },
        body: opts.rawBody ?? JSON.stringify(activity),
      });
      const text = await res.text();
      // Message activities are acknowledged before their turn runs: wait for it, as the tests look at its effects.
      await adapter.idle();
      let body: unknown = text;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        // plain text
      }
      return { status: res.status, body };
    },
    async close() {
      await adapter.stop();
      await http.stop();
      if (!options.connector) await connector.close();
    },
  };
}

/** A stand-in core for transport tests: records what it is asked and answers with a fixed reply. */
export interface RecordingBot extends Bot {
  inbound: Inbound[];
  references: { from: PlatformIdentity; reference: unknown }[];
  reply: (inbound: Inbound) => Outbound[];
}

export function recordingBot(reply: (inbound: Inbound) => Outbound[] = () => [{ text: 'ok' }]): RecordingBot {
  const bot: RecordingBot = {
    inbound: [],
    references: [],
    reply,
    async handle(inbound) {
      bot.inbound.push(inbound);
      return bot.reply(inbound);
    },
    async directory() {
      return [];
    },
    async saveReference(from, reference) {
      bot.references.push({ from, reference });
    },
    async home() {
      return null;
    },
    async deliverLater() {},
  };
  return bot;
}
