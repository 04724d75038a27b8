import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAssistant, DeterministicAssistant, OpenAiAssistant, type SuggestInput } from '../../bot/llm/client.js';
import { FALLBACK_FOLLOW_UP } from '../../bot/llm/fallback-questions.js';
import { type FakeOpenAiServer, startFakeOpenAi } from '../fakes/openai-server.js';
import { demoIndicators } from './framework.js';

const names = ['Amira El Idrissi', 'Jan Peeters'];
const indicators = demoIndicators();
const reflection =
  'Vandaag had ik met Jan Peeters (jan.peeters@ocmw.example.be, 0470 12 34 56) een intake. Amira luisterde mee. ' +
  'In het gesprek met de cliënt heb ik actief geluisterd, samengevat en doorgevraagd. Daarna heb ik haar ' +
  'doorverwezen naar het CAW; mevrouw El Idrissi volgt dat op.';
const suggestInput: SuggestInput = { reflection, indicators, language: 'nl', names };
const deterministic = new DeterministicAssistant();

/** A pino logger whose lines end up in `lines`, to check what gets logged (and what does not). */
function captureLogger() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino({ level: 'debug' }, stream), lines };
}

let server: FakeOpenAiServer;
beforeAll(async () => {
  server = await startFakeOpenAi();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.requests.length = 0;
});

function assistant(options: { timeoutMs?: number; logger?: pino.Logger } = {}) {
  return new OpenAiAssistant({
    apiKey: 'test-key',
    baseURL: server.baseURL,
    model: 'test-model',
    timeoutMs: options.timeoutMs ?? 2_000,
    logger: options.logger,
  });
}

