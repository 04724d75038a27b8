// Digest planning with a controlled clock, on both databases: Monday 08:00 in each coach's own zone, once per
// ISO week (also with two planners at once), catch-up after downtime, paused schedules, a cohort-limited schedule;
// the mentor's weekly card and exactly one reminder per request after the configured number of days.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDigestPlanner, isoWeek, planDueDigests } from '../../bot/digest/plan.js';
import { latestOccurrence } from '../../bot/schedule/cron.js';
import { templateNarrator } from '../../bot/llm/narrative.js';
import { silentLogger } from '../../bot/log/logger.js';
import type { Db } from '../../db/db.js';
import { ensureDefaultDigestSchedule } from '../../db/queries/digest.js';
import { DEMO_WITHOUT_SHIFTS, personId, requestFeedback } from '../support/harness.js';
import { databases } from '../support/databases.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// Monday 30 November 2026 08:00 in Brussels is 07:00 UTC.
const MONDAY_8_BRUSSELS = new Date('2026-11-30T07:00:00Z');

const keys = async (db: Db, prefix: string) =>
  (
    await db.query<{ dedupe_key: string }>('SELECT dedupe_key FROM outbox WHERE dedupe_key LIKE $1 ORDER BY 1', [
      `${prefix}%`,
    ])
  ).rows.map((r) => r.dedupe_key);

describe('digest occurrences', () => {
  it('evaluates the cron in the given zone, including an occurrence at exactly now', () => {
    expect(latestOccurrence('0 8 * * 1', 'Europe/Brussels', MONDAY_8_BRUSSELS)).toEqual(MONDAY_8_BRUSSELS);
    expect(latestOccurrence('0 8 * * 1', 'Europe/Brussels', new Date(MONDAY_8_BRUSSELS.getTime() - 1))).toEqual(
      new Date(MONDAY_8_BRUSSELS.getTime() - 7 * DAY),
    );
    // 08:00 in New York on that Monday is 13:00 UTC.
    expect(latestOccurrence('0 8 * * 1', 'America/New_York', new Date('2026-11-30T13:30:00Z'))).toEqual(
      new Date('2026-11-30T13:00:00Z'),
    );
    // Summer time: 08:00 in Brussels is 06:00 UTC.
    expect(latestOccurrence('0 8 * * 1', 'Europe/Brussels', new Date('2026-06-01T06:10:00Z'))).toEqual(
      new Date('2026-06-01T06:00:00Z'),
    );
    expect(latestOccurrence('not a cron', 'Europe/Brussels', MONDAY_8_BRUSSELS)).toBeNull();
    expect(isoWeek(MONDAY_8_BRUSSELS, 'Europe/Brussels')).toBe('2026-W49');
  });
});

