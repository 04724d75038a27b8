// What reaches an LLM, checked where it arrives: the real `openai` client talks to a fake OpenAI-compatible server
// on 127.0.0.1 that records every request body. No roster name, no name from the labelled set and no identifier
// may be in any of them — through the assistant directly and through a whole reflection in the bot.
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAssistant, DeterministicAssistant, OpenAiAssistant } from '../../bot/llm/client.js';
import type { Db } from '../../db/db.js';
import {
  type FakeBehaviour,
  type FakeOpenAiServer,
  type RecordedRequest,
  startFakeOpenAi,
} from '../fakes/openai-server.js';
import { act, DEMO, makeBot, say } from '../support/harness.js';
import { databases } from '../support/databases.js';
import { demoIndicators } from './framework.js';
import { loadLabelledSet } from './labelled-set.js';

const labelled = loadLabelledSet('labelled-sentences.json');
const identifierCases = (
  JSON.parse(readFileSync(new URL('../fixtures/pseudonymise/identifiers.json', import.meta.url), 'utf8')) as {
    cases: { text: string; identifiers: { value: string }[] }[];
  }
).cases;
const PARTICLES = new Set(['de', 'van', 'den', 'der', 'el', 'le', 'la', 'du']);

/** The identifier patterns themselves, whatever the value: any of these in a request is a leak. */
const IDENTIFIER_PATTERNS: [string, RegExp][] = [
  ['e-mail', /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+\.\p{L}{2,}/u],
  ['phone or other long number', /\d(?:[\s./-]?\d){7,}/],
  ['national register number', /\d{2}[.\s]?\d{2}[.\s]?\d{2}[-.\s]?\d{3}[-.\s]?\d{2}/],
  ['bank account', /[A-Z]{2}\d{2}(?:\s?[A-Z0-9]{4}){3}/],
  ['street and number', /\p{Lu}\p{L}*(?:straat|laan|baan|Street|Markt)\s+\d/u],
  ['date with a year', /\d{1,2}[./-]\d{1,2}[./-]\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}\s+\p{L}+\s+(?:19|20)\d{2}/u],
];

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Every name word to look for: the labelled names and the roster, split into words, particles left out. */
function nameWords(names: string[]): string[] {
  return [
    ...new Set(
      names
        .flatMap((n) => n.split(/\s+/))
        .filter((w) => !PARTICLES.has(w.toLowerCase()) && w.replace('.', '').length > 0),
    ),
  ];
}

/** The texts the student wrote, as they arrive: the user messages of every request. */
const userText = (r: RecordedRequest) =>
  (r.body.messages ?? [])
    .filter((m) => m.role === 'user')
    .map((m) => m.content)
    .join('\n');

function expectNoLeaks(requests: RecordedRequest[], names: string[]): void {
  expect(requests.length).toBeGreaterThan(0);
  const words = nameWords(names);
  for (const r of requests) {
    const text = userText(r);
    for (const w of words) {
      // Initials ("V.", "J.D.") as written; other words whole, in any case.
      const re = w.endsWith('.')
        ? new RegExp(`(?<![\\p{L}])${escapeRegExp(w)}`, 'u')
        : new RegExp(`(?<![\\p{L}])${escapeRegExp(w)}(?![\\p{L}])`, 'iu');
      expect(text, `"${w}" reached the LLM`).not.toMatch(re);
      if (!w.endsWith('.'))
        expect(r.raw, `"${w}" in the raw request`).not.toMatch(new RegExp(`\\b${escapeRegExp(w)}\\b`, 'u'));
    }
    for (const [what, re] of IDENTIFIER_PATTERNS) expect(text, `${what} reached the LLM`).not.toMatch(re);
  }
}

const goodModel = (r: RecordedRequest): FakeBehaviour =>
  /suggestions/.test(r.raw)
    ? { kind: 'json', json: { suggestions: [{ code: 'SW1.3', relevance: 0.9 }] } }
    : { kind: 'json', json: { followUp: 'Wat zei [PERSOON_1] precies?' } };

let fake: FakeOpenAiServer;
beforeAll(async () => {
  fake = await startFakeOpenAi();
  fake.respondWith(goodModel);
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  fake.requests.length = 0;
});

