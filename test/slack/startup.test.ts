// Start-up: without Slack variables the adapter is off and says so (the rest of the bot runs); an empty signing
// secret in HTTP mode refuses to start; a token Slack refuses fails start-up naming the variable; Slack being
// unreachable does not. When app/main.ts wires the adapter in, the same is checked through startLeerkans.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackAdapter, EmptySigningSecretError } from '../../adapters/slack/index.js';
import type { Bot } from '../../bot/core/bot.js';
import { loadConfig } from '../../bot/config/env.js';
import { FAKE_BOT_TOKEN, type FakeSlackApi, startFakeSlackApi } from '../fakes/slack-api.js';
import { captureLogs, dmEvent, eventually, postEvent, SIGNING_SECRET, USERS } from './support.js';

const bot: Bot = {
  handle: async () => [{ text: 'ok' }],
  directory: async () => [],
  saveReference: async () => undefined,
  home: async () => null,
  deliverLater: async () => undefined,
};
const none = {
  SLACK_BOT_TOKEN: undefined,
  SLACK_SIGNING_SECRET: undefined,
  SLACK_APP_TOKEN: undefined,
  SLACK_API_URL: 'https://slack.com/api/',
};

describe('Slack adapter start-up', () => {
  let fake: FakeSlackApi;
  beforeAll(async () => {
    fake = await startFakeSlackApi();
  });
  afterAll(async () => {
    await fake.close();
  });

  it('is off without SLACK_BOT_TOKEN and says so in the log', () => {
    const logs = captureLogs();
    expect(createSlackAdapter({ config: none, bot, logger: logs.logger })).toBeNull();
    expect(createSlackAdapter({ config: { ...none, SLACK_SIGNING_SECRET: 'x' }, bot, logger: logs.logger })).toBeNull();
    expect(logs.lines.filter((l) => l.event === 'slack.disabled').map((l) => [l.level, l.msg])).toEqual([
      [30, 'Slack disabled: SLACK_BOT_TOKEN/SLACK_SIGNING_SECRET not set'],
      [30, 'Slack disabled: SLACK_BOT_TOKEN/SLACK_SIGNING_SECRET not set'],
    ]);
  });

  it('refuses HTTP mode with an empty signing secret', () => {
    const logs = captureLogs();
    for (const secret of [undefined, '', '  ']) {
      expect(() =>
        createSlackAdapter({
          config: { ...none, SLACK_BOT_TOKEN: FAKE_BOT_TOKEN, SLACK_SIGNING_SECRET: secret },
          bot,
          logger: logs.logger,
        }),
      ).toThrow(EmptySigningSecretError);
    }
  });

  it('uses Socket Mode, without an HTTP route and without needing a signing secret, when SLACK_APP_TOKEN is set', () => {
    const adapter = createSlackAdapter({
      config: {
        ...none,
        SLACK_BOT_TOKEN: FAKE_BOT_TOKEN,
        SLACK_APP_TOKEN: 'xapp-1-A0LEERKANS1-1-abc',
        SLACK_API_URL: fake.url,
      },
      bot,
      logger: captureLogs().logger,
    });
    expect(adapter?.mode).toBe('socket');
    expect(adapter?.routes).toEqual([]);
  });

  it('fails start-up naming SLACK_APP_TOKEN when Slack refuses the Socket Mode token', async () => {
    const adapter = createSlackAdapter({
      config: { ...none, SLACK_BOT_TOKEN: FAKE_BOT_TOKEN, SLACK_APP_TOKEN: 'xapp-1-wrong', SLACK_API_URL: fake.url },
      bot,
      logger: captureLogs().logger,
    })!;
    await expect(adapter.start()).rejects.toThrow(/^Invalid SLACK_APP_TOKEN: .*invalid_auth/);
    expect(fake.callsTo('apps.connections.open').at(-1)?.token).toBe('xapp-1-wrong');
    await adapter.stop();
  });

  it('fails start-up naming SLACK_BOT_TOKEN when Slack refuses the token', async () => {
    const adapter = createSlackAdapter({
      config: { ...none, SLACK_BOT_TOKEN: 'xoxb-wrong', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: fake.url },
      bot,
      logger: captureLogs().logger,
    })!;
    await expect(adapter.start()).rejects.toThrow('Invalid SLACK_BOT_TOKEN: Slack says invalid_auth');
  });

  it('starts anyway when Slack cannot be reached, and says so', async () => {
    const logs = captureLogs();
    const adapter = createSlackAdapter({
      config: {
        ...none,
        SLACK_BOT_TOKEN: FAKE_BOT_TOKEN,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: 'http://127.0.0.1:9/api/',
      },
      bot,
      logger: logs.logger,
    })!;
    await adapter.start();
    expect(logs.lines.some((l) => l.event === 'slack.unreachable')).toBe(true);
    await adapter.stop();
  }, 20_000);
});

describe('Leerkans with and without Slack (startLeerkans)', () => {
  let fake: FakeSlackApi;
  const dirs: string[] = [];
  const dataDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'leerkans-slack-'));
    dirs.push(dir);
    return dir;
  };
  beforeAll(async () => {
    fake = await startFakeSlackApi();
    for (const user of Object.values(USERS)) fake.addUser(user);
  });
  afterAll(async () => {
    await fake.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  // A fresh embedded database takes a while to create on a busy machine: generous deadlines, no guessed moments.
  it('runs without Slack variables, logs that Slack is disabled, and has no /slack/events', {
    timeout: 240_000,
  }, async () => {
    const { startLeerkans } = await import('../../app/main.js');
    const logs = captureLogs('info');
    const running = await startLeerkans(loadConfig({ PORT: '0', LEERKANS_DATA_DIR: dataDir() }), logs.logger);
    try {
      expect(logs.has(/^Slack disabled: SLACK_BOT_TOKEN\/SLACK_SIGNING_SECRET not set$/)).toBe(true);
      // Ready when the database answers; polled with a generous deadline, never judged on one sample.
      await eventually(
        async () => expect((await fetch(`http://127.0.0.1:${running.port}/healthz`)).status).toBe(200),
        60_000,
      );
      expect((await postEvent(`http://127.0.0.1:${running.port}`, dmEvent('hulp'))).status).toBe(404);
    } finally {
      await running.stop();
    }
  });

  it('serves signed Slack events with the Slack variables set', { timeout: 240_000 }, async () => {
    const { startLeerkans } = await import('../../app/main.js');
    const logs = captureLogs('info');
    const config = loadConfig({
      PORT: '0',
      LEERKANS_DATA_DIR: dataDir(),
      SLACK_BOT_TOKEN: FAKE_BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.url,
    });
    const running = await startLeerkans(config, logs.logger);
    try {
      const base = `http://127.0.0.1:${running.port}`;
      expect((await postEvent(base, dmEvent('hulp', USERS.amira.id))).status).toBe(200);
      await eventually(() => expect(fake.callsTo('chat.postMessage').length).toBeGreaterThan(0));
      expect((await postEvent(base, dmEvent('hulp'), { secret: 'wrong' })).status).toBe(401);
    } finally {
      await running.stop();
    }
  });
});
