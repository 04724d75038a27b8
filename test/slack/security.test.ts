// Request verification on POST /slack/events, over real HTTP against the real core: a wrong signature, a stale
// timestamp, missing headers and the ssl_check trick (bolt-js #2897) are refused with 401 and leave no trace —
// no Slack API call, no database row. A genuine request in the same setup does have an effect.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EmptySigningSecretError } from '../../adapters/slack/index.js';
import { RouteReceiver } from '../../adapters/slack/receiver.js';
import { silentLogger } from '../../bot/log/logger.js';
import type { Db } from '../../db/db.js';
import { databases } from '../support/databases.js';
import {
  dmEvent,
  eventually,
  fixture,
  postEvent,
  postInteraction,
  SIGNING_SECRET,
  type SlackHarness,
  sendSigned,
  quiet,
  startSlackHarness,
  USERS,
} from './support.js';

const FORM = 'application/x-www-form-urlencoded';

describe.each(databases)('Slack request verification ($name)', (database) => {
  let db: Db;
  let h: SlackHarness;

  const footprint = async () =>
    (
      await db.query(
        `SELECT (SELECT count(*)::int FROM processed_events) AS events,
                (SELECT count(*)::int FROM platform_identities) AS identities,
                (SELECT count(*)::int FROM conversations) AS conversations,
                (SELECT count(*)::int FROM audit_log) AS audit`,
      )
    ).rows[0];

  /** Sends, expects the status, and checks that nothing happened anywhere. */
  const expectNoEffect = async (send: () => Promise<Response>, status = 401) => {
    const before = await footprint();
    const response = await send();
    expect(response.status).toBe(status);
    expect(await response.text()).toBe('');
    await quiet(h.adapter);
    expect(h.fake.calls).toEqual([]);
    expect(await footprint()).toEqual(before);
  };

  beforeAll(async () => {
    db = await database.create();
    h = await startSlackHarness({ db });
  });
  afterAll(async () => {
    await h?.stop();
    await db?.close();
  });
  beforeEach(() => h.fake.reset());

  it('handles a genuine signed DM (so the refusals below are meaningful)', async () => {
    const response = await postEvent(h.url, dmEvent('hulp'));
    expect(response.status).toBe(200);
    await eventually(() => expect(h.fake.callsTo('chat.postMessage')).toHaveLength(1));
  });

  it('refuses a body signed with another secret', async () => {
    await expectNoEffect(() => postEvent(h.url, dmEvent('reflectie'), { secret: 'not-the-signing-secret' }));
    expect(h.logs.lines.some((l) => l.event === 'slack.signature_refused' && l.reason === 'signature mismatch')).toBe(
      true,
    );
  });

  it('refuses a body changed after signing', async () => {
    const body = JSON.stringify(dmEvent('reflectie'));
    const timestamp = Math.floor(Date.now() / 1000);
    const { signSlackRequest } = await import('../../adapters/slack/index.js');
    const signature = signSlackRequest(SIGNING_SECRET, timestamp, body);
    await expectNoEffect(() =>
      sendSigned(h.url, body.replace('reflectie', 'mijn gegevens'), 'application/json', { timestamp, signature }),
    );
  });

  it('refuses a correctly signed request whose timestamp is older than five minutes (a replay)', async () => {
    const sixMinutesAgo = Math.floor(Date.now() / 1000) - 6 * 60;
    await expectNoEffect(() => postEvent(h.url, dmEvent('reflectie'), { timestamp: sixMinutesAgo }));
  });

  it('refuses a request without X-Slack-Signature, or without X-Slack-Request-Timestamp', async () => {
    await expectNoEffect(() => postEvent(h.url, dmEvent('reflectie'), { signature: null }));
    await expectNoEffect(() => postEvent(h.url, dmEvent('reflectie'), { omitTimestamp: true }));
  });

  it('refuses the ssl_check trick: an unsigned or badly signed form with ssl_check=1 and a smuggled payload', async () => {
    const smuggled = fixture('block-actions');
    const body = new URLSearchParams({ ssl_check: '1', payload: JSON.stringify(smuggled) }).toString();
    await expectNoEffect(() => sendSigned(h.url, body, FORM, { signature: null, omitTimestamp: true }));
    await expectNoEffect(() => sendSigned(h.url, body, FORM, { secret: 'wrong' }));
    const event = new URLSearchParams({ ssl_check: '1', payload: JSON.stringify(dmEvent('mijn gegevens')) }).toString();
    await expectNoEffect(() => sendSigned(h.url, event, FORM, { signature: 'v0=deadbeef' }));
  });

  it('answers a genuinely signed ssl_check with 200 and does nothing else', async () => {
    await expectNoEffect(() => sendSigned(h.url, 'ssl_check=1&token=Jhj5dZrVaK7ZwHHjRyZWjbDl', FORM), 200);
  });

  it('answers a signed url_verification with the challenge, and refuses an unsigned one', async () => {
    const challenge = fixture<{ challenge: string }>('url-verification');
    const ok = await postEvent(h.url, challenge);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ challenge: challenge.challenge });
    await expectNoEffect(() => postEvent(h.url, challenge, { signature: null }));
  });

  it('refuses a signed interaction with a bad signature too (one check for every payload type)', async () => {
    await expectNoEffect(() => postInteraction(h.url, fixture('block-actions'), { secret: 'wrong' }));
  });

  it('answers 413 to an oversized body without reading it all, and 400 to a signed body that is not JSON', async () => {
    const huge = JSON.stringify({ ...dmEvent('x'), padding: 'x'.repeat(1_100_000) });
    await expectNoEffect(() => postEvent(h.url, JSON.parse(huge)), 413);
    await expectNoEffect(() => sendSigned(h.url, '{"type":', 'application/json'), 400);
  });

  it('ignores a signed DM from the bot itself, from another bot and with an edit subtype', async () => {
    const own = dmEvent('echo', USERS.amira.id);
    (own.event as Record<string, unknown>).user = 'U0BOT00001';
    const otherBot = dmEvent('beep', USERS.amira.id);
    Object.assign(otherBot.event as object, { bot_id: 'B0OTHER001', subtype: 'bot_message' });
    const edited = dmEvent('reflectie', USERS.amira.id);
    Object.assign(edited.event as object, { subtype: 'message_changed' });
    const botUser = dmEvent('hallo', USERS.otherBot.id);
    for (const event of [own, otherBot, edited]) await expectNoEffect(() => postEvent(h.url, event), 200);
    // A user that users.info reports as a bot costs one lookup and nothing else.
    const before = await footprint();
    expect((await postEvent(h.url, botUser)).status).toBe(200);
    await quiet(h.adapter);
    expect(h.fake.calls.map((c) => c.method)).toEqual(['users.info']);
    expect(await footprint()).toEqual(before);
  });
});

describe('Slack receiver start-up', () => {
  it('refuses to start without a signing secret', () => {
    for (const secret of ['', '   ']) {
      expect(() => new RouteReceiver({ signingSecret: secret, logger: silentLogger })).toThrow(EmptySigningSecretError);
    }
    expect(() => new RouteReceiver({ signingSecret: '', logger: silentLogger })).toThrow(
      /SLACK_SIGNING_SECRET is empty/,
    );
  });
});
