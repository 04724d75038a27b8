// `leerkans digest --now` while the bot runs with Slack configured (embedded database; a fake Slack Web API): the
// CLI process plans the digest through the running server's database, the server's dispatcher posts it to the
// coach's DM, and the image block's URL serves a PNG chart. Embedded only: the CLI-to-server path is what is tested.
// The command runs inside the server, so the chart links use the server's PUBLIC_URL.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningLeerkans } from '../../app/main.js';
import { loadConfig } from '../../bot/config/env.js';
import { dmChannelFor, FAKE_BOT_TOKEN, type FakeSlackApi, startFakeSlackApi } from '../fakes/slack-api.js';
import { captureLogs, dmEvent, eventually, postEvent, SIGNING_SECRET, USERS } from '../slack/support.js';
import { runCli } from '../support/processes.js';

const SOFIE = {
  id: 'U0COACH001',
  email: 'sofie.declercq@hogeschool.example.be',
  name: 'Sofie De Clercq',
  locale: 'nl-BE',
};
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A port nobody listens on right now, so PUBLIC_URL can name the server before it starts. */
const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });

type Block = { type: string; image_url?: string; text?: { text: string }; fields?: { text: string }[] };

describe('leerkans digest --now with Slack (embedded only)', () => {
  let fake: FakeSlackApi;
  let running: RunningLeerkans;
  let base: string;
  const dataDir = mkdtempSync(join(tmpdir(), 'leerkans-digest-'));

  beforeAll(async () => {
    fake = await startFakeSlackApi();
    for (const user of [...Object.values(USERS), SOFIE]) fake.addUser(user);
    const { startLeerkans } = await import('../../app/main.js');
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    running = await startLeerkans(
      loadConfig({
        PORT: String(port),
        PUBLIC_URL: base,
        LEERKANS_DATA_DIR: dataDir,
        SLACK_BOT_TOKEN: FAKE_BOT_TOKEN,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: fake.url,
      }),
      captureLogs('warn').logger,
    );
  }, 120_000);
  afterAll(async () => {
    await running?.stop();
    await fake?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('delivers the coach’s digest to their Slack DM with a PNG chart', async () => {
    // Some ratings for the demo students, so the chart has cells.
    await running.db.query(
      `INSERT INTO assessments (indicator_id, assessed_id, actor_id, actor_role, environment, level)
       SELECT i.id, p.id, p.id, 'student', 'workplace', 1 + (i.id % 4)
         FROM indicators i CROSS JOIN people p WHERE 'student' = ANY (p.roles) AND i.code LIKE 'SW1.%'`,
    );
    // Sofie writes the bot once: her Slack identity is linked (users.info → email).
    expect((await postEvent(base, dmEvent('hulp', SOFIE.id))).status).toBe(200);
    await eventually(() => expect(fake.callsTo('chat.postMessage').length).toBeGreaterThan(0), 20_000);
    const before = fake.callsTo('chat.postMessage').length;

    const cli = await runCli(['digest', '--now', '--coach', SOFIE.email], { LEERKANS_DATA_DIR: dataDir });
    expect(cli.stderr).toBe('');
    expect(cli.code).toBe(0);
    expect(cli.stdout).toContain(`Planned the digest for ${SOFIE.email} (4 students)`);

    const posted = await eventually(() => {
      const calls = fake.callsTo('chat.postMessage').slice(before);
      const digest = calls.find((c) => String(c.args.text).startsWith('Weekoverzicht'));
      expect(digest).toBeDefined();
      return digest!;
    }, 30_000);
    expect(posted.args.channel).toBe(dmChannelFor(SOFIE.id));
    const blocks = posted.args.blocks as Block[];
    const image = blocks.find((b) => b.type === 'image');
    expect(image?.image_url).toMatch(new RegExp(`^${base}/charts/[\\w-]{32}\\.png$`));
    const text = JSON.stringify(blocks);
    for (const name of ['Amira El Idrissi', 'Tom Vermeulen', 'Noor Jacobs', 'Lucas Dubois'])
      expect(text).toContain(name);
    const png = await fetch(image!.image_url!);
    expect(png.status).toBe(200);
    expect(png.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await png.arrayBuffer()).subarray(0, 8)).toEqual(PNG_SIGNATURE);

    // An unknown coach: one line on stderr, non-zero exit, nothing planned.
    const bad = await runCli(['digest', '--now', '--coach', 'niemand@example.be'], { LEERKANS_DATA_DIR: dataDir });
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim()).toBe('leerkans: no coach with students has the email niemand@example.be');
  }, 120_000);
});
