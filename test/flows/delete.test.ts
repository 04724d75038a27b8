// Issue item 4: deleting asks first and withdraws the reflection's open feedback requests; the mentor's card
// then answers that it is no longer current and stores nothing. Old card buttons say so and show what is.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { planFeedbackCards } from '../../bot/flows/feedback/plan-cards.js';
import { t } from '../../bot/i18n/index.js';
import { silentLogger } from '../../bot/log/logger.js';
import type { Db } from '../../db/db.js';
import { databases } from '../support/databases.js';
import { act, cardKinds, DEMO, makeBot, personId, quickReflection, say, textOf } from '../support/harness.js';

describe.each(databases)('deleting a reflection on $name', ({ create }) => {
  let db: Db;
  beforeEach(async () => {
    db = await create(DEMO);
  });
  afterEach(async () => {
    await db.close();
  });

  it('asks for confirmation, withdraws open requests, and the mentor card no longer accepts feedback', async () => {
    const bot = makeBot(db);
    await quickReflection(bot, 'tom', 'Een cliënt kwam binnen voor hulp bij zijn energiefactuur.');
    // quickReflection asks nobody; ask Jan now, about this reflection.
    const reflectionId = (await db.query<{ id: number }>('SELECT id FROM reflections')).rows[0]!.id;
    const tom = await personId(db, 'tom');
    const jan = await personId(db, 'jan');
    const request = (
      await db.query<{ id: number }>(
        `INSERT INTO feedback_requests (student_id, requested_of, role, reflection_id, environment, share_text)
         VALUES ($1, $2, 'mentor', $3, 'workplace', true) RETURNING id`,
        [tom, jan, reflectionId],
      )
    ).rows[0]!.id;
    expect(await planFeedbackCards(db, silentLogger)).toBe(1);

    const ask = await act(bot, 'tom', 'reflection.delete', { reflectionId: String(reflectionId) });
    expect(cardKinds(ask)).toEqual(['reflection-delete-confirm']);
    expect(textOf(ask)).toContain(t('nl', 'reflections.deleteWithdraws', { count: 1 }));
    expect((await db.query('SELECT 1 FROM reflections WHERE deleted_at IS NULL')).rows).toHaveLength(1);
    const done = await act(bot, 'tom', 'reflection.deleteConfirm', {
      reflectionId: String(reflectionId),
      answer: 'yes',
    });
    expect(textOf(done)).toContain(t('nl', 'reflections.withdrawn', { count: 1 }));
    const status = await db.query<{ status: string }>('SELECT status FROM feedback_requests WHERE id = $1', [request]);
    expect(status.rows).toEqual([{ status: 'cancelled' }]);
    const outbox = await db.query<{ status: string }>(
      `SELECT status FROM outbox WHERE dedupe_key = 'feedback-request:' || $1`,
      [request],
    );
    expect(outbox.rows).toEqual([{ status: 'cancelled' }]);

    const before = (await db.query('SELECT count(*)::int AS n FROM assessments')).rows;
    const submit = await act(
      bot,
      'jan',
      'feedback.submit',
      { studentId: String(tom), requestId: String(request) },
      { level: '3', indicator: '1', nextStep: 'Vraag door.' },
    );
    expect(submit[0]!.text).toBe(t('nl', 'feedback.withdrawn'));
    expect((await db.query('SELECT count(*)::int AS n FROM assessments')).rows).toEqual(before);
  });

  it('keeps the reflection on "nee"', async () => {
    const bot = makeBot(db);
    await quickReflection(bot, 'tom', 'Een cliënt kwam binnen voor hulp bij zijn energiefactuur.');
    await say(bot, 'tom', 'verwijder reflectie 1');
    expect(textOf(await say(bot, 'tom', 'nee'))).toBe(t('nl', 'reflections.deleteKept'));
    expect((await db.query('SELECT 1 FROM reflections WHERE deleted_at IS NULL')).rows).toHaveLength(1);
  });

  it('answers an old card plainly and shows the current question, never another draft', async () => {
    const bot = makeBot(db);
    await say(bot, 'tom', 'reflectie');
    await say(bot, 'tom', 'werkplek');
    // The environment card of this draft was answered already: its button is old now.
    const out = await act(bot, 'tom', 'reflection.environment', { environment: 'campus' });
    expect(out[0]!.text).toBe(t('nl', 'action.stale'));
    expect(textOf(out)).toContain(t('nl', 'action.staleCurrent'));
    expect(textOf(out)).toContain('Situatie (1/5)');
  });
});
