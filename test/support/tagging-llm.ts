// The bot's LLM path for indicator suggestions, run against the fake OpenAI server: for the tagging benchmark
// (replaying recorded answers) and for tests (scripted answers).
import { createHash } from 'node:crypto';
import { OpenAiAssistant } from '../../bot/llm/client.js';
import type { IndicatorText } from '../../bot/llm/lexical-matcher.js';
import type { LabelledReflection } from '../../bot/llm/tagging/dataset.js';
import type { Proposal } from '../../bot/llm/tagging/metrics.js';
import { type RecordedRequest, startFakeOpenAi } from '../fakes/openai-server.js';

/** One recorded answer: the reflection, the hash of the exact prompt sent, and what the model answered. */
export interface Recording {
  id: string;
  /** sha256 of the system and user messages as sent. */
  prompt: string;
  answer: unknown;
}

/** The hash a recording is looked up by: what the model saw, nothing else. */
export function promptHash(request: RecordedRequest): string {
  const messages = (request.body.messages ?? []).map((m) => `${m.role}\n${m.content}`).join('\n\n');
  return createHash('sha256').update(messages).digest('hex');
}

/**
 * Runs the bot's LLM path (OpenAiAssistant: pseudonymise, prompt, validate, merge with the matcher) for every
 * reflection against the local fake server. `answer` gives the model's JSON for a request, or null for an HTTP
 * 500 (the assistant then falls back to the matcher, as the bot does).
 */
export async function runLlmPath(
  items: LabelledReflection[],
  indicators: IndicatorText[],
  answer: (request: RecordedRequest) => unknown | null,
  /** Names that may occur in the reflections (a roster): the assistant replaces them before anything is sent. */
  names: string[] = [],
): Promise<Proposal[][]> {
  const server = await startFakeOpenAi();
  server.respondWith((request) => {
    const json = answer(request);
    return json === null ? { kind: 'error', status: 500 } : { kind: 'json', json };
  });
  try {
    const assistant = new OpenAiAssistant({ apiKey: 'bench', baseURL: server.baseURL, model: 'recorded' });
    const out: Proposal[][] = [];
    for (const item of items) {
      const suggestions = await assistant.suggestIndicators({
        reflection: item.text,
        indicators,
        language: item.language,
        names,
      });
      out.push(suggestions.map((x) => ({ code: x.code, ticked: x.confident !== false })));
    }
    return out;
  } finally {
    await server.close();
  }
}

/**
 * Captures the exact request the bot's assistant makes for every reflection (names already replaced), hands its
 * body to `send` (the real endpoint, once) and records the answer under the prompt's hash. An answer that is not
 * JSON is recorded as null: replayed, it is a failed call, as it would be in the bot.
 */
export async function recordLlmAnswers(
  items: LabelledReflection[],
  indicators: IndicatorText[],
  send: (body: RecordedRequest['body']) => Promise<unknown>,
): Promise<Recording[]> {
  const recordings: Recording[] = [];
  for (const item of items) {
    let captured: RecordedRequest | undefined;
    await runLlmPath([item], indicators, (request) => {
      captured = request;
      return null;
    });
    if (!captured) throw new Error(`no request for ${item.id}`);
    recordings.push({ id: item.id, prompt: promptHash(captured), answer: await send(captured.body) });
  }
  return recordings;
}

/** The LLM path replaying recordings; a reflection whose exact prompt has no recording counts as a failed call. */
export async function replayLlmPath(
  items: LabelledReflection[],
  indicators: IndicatorText[],
  recordings: Recording[],
): Promise<{ proposals: Proposal[][]; missing: number }> {
  const byPrompt = new Map(recordings.map((r) => [r.prompt, r]));
  let missing = 0;
  const proposals = await runLlmPath(items, indicators, (request) => {
    const r = byPrompt.get(promptHash(request));
    if (!r) missing += 1;
    return r?.answer ?? null;
  });
  return { proposals, missing };
}
