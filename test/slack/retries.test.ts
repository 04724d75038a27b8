// Slack redelivers an event up to three times (X-Slack-Retry-Num 1–3), and on http_timeout the retry arrives while
// the first delivery still runs. Whatever the timing — in sequence, all at once, split over two bot instances on one
// database, or after a restart — the person gets one set of replies and the database records the event once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/db.js';
import { type FakeSlackApi, startFakeSlackApi } from '../fakes/slack-api.js';
import { databases } from '../support/databases.js';
import { dmEvent, eventually, postEvent, type SlackHarness, quiet, startSlackHarness, USERS } from './support.js';

const retryHeaders = (n: number) => ({ 'x-slack-retry-num': String(n), 'x-slack-retry-reason': 'http_timeout' });

describe.each(databases)('Slack retries and concurrency ($name)', (database) => {
  let db: Db;
  let fake: FakeSlackApi;
  let h: SlackHarness;
  let second: SlackHarness;

  const posts = () => fake.callsTo('chat.postMessage').length;
  const processed = async (key: string) =>
    (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM processed_events WHERE key = $1', [key])).rows[0]!.n;
  const conversationVersion = async () =>
    (
      await db.query<{ v: number | null }>(
        `SELECT max(c.version)::int AS v FROM conversations c JOIN people p ON p.id = c.person_id WHERE p.email = $1`,
        [USERS.tom.email],
      )
    ).rows[0]!.v;

  /** Replies for one handling of "reflectie": measured once, then every scenario must produce exactly that. */
  let repliesPerEffect = 0;

  beforeAll(async () => {
    db = await database.create();
    fake = await startFakeSlackApi();
    h = await startSlackHarness({ db, fake });
    // A second bot instance on the same database (as behind a load balancer).
    second = await startSlackHarness({ db, fake });
    // Tom says hello first, so the measurement below is a steady-state turn.
    await postEvent(h.url, dmEvent('hulp', USERS.tom.id));
    await eventually(() => expect(posts()).toBeGreaterThan(0));
    await quiet(h.adapter, second.adapter);
    fake.reset();
    const first = dmEvent('reflectie', USERS.tom.id);
    await postEvent(h.url, first);
    await eventually(() => expect(posts()).toBeGreaterThan(0));
    await quiet(h.adapter, second.adapter);
    repliesPerEffect = posts();
    expect(repliesPerEffect).toBeGreaterThan(0);
    // End that reflection so each scenario below starts from the same place.
    await postEvent(h.url, dmEvent('stop', USERS.tom.id));
    await quiet(h.adapter, second.adapter);
  });
  afterAll(async () => {
    await second?.stop();
    await h?.stop();
    await fake?.close();
    await db?.close();
  });

  it('one effect for the same event delivered four times in sequence (Retry-Num 1–3)', async () => {
    fake.reset();
    const event = dmEvent('reflectie', USERS.tom.id);
    const key = `slack:${String(event.event_id)}`;
    const version = await conversationVersion();
    const first = await postEvent(h.url, event);
    expect(first.status).toBe(200);
    await eventually(() => expect(posts()).toBe(repliesPerEffect));
    await quiet(h.adapter, second.adapter);
    for (const n of [1, 2, 3]) {
      const retry = await postEvent(h.url, event, { headers: retryHeaders(n) });
      expect(retry.status).toBe(200);
    }
    await quiet(h.adapter, second.adapter);
    expect(posts()).toBe(repliesPerEffect);
    expect(await processed(key)).toBe(1);
    expect(await conversationVersion()).not.toBe(version);
    await postEvent(h.url, dmEvent('stop', USERS.tom.id));
    await quiet(h.adapter, second.adapter);
  });

  it('one effect when the four deliveries arrive at the same time', async () => {
    fake.reset();
    const event = dmEvent('reflectie', USERS.tom.id);
    const responses = await Promise.all(
      [0, 1, 2, 3].map((n) => postEvent(h.url, event, n === 0 ? {} : { headers: retryHeaders(n) })),
    );
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    await eventually(() => expect(posts()).toBe(repliesPerEffect));
    await quiet(h.adapter, second.adapter);
    expect(posts()).toBe(repliesPerEffect);
    expect(await processed(`slack:${String(event.event_id)}`)).toBe(1);
    await postEvent(h.url, dmEvent('stop', USERS.tom.id));
    await quiet(h.adapter, second.adapter);
  });

  it('one effect when the deliveries are split over two bot instances on one database', async () => {
    fake.reset();
    const event = dmEvent('reflectie', USERS.tom.id);
    await Promise.all([
      postEvent(h.url, event),
      postEvent(second.url, event, { headers: retryHeaders(1) }),
      postEvent(h.url, event, { headers: retryHeaders(2) }),
      postEvent(second.url, event, { headers: retryHeaders(3) }),
    ]);
    await eventually(() => expect(posts()).toBe(repliesPerEffect));
    await quiet(h.adapter, second.adapter);
    expect(posts()).toBe(repliesPerEffect);
    expect(await processed(`slack:${String(event.event_id)}`)).toBe(1);
    await postEvent(h.url, dmEvent('stop', USERS.tom.id));
    await quiet(h.adapter, second.adapter);
  });

  it('no effect for a retry that arrives after a restart (the key is in the database, not only in memory)', async () => {
    fake.reset();
    const event = dmEvent('reflectie', USERS.tom.id);
    await postEvent(h.url, event);
    await eventually(() => expect(posts()).toBe(repliesPerEffect));
    await quiet(h.adapter, second.adapter);
    const restarted = await startSlackHarness({ db, fake });
    try {
      fake.reset();
      expect((await postEvent(restarted.url, event, { headers: retryHeaders(3) })).status).toBe(200);
      await quiet(restarted.adapter);
      // The new process looks the person up again (users.info) but posts nothing.
      expect(fake.callsTo('chat.postMessage')).toHaveLength(0);
    } finally {
      await restarted.stop();
    }
  });

  it('acknowledges every delivery of a burst and handles each exactly once', async () => {
    // How fast the acks come is measured in bench/slack.ts, not asserted here.
    const events = Array.from({ length: 20 }, () => dmEvent('hulp', USERS.tom.id));
    const statuses = await Promise.all(events.map(async (event) => (await postEvent(h.url, event)).status));
    expect(statuses).toEqual(events.map(() => 200));
    await quiet(h.adapter, second.adapter);
    for (const event of events) expect(await processed(`slack:${String(event.event_id)}`)).toBe(1);
  });
});
