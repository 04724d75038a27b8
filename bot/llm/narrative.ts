// The digest's short narrative about one student. With an API key an OpenAI-compatible model phrases it from that
// one student's figures (pseudonymised, no name of the student at all); on any failure, and without a key, the
// template text the caller passes in is used. The model never sets or changes a level.
import OpenAI from 'openai';
import { type Logger, pino } from 'pino';
import { z } from 'zod';
import { DIGEST_NARRATIVE_SYSTEM_PROMPT } from '../../prompts/llm/digest-narrative.js';
import { DEFAULT_MODEL, DEFAULT_TIMEOUT_MS, type AssistantConfig, LlmResponseError } from './client.js';
import type { AssistantLanguage } from './fallback-questions.js';
import { pseudonymise } from './pseudonymise.js';

export const MAX_NARRATIVE_CHARS = 280;

/** One student's figures as the model sees them. */
export interface NarrativeFacts {
  reflectionsThisWeek: number;
  reflectionsPerWeekBefore: number;
  feedbackThisWeek: number;
  daysSinceLastReflection: number | null;
  indicatorsWithLevel: number;
  indicatorsTotal: number;
  gaps: { indicator: string; student: number | null; mentor: number | null; teacher: number | null }[];
  openNextSteps: string[];
  unansweredFeedbackRequests: number;
}

export interface NarrativeInput {
  language: AssistantLanguage;
  facts: NarrativeFacts;
  /** Names that may appear in next steps (the student, mentors): they never reach the model. */
  names: string[];
  /** The template text: returned without a model and whenever the model fails. */
  fallback: string;
}

export interface Narrator {
  readonly usesAi: boolean;
  narrate(input: NarrativeInput): Promise<string>;
}

export const templateNarrator: Narrator = { usesAi: false, narrate: async (input) => input.fallback };

const narrativeSchema = z.object({ narrative: z.string().trim().min(1).max(MAX_NARRATIVE_CHARS) });

export class OpenAiNarrator implements Narrator {
  readonly usesAi = true;
  private readonly client: OpenAI;
  private readonly model: string;
  private readonly timeoutMs: number;
  private readonly logger: Logger;

  constructor(options: AssistantConfig & { apiKey: string; logger?: Logger }) {
    this.model = options.model ?? DEFAULT_MODEL;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.logger = options.logger ?? pino({ level: 'silent' });
    this.client = new OpenAI({
      apiKey: options.apiKey,
      baseURL: options.baseURL,
      timeout: this.timeoutMs,
      maxRetries: 0,
    });
  }

  async narrate(input: NarrativeInput): Promise<string> {
    const p = pseudonymise(JSON.stringify(input.facts, null, 1), input.names);
    try {
      const completion = await this.client.chat.completions.create(
        {
          model: this.model,
          messages: [
            { role: 'system', content: DIGEST_NARRATIVE_SYSTEM_PROMPT[input.language] },
            { role: 'user', content: p.text },
          ],
          response_format: { type: 'json_object' },
          temperature: 0.2,
          max_tokens: 200,
        },
        { signal: AbortSignal.timeout(this.timeoutMs + 1_000) },
      );
      const content = completion.choices[0]?.message?.content;
      if (!content) throw new LlmResponseError('empty completion');
      const parsed = narrativeSchema.safeParse(JSON.parse(content));
      if (!parsed.success) throw new LlmResponseError('narrative does not match the schema');
      // Placeholders stay placeholders: the coach's digest names the student itself.
      return parsed.data.narrative;
    } catch (err) {
      const errorClass = err instanceof Error ? err.constructor.name : typeof err;
      const status = err instanceof OpenAI.APIError ? err.status : undefined;
      this.logger.warn({ op: 'narrative', errorClass, status }, 'llm call failed, using the template narrative');
      return input.fallback;
    }
  }
}

export function createNarrator(config: AssistantConfig, logger?: Logger): Narrator {
  const apiKey = config.apiKey?.trim();
  if (!apiKey) return templateNarrator;
  return new OpenAiNarrator({
    apiKey,
    baseURL: config.baseURL || undefined,
    model: config.model || undefined,
    timeoutMs: config.timeoutMs,
    ...(logger ? { logger } : {}),
  });
}