describe('requests to the LLM', () => {
  const assistant = () =>
    new OpenAiAssistant({ apiKey: 'test-key', baseURL: fake.baseURL, model: 'test-model', timeoutMs: 2_000 });

  it('carry no name from the labelled set and no roster name, in follow-ups and suggestions', async () => {
    const a = assistant();
    const indicators = demoIndicators();
    for (const s of labelled.sentences) {
      const language = s.lang;
      await a.followUpQuestion({ question: 'Wat gebeurde er?', answer: s.text, language, names: labelled.roster });
      await a.suggestIndicators({ reflection: s.text, indicators, language, names: labelled.roster });
    }
    expect(fake.requests.length).toBe(labelled.sentences.length * 2);
    expectNoLeaks(fake.requests, [...labelled.sentences.flatMap((s) => s.names), ...labelled.roster]);
  });

  it('carry none of the identifiers', async () => {
    const a = assistant();
    const reflection = identifierCases.map((c) => c.text).join('\n');
    await a.suggestIndicators({ reflection, indicators: demoIndicators(), language: 'nl', names: [] });
    for (const c of identifierCases)
      await a.followUpQuestion({ question: 'Wat gebeurde er?', answer: c.text, language: 'nl', names: [] });
    expectNoLeaks(fake.requests, []);
    for (const r of fake.requests)
      for (const c of identifierCases) for (const id of c.identifiers) expect(r.raw).not.toContain(id.value);
  });

  it('restore names only in the question shown to the student', async () => {
    const q = await assistant().followUpQuestion({
      question: 'Wat gebeurde er?',
      answer: 'Ik sprak met mevrouw Verhoeven.',
      language: 'nl',
      names: [],
    });
    expect(q).toBe('Wat zei Verhoeven precies?');
    expect(userText(fake.requests[0]!)).toContain('mevrouw [PERSOON_1]');
  });

  it('send nothing with LEERKANS_LLM=off, and only suggestions with suggest-only', async () => {
    const config = { apiKey: 'test-key', baseURL: fake.baseURL, model: 'test-model' };
    const off = createAssistant({ ...config, mode: 'off' });
    expect(off).toBeInstanceOf(DeterministicAssistant);
    await off.followUpQuestion({ question: 'Wat?', answer: 'Kort.', language: 'nl', names: [] });
    await off.suggestIndicators({
      reflection: 'Ik vatte samen.',
      indicators: demoIndicators(),
      language: 'nl',
      names: [],
    });
    expect(fake.requests).toHaveLength(0);

    const suggestOnly = createAssistant({ ...config, mode: 'suggest-only' });
    expect(suggestOnly.usesAi).toBe(true);
    expect(
      await suggestOnly.followUpQuestion({ question: 'Wat?', answer: 'Kort.', language: 'nl', names: [] }),
    ).toMatch(/\?$/);
    expect(fake.requests).toHaveLength(0);
    await suggestOnly.suggestIndicators({
      reflection: 'Ik vatte samen.',
      indicators: demoIndicators(),
      language: 'nl',
      names: [],
    });
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]!.raw).toContain('suggestions');
  });
});

describe.each(databases)('a whole reflection with an LLM on $name', ({ create }) => {
  let db: Db;
  beforeEach(async () => {
    db = await create(DEMO);
  });
  afterEach(async () => {
    await db.close();
  });

  it('sends no roster name, no client name (also one named only earlier) and no identifier', async () => {
    const assistant = new OpenAiAssistant({ apiKey: 'k', baseURL: fake.baseURL, model: 'm', timeoutMs: 2_000 });
    const bot = makeBot(db, { assistant });
    await say(bot, 'tom', 'reflectie');
    await act(bot, 'tom', 'reflection.environment', { environment: 'workplace' });
    await say(bot, 'tom', 'Ik had een intake met mevrouw Verhoeven (0470 12 34 56, Kerkstraat 12 bus 3, 9000 Gent).');
    await say(bot, 'tom', 'Jan Peeters vroeg me het gesprek te leiden; Lien Maes keek mee.');
    // Thin on purpose: the follow-up request carries this answer, where the client's name opens the sentence.
    await say(bot, 'tom', 'Verhoeven huilde.');
    await say(bot, 'tom', 'Ik vatte samen wat ze vertelde en vroeg door naar haar zoon Kevin, geboren op 12/03/1987.');
    await say(bot, 'tom', 'Ze voelde zich gehoord. Mail: kevin.v@telenet.be, rekening BE68 5390 0754 7034.');
    await say(bot, 'tom', 'Volgende keer vraag ik Tom Vermeulen niet meer om mee te schrijven.');

    const roster = (await db.query<{ name: string }>('SELECT name FROM people')).rows.map((r) => r.name);
    expect(fake.requests.some((r) => /followUp/.test(r.raw))).toBe(true);
    expect(fake.requests.some((r) => /suggestions/.test(r.raw))).toBe(true);
    expectNoLeaks(fake.requests, [...roster, 'Verhoeven', 'Kevin']);
    for (const r of fake.requests) expect(r.raw).not.toMatch(/Kerkstraat|telenet|0470|BE68/);
  });
});
