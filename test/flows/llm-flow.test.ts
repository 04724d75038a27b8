// The reflection flow with a real OpenAI client against a fake OpenAI-compatible server on 127.0.0.1: whatever the
// model does (a good answer, invalid JSON, a timeout, a 500), the student's reflection completes, and no roster
// name ever leaves the process.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { OpenAiAssistant } from '../../bot/llm/client.js';
import type { Db } from '../../db/db.js';
import { databases } from '../support/databases.js';
import { type FakeBehaviour, type FakeOpenAiServer, startFakeOpenAi } from '../fakes/openai-server.js';
import { act, cardKinds, DEMO, indicatorId, makeBot, personId, say, textOf } from '../support/harness.js';

const ROSTER_NAMES = ['Tom', 'Vermeulen', 'Jan', 'Peeters', 'Lien', 'Maes', 'Els', 'Wouters', 'Sofie', 'Clercq'];

/** A good model: a follow-up question for follow-up prompts, SW1.3 and SW4.2 for suggestion prompts. */
const goodModel = (raw: string): FakeBehaviour =>
  /suggestions/.test(raw)
    ? {
        kind: 'json',
        json: {
          suggestions: [
            { code: 'SW1.3', relevance: 0.9 },
            { code: 'SW4.2', relevance: 0.6 },
          ],
        },
      }
    : { kind: 'json', json: { followUp: 'Wat zei je precies toen je samenvatte?' } };

const behaviours: [string, (raw: string) => FakeBehaviour][] = [
  ['a good answer', goodModel],
  ['invalid JSON', () => ({ kind: 'content', content: '{"suggestions": [oops' })],
  ['a timeout', () => ({ kind: 'hang' })],
  ['HTTP 500', () => ({ kind: 'error', status: 500, message: 'The server had an error' })],
];

describe.each(databases)('reflection with an LLM on $name', ({ create }) => {
  let db: Db;
  let fake: FakeOpenAiServer;
  beforeAll(async () => {
    fake = await startFakeOpenAi();
  });
  afterAll(async () => {
    await fake.close();
  });
  beforeEach(async () => {
    db = await create(DEMO);
    fake.requests.length = 0;
  });
  afterEach(async () => {
    await db.close();
  });

  it.each(behaviours)('completes the reflection when the model gives %s', async (label, behaviour) => {
    fake.respondWith((request) => behaviour(request.raw));
    const assistant = new OpenAiAssistant({
      apiKey: 'test-key',
      baseURL: fake.baseURL,
      model: 'test-model',
      timeoutMs: 400,
    });
    const bot = makeBot(db, { assistant });
    await say(bot, 'tom', 'reflectie');
    await act(bot, 'tom', 'reflection.environment', { environment: 'workplace' });
    await say(bot, 'tom', 'Jan Peeters en ik hadden een intakegesprek met een nieuwe cliënt aan het onthaal.');
    await say(bot, 'tom', 'Ik moest het gesprek leiden en de hulpvraag helder krijgen, zoals Lien Maes vroeg.');
    // A thin answer gets one follow-up question: the model's, or the fixed one when the model fails.
    const followUp = textOf(await say(bot, 'tom', 'Ik vatte samen.'));
    expect(followUp.trim().endsWith('?'), label).toBe(true);
    if (label === 'a good answer') expect(followUp).toBe('Wat zei je precies toen je samenvatte?');
    await say(bot, 'tom', 'Ik vatte samen wat hij vertelde, vroeg door en checkte of ik het goed begreep.');
    await say(bot, 'tom', 'Hij voelde zich gehoord en de hulpvraag werd duidelijk.');
    const indicators = await say(
      bot,
      'tom',
      'Volgende keer vraag ik meteen door naar zijn netwerk en verwijs ik gericht door.',
    );
    expect(cardKinds(indicators), label).toEqual(['reflection-indicators']);
    expect(textOf(indicators)).toContain('SW1.3');

    const sw13 = await indicatorId(db, 'SW1.3');
    await act(bot, 'tom', 'reflection.indicators', { choice: 'selected' }, { suggested: String(sw13) });
    await act(bot, 'tom', 'reflection.assess', { indicatorIds: String(sw13) }, { [`level_${sw13}`]: '3' });
    await act(bot, 'tom', 'reflection.visibility', { visibility: 'coach' });
    const done = await act(bot, 'tom', 'reflection.feedback', { answer: 'no' });
    expect(cardKinds(done), label).toEqual(['reflection-summary']);

    const stored = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM reflections r JOIN reflection_indicators ri ON ri.reflection_id = r.id
        WHERE r.person_id = $1`,
      [await personId(db, 'tom')],
    );
    expect(stored.rows[0]!.n).toBe(1);
    // The model was asked (so the test exercised it) and saw no names of people, only placeholders.
    expect(fake.requests.length).toBeGreaterThan(0);
    for (const request of fake.requests) {
      for (const name of ROSTER_NAMES)
        expect(request.raw, `${label}: ${name}`).not.toMatch(new RegExp(`\\b${name}\\b`));
      expect(request.raw).not.toMatch(/@/);
    }
    expect(fake.requests.some((r) => r.raw.includes('[PERSOON_'))).toBe(true);
  });
});
