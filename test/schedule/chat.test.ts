// Students and admins in chat: pause dates (past, today and over a year refused, never moved to next year), telling
// a shift, answering a nudge (button or text) linked to its shift, and the admin card and words with server-side
// authorisation and the audit log.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { t } from '../../bot/i18n/index.js';
import type { Db } from '../../db/db.js';
import { enqueueOutbox } from '../../db/queries/outbox.js';
import { act, conversationOf, DEMO, makeBot, personId, say, snapshotAll, textOf } from '../support/harness.js';
import { databases } from '../support/databases.js';

// Sunday 29 November 2026, 11:00 in Brussels.
const SUNDAY = new Date('2026-11-29T10:00:00Z');

describe.each(databases)('nudges and admin in chat on $name', ({ create }) => {
  let db: Db;
  beforeEach(async () => {
    db = await create(DEMO);
    await db.query('DELETE FROM schedules');
    await db.query(`INSERT INTO schedules (name, kind, minutes_after_shift) VALUES ('after-shift', 'after_shift', 30)`);
  });
  afterEach(async () => {
    await db.close();
  });

  const pausedUntil = async () =>
    (
      await db.query<{ until: string | null }>(
        `SELECT to_char(nudges_paused_until, 'YYYY-MM-DD') AS until FROM people WHERE id = $1`,
        [await personId(db, 'tom')],
      )
    ).rows[0]!.until;

  it('reads pause dates in Dutch and English and refuses past, today and over a year ahead', async () => {
    const bot = makeBot(db, { now: () => SUNDAY });
    // On 29 November, 28/11 is yesterday: refused, not paused until next year.
    expect(textOf(await say(bot, 'tom', 'pauze tot 28/11'))).toBe(t('nl', 'pause.pastDate'));
    expect(await pausedUntil()).toBeNull();
    expect(textOf(await say(bot, 'tom', 'pauze tot 29/11'))).toBe(t('nl', 'pause.today'));
    expect(textOf(await say(bot, 'tom', 'pauze tot 2028-01-05'))).toBe(
      t('nl', 'pause.tooFar', { date: '29 november 2027' }),
    );
    expect(await pausedUntil()).toBeNull();
    expect(textOf(await say(bot, 'tom', 'pauze tot vrijdag'))).toBe(t('nl', 'pause.set', { date: '4 december 2026' }));
    expect(await pausedUntil()).toBe('2026-12-04');
    expect(textOf(await say(bot, 'tom', 'pauze tot 5 januari'))).toBe(t('nl', 'pause.set', { date: '5 januari 2027' }));
    expect(await pausedUntil()).toBe('2027-01-05');
    expect(textOf(await say(bot, 'tom', 'pause until next Monday'))).toBe(
      t('nl', 'pause.set', { date: '30 november 2026' }),
    );
    expect(await pausedUntil()).toBe('2026-11-30');
    expect(textOf(await say(bot, 'tom', 'pauze tot ooit eens'))).toBe(t('nl', 'pause.invalidDate'));
    expect(textOf(await say(bot, 'tom', 'hervat'))).toBe(t('nl', 'resume.done'));
    expect(await pausedUntil()).toBeNull();
  });

  const shiftsOf = async (who: 'tom' | 'lucas') =>
    (
      await db.query<{ starts_at: Date; ends_at: Date }>(
        'SELECT starts_at, ends_at FROM shifts WHERE person_id = $1 AND starts_at < $2 ORDER BY starts_at',
        [await personId(db, who), '2026-12-01T00:00:00Z'],
      )
    ).rows.map((r) => [r.starts_at.toISOString(), r.ends_at.toISOString()]);

  it('notes a shift told in chat, in the student’s own time, and refuses one that is over', async () => {
    const bot = makeBot(db, { now: () => SUNDAY });
    const told = textOf(await say(bot, 'tom', 'mijn shift eindigt om 17u'));
    expect(told).toContain('17:00');
    expect(told).toContain('30');
    // Running from now (11:00 local) until 17:00 local.
    expect(await shiftsOf('tom')).toEqual([['2026-11-29T10:00:00.000Z', '2026-11-29T16:00:00.000Z']]);
    // Telling the end again moves the end of the same shift.
    await say(bot, 'tom', 'mijn shift eindigt om 17u30');
    expect(await shiftsOf('tom')).toEqual([['2026-11-29T10:00:00.000Z', '2026-11-29T16:30:00.000Z']]);
    await say(bot, 'tom', 'shift morgen 8-16');
    expect((await shiftsOf('tom')).at(-1)).toEqual(['2026-11-30T07:00:00.000Z', '2026-11-30T15:00:00.000Z']);
    expect(textOf(await say(bot, 'lucas', 'shift tomorrow 8 to 4pm'))).toMatch(/^Got it: your shift from/);
    expect(await shiftsOf('lucas')).toEqual([['2026-11-30T07:00:00.000Z', '2026-11-30T15:00:00.000Z']]);
    expect(textOf(await say(bot, 'tom', 'mijn shift eindigt om 9u'))).toBe(t('nl', 'shift.past'));
    expect(textOf(await say(bot, 'tom', 'shift volgende maandag 6-23'))).toBe(t('nl', 'shift.tooLong'));
    // A story about a shift is not a command.
    expect(textOf(await say(bot, 'tom', 'shift was zwaar vandaag'))).toBe(t('nl', 'common.hintStudent'));
  });

  it('starts the reflection linked to the nudge’s shift from the button, and refuses someone else’s shift', async () => {
    const bot = makeBot(db, { now: () => SUNDAY });
    const amira = await personId(db, 'amira');
    const tomShift = (
      await db.query<{ id: number }>('SELECT id FROM shifts WHERE person_id = $1', [await personId(db, 'tom')])
    ).rows[0]!.id;
    const amiraShift = (
      await db.query<{ id: number }>('SELECT id FROM shifts WHERE person_id = $1 ORDER BY starts_at DESC', [amira])
    ).rows[0]!.id;
    const before = await snapshotAll(db);
    expect(textOf(await act(bot, 'tom', 'nudge.reflect', { shiftId: String(amiraShift) }))).toBe(
      t('nl', 'action.invalid'),
    );
    expect(textOf(await act(bot, 'tom', 'nudge.reflect', { shiftId: 'x; DROP' }))).toBe(t('nl', 'action.invalid'));
    expect(await snapshotAll(db)).toEqual(before);
    await act(bot, 'tom', 'nudge.reflect', { shiftId: String(tomShift) });
    expect((await conversationOf(db, 'tom'))!.state).toMatchObject({ shiftId: tomShift, environment: 'workplace' });
    expect(textOf(await act(bot, 'tom', 'nudge.skip', {}))).toBe(t('nl', 'skipToday.set'));
  });

  it('takes any text after a nudge as the start of the reflection about that shift', async () => {
    // Real time: the outbox records when it sent the nudge with the database clock.
    const bot = makeBot(db, { now: () => new Date() });
    const amira = await personId(db, 'amira');
    const older = (
      await db.query<{ id: number }>(
        `INSERT INTO shifts (person_id, starts_at, ends_at, workplace)
         VALUES ($1, now() - interval '10 hours', now() - interval '5 hours', 'Zorgnet Kempen') RETURNING id`,
        [amira],
      )
    ).rows[0]!.id;
    // A later shift ended too, but the nudge was about the older one.
    await db.query(
      `INSERT INTO shifts (person_id, starts_at, ends_at) VALUES ($1, now() - interval '3 hours', now() - interval '1 hour')`,
      [amira],
    );
    const key = `nudge:1:${amira}:shift${older}`;
    await db.query(
      `INSERT INTO nudges (dedupe_key, schedule_id, person_id, shift_id, occurrence, due_at, status)
       VALUES ($1, NULL, $2, $3, now(), now(), 'planned')`,
      [key, amira, older],
    );
    await enqueueOutbox(db, { dedupeKey: key, personId: amira, payload: { text: 'nudge' } });
    await db.query(`UPDATE outbox SET status = 'sent', sent_at = now() - interval '1 minute' WHERE dedupe_key = $1`, [
      key,
    ]);
    await say(bot, 'amira', 'Ik heb vandaag een moeilijk gesprek gevoerd met een cliënt.');
    expect((await conversationOf(db, 'amira'))!.state).toMatchObject({ shiftId: older, environment: 'workplace' });
  });

  it('shows admins the card and lets them change schedules, audited; refuses everyone else on the server', async () => {
    const bot = makeBot(db, { now: () => SUNDAY });
    const before = await snapshotAll(db);
    expect(textOf(await say(bot, 'tom', 'admin'))).toBe(t('nl', 'common.adminOnly'));
    expect(textOf(await act(bot, 'tom', 'admin.schedule.pause', { name: 'after-shift' }))).toBe(
      t('nl', 'common.adminOnly'),
    );
    expect(await snapshotAll(db)).toEqual(before);

    const overview = await say(bot, 'sofie', 'admin');
    const card = overview[0]!.card!;
    expect(card.kind).toBe('admin-overview');
    expect(JSON.stringify(card)).toContain('after-shift');
    expect(card.elements.at(-1)).toMatchObject({
      type: 'actions',
      actions: [{ verb: 'admin.schedule.pause', data: { name: 'after-shift' } }, { verb: 'admin.overview' }],
    });
    // Amira's shift on 1 December 16:30 is not within 24 hours of Sunday: nothing planned yet.
    expect(JSON.stringify(card)).toContain(t('nl', 'admin.noneNext'));

    expect(textOf(await act(bot, 'sofie', 'admin.schedule.pause', { name: 'after-shift' }))).toBe(
      t('nl', 'admin.done.paused', { name: 'after-shift' }),
    );
    expect(textOf(await say(bot, 'sofie', 'admin schema hervat after-shift'))).toBe(
      t('nl', 'admin.done.resumed', { name: 'after-shift' }),
    );
    expect(textOf(await say(bot, 'sofie', 'admin schema cron avond "0 25 * * 1-5"'))).toBe(
      t('nl', 'admin.error', {
        reason: t('nl', 'admin.err.cronField', { cron: '0 25 * * 1-5', field: 'uur' }),
      }),
    );
    expect(textOf(await say(bot, 'sofie', 'admin schema cron avond "0 18 * * 1-5" groep sw-duaal-2026'))).toBe(
      t('nl', 'admin.done.added', { name: 'avond' }),
    );
    // Names, zones and cron expressions keep their case.
    expect(
      textOf(await say(bot, 'sofie', 'admin schedule after-shift Laat-NY 45 zone America/New_York reminder 120')),
    ).toBe(t('nl', 'admin.done.added', { name: 'Laat-NY' }));
    const added = await db.query(`SELECT time_zone, reminder_minutes FROM schedules WHERE name = 'Laat-NY'`);
    expect(added.rows).toEqual([{ time_zone: 'America/New_York', reminder_minutes: 120 }]);
    expect(textOf(await say(bot, 'jan', 'mijn shift eindigt om 17u'))).toBe(t('nl', 'reflection.studentsOnly'));
    expect(textOf(await say(bot, 'sofie', 'admin schema na-shift laat 45 groep bestaat-niet'))).toBe(
      t('nl', 'admin.error', { reason: t('nl', 'admin.err.cohort', { code: 'bestaat-niet' }) }),
    );
    expect(textOf(await say(bot, 'sofie', 'admin vrije dag 2026-12-24 kerstavond'))).toBe(
      t('nl', 'admin.done.holiday', { date: '2026-12-24' }),
    );
    expect(textOf(await say(bot, 'sofie', 'admin vrije dag 28/11'))).toBe(
      t('nl', 'admin.error', { reason: t('nl', 'admin.err.date') }),
    );
    expect(textOf(await say(bot, 'sofie', 'admin schema verwijder avond'))).toBe(
      t('nl', 'admin.done.removed', { name: 'avond' }),
    );
    const audit = await db.query<{ action: string; actor_id: number }>(
      'SELECT action, actor_id FROM audit_log ORDER BY id',
    );
    const sofie = await personId(db, 'sofie');
    expect(audit.rows).toEqual(
      ['schedule.pause', 'schedule.resume', 'schedule.add', 'schedule.add', 'holiday.add', 'schedule.remove'].map(
        (action) => ({
          action,
          actor_id: sofie,
        }),
      ),
    );
    expect(textOf(await say(bot, 'sofie', 'admin gezondheid'))).toContain('SW-DUAAL-2026');
  });
});
