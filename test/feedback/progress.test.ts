import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Bot } from '../../bot/core/bot.js';
import { gapOf } from '../../bot/flows/progress/gaps.js';
import { t } from '../../bot/i18n/index.js';
import type { Db } from '../../db/db.js';
import { databases } from '../support/databases.js';
import { act, cardOf, DEMO_WITHOUT_SHIFTS, indicatorId, makeBot, personId, say } from '../support/harness.js';

describe('gaps between perspectives', () => {
  it('counts only rated levels and flags two or more', () => {
    expect(gapOf({ student: 4, mentor: 2 })).toBe(2);
    expect(gapOf({ student: 3, mentor: 2, teacher: 3 })).toBe(1);
    expect(gapOf({ student: 4, mentor: null })).toBe(0);
    expect(gapOf({ teacher: 1 })).toBe(0);
  });
});

describe.each(databases)('three perspectives and the progress view on $name', ({ create }) => {
  let db: Db;
  let bot: Bot;
  beforeEach(async () => {
    db = await create(DEMO_WITHOUT_SHIFTS);
    bot = makeBot(db, { now: () => new Date() });
  });
  afterEach(async () => {
    await db.close();
  });

  it('shows student, mentor and teacher levels side by side with the gaps', async () => {
    const amira = await personId(db, 'amira');
    const sw13 = await indicatorId(db, 'SW1.3');
    const sw21 = await indicatorId(db, 'SW2.1');
    // The student's self-assessment lands in the same table (as the reflection flow stores it).
    await db.query(
      `INSERT INTO assessments (indicator_id, assessed_id, actor_id, actor_role, environment, level)
       VALUES ($1, $2, $2, 'student', 'workplace', 4), ($3, $2, $2, 'student', 'workplace', 2)`,
      [sw13, amira, sw21],
    );
    await act(
      bot,
      'jan',
      'feedback.submit',
      { studentId: String(amira) },
      { indicator: String(sw13), level: '2', nextStep: 'Vat vaker samen.' },
    );
    await act(
      bot,
      'els',
      'feedback.submit',
      { studentId: String(amira) },
      { indicator: String(sw13), level: '3', nextStep: 'Oefen in de les.' },
    );
    await act(
      bot,
      'jan',
      'feedback.submit',
      { studentId: String(amira) },
      { indicator: String(sw21), level: '0', nextStep: 'Kwam niet aan bod.' },
    );
    const roles = await db.query<{ actor_role: string; environment: string }>(
      'SELECT DISTINCT actor_role, environment FROM assessments ORDER BY actor_role',
    );
    expect(roles.rows).toEqual([
      { actor_role: 'mentor', environment: 'workplace' },
      { actor_role: 'student', environment: 'workplace' },
      { actor_role: 'teacher', environment: 'campus' },
    ]);

    const own = cardOf(await say(bot, 'amira', 'voortgang'))!;
    expect(own.title).toBe(t('nl-BE', 'progress.title', { student: 'Amira El Idrissi' }));
    const d = '\\d{1,2} \\p{L}+\\.?';
    expect(own.fallbackText).toMatch(
      new RegExp(
        `⚠ SW1.3 Luistert actief: vat samen, vraagt door, checkt begrip: Student 4 \\(${d}\\) · Mentor 2 \\(${d}\\) · Docent 3 \\(${d}\\)`,
        'u',
      ),
    );
    expect(own.fallbackText).toMatch(
      new RegExp(
        `\\nSW2.1 Brengt hulpvraag, krachten en netwerk in kaart samen met de cliënt: Student 2 \\(${d}\\) · Mentor NA \\(${d}\\) · Docent –`,
        'u',
      ),
    );
    // Only rated indicators are listed; the rest is a count.
    expect(own.fallbackText).not.toContain('SW1.1');
    expect(own.fallbackText).toContain('13 van de 15 indicatoren hebben nog geen niveau.');
    // The gap comes first, before the competences.
    expect(own.fallbackText.indexOf('⚠ SW1.3')).toBeLessThan(own.fallbackText.indexOf('SW2.1'));

    // The coach picks the student; English for an English-speaking viewer is tested through Lucas below.
    const picker = cardOf(await say(bot, 'sofie', 'voortgang'))!;
    expect(picker.kind).toBe('student-picker');
    const forCoach = cardOf(await act(bot, 'sofie', 'progress.show', {}, { student: String(amira) }))!;
    expect(forCoach.fallbackText).toMatch(/⚠ SW1\.3 .*: Student 4 .* · Mentor 2 .* · Docent 3 /u);
  });

  it('speaks the viewer’s language', async () => {
    const lucasView = cardOf(await say(bot, 'lucas', 'progress'))!;
    expect(lucasView.title).toBe('Progress of Lucas Dubois');
    expect(lucasView.fallbackText).toContain('15 of the 15 indicators have no level yet.');
  });

  it('shows the latest version of an edited assessment only', async () => {
    const amira = await personId(db, 'amira');
    const sw11 = await indicatorId(db, 'SW1.1');
    const first = await act(
      bot,
      'jan',
      'feedback.submit',
      { studentId: String(amira) },
      { indicator: String(sw11), level: '1', nextStep: 'a' },
    );
    const assessmentId = (await db.query<{ id: number }>('SELECT id FROM assessments')).rows[0]!.id;
    expect(cardOf(first)?.kind).toBe('feedback-thanks');
    await act(
      bot,
      'jan',
      'feedback.submit',
      { studentId: String(amira), supersedesId: String(assessmentId) },
      { [`level_${sw11}`]: '3', nextStep: 'b' },
    );
    const view = cardOf(await say(bot, 'amira', 'voortgang'))!;
    expect(view.fallbackText).toMatch(
      /SW1\.1 Stelt zich voor, verduidelijkt rol en doel van het contact: Student – · Mentor 3 \(.*\) · Docent –/u,
    );
  });
});

describe.each(databases)('privacy of self-assessments in the progress view on $name', ({ create }) => {
  it('shows a self-assessment from a private reflection to the student only', async () => {
    const db = await create(DEMO_WITHOUT_SHIFTS);
    try {
      const bot = makeBot(db, { now: () => new Date() });
      const amira = await personId(db, 'amira');
      const sw13 = await indicatorId(db, 'SW1.3');
      const reflection = await db.query<{ id: number }>(
        `INSERT INTO reflections (person_id, model, body, visibility) VALUES ($1, 'starr', 'privé', 'private') RETURNING id`,
        [amira],
      );
      await db.query(
        `INSERT INTO assessments (indicator_id, assessed_id, actor_id, actor_role, environment, level, reflection_id)
         VALUES ($1, $2, $2, 'student', 'workplace', 4, $3)`,
        [sw13, amira, reflection.rows[0]!.id],
      );
      const own = cardOf(await say(bot, 'amira', 'voortgang'))!;
      expect(own.fallbackText).toMatch(
        /SW1\.3 Luistert actief: vat samen, vraagt door, checkt begrip: Student 4 \(.*\) · Mentor – · Docent –/u,
      );
      const coach = cardOf(await act(bot, 'sofie', 'progress.show', {}, { student: String(amira) }))!;
      expect(coach.fallbackText).not.toContain('SW1.3');
      expect(coach.fallbackText).toContain(t('nl-BE', 'progress.empty'));
    } finally {
      await db.close();
    }
  });
});