describe.each(databases)('planning digests and mentor cards on $name', ({ create }) => {
  let db: Db;
  let now: Date;
  const plan = () =>
    planDueDigests(db, { narrator: templateNarrator, logger: silentLogger, now: () => now, chartBaseUrl: 'http://x' });

  beforeEach(async () => {
    db = await create(DEMO_WITHOUT_SHIFTS);
    await ensureDefaultDigestSchedule(db);
  });
  afterEach(async () => {
    await db.close();
  });

  it('plans the coach’s digest from Monday 08:00 in their zone, once per ISO week', async () => {
    const sofie = await personId(db, 'sofie');
    now = new Date(MONDAY_8_BRUSSELS.getTime() - 60_000);
    expect(await plan()).toBe(0);
    // Last week's occurrence is past the catch-up window: nothing either.
    expect(await keys(db, 'digest:')).toEqual([]);
    now = MONDAY_8_BRUSSELS;
    const [a, b] = await Promise.all([plan(), plan()]);
    const schedule = (await db.query<{ id: number }>(`SELECT id FROM schedules WHERE kind = 'digest'`)).rows[0]!.id;
    expect(await keys(db, 'digest:')).toEqual([`digest:${schedule}:${sofie}:2026-W49`]);
    expect(a + b).toBeGreaterThanOrEqual(1);
    now = new Date(MONDAY_8_BRUSSELS.getTime() + 2 * DAY);
    await plan();
    expect(await keys(db, 'digest:')).toHaveLength(1);
    now = new Date(MONDAY_8_BRUSSELS.getTime() + 7 * DAY);
    await plan();
    expect(await keys(db, 'digest:')).toEqual([
      `digest:${schedule}:${sofie}:2026-W49`,
      `digest:${schedule}:${sofie}:2026-W50`,
    ]);
    const payload = (
      await db.query<{ payload: { card: { kind: string; title: string } } }>(
        `SELECT payload FROM outbox WHERE dedupe_key LIKE 'digest:%' ORDER BY id LIMIT 1`,
      )
    ).rows[0]!.payload;
    expect(payload.card.kind).toBe('digest');
    expect(payload.card.title).toMatch(/^Weekoverzicht 23 nov\.? – 30 nov\.?$/);
  });

  it('plans beside the work loop: one round at a time, at most every interval, and shutdown can wait for it', async () => {
    now = MONDAY_8_BRUSSELS;
    const monthly = createDigestPlanner(
      db,
      { narrator: templateNarrator, logger: silentLogger, now: () => now },
      30 * DAY,
    );
    await monthly.run();
    await monthly.run();
    await monthly.idle();
    expect(await keys(db, 'digest:')).toHaveLength(1);
    // A week later the next digest is due, but this planner's interval has not passed: nothing starts.
    now = new Date(MONDAY_8_BRUSSELS.getTime() + 7 * DAY);
    await monthly.run();
    await monthly.idle();
    expect(await keys(db, 'digest:')).toHaveLength(1);
    const often = createDigestPlanner(db, { narrator: templateNarrator, logger: silentLogger, now: () => now });
    await often.run();
    await often.idle();
    expect(await keys(db, 'digest:')).toHaveLength(2);
  });

  it('catches up after downtime within three days, and uses each coach’s own zone', async () => {
    await db.query(`UPDATE people SET time_zone = 'America/New_York' WHERE email LIKE 'sofie%'`);
    now = new Date('2026-11-30T12:59:00Z');
    await plan();
    expect(await keys(db, 'digest:')).toEqual([]);
    // The bot was down from Monday to Wednesday: the digest still goes out.
    now = new Date('2026-12-02T10:00:00Z');
    await plan();
    expect(await keys(db, 'digest:')).toHaveLength(1);
  });

  it('plans nothing for a paused schedule, and only coaches of the cohort for a cohort schedule', async () => {
    await db.query(`UPDATE schedules SET active = false WHERE kind = 'digest'`);
    now = MONDAY_8_BRUSSELS;
    await plan();
    expect(await keys(db, 'digest:')).toEqual([]);
    await db.query(`INSERT INTO cohorts (code) VALUES ('LEEG')`);
    await db.query(
      `INSERT INTO schedules (name, kind, cron, cohort_id) SELECT 'leeg', 'digest', '0 8 * * 1', id FROM cohorts WHERE code = 'LEEG'`,
    );
    await plan();
    expect(await keys(db, 'digest:')).toEqual([]);
  });

  it('sends a mentor one weekly card and one reminder per request after three days, never more', async () => {
    const jan = await personId(db, 'jan');
    const [requestId] = await requestFeedback(db, 'amira');
    // The request card went out when it was made, four days before Monday.
    await db.query(`UPDATE feedback_requests SET created_at = $1 WHERE id = $2`, [
      new Date(MONDAY_8_BRUSSELS.getTime() - 4 * DAY).toISOString(),
      requestId,
    ]);
    await db.query(
      `INSERT INTO outbox (dedupe_key, person_id, payload, status) VALUES ($1, $2, '{"text":"card"}', 'sent')`,
      [`feedback-request:${requestId}`, jan],
    );
    now = new Date(MONDAY_8_BRUSSELS.getTime() - HOUR);
    await plan();
    expect(await keys(db, 'feedback-reminder:')).toEqual([`feedback-reminder:${requestId}`]);
    expect(await keys(db, 'mentor-weekly:')).toEqual([]);
    now = MONDAY_8_BRUSSELS;
    await plan();
    await plan();
    expect(await keys(db, 'mentor-weekly:')).toHaveLength(1);
    expect(await keys(db, 'feedback-reminder:')).toHaveLength(1);
    const weekly = (
      await db.query<{ person_id: number; payload: { card: { kind: string; fallbackText: string } } }>(
        `SELECT person_id, payload FROM outbox WHERE dedupe_key LIKE 'mentor-weekly:%'`,
      )
    ).rows[0]!;
    expect(weekly.person_id).toBe(jan);
    expect(weekly.payload.card.kind).toBe('mentor-weekly');
    expect(weekly.payload.card.fallbackText).toContain('Amira El Idrissi');
    const reminder = (
      await db.query<{ payload: { text: string; card: { kind: string } } }>(
        `SELECT payload FROM outbox WHERE dedupe_key LIKE 'feedback-reminder:%'`,
      )
    ).rows[0]!.payload;
    expect(reminder.text).toBe(
      'Herinnering: Amira El Idrissi vroeg je 3 dagen geleden om feedback. Hieronder staat de vraag nog eens.',
    );
    expect(reminder.card.kind).toBe('feedback-request');
    now = new Date(MONDAY_8_BRUSSELS.getTime() + 10 * DAY);
    await plan();
    expect(await keys(db, 'feedback-reminder:')).toHaveLength(1);
  });

  it('waits the configured number of days before the reminder', async () => {
    const jan = await personId(db, 'jan');
    const [requestId] = await requestFeedback(db, 'amira');
    await db.query(`UPDATE feedback_requests SET created_at = $1 WHERE id = $2`, [
      new Date(MONDAY_8_BRUSSELS.getTime() - 4 * DAY).toISOString(),
      requestId,
    ]);
    await db.query(`INSERT INTO outbox (dedupe_key, person_id, payload) VALUES ($1, $2, '{"text":"card"}')`, [
      `feedback-request:${requestId}`,
      jan,
    ]);
    now = MONDAY_8_BRUSSELS;
    await planDueDigests(db, { narrator: templateNarrator, logger: silentLogger, now: () => now, reminderDays: 5 });
    expect(await keys(db, 'feedback-reminder:')).toEqual([]);
    now = new Date(MONDAY_8_BRUSSELS.getTime() + DAY);
    await planDueDigests(db, { narrator: templateNarrator, logger: silentLogger, now: () => now, reminderDays: 5 });
    expect(await keys(db, 'feedback-reminder:')).toEqual([`feedback-reminder:${requestId}`]);
  });
});
