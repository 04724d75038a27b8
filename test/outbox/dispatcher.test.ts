import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../db/db.js';
import { enqueueOutbox } from '../../db/queries/outbox.js';
import { importRoster } from '../../bot/imports/roster.js';
import type { Delivery, Outbound, Platform, Recipient, Surface } from '../../bot/core/types.js';
import { createDispatcher } from '../../bot/outbox/dispatcher.js';
import { createRateLimiter } from '../../bot/outbox/rate-limiter.js';
import { silentLogger } from '../../bot/log/logger.js';
import { databases } from '../support/databases.js';

const roster = readFileSync(new URL('../../db/demo/roster-demo.csv', import.meta.url), 'utf8');

// A recording surface: stands in for the platform across the network, answering with scripted deliveries.
const recordingSurface = (
  platform: Platform,
  script: (n: number) => Delivery | Error = () => ({ ok: true, message: { platform, channelId: 'c', messageId: 'm' } }),
) => {
  const sent: { to: Recipient; out: Outbound }[] = [];
  const surface: Surface = {
    platform,
    async send(to, out) {
      sent.push({ to, out });
      const result = script(sent.length);
      if (result instanceof Error) throw result;
      return result;
    },
  };
  return { surface, sent };
};

const fastLimiters = {
  slack: createRateLimiter(1e6, 1e6),
  teams: createRateLimiter(1e6, 1e6),
  web: createRateLimiter(1e6, 1e6),
};

