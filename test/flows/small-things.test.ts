// Issue item 7: the small things a walkthrough found, and "two skips in a row" from closing the loop.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { en } from '../../bot/i18n/en.js';
import { enFeedback } from '../../bot/i18n/en-feedback.js';
import { t } from '../../bot/i18n/index.js';
import type { Db } from '../../db/db.js';
import { QUESTION_SETS } from '../../prompts/reflection/index.js';
import { databases } from '../support/databases.js';
import { act, conversationOf, DEMO, makeBot, say, textOf } from '../support/harness.js';

describe('wording', () => {
  it('asks different questions at Korthagen’s Alternatives and Trial', () => {
    const [alternatives, trial] = ['alternatives', 'trial'].map(
      (k) => QUESTION_SETS.korthagen.parts.find((p) => p.key === k)!.question,
    );
    for (const language of ['nl', 'en'] as const) {
      expect(alternatives![language]).not.toMatch(/volgende keer|next time/i);
      expect(trial![language]).toMatch(/probeer|try out/i);
      expect(trial![language]).not.toBe(alternatives![language]);
    }
  });

  it('says "required" once: the card marks the field, the label does not repeat it', () => {
    expect(t('nl', 'feedback.card.nextStep')).not.toMatch(/verplicht/i);
    expect(t('en', 'feedback.card.nextStep')).not.toMatch(/required/i);
  });

  it('has English that reads as written in English', () => {
    const all = JSON.stringify({ ...en, ...enFeedback });
    for (const phrase of ['sounds heavy', 'in short', '"Whom?"', 'I am noting', 'We are already at it'])
      expect(all).not.toContain(phrase);
  });
});

describe.each(databases)('small things in the conversation on $name', ({ create }) => {
  let db: Db;
  beforeEach(async () => {
    db = await create(DEMO);
  });
  afterEach(async () => {
    await db.close();
  });

  const answers = async () =>
    ((await conversationOf(db, 'tom'))?.state as { answers?: Record<string, string> } | undefined)?.answers ?? {};

  it('does not take an invisible message as an answer', async () => {
    const bot = makeBot(db);
    await say(bot, 'tom', 'reflectie');
    await say(bot, 'tom', 'werkplek');
    for (const invisible of ['\u200b', '\u2060', '\u3164', '\ufe0f', '\u200b \u2060']) {
      const out = await say(bot, 'tom', invisible);
      expect(textOf(out)).toContain(t('nl', 'common.empty'));
    }
    expect(await answers()).toEqual({});
  });

  it('turns a long message outside a reflection into the start of one instead of dropping it', async () => {
    const bot = makeBot(db);
    const story = 'Vandaag had ik een huisbezoek bij een gezin met schulden. '.repeat(90).trim();
    expect(story.length).toBeGreaterThan(5000);
    const out = await say(bot, 'tom', story);
    expect(textOf(out)).toContain(t('nl', 'reflection.storyStarted', { days: 30 }));
    expect(Object.values(await answers()).join(' ')).toContain('huisbezoek bij een gezin met schulden');
  });

  it('does not accept emoji only as an answer, in STARR nor in a Gibbs step', async () => {
    const bot = makeBot(db);
    await say(bot, 'tom', 'reflectie');
    await say(bot, 'tom', 'werkplek');
    expect(textOf(await say(bot, 'tom', '😢😢😢'))).toContain(t('nl', 'reflection.needWords'));
    await say(bot, 'tom', 'Het was een moeilijk en emotioneel gesprek met een cliënt die huilde.');
    await act(bot, 'tom', 'reflection.model', { model: 'gibbs' });
    expect(textOf(await say(bot, 'tom', '😢👍'))).toContain(t('nl', 'reflection.needWords'));
    expect(Object.values(await answers()).join(' ')).not.toContain('😢');
  });

  it('asks for one concrete sentence after two skips in a row with nothing told yet', async () => {
    const bot = makeBot(db);
    await say(bot, 'tom', 'reflectie');
    await say(bot, 'tom', 'werkplek');
    await say(bot, 'tom', 'overslaan');
    const second = await say(bot, 'tom', 'overslaan');
    expect(textOf(second)).toContain(t('nl', 'reflection.needConcrete'));
    expect((await conversationOf(db, 'tom'))!.step).toBe('q:task');
    // One concrete sentence, and skipping is fine again.
    await say(bot, 'tom', 'Ik moest een intakegesprek leiden met een nieuwe cliënt.');
    expect(textOf(await say(bot, 'tom', 'overslaan'))).not.toContain(t('nl', 'reflection.needConcrete'));
  });

  it('tells a coach who types "feedback voor" that it is for mentors, not to ask at the end of a reflection', async () => {
    const bot = makeBot(db);
    const out = textOf(await say(bot, 'sofie', 'feedback voor Amira'));
    expect(out).toBe(t('nl', 'feedback.onlyStaff'));
    expect(out).not.toMatch(/einde van een reflectie/);
  });
});
