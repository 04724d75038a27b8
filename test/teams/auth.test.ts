// Inbound authentication on POST /api/messages. With MicrosoftAppId set, botbuilder validates the Bot Framework
// JWT; the OpenID metadata (and so the signing keys) comes from the fake connector instead of
// login.botframework.com, since there is no internet here. Refused requests must have no effect at all: the
// core is never called and nothing is sent to the connector.
import { generateKeyPairSync } from 'node:crypto';
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeBotConnector, startFakeBotConnector } from '../fakes/bot-connector.js';
import { APP_ID, USERS, authenticated, recordingBot, startTeamsHarness, type TeamsHarness } from './harness.js';

describe('Teams inbound auth with an app id', () => {
  let connector: FakeBotConnector;
  let harness: TeamsHarness;
  const bot = recordingBot((inbound) => (inbound.kind === 'text' ? [{ text: `echo: ${inbound.text}` }] : []));

  beforeAll(async () => {
    connector = await startFakeBotConnector();
    harness = await startTeamsHarness({ bot, connector, ...authenticated(connector) });
  });
  afterAll(async () => {
    await harness.close();
    await connector.close();
  });
  beforeEach(() => {
    bot.inbound.length = 0;
    connector.reset();
  });

  const message = () => harness.activity('message', USERS.tom, { text: 'hulp' });
  const claims = (extra: Record<string, unknown> = {}) => {
    const now = Math.floor(Date.now() / 1000);
    return {
      iss: 'https://api.botframework.com',
      aud: APP_ID,
      serviceurl: connector.serviceUrl,
      nbf: now - 5,
      exp: now + 600,
      ...extra,
    };
  };

  const refused = async (token: string | undefined) => {
    const res = await harness.post(message(), token === undefined ? {} : { token });
    expect(res.status).toBe(401);
    expect(bot.inbound).toEqual([]);
    // No member look-up, no reply: the request had no effect anywhere.
    expect(connector.calls.filter((c) => c.kind !== 'other')).toEqual([]);
  };

  it('refuses a request without a token', async () => {
    await refused(undefined);
  });

  it('refuses a token signed by a key nobody published', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    await refused(connector.signToken(claims(), { kid: 'unknown-key', key: privateKey }));
  });

  it('refuses a token that names a published key but was signed with another one', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    await refused(connector.signToken(claims(), { key: privateKey }));
  });

  it('refuses wrong audience, wrong issuer, expiry, a foreign serviceUrl and garbage', async () => {
    await refused(connector.signToken(claims({ aud: '00000000-0000-0000-0000-000000000000' })));
    await refused(connector.signToken(claims({ iss: 'https://evil.example' })));
    await refused(connector.signToken(claims({ exp: Math.floor(Date.now() / 1000) - 3600 })));
    await refused(connector.signToken(claims({ serviceurl: 'https://smba.trafficmanager.net/emea/' })));
    await refused('not.a.jwt');
  });

  it('accepts a valid Bot Framework token and replies with the bot credentials', async () => {
    const res = await harness.post(message(), { token: connector.channelToken(APP_ID) });
    expect(res.status).toBe(200);
    expect(bot.inbound).toMatchObject([{ kind: 'text', text: 'hulp' }]);
    const reply = await connector.waitFor(() => connector.calls.find((c) => c.kind === 'reply' || c.kind === 'send'));
    expect(reply.body).toMatchObject({ type: 'message', text: 'echo: hulp' });
    expect(reply.authorization).toBe('Bearer outbound-test-token');
  });
});

describe('Teams without an app id (Emulator mode)', () => {
  it('accepts unauthenticated requests and warns once at start-up', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => lines.push(line) });
    const bot = recordingBot();
    const harness = await startTeamsHarness({ bot, logger });
    try {
      const first = await harness.post(harness.activity('message', USERS.tom, { text: 'hulp' }));
      const second = await harness.post(harness.activity('message', USERS.tom, { text: 'voortgang' }));
      expect([first.status, second.status]).toEqual([200, 200]);
      expect(bot.inbound).toHaveLength(2);
      const warnings = lines.filter((l) => l.includes('teams.unauthenticated'));
      expect(warnings).toHaveLength(1);
    } finally {
      await harness.close();
    }
  });

  it('answers 400 to something that is not an activity and 413 to an oversized body', async () => {
    const bot = recordingBot();
    const harness = await startTeamsHarness({ bot });
    try {
      expect((await harness.post(undefined, { rawBody: '{not json' })).status).toBe(400);
      expect((await harness.post({ text: 'no type' })).status).toBe(400);
      const huge = harness.activity('message', USERS.tom, { text: 'x'.repeat(300 * 1024) });
      expect((await harness.post(huge)).status).toBe(413);
      expect(bot.inbound).toEqual([]);
    } finally {
      await harness.close();
    }
  });
});
