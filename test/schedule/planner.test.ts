// The nudge planner with a controllable clock, on every test database: each nudge at the right instant, once.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { t } from '../../bot/i18n/index.js';
import type { Db } from '../../db/db.js';
import { databases } from '../support/databases.js';
import { addPerson, addSchedule, addShift, clockHarness } from './clock-harness.js';

const HOUR = 3600_000;

describe.each(databases)('nudge planner on $name', ({ create }) => {
  let db: Db;
  let amira: number;
  beforeEach(async () => {
    db = await create();
    // The migration's default schedule: each test sets up the schedules it is about.
    await db.query('DELETE FROM schedules');
    amira = await addPerson(db, { email: 'amira@student.example.be' });
  });
  afterEach(async () => {
    await db.close();
  });

  const sentTimes = (h: { sent: { personId: number; at: string }[] }, personId = amira) =>
    h.sent.filter((s) => s.personId === personId).map((s) => s.at);

  it('nudges 30 minutes after the end of a shift, naming the workplace, once', async () => {
    await addSchedule(db, { name: 'after-shift', kind: 'after_shift', minutes: 30 });
    // 16:00 in Brussels (winter time, UTC+1).
    const shift = await addShift(db, amira, '2026-12-01T07:00:00Z', '2026-12-01T15:00:00Z');
    const h = clockHarness(db, { startIso: '2026-12-01T14:00:00Z' });
    await h.runUntil('2026-12-01T18:00:00Z', 5);
    expect(sentTimes(h)).toEqual(['2026-12-01T15:30:00.000Z']);
    const out = h.sent[0]!.out;
    expect(out.text).toContain('Zorgnet Kempen');
    expect(out.card?.elements).toContainEqual(
      expect.objectContaining({
        type: 'actions',
        actions: expect.arrayContaining([
          expect.objectContaining({ verb: 'nudge.reflect', data: { shiftId: String(shift) } }),
        ]),
      }),
    );
    const rows = await db.query('SELECT dedupe_key, shift_id, status FROM nudges');
    expect(rows.rows).toEqual([
      { dedupe_key: expect.stringMatching(/^nudge:\d+:\d+:shift\d+$/), shift_id: shift, status: 'planned' },
    ]);
  });

  it('gives a shift no nudge while it runs, and none once the student reflected on it', async () => {
    await addSchedule(db, { name: 'after-shift', kind: 'after_shift', minutes: 30 });
    const shift = await addShift(db, amira, '2026-12-01T07:00:00Z', '2026-12-01T15:00:00Z');
    const reflected = await addShift(db, amira, '2026-12-02T07:00:00Z', '2026-12-02T15:00:00Z');
    await db.query(`INSERT INTO reflections (person_id, shift_id, model) VALUES ($1, $2, 'starr')`, [amira, reflected]);
    const h = clockHarness(db, { startIso: '2026-12-01T12:00:00Z' });
    await h.runUntil('2026-12-01T15:25:00Z', 5);
    expect(h.sent).toEqual([]);
    await h.runUntil('2026-12-01T15:30:00Z', 5);
    await h.runUntil('2026-12-02T18:00:00Z', 30);
    expect(sentTimes(h)).toEqual(['2026-12-01T15:30:00.000Z']);
    expect(shift).toBeGreaterThan(0);
  });

  it('sends at most one reminder per shift, none once the student reflected on it or skipped the day', async () => {
    await addSchedule(db, { name: 'after-shift', kind: 'after_shift', minutes: 30, reminder: 120 });
    const tom = await addPerson(db, { email: 'tom@student.example.be' });
    const lena = await addPerson(db, { email: 'lena@student.example.be' });
    for (const p of [amira, tom, lena]) await addShift(db, p, '2026-12-01T07:00:00Z', '2026-12-01T15:00:00Z');
    const h = clockHarness(db, { startIso: '2026-12-01T15:00:00Z' });
    await h.runUntil('2026-12-01T16:00:00Z', 15);
    // Tom reflects on his shift, Lena says "vandaag overslaan"; Amira does neither.
    await db.query(
      `INSERT INTO reflections (person_id, shift_id, model) SELECT person_id, id, 'starr' FROM shifts WHERE person_id = $1`,
      [tom],
    );
    await db.query(`UPDATE people SET skip_nudges_on = '2026-12-01' WHERE id = $1`, [lena]);
    await h.runUntil('2026-12-02T12:00:00Z', 15);
    expect(sentTimes(h, amira)).toEqual(['2026-12-01T15:30:00.000Z', '2026-12-01T17:30:00.000Z']);
    expect(h.sent.filter((s) => s.personId === amira)[1]!.out.text).toBe(t('nl', 'nudge.reminder'));
    expect(sentTimes(h, tom)).toEqual(['2026-12-01T15:30:00.000Z']);
    expect(sentTimes(h, lena)).toEqual(['2026-12-01T15:30:00.000Z']);
    const kinds = await db.query('SELECT kind, count(*)::int AS n FROM nudges GROUP BY kind ORDER BY kind');
    expect(kinds.rows).toEqual([
      { kind: 'nudge', n: 3 },
      { kind: 'reminder', n: 1 },
    ]);
  });

  it('uses the most specific after-shift schedule: a person’s own beats the cohort’s beats everyone’s', async () => {
    await addSchedule(db, { name: 'org', kind: 'after_shift', minutes: 30 });
    const cohort = (await db.query<{ id: number }>(`INSERT INTO cohorts (code) VALUES ('zorg-1') RETURNING id`))
      .rows[0]!.id;
    const tom = await addPerson(db, { email: 'tom@student.example.be' });
    const lena = await addPerson(db, { email: 'lena@student.example.be' });
    await db.query('INSERT INTO cohort_members (cohort_id, person_id) VALUES ($1, $2), ($1, $3)', [cohort, tom, lena]);
    await addSchedule(db, { name: 'cohort', kind: 'after_shift', minutes: 60, cohortId: cohort });
    await addSchedule(db, { name: 'lena', kind: 'after_shift', minutes: 90, personId: lena });
    for (const p of [amira, tom, lena]) await addShift(db, p, '2026-12-01T07:00:00Z', '2026-12-01T15:00:00Z');
    const h = clockHarness(db, { startIso: '2026-12-01T15:00:00Z' });
    await h.runUntil('2026-12-01T18:00:00Z', 15);
    expect(sentTimes(h, amira)).toEqual(['2026-12-01T15:30:00.000Z']);
    expect(sentTimes(h, tom)).toEqual(['2026-12-01T16:00:00.000Z']);
    expect(sentTimes(h, lena)).toEqual(['2026-12-01T16:30:00.000Z']);
  });

  it('sends fixed-time (cron) nudges on weekdays at 17:00 local time, each once', async () => {
    await addSchedule(db, { name: 'weekdays', kind: 'cron', cron: '0 17 * * 1-5' });
    // Friday 4 December to Tuesday 8 December 2026.
    const h = clockHarness(db, { startIso: '2026-12-04T12:00:00Z' });
    await h.runUntil('2026-12-08T20:00:00Z', 30);
    expect(sentTimes(h)).toEqual(['2026-12-04T16:00:00.000Z', '2026-12-07T16:00:00.000Z', '2026-12-08T16:00:00.000Z']);
    expect(h.sent[0]!.out.card?.elements[1]).toMatchObject({ type: 'actions' });
  });

  it('moves a nudge that falls in quiet hours to their end, in the student’s zone', async () => {
    await addSchedule(db, { name: 'after-shift', kind: 'after_shift', minutes: 30 });
    // Ends 22:00 Brussels → 22:30 is quiet → 07:30 the next morning.
    await addShift(db, amira, '2026-12-01T13:00:00Z', '2026-12-01T21:00:00Z');
    const h = clockHarness(db, { startIso: '2026-12-01T20:00:00Z' });
    await h.runUntil('2026-12-02T09:00:00Z', 15);
    expect(sentTimes(h)).toEqual(['2026-12-02T06:30:00.000Z']);
  });

  it('silences fixed-time nudges on holidays but lets a shift nudge follow the shift (unless told otherwise)', async () => {
    await db.query(`INSERT INTO holidays (day, name) VALUES ('2026-12-24', 'Kerstavond')`);
    await addSchedule(db, { name: 'evening', kind: 'cron', cron: '0 18 * * *' });
    await addSchedule(db, { name: 'after-shift', kind: 'after_shift', minutes: 30 });
    const tom = await addPerson(db, { email: 'tom@student.example.be' });
    await addSchedule(db, { name: 'tom', kind: 'after_shift', minutes: 30, personId: tom, policy: 'silence' });
    await addShift(db, amira, '2026-12-24T07:00:00Z', '2026-12-24T15:00:00Z');
    await addShift(db, tom, '2026-12-24T07:00:00Z', '2026-12-24T15:00:00Z');
    const h = clockHarness(db, { startIso: '2026-12-23T16:00:00Z' });
    await h.runUntil('2026-12-25T18:00:00Z', 30);
    expect(sentTimes(h, amira)).toEqual([
      '2026-12-23T17:00:00.000Z',
      '2026-12-24T15:30:00.000Z', // the shift nudge on the holiday
      '2026-12-25T17:00:00.000Z',
    ]);
    expect(sentTimes(h, tom)).toEqual(['2026-12-23T17:00:00.000Z', '2026-12-25T17:00:00.000Z']);
  });

  it('honours "pauze tot" and "vandaag overslaan" in the student’s own dates', async () => {
    await addSchedule(db, { name: 'evening', kind: 'cron', cron: '0 18 * * *' });
    await db.query(
      `UPDATE people SET nudges_paused_until = '2026-12-03', skip_nudges_on = '2026-12-04' WHERE id = $1`,
      [amira],
    );
    const h = clockHarness(db, { startIso: '2026-12-01T12:00:00Z' });
    await h.runUntil('2026-12-05T18:00:00Z', 30);
    // Paused on the 1st and 2nd, back on the 3rd, skipped on the 4th.
    expect(sentTimes(h)).toEqual(['2026-12-03T17:00:00.000Z', '2026-12-05T17:00:00.000Z']);
  });

  it('catches up after a restart within the window, and drops (and counts) what is older', async () => {
    await addSchedule(db, { name: 'after-shift', kind: 'after_shift', minutes: 30 });
    await addShift(db, amira, '2026-12-01T07:00:00Z', '2026-12-01T15:00:00Z'); // nudge 15:30Z
    const tom = await addPerson(db, { email: 'tom@student.example.be' });
    await addShift(db, tom, '2026-12-01T02:00:00Z', '2026-12-01T08:00:00Z'); // nudge 08:30Z
    const h = clockHarness(db, { startIso: '2026-12-01T07:00:00Z' });
    await h.tick();
    // The bot is down from 07:00 to 18:00: Amira's nudge is 2.5 h late (sent), Tom's 9.5 h (dropped).
    h.restart();
    h.set('2026-12-01T18:00:00Z');
    await h.runUntil('2026-12-01T19:00:00Z', 15);
    expect(sentTimes(h, amira)).toEqual(['2026-12-01T18:00:00.000Z']);
    expect(sentTimes(h, tom)).toEqual([]);
    expect(h.dropped()).toBe(1);
    const dropped = await db.query(`SELECT person_id FROM nudges WHERE status = 'dropped'`);
    expect(dropped.rows).toEqual([{ person_id: tom }]);
    // Another restart neither sends nor counts anything again.
    h.restart();
    await h.runUntil('2026-12-01T20:00:00Z', 15);
    expect(h.sent).toHaveLength(1);
    expect(h.dropped()).toBe(1);
  });

  it('neither skips nor doubles a nudge when Brussels springs forward or falls back', async () => {
    // 02:30 does not exist on 29 March 2026 (it is 03:30 CEST) and happens twice on 25 October 2026.
    const since = '2026-03-27T12:00:00Z';
    await addSchedule(db, { name: 'night', kind: 'cron', cron: '30 2 * * *', quiet: ['00:00', '00:00'], since });
    await addSchedule(db, { name: 'morning', kind: 'cron', cron: '0 8 * * *', since });
    let h = clockHarness(db, { startIso: '2026-03-27T12:00:00Z' });
    await h.runUntil('2026-03-30T12:00:00Z', 15);
    expect(sentTimes(h)).toEqual([
      '2026-03-28T01:30:00.000Z', // 02:30 CET
      '2026-03-28T07:00:00.000Z', // 08:00 CET
      '2026-03-29T01:30:00.000Z', // 03:30 CEST: the first moment after the gap
      '2026-03-29T06:00:00.000Z', // 08:00 CEST
      '2026-03-30T00:30:00.000Z', // 02:30 CEST
      '2026-03-30T06:00:00.000Z',
    ]);
    await db.query(`UPDATE schedules SET updated_at = '2026-10-24T12:00:00Z'`);
    h = clockHarness(db, { startIso: '2026-10-24T12:00:00Z' });
    await h.runUntil('2026-10-26T12:00:00Z', 15);
    expect(sentTimes(h)).toEqual([
      '2026-10-25T00:30:00.000Z', // 02:30 CEST, once: not again at 02:30 CET
      '2026-10-25T07:00:00.000Z', // 08:00 CET
      '2026-10-26T01:30:00.000Z',
      '2026-10-26T07:00:00.000Z',
    ]);
  });

  it('keeps quiet hours at 07:30 local across the spring-forward night', async () => {
    await addSchedule(db, { name: 'after-shift', kind: 'after_shift', minutes: 30 });
    // Ends 23:00 CET on Saturday 28 March; the quiet hours end at 07:30 CEST (05:30Z) after the clocks change.
    await addShift(db, amira, '2026-03-28T14:00:00Z', '2026-03-28T22:00:00Z');
    const h = clockHarness(db, { startIso: '2026-03-28T21:00:00Z' });
    await h.runUntil('2026-03-29T08:00:00Z', 15);
    expect(sentTimes(h)).toEqual(['2026-03-29T05:30:00.000Z']);
  });

  it('nudges a student in America/New_York in her own time, quiet hours included', async () => {
    const sam = await addPerson(db, { email: 'sam@student.example.com', zone: 'America/New_York', locale: 'en-US' });
    await addSchedule(db, { name: 'after-shift', kind: 'after_shift', minutes: 30 });
    await addSchedule(db, { name: 'ny', kind: 'cron', cron: '0 17 * * *', zone: 'America/New_York', personId: sam });
    // 17:00 New York (UTC-5) → nudge 17:30 = 22:30Z, which is in Brussels' quiet hours but not in hers.
    await addShift(db, sam, '2026-12-01T14:00:00Z', '2026-12-01T22:00:00Z', 'Brooklyn Care');
    // 21:00 New York ends → 21:30 is quiet there → 07:30 New York = 12:30Z.
    await addShift(db, sam, '2026-12-03T18:00:00Z', '2026-12-04T02:00:00Z', 'Brooklyn Care');
    const h = clockHarness(db, { startIso: '2026-12-01T12:00:00Z' });
    await h.runUntil('2026-12-04T14:00:00Z', 30);
    expect(sentTimes(h, sam)).toEqual([
      '2026-12-01T22:00:00.000Z', // cron 17:00 New York
      '2026-12-01T22:30:00.000Z', // after the shift
      '2026-12-02T22:00:00.000Z',
      '2026-12-03T22:00:00.000Z',
      '2026-12-04T12:30:00.000Z', // moved out of her quiet hours
    ]);
    expect(h.sent.find((s) => s.personId === sam)!.out.text).toMatch(/^Time for/);
    expect(h.sent.find((s) => s.at === '2026-12-01T22:30:00.000Z')!.out.text).toContain('Your shift at Brooklyn Care');
  });

  it('skips digest schedules and paused schedules; a resumed schedule does not catch up its paused moments', async () => {
    await db.query(`INSERT INTO schedules (name, kind, cron) VALUES ('digest', 'digest', '* * * * *')`);
    await addSchedule(db, { name: 'evening', kind: 'cron', cron: '0 18 * * *', since: '2026-12-01T17:30:00Z' });
    const h = clockHarness(db, { startIso: '2026-12-01T16:00:00Z', catchUpMs: 6 * HOUR });
    await h.runUntil('2026-12-01T18:00:00Z', 30);
    expect(sentTimes(h)).toEqual([]);
    expect(h.sent).toEqual([]);
  });
});