describe('OpenAiAssistant.suggestIndicators against a fake OpenAI server', () => {
  it('returns the suggestions of the LLM when the answer is valid', async () => {
    server.respondWith({
      kind: 'json',
      json: {
        suggestions: [
          { code: 'SW6.1', relevance: 0.6 },
          { code: 'SW2.2', relevance: 0.9 },
        ],
      },
    });
    const result = await assistant().suggestIndicators(suggestInput);
    // The LLM's proposals lead and come pre-ticked; the matcher's confident match on this text (active listening:
    // "actief geluisterd, samengevat en doorgevraagd"), which the LLM did not give, follows unticked.
    expect(result).toEqual([
      { indicatorId: indicators.find((i) => i.code === 'SW2.2')!.id, code: 'SW2.2', score: 0.9, confident: true },
      { indicatorId: indicators.find((i) => i.code === 'SW6.1')!.id, code: 'SW6.1', score: 0.6, confident: true },
      { indicatorId: indicators.find((i) => i.code === 'SW1.3')!.id, code: 'SW1.3', score: 0.3, confident: false },
    ]);
    expect(server.requests).toHaveLength(1);
    const body = server.requests[0]!.body;
    expect(body.model).toBe('test-model');
    expect(body.response_format).toEqual({ type: 'json_object' });
    expect(server.requests[0]!.headers.authorization).toBe('Bearer test-key');
  });

  it('drops codes that are not in the framework, duplicates, stray fields and anything beyond max', async () => {
    server.respondWith({
      kind: 'json',
      json: {
        suggestions: [
          { code: 'SW9.9', relevance: 1 },
          { code: 'sw1.3', relevance: 0.8, level: 4 },
          { code: 'SW1.3', relevance: 0.7 },
          { code: 'SW4.2' },
          { code: 'SW4.3' },
        ],
      },
    });
    const result = await assistant().suggestIndicators({ ...suggestInput, max: 2 });
    expect(result.map((s) => s.code)).toEqual(['SW1.3', 'SW4.2']);
    // The matcher proposes SW1.3 too: agreement raises it and ticks it.
    expect(result[0]).toEqual({ indicatorId: 3, code: 'SW1.3', score: 1, confident: true });
    expect(result[0]).not.toHaveProperty('level');
  });

  it('accepts an empty list from the LLM as "nothing fits"', async () => {
    server.respondWith({ kind: 'json', json: { suggestions: [] } });
    expect(await assistant().suggestIndicators(suggestInput)).toEqual([]);
  });

  it('falls back to the lexical matcher when the LLM only invents codes', async () => {
    server.respondWith({ kind: 'json', json: { suggestions: [{ code: 'XX1', relevance: 1 }] } });
    const expected = await deterministic.suggestIndicators(suggestInput);
    expect(expected.length).toBeGreaterThan(0);
    expect(await assistant().suggestIndicators(suggestInput)).toEqual(expected);
  });

  it('falls back on invalid JSON, with exactly the deterministic result', async () => {
    server.respondWith({ kind: 'content', content: 'Sure! Here are the indicators: SW1.3, SW4.2' });
    const { logger, lines } = captureLogger();
    const result = await assistant({ logger }).suggestIndicators(suggestInput);
    expect(result).toEqual(await deterministic.suggestIndicators(suggestInput));
    const warning = lines.find((l) => l.level === 40);
    expect(warning).toMatchObject({ op: 'suggestIndicators', errorClass: 'SyntaxError' });
  });

  it('falls back when the JSON does not match the schema', async () => {
    server.respondWith({ kind: 'json', json: { suggestions: 'SW1.3' } });
    const { logger, lines } = captureLogger();
    expect(await assistant({ logger }).suggestIndicators(suggestInput)).toEqual(
      await deterministic.suggestIndicators(suggestInput),
    );
    expect(lines.find((l) => l.level === 40)).toMatchObject({ errorClass: 'LlmResponseError' });
  });

  it('falls back on a timeout without waiting for the server', async () => {
    server.respondWith({ kind: 'hang' });
    const { logger, lines } = captureLogger();
    const started = Date.now();
    const result = await assistant({ timeoutMs: 300, logger }).suggestIndicators(suggestInput);
    const elapsed = Date.now() - started;
    expect(result).toEqual(await deterministic.suggestIndicators(suggestInput));
    expect(elapsed).toBeGreaterThanOrEqual(250);
    // The server never answers: any finite wait far below the test's own deadline shows the timeout ended it.
    expect(elapsed).toBeLessThan(15_000);
    expect(lines.find((l) => l.level === 40)).toMatchObject({ errorClass: 'APIConnectionTimeoutError' });
  });

  it('falls back on HTTP 500 and logs the error class and status, never the text', async () => {
    server.respondWith({
      kind: 'error',
      status: 500,
      message: 'The server had an error while processing your request.',
    });
    const { logger, lines } = captureLogger();
    const result = await assistant({ logger }).suggestIndicators(suggestInput);
    expect(result).toEqual(await deterministic.suggestIndicators(suggestInput));
    expect(server.requests).toHaveLength(1); // maxRetries: 0
    expect(lines.find((l) => l.level === 40)).toMatchObject({ errorClass: 'InternalServerError', status: 500 });
    const logged = JSON.stringify(lines);
    for (const fragment of ['Peeters', 'Amira', 'geluisterd', 'processing your request']) {
      expect(logged).not.toContain(fragment);
    }
  });

  it('sends no roster names, emails or phone numbers, only placeholders, labels and the student text', async () => {
    server.respondWith({ kind: 'json', json: { suggestions: [{ code: 'SW1.3', relevance: 0.9 }] } });
    await assistant().suggestIndicators(suggestInput);
    server.respondWith({ kind: 'json', json: { followUp: 'Wat zei [PERSOON_1] toen?' } });
    await assistant().followUpQuestion({
      question: 'Wat was de situatie, en wie was erbij?',
      answer: 'Met Jan en Amira El Idrissi, mail amira.elidrissi@student.example.be.',
      language: 'nl',
      names,
    });
    expect(server.requests).toHaveLength(2);
    for (const request of server.requests) {
      for (const forbidden of [/amira/i, /idrissi/i, /\bjan\b/i, /peeters/i, /@/, /0470/, /example\.be/]) {
        expect(request.raw).not.toMatch(forbidden);
      }
      expect(request.raw).toContain('[PERSOON_1]');
      const messages = request.body.messages!;
      expect(messages.map((m) => m.role)).toEqual(['system', 'user']);
    }
    const suggestUser = server.requests[0]!.body.messages![1]!.content;
    expect(suggestUser).toContain('SW1.3: Luistert actief');
    expect(suggestUser).toContain('[EMAIL_1]');
    expect(suggestUser).toContain('[TELEFOON_1]');
    expect(suggestUser).toContain('actief geluisterd, samengevat en doorgevraagd');
    // The prompt forbids levels; the schema has no level field (checked above).
    expect(server.requests[0]!.body.messages![0]!.content).toMatch(/NOOIT een niveau/);
  });
});

