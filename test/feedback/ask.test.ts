// Closing the loop: a student asks a mentor or teacher for feedback outside a reflection.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Bot } from '../../bot/core/bot.js';
import { planFeedbackCards } from '../../bot/flows/feedback/plan-cards.js';
import { t } from '../../bot/i18n/index.js';
import { silentLogger } from '../../bot/log/logger.js';
import type { Db } from '../../db/db.js';
import { databases } from '../support/databases.js';
import { DEMO_WITHOUT_SHIFTS, makeBot, personId, say } from '../support/harness.js';

describe.each(databases)('"vraag feedback aan NAAM" on $name', ({ create }) => {
  let db: Db;
  let bot: Bot;
  beforeEach(async () => {
    db = await create(DEMO_WITHOUT_SHIFTS);
    bot = makeBot(db, { now: () => new Date() });
  });
  afterEach(async () => {
    await db.close();
  });

  it('asks the named mentor or teacher, and the card lets them pick the indicator', async () => {
    expect((await say(bot, 'amira', 'mijn feedback'))[0]!.text).toBe(t('nl', 'myFeedback.none'));
    const out = await say(bot, 'amira', 'vraag feedback aan Els');
    expect(out[0]!.text).toBe(t('nl', 'ask.sent', { name: 'Els Wouters' }));
    const requests = await db.query('SELECT requested_of, role, environment, reflection_id FROM feedback_requests');
    expect(requests.rows).toEqual([
      { requested_of: await personId(db, 'els'), role: 'teacher', environment: 'campus', reflection_id: null },
    ]);
    expect(await planFeedbackCards(db, silentLogger)).toBe(1);
    const card = (
      await db.query<{ payload: { card: { kind: string; elements: { id?: string }[] } } }>('SELECT payload FROM outbox')
    ).rows[0]!.payload.card;
    expect(card.kind).toBe('feedback-request');
    expect(card.elements.map((e) => e.id)).toContain('indicator');
  });

  it('asks who is meant when the name matches nobody or is missing, and is for students only', async () => {
    expect((await say(bot, 'amira', 'vraag feedback aan'))[0]!.text).toBe(
      t('nl', 'ask.which', { names: 'Jan Peeters, Els Wouters' }),
    );
    expect((await say(bot, 'amira', 'vraag feedback aan Karim'))[0]!.text).toBe(
      t('nl', 'ask.noMatch', { name: 'Karim', names: 'Jan Peeters, Els Wouters' }),
    );
    expect((await say(bot, 'jan', 'ask feedback from Amira'))[0]!.text).toBe(t('nl', 'ask.studentsOnly'));
    expect((await db.query('SELECT 1 FROM feedback_requests')).rows).toHaveLength(0);
  });
});
