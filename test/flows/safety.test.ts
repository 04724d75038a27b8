// Issue item 1: a client quoted in a reflection does not stop it; an unclear message is asked about once; a
// message about the student gets the help lines and, only with the student's yes, a coach card without text.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { t } from '../../bot/i18n/index.js';
import type { Db } from '../../db/db.js';
import { QUESTION_SETS } from '../../prompts/reflection/index.js';
import { databases } from '../support/databases.js';
import { act, cardKinds, conversationOf, DEMO, makeBot, personId, say, textOf } from '../support/harness.js';

const starr = (i: number) => QUESTION_SETS.starr.parts[i]!.question.nl;
const WALKTHROUGH =
  'Situatie: een cliënt in schuldbemiddeling zei letterlijk tegen mij: "ik wil er niet meer zijn". Ik heb meteen mijn mentor erbij gehaald en we hebben de crisisprocedure gevolgd.';

describe.each(databases)('wellbeing check in a reflection on $name', ({ create }) => {
  let db: Db;
  beforeEach(async () => {
    db = await create(DEMO);
  });
  afterEach(async () => {
    await db.close();
  });

  const outboxOf = async (email: string) =>
    (
      await db.query<{ payload: { text: string; card?: { kind: string } } }>(
        'SELECT o.payload FROM outbox o JOIN people p ON p.id = o.person_id WHERE p.email = $1',
        [email],
      )
    ).rows.map((r) => r.payload);

  it('keeps a reflection going when the student quotes a client in crisis', async () => {
    const bot = makeBot(db);
    await say(bot, 'tom', 'reflectie');
    await say(bot, 'tom', 'werkplek');
    const out = await say(bot, 'tom', WALKTHROUGH);
    expect(textOf(out)).not.toContain(t('nl', 'reflection.crisisPaused', { days: 30 }));
    expect(textOf(out)).toContain(starr(1));
    const conversation = (await conversationOf(db, 'tom'))!;
    expect(conversation.state).toMatchObject({ paused: null, answers: { situation: WALKTHROUGH } });
  });

  it('asks once when unsure, and carries on with the message when it is about someone else', async () => {
    const bot = makeBot(db);
    await say(bot, 'tom', 'reflectie');
    await say(bot, 'tom', 'werkplek');
    const ask = await say(bot, 'tom', 'Ze zei ik kan niet meer');
    expect(textOf(ask)).toBe(t('nl', 'safety.check'));
    expect(cardKinds(ask)).toEqual(['safety-check']);
    const other = await act(bot, 'tom', 'safety.check', { answer: 'other' });
    expect(textOf(other)).toContain(t('nl', 'safety.checkOtherDone'));
    expect(textOf(other)).toContain(starr(1));
    expect((await conversationOf(db, 'tom'))!.state).toMatchObject({
      answers: { situation: 'Ze zei ik kan niet meer' },
    });
  });

  it('gives the help lines when it is about the student, and asks the coach only after a yes', async () => {
    const bot = makeBot(db);
    await say(bot, 'tom', 'reflectie');
    await say(bot, 'tom', 'werkplek');
    await say(bot, 'tom', '"Ik kan niet meer."');
    const self = await say(bot, 'tom', 'over mezelf');
    const text = textOf(self);
    for (const line of ['1813', '106', '112', 'Sofie De Clercq']) expect(text).toContain(line);
    expect(cardKinds(self)).toEqual(['safety-offer']);
    // Nothing goes to the coach without consent.
    expect(await outboxOf('sofie.declercq@hogeschool.example.be')).toEqual([]);
    const yes = await act(bot, 'tom', 'safety.offer', { answer: 'yes' });
    expect(textOf(yes)).toBe(t('nl', 'safety.offerSent', { coach: 'Sofie De Clercq' }));
    const toCoach = await outboxOf('sofie.declercq@hogeschool.example.be');
    expect(toCoach).toHaveLength(1);
    expect(toCoach[0]!.card?.kind).toBe('safety-contact');
    expect(JSON.stringify(toCoach[0])).toContain('Tom Vermeulen');
    expect(JSON.stringify(toCoach[0])).not.toContain('niet meer');
    // The reflection is paused and kept; the student's words are stored nowhere.
    const conversation = (await conversationOf(db, 'tom'))!;
    expect(conversation.state).toMatchObject({ paused: 'crisis' });
    expect(JSON.stringify(conversation.state)).not.toContain('niet meer');
    expect(await personId(db, 'tom')).toBeGreaterThan(0);
  });

  it('answers a stale safety button plainly and shows what is current', async () => {
    const bot = makeBot(db);
    await say(bot, 'tom', 'reflectie');
    const out = await act(bot, 'tom', 'safety.offer', { answer: 'yes' });
    expect(out[0]!.text).toBe(t('nl', 'action.stale'));
    expect(textOf(out)).toContain(t('nl', 'reflection.environmentQuestion'));
    expect(await outboxOf('sofie.declercq@hogeschool.example.be')).toEqual([]);
  });

  it('answers a reflection button pressed while the safety question is open with that question', async () => {
    const bot = makeBot(db);
    await say(bot, 'tom', 'reflectie');
    await say(bot, 'tom', '"Ik kan niet meer."');
    const out = await act(bot, 'tom', 'reflection.environment', { environment: 'workplace' });
    expect(out.map((o) => o.text)).toEqual([t('nl', 'action.stale'), t('nl', 'safety.check')]);
  });
});