describe('OpenAiAssistant.followUpQuestion against a fake OpenAI server', () => {
  const input = {
    question: 'Wat heb je concreet gedaan?',
    answer: 'Ik hielp Jan.',
    language: 'nl' as const,
    names,
  };

  it('returns the LLM question with placeholders restored', async () => {
    server.respondWith({ kind: 'json', json: { followUp: 'Wat deed je precies om [PERSOON_1] te helpen?' } });
    expect(await assistant().followUpQuestion(input)).toBe('Wat deed je precies om Jan te helpen?');
    expect(server.requests[0]!.body.messages![1]!.content).toBe(
      'Vraag: Wat heb je concreet gedaan?\n\nAntwoord: Ik hielp [PERSOON_1].',
    );
  });

  it('returns null when the LLM sees no need for a follow-up', async () => {
    server.respondWith({ kind: 'json', json: { followUp: null } });
    expect(await assistant().followUpQuestion(input)).toBeNull();
  });

  it.each([
    ['two questions', { followUp: 'Wat deed je? En waarom?' }],
    ['no question', { followUp: 'Vertel meer.' }],
    ['too long', { followUp: `${'Kun je '.repeat(50)}meer vertellen?` }],
    ['wrong key', { question: 'Wat deed je?' }],
  ])('falls back to the fixed question when the answer is invalid (%s)', async (_label, json) => {
    server.respondWith({ kind: 'json', json });
    expect(await assistant().followUpQuestion(input)).toBe(FALLBACK_FOLLOW_UP.nl);
  });

  it('falls back on timeout and on HTTP errors', async () => {
    server.respondWith({ kind: 'hang' });
    expect(await assistant({ timeoutMs: 300 }).followUpQuestion({ ...input, language: 'en' })).toBe(
      FALLBACK_FOLLOW_UP.en,
    );
    server.respondWith({ kind: 'error', status: 429, message: 'Rate limit reached', type: 'requests' });
    expect(await assistant().followUpQuestion(input)).toBe(FALLBACK_FOLLOW_UP.nl);
  });
});

describe('DeterministicAssistant and createAssistant', () => {
  it('asks the fixed question only for thin answers', async () => {
    const short = { question: 'Wat deed je?', answer: 'Ik hielp.', language: 'nl' as const, names };
    expect(await deterministic.followUpQuestion(short)).toBe(FALLBACK_FOLLOW_UP.nl);
    expect(await deterministic.followUpQuestion({ ...short, language: 'en' })).toBe(FALLBACK_FOLLOW_UP.en);
    const long = 'Ik heb de cliënt uitgelegd welke rechten ze heeft en daarna samen het formulier ingevuld.';
    expect(await deterministic.followUpQuestion({ ...short, answer: long })).toBeNull();
    const custom = new DeterministicAssistant({ questions: { nl: 'Vertel meer?', en: 'Tell more?' }, minWords: 3 });
    expect(await custom.followUpQuestion({ ...short, answer: 'Ja.' })).toBe('Vertel meer?');
    expect(await custom.followUpQuestion({ ...short, answer: 'Ik hielp haar.' })).toBeNull();
  });

  it('creates the OpenAI assistant only when an API key is configured', () => {
    expect(createAssistant({})).toBeInstanceOf(DeterministicAssistant);
    expect(createAssistant({ apiKey: '  ' })).toBeInstanceOf(DeterministicAssistant);
    expect(createAssistant({ apiKey: 'k', baseURL: server.baseURL })).toBeInstanceOf(OpenAiAssistant);
  });
});
