// The bot's LLM path for indicator suggestions, run against the fake OpenAI server: for the tagging benchmark
// (replaying recorded answers) and for tests (scripted answers).
import { createHash } from 'node:crypto';
import { OpenAiAssistant } from '../../bot/llm/client.js';
import type { IndicatorText } from '../../bot/llm/lexical-matcher.js';
import type { LabelledReflection } from '../../bot/llm/tagging/dataset.js';
import type { Proposal } from '../../bot/llm/tagging/metrics.js';
import { type RecordedRequest, startFakeOpenAi } from '../fakes/openai-server.js';

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
        names: [],
      });
      out.push(suggestions.map((x) => ({ code: x.code, ticked: x.confident !== false })));
    }
    return out;
  } finally {
    await server.close();
  }
}
