// Every card action is authorised on the server: card data is untrusted input.
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Bot } from '../../bot/core/bot.js';
import { t } from '../../bot/i18n/index.js';
import type { Db } from '../../db/db.js';
import { databases } from '../support/databases.js';
import {
  act,
  counts,
  DEMO_WITHOUT_SHIFTS,
  EMAIL,
  indicatorId,
  makeBot,
  personId,
  requestFeedback,
  type Who,
} from '../support/harness.js';

// Who is assigned to whom in the demo roster (mentor/teacher may give feedback; the coach may only look).
const FEEDBACK_ALLOWED: Record<string, Who[]> = {
  amira: ['jan', 'els'],
  noor: ['karim', 'els'],
};
const PROGRESS_ALLOWED: Record<string, Who[]> = {
  amira: ['amira', 'jan', 'els', 'sofie'],
  noor: ['noor', 'karim', 'els', 'sofie'],
};
const ACTORS: Who[] = ['amira', 'tom', 'jan', 'lien', 'karim', 'els', 'sofie'];
const STUDENTS = ['amira', 'noor'] as const;

describe.each(databases)('authorisation on $name', ({ create }) => {
  let db: Db;
  let bot: Bot;
  let snapshot: () => Promise<unknown>;
  beforeEach(async () => {
    db = await create(DEMO_WITHOUT_SHIFTS);
    bot = makeBot(db, { now: () => new Date() });
    snapshot = () => counts(db);
  });
  afterEach(async () => {
    await db.close();
  });
  beforeAll(() => {
    expect(Object.keys(EMAIL)).toContain('sofie');
  });

  for (const actor of ACTORS) {
    for (const student of STUDENTS) {
      const allowed = FEEDBACK_ALLOWED[student]!.includes(actor);
      it(`feedback.submit by ${actor} for ${student}: ${allowed ? 'stored' : 'refused'}`, async () => {
        const before = await counts(db);
        const replies = await act(
          bot,
          actor,
          'feedback.submit',
          { studentId: String(await personId(db, student)) },
          {
            indicator: String(await indicatorId(db, 'SW1.2')),
            level: '2',
            nextStep: 'Oefen met eenvoudige taal.',
          },
        );
        if (allowed) {
          expect(replies[0]!.card?.kind).toBe('feedback-thanks');
          expect((await counts(db)).assessments).toBe(before.assessments + 1);
        } else {
          expect(replies[0]!.text).toBe(t(actor === 'lucas' ? 'en' : 'nl-BE', 'feedback.refused'));
          expect(await counts(db)).toEqual(before);
        }
      });

      it(`feedback.start by ${actor} for ${student}: ${allowed ? 'card' : 'refused'}`, async () => {
        const replies = await act(bot, actor, 'feedback.start', {}, { student: String(await personId(db, student)) });
        if (allowed) expect(replies[0]!.card?.kind).toBe('feedback-request');
        else expect(replies[0]!.text).toBe(t('nl-BE', 'feedback.refused'));
      });

      const mayView = PROGRESS_ALLOWED[student]!.includes(actor);
      it(`progress.show by ${actor} for ${student}: ${mayView ? 'shown' : 'refused'}`, async () => {
        const replies = await act(bot, actor, 'progress.show', {}, { student: String(await personId(db, student)) });
        if (mayView) expect(replies[0]!.card?.kind).toBe('progress');
        else expect(replies[0]!.text).toBe(t('nl-BE', 'progress.refused'));
      });
    }
  }

  it('refuses forged payloads and stores nothing', async () => {
    const [janRequest] = await requestFeedback(db, 'tom');
    const [amiraRequest] = await requestFeedback(db, 'amira');
    const tom = String(await personId(db, 'tom'));
    const amira = String(await personId(db, 'amira'));
    // Requests rate their focus indicator (SW1.3) by its own level input; own-initiative feedback names one.
    const sw13 = await indicatorId(db, 'SW1.3');
    const good = { [`level_${sw13}`]: '3', nextStep: 'Vraag door.' };
    const own = { indicator: String(sw13), level: '3', nextStep: 'Vraag door.' };
    const before = await snapshot();
    const refused = t('nl-BE', 'feedback.refused');
    const invalid = (problem: Parameters<typeof t>[1]) =>
      t('nl-BE', 'feedback.invalid', { problem: t('nl-BE', problem) });
    const cases: [string, Who, unknown, Record<string, string>, string][] = [
      ['wrong student for the request', 'jan', { studentId: amira, requestId: String(janRequest) }, good, refused],
      ['another mentor’s request', 'karim', { studentId: tom, requestId: String(janRequest) }, good, refused],
      ['a request that does not exist', 'jan', { studentId: amira, requestId: '999999' }, good, refused],
      [
        'unknown indicator',
        'jan',
        { studentId: amira },
        { ...own, indicator: '999999' },
        invalid('feedback.invalid.indicator'),
      ],
      [
        'level out of range',
        'jan',
        { studentId: amira, requestId: String(amiraRequest) },
        { ...good, [`level_${sw13}`]: '7' },
        invalid('feedback.invalid.level'),
      ],
      [
        'level that is not a number',
        'jan',
        { studentId: amira, requestId: String(amiraRequest) },
        { ...good, [`level_${sw13}`]: 'max' },
        invalid('feedback.invalid.level'),
      ],
      ['garbage data', 'jan', 'DROP TABLE people', good, invalid('feedback.invalid.fields')],
      ['negative student id', 'jan', { studentId: '-1' }, good, invalid('feedback.invalid.fields')],
      [
        'a huge next step',
        'jan',
        { studentId: amira, requestId: String(amiraRequest) },
        { ...good, nextStep: 'x'.repeat(50_000) },
        invalid('feedback.invalid.nextStep'),
      ],
    ];
    for (const [label, actor, data, inputs, expected] of cases) {
      const replies = await act(bot, actor, 'feedback.submit', data, inputs);
      expect(
        replies.map((r) => r.text),
        label,
      ).toEqual([expected]);
    }
    expect(await snapshot()).toEqual(before);
    // A replayed submit after a real one: one answer stored.
    await act(bot, 'jan', 'feedback.submit', { studentId: amira, requestId: String(amiraRequest) }, good);
    const afterOne = await snapshot();
    const replay = await act(
      bot,
      'jan',
      'feedback.submit',
      { studentId: amira, requestId: String(amiraRequest) },
      good,
    );
    expect(replay[0]!.text).toBe(t('nl-BE', 'feedback.already'));
    expect(await snapshot()).toEqual(afterOne);
  });

  it('lets only the author, while still assigned, edit feedback', async () => {
    const amira = String(await personId(db, 'amira'));
    const good = { indicator: String(await indicatorId(db, 'SW1.3')), level: '3', nextStep: 'Vraag door.' };
    await act(bot, 'jan', 'feedback.submit', { studentId: amira }, good);
    const janAssessment = String((await db.query<{ id: number }>('SELECT id FROM assessments')).rows[0]!.id);
    const before = await snapshot();
    const refused = t('nl-BE', 'feedback.refused');
    // Another mentor, the teacher of the same student, the coach, the student: none may edit Jan's feedback.
    for (const who of ['karim', 'els', 'sofie', 'amira'] as const) {
      const opened = await act(bot, who, 'feedback.edit', { assessmentId: janAssessment });
      expect(
        opened.map((r) => r.text),
        `open as ${who}`,
      ).toEqual([refused]);
      const stored = await act(bot, who, 'feedback.submit', { studentId: amira, supersedesId: janAssessment }, good);
      expect(
        stored.map((r) => r.text),
        `submit as ${who}`,
      ).toEqual([refused]);
    }
    expect(await snapshot()).toEqual(before);
    // Jan himself may, until the roster no longer assigns him to Amira.
    expect((await act(bot, 'jan', 'feedback.edit', { assessmentId: janAssessment }))[0]!.card?.kind).toBe(
      'feedback-request',
    );
    await db.query(`UPDATE assignments SET ends_on = CURRENT_DATE - 1 WHERE staff_id = $1`, [
      await personId(db, 'jan'),
    ]);
    expect((await act(bot, 'jan', 'feedback.edit', { assessmentId: janAssessment })).map((r) => r.text)).toEqual([
      refused,
    ]);
    expect(
      (await act(bot, 'jan', 'feedback.submit', { studentId: amira, supersedesId: janAssessment }, good)).map(
        (r) => r.text,
      ),
    ).toEqual([refused]);
    expect(await snapshot()).toEqual(before);
  });

  it('stores one answer when the same card is submitted twice at once', async () => {
    const [request] = await requestFeedback(db, 'amira');
    const data = { studentId: String(await personId(db, 'amira')), requestId: String(request) };
    const good = { [`level_${await indicatorId(db, 'SW1.3')}`]: '3', nextStep: 'Vraag door.' };
    const replies = await Promise.all([
      act(bot, 'jan', 'feedback.submit', data, good),
      act(bot, 'jan', 'feedback.submit', data, good),
    ]);
    const kinds = replies.map((r) => r[0]!.card?.kind ?? r[0]!.text).sort();
    expect(kinds).toEqual([t('nl-BE', 'feedback.already'), 'feedback-thanks'].sort());
    expect(await counts(db)).toMatchObject({ assessments: 1, feedback: 1, answered: 1 });
  });

  it('refuses an unknown verb without storing anything', async () => {
    const before = await snapshot();
    const replies = await act(bot, 'jan', 'feedback.delete-everything', { studentId: '1' });
    expect(replies).toHaveLength(1);
    expect(await snapshot()).toEqual(before);
  });
});
