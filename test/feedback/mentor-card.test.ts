// Issue item 3: the mentor card rates every focus indicator (nothing pre-selected) and shows the day of the
// learning opportunity; an edit keeps every field and the student is told it replaces the earlier feedback;
// "feedback voor a" asks which student.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Bot } from '../../bot/core/bot.js';
import { planFeedbackCards } from '../../bot/flows/feedback/plan-cards.js';
import { t } from '../../bot/i18n/index.js';
import { silentLogger } from '../../bot/log/logger.js';
import type { ActionsElement, CardSpec, ChoiceInputElement } from '../../cards/spec.js';
import type { Db } from '../../db/db.js';
import { databases } from '../support/databases.js';
import { act, cardOf, DEMO_WITHOUT_SHIFTS, indicatorId, makeBot, personId, say } from '../support/harness.js';

const submitOf = (card: CardSpec) =>
  card.elements
    .flatMap((e) => (e.type === 'actions' ? (e as ActionsElement).actions : []))
    .find((a) => a.submitsInputs)!;
const choices = (card: CardSpec) => card.elements.filter((e): e is ChoiceInputElement => e.type === 'choice');

describe.each(databases)('the mentor card on $name', ({ create }) => {
  let db: Db;
  let bot: Bot;
  beforeEach(async () => {
    db = await create(DEMO_WITHOUT_SHIFTS);
    bot = makeBot(db, { now: () => new Date() });
  });
  afterEach(async () => {
    await db.close();
  });

  async function requestWithTwoIndicators(): Promise<{ card: CardSpec; sw13: number; sw21: number }> {
    const amira = await personId(db, 'amira');
    // Written on 3 December about a shift on Monday 30 November.
    const r = await db.query<{ id: number }>(
      `INSERT INTO reflections (person_id, model, environment, body, visibility, created_at, occurred_on)
       VALUES ($1, 'starr', 'workplace', 'Situatie: maandag deed ik een intake.', 'coach_mentors',
               '2026-12-03T10:00:00Z', '2026-11-30') RETURNING id`,
      [amira],
    );
    const [sw13, sw21] = [await indicatorId(db, 'SW1.3'), await indicatorId(db, 'SW2.1')];
    await db.query(
      'INSERT INTO reflection_indicators (reflection_id, indicator_id, suggested) VALUES ($1, $2, true), ($1, $3, false)',
      [r.rows[0]!.id, sw13, sw21],
    );
    await db.query(
      `INSERT INTO feedback_requests (student_id, requested_of, role, reflection_id, environment, share_text)
       VALUES ($1, $2, 'mentor', $3, 'workplace', true)`,
      [amira, await personId(db, 'jan'), r.rows[0]!.id],
    );
    await planFeedbackCards(db, silentLogger);
    const planned = await db.query<{ payload: { card: CardSpec } }>(
      `SELECT payload FROM outbox WHERE dedupe_key LIKE 'feedback-request:%'`,
    );
    return { card: planned.rows[0]!.payload.card, sw13, sw21 };
  }

  it('rates every focus indicator on one card, nothing pre-selected, dated by the learning opportunity', async () => {
    const { card, sw13, sw21 } = await requestWithTwoIndicators();
    const levels = choices(card).filter((c) => c.id.startsWith('level_'));
    expect(levels.map((c) => c.id)).toEqual([`level_${sw13}`, `level_${sw21}`]);
    for (const c of levels) expect(c.value).toBeUndefined();
    expect(JSON.stringify(card)).toContain('maandag 30 november');
    // The scale's level descriptions are on the card.
    expect(JSON.stringify(card)).toContain('Doet het zelfstandig en correct in gewone situaties.');
    const replies = await act(bot, 'jan', 'feedback.submit', submitOf(card).data, {
      [`level_${sw13}`]: '3',
      [`level_${sw21}`]: '0',
      wentWell: 'Je vatte goed samen.',
      nextStep: 'Breng ook het netwerk in kaart.',
      conversation: 'yes',
    });
    expect(cardOf(replies)?.kind).toBe('feedback-thanks');
    const stored = await db.query(
      `SELECT indicator_id, level, not_observed, to_char(observed_on, 'YYYY-MM-DD') AS day FROM assessments ORDER BY id`,
    );
    expect(stored.rows).toEqual([
      { indicator_id: sw13, level: 3, not_observed: false, day: '2026-11-30' },
      { indicator_id: sw21, level: null, not_observed: true, day: '2026-11-30' },
    ]);
  });

  it('keeps every field when feedback is edited, and tells the student it replaces the earlier one', async () => {
    const { card, sw13, sw21 } = await requestWithTwoIndicators();
    const first = await act(bot, 'jan', 'feedback.submit', submitOf(card).data, {
      task: 'Intake',
      [`level_${sw13}`]: '2',
      [`level_${sw21}`]: '3',
      wentWell: 'Rustig gebleven.',
      nextStep: 'Vraag door.',
      conversation: 'yes',
    });
    const edit = cardOf(first)!
      .elements.flatMap((e) => (e.type === 'actions' ? e.actions : []))
      .find((a) => a.verb === 'feedback.edit')!;
    const form = cardOf(await act(bot, 'jan', edit.verb, edit.data))!;
    const byId = Object.fromEntries(form.elements.flatMap((e) => ('id' in e ? [[e.id, e]] : [])));
    expect(byId.task).toMatchObject({ value: 'Intake' });
    expect(byId[`level_${sw13}`]).toMatchObject({ value: '2' });
    expect(byId[`level_${sw21}`]).toMatchObject({ value: '3' });
    expect(byId.wentWell).toMatchObject({ value: 'Rustig gebleven.' });
    expect(byId.nextStep).toMatchObject({ value: 'Vraag door.' });
    expect(byId.conversation).toMatchObject({ value: 'yes' });
    expect(JSON.stringify(form)).toContain(t('nl', 'feedback.card.editing'));
    await act(bot, 'jan', 'feedback.submit', submitOf(form).data, {
      task: 'Intake',
      [`level_${sw13}`]: '3',
      [`level_${sw21}`]: '3',
      wentWell: 'Rustig gebleven.',
      nextStep: 'Vraag door naar het netwerk.',
      conversation: 'yes',
    });
    const notices = await db.query<{ text: string }>(
      `SELECT payload->>'text' AS text FROM outbox WHERE dedupe_key LIKE 'feedback-received:%' ORDER BY id`,
    );
    expect(notices.rows[1]!.text).toContain(
      t('nl', 'feedback.receivedEdited', { mentor: 'Jan Peeters', when: 'maandag 30 november' }),
    );
    // Both indicators have a new version; the old ones are superseded.
    const current = await db.query(
      `SELECT indicator_id, level FROM assessments a
        WHERE NOT EXISTS (SELECT 1 FROM assessments n WHERE n.supersedes_id = a.id) ORDER BY indicator_id`,
    );
    expect(current.rows).toEqual([
      { indicator_id: sw13, level: 3 },
      { indicator_id: sw21, level: 3 },
    ]);
  });

  it('asks which student when the name is too short, even when only one would match', async () => {
    const out = await say(bot, 'jan', 'feedback voor a');
    expect(out[0]!.text).toBe(t('nl', 'feedback.pick.which', { name: 'a' }));
    expect(cardOf(out)?.kind).toBe('student-picker');
    expect(cardOf(await say(bot, 'jan', 'feedback voor ami'))?.kind).toBe('feedback-request');
  });
});