describe.each(databases)('outbox dispatcher on $name', ({ create }) => {
  let db: Db;
  let amira: number;
  let clock: Date;
  const now = () => clock;

  beforeEach(async () => {
    db = await create();
    await importRoster(db, 'r.csv', roster, { timeZone: 'Europe/Brussels', locale: 'nl-BE' });
    amira = (await db.query<{ id: number }>(`SELECT id FROM people WHERE email LIKE 'amira%'`)).rows[0]!.id;
    await db.query(
      `INSERT INTO platform_identities (person_id, platform, tenant_id, user_id, reference)
       VALUES ($1, 'slack', 'T1', 'U1', '{"channelId":"D1"}')`,
      [amira],
    );
    // A little ahead of the database clock, so what was just planned is due.
    clock = new Date(Date.now() + 5_000);
  });
  afterEach(async () => {
    await db.close();
  });

  /** A dispatcher on this test's database and clock, with no rate limits, sending through `surfaces`. */
  const dispatcherFor = (
    surfaces: Surface | Map<Platform, Surface>,
    options: Partial<Parameters<typeof createDispatcher>[0]> = {},
  ) =>
    createDispatcher({
      db,
      surfaces: () => (surfaces instanceof Map ? surfaces : new Map([[surfaces.platform, surfaces]])),
      logger: silentLogger,
      now,
      limiters: fastLimiters,
      ...options,
    });

  const status = async (key: string) =>
    (
      await db.query<{
        status: string;
        attempts: number;
        last_error_class: string | null;
        platform: string | null;
        due_in_s: number;
      }>(
        `SELECT status, attempts, last_error_class, platform,
                extract(epoch FROM next_attempt_at - $2::timestamptz)::int AS due_in_s FROM outbox WHERE dedupe_key = $1`,
        [key, clock.toISOString()],
      )
    ).rows[0]!;

  it('plans a message once per dedupe key and delivers it to the person’s identity', async () => {
    expect(await enqueueOutbox(db, { dedupeKey: 'k1', personId: amira, payload: { text: 'hallo' } })).toBeTypeOf(
      'number',
    );
    expect(await enqueueOutbox(db, { dedupeKey: 'k1', personId: amira, payload: { text: 'again' } })).toBeNull();
    const slack = recordingSurface('slack');
    const d = dispatcherFor(slack.surface);
    expect(await d.tick()).toBe(1);
    expect(slack.sent).toEqual([
      {
        to: expect.objectContaining({ personId: amira, userId: 'U1', reference: { channelId: 'D1' } }),
        out: { text: 'hallo' },
      },
    ]);
    expect(await status('k1')).toMatchObject({ status: 'sent', platform: 'slack', attempts: 1 });
    expect(await d.tick()).toBe(0);
  });

  it('waits as long as the platform asks on a 429, then sends', async () => {
    await enqueueOutbox(db, { dedupeKey: 'k2', personId: amira, payload: { text: 'x' } });
    const slack = recordingSurface('slack', (n) =>
      n === 1
        ? { ok: false, scope: 'transient', retryAfterMs: 30_000, reason: 'ratelimited' }
        : { ok: true, message: { platform: 'slack', channelId: 'D1', messageId: '1.2' } },
    );
    const d = dispatcherFor(slack.surface);
    await d.tick();
    expect(await status('k2')).toMatchObject({
      status: 'pending',
      attempts: 1,
      last_error_class: 'transient',
      due_in_s: 30,
    });
    expect(await d.tick()).toBe(0); // not due yet
    clock = new Date(clock.getTime() + 31_000);
    expect(await d.tick()).toBe(1);
    expect(await status('k2')).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('stops on a recipient failure and marks the identity unreachable', async () => {
    await enqueueOutbox(db, { dedupeKey: 'k3', personId: amira, payload: { text: 'x' } });
    const slack = recordingSurface('slack', () => ({ ok: false, scope: 'recipient', reason: 'slack:user_disabled' }));
    const d = dispatcherFor(slack.surface);
    await d.tick();
    expect(await status('k3')).toMatchObject({ status: 'failed', last_error_class: 'recipient' });
    const identity = await db.query<{ reachable: boolean; unreachable_reason: string }>(
      'SELECT reachable, unreachable_reason FROM platform_identities',
    );
    expect(identity.rows).toEqual([{ reachable: false, unreachable_reason: 'slack:user_disabled' }]);
  });

  it('keeps the person reachable when the message itself was refused', async () => {
    await enqueueOutbox(db, { dedupeKey: 'k3b', personId: amira, payload: { text: 'x' } });
    // The words of the reason do not matter: only the scope does.
    const slack = recordingSurface('slack', () => ({ ok: false, scope: 'message', reason: 'recipient' }));
    const d = dispatcherFor(slack.surface);
    await d.tick();
    expect(await status('k3b')).toMatchObject({ status: 'failed', last_error_class: 'message' });
    const identity = await db.query<{ reachable: boolean }>('SELECT reachable FROM platform_identities');
    expect(identity.rows).toEqual([{ reachable: true }]);
  });

  it('keeps a message for someone with no identity until one appears, or uses the fallback surface', async () => {
    const jan = (await db.query<{ id: number }>(`SELECT id FROM people WHERE email LIKE 'jan.peeters%'`)).rows[0]!.id;
    await enqueueOutbox(db, { dedupeKey: 'k4', personId: jan, payload: { text: 'card' } });
    const slack = recordingSurface('slack');
    const d = dispatcherFor(slack.surface);
    await d.tick();
    expect(await status('k4')).toMatchObject({ status: 'pending', last_error_class: 'no_identity' });
    clock = new Date(clock.getTime() + 61 * 60_000);
    const web = recordingSurface('web');
    const withWeb = dispatcherFor(
      new Map<Platform, Surface>([
        ['slack', slack.surface],
        ['web', web.surface],
      ]),
      { fallbackPlatform: 'web' },
    );
    await withWeb.tick();
    expect(web.sent[0]!.to).toMatchObject({ platform: 'web', userId: 'jan.peeters@ocmw.example.be' });
    expect(await status('k4')).toMatchObject({ status: 'sent', platform: 'web' });
  });

  it('re-sends a message whose sender died mid-send once its lease expires', async () => {
    await enqueueOutbox(db, { dedupeKey: 'k5', personId: amira, payload: { text: 'x' } });
    // A dispatcher that claims and then "dies": its surface never answers.
    const hanging: Surface = { platform: 'slack', send: () => new Promise<Delivery>(() => undefined) };
    const dead = dispatcherFor(hanging, { leaseMs: 10_000 });
    void dead.tick();
    // Wait for the claim itself rather than for a guessed moment after it.
    const deadline = Date.now() + 20_000;
    while ((await status('k5'))?.status !== 'sending' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(await status('k5')).toMatchObject({ status: 'sending', attempts: 1 });
    const slack = recordingSurface('slack');
    const d = dispatcherFor(slack.surface);
    expect(await d.tick()).toBe(0); // still leased
    clock = new Date(clock.getTime() + 11_000);
    expect(await d.tick()).toBe(1);
    expect(await status('k5')).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('shares work between two dispatchers without sending anything twice', async () => {
    for (let i = 0; i < 40; i++)
      await enqueueOutbox(db, { dedupeKey: `many:${i}`, personId: amira, payload: { text: `m${i}` } });
    const a = recordingSurface('slack');
    const b = recordingSurface('slack');
    const mk = (s: Surface) => dispatcherFor(s, { batchSize: 5 });
    const [da, dbb] = [mk(a.surface), mk(b.surface)];
    for (let round = 0; round < 10; round++) await Promise.all([da.tick(), dbb.tick()]);
    const texts = [...a.sent, ...b.sent].map((s) => s.out.text).sort();
    expect(texts).toHaveLength(40);
    expect(new Set(texts).size).toBe(40);
  });

  it('treats a surface that throws as a retryable failure, and gives up after the last attempt', async () => {
    await enqueueOutbox(db, { dedupeKey: 'k6', personId: amira, payload: { text: 'x' } });
    const slack = recordingSurface('slack', () => new Error('socket hang up'));
    const d = dispatcherFor(slack.surface);
    for (let i = 0; i < 12; i++) {
      await d.tick();
      clock = new Date(clock.getTime() + 2 * 60 * 60_000);
    }
    expect(slack.sent).toHaveLength(10);
    expect(await status('k6')).toMatchObject({ status: 'failed', last_error_class: 'gave_up:transient' });
  });
});
