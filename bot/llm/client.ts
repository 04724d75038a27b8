// The two things Leerkans asks an LLM: one adaptive follow-up question for a thin answer, and which framework
// indicators a reflection is about. People set levels (EU AI Act, Annex III 3(b)); nothing here has a level.
//
// OpenAiAssistant talks to any OpenAI-compatible endpoint (Azure OpenAI in an EU region, vLLM, Ollama, OpenAI).
// Every call is pseudonymised first, carries only the student's own text plus the question or indicator labels,
// and is validated with zod. Any failure (timeout, HTTP error, bad JSON, schema) falls back to the
// DeterministicAssistant, which is also what runs without an API key and in tests.
import OpenAI from 'openai';
import { type Logger, pino } from 'pino';
import { z } from 'zod';
import { FOLLOW_UP_SYSTEM_PROMPT } from '../../prompts/llm/follow-up.js';
import { SUGGEST_INDICATORS_SYSTEM_PROMPT } from '../../prompts/llm/suggest-indicators.js';
import { type AssistantLanguage, countWords, FALLBACK_FOLLOW_UP, MIN_ANSWER_WORDS } from './fallback-questions.js';
import { type IndicatorText, type Suggestion, suggestIndicatorsLexically } from './lexical-matcher.js';
import type { LlmMode } from './mode.js';
import { getLexicon } from './pii/lexicon.js';
import { mergeSuggestions } from './merge-suggestions.js';
import { pseudonymise } from './pseudonymise.js';

export type { AssistantLanguage } from './fallback-questions.js';
export { LLM_MODES, type LlmMode } from './mode.js';
export type { IndicatorText, Suggestion } from './lexical-matcher.js';

export interface FollowUpInput {
  /** The reflection question the student answered. */
  question: string;
  answer: string;
  language: AssistantLanguage;
  /** Names of people that may appear in the text (roster, mentors); they never reach the LLM. */
  names: string[];
  /** The student's earlier answers in this reflection: names found there are masked here too. Never sent. */
  earlier?: string[];
  /** The framework's indicator and competence labels: their words are never taken for names. */
  vocabulary?: string[];
}

export interface SuggestInput {
  reflection: string;
  indicators: IndicatorText[];
  language: AssistantLanguage;
  names: string[];
  /** At most this many suggestions; default 3. */
  max?: number;
}

export interface LlmAssistant {
  /** True when a language model (not the deterministic fallback) may answer: the student is told once. */
  readonly usesAi?: boolean;
  /**
   * False when the model only suggests indicators and every question is a fixed one (LEERKANS_LLM=suggest-only):
   * the AI notice must not say the model phrases questions. Unset counts as true (the notice says more, not less).
   */
  readonly phrasesQuestions?: boolean;
  /** One follow-up question when the answer is thin; `null` means "no follow-up". */
  followUpQuestion(input: FollowUpInput): Promise<string | null>;
  /** Indicators the reflection seems to be about, best first. Never levels. */
  suggestIndicators(input: SuggestInput): Promise<Suggestion[]>;
}

export const DEFAULT_MODEL = 'gpt-4o-mini';
export const DEFAULT_TIMEOUT_MS = 8_000;
export const MAX_FOLLOW_UP_CHARS = 300;
/** Long pastes are cut: a reflection is a few paragraphs, and the cost of a call should stay bounded. */
const MAX_TEXT_CHARS = 6_000;

export interface DeterministicAssistantOptions {
  /** Fixed follow-up question per language; defaults to FALLBACK_FOLLOW_UP. */
  questions?: Record<AssistantLanguage, string>;
  /** Answers with at least this many words get no follow-up; default MIN_ANSWER_WORDS. */
  minWords?: number;
}

/** No network, no randomness: a fixed question for thin answers and lexical indicator matching. */
export class DeterministicAssistant implements LlmAssistant {
  readonly usesAi = false;
  readonly phrasesQuestions = false;
  private readonly questions: Record<AssistantLanguage, string>;
  private readonly minWords: number;

  constructor(options: DeterministicAssistantOptions = {}) {
    this.questions = options.questions ?? FALLBACK_FOLLOW_UP;
    this.minWords = options.minWords ?? MIN_ANSWER_WORDS;
  }

  async followUpQuestion(input: FollowUpInput): Promise<string | null> {
    return countWords(input.answer) >= this.minWords ? null : this.questions[input.language];
  }

  async suggestIndicators(input: SuggestInput): Promise<Suggestion[]> {
    return suggestIndicatorsLexically(input.reflection, input.indicators, input.language, input.max ?? 3);
  }
}

/** The response was not what the schema allows; the name is what gets logged. */
export class LlmResponseError extends Error {
  override readonly name = 'LlmResponseError';
}

const followUpSchema = z.object({
  followUp: z
    .string()
    .trim()
    .max(MAX_FOLLOW_UP_CHARS)
    .refine((q) => q === '' || (q.endsWith('?') && q.split('?').length === 2), 'one question, ending in "?"')
    .nullable(),
});

// No level, score or grade field on purpose: unknown keys are stripped and never read.
const suggestionsSchema = z.object({
  suggestions: z
    .array(z.object({ code: z.string().trim().min(1).max(40), relevance: z.number().min(0).max(1).optional() }))
    .max(50),
});

export interface OpenAiAssistantOptions {
  apiKey: string;
  /** E.g. an Azure OpenAI or vLLM endpoint; default is the openai package's default (api.openai.com). */
  baseURL?: string;
  model?: string;
  /** Per call; on expiry the fallback answers. Default 8 s: the student is waiting in a chat. */
  timeoutMs?: number;
  logger?: Logger;
  /** What answers when the LLM fails; default a DeterministicAssistant. */
  fallback?: LlmAssistant;
  /** False: follow-up questions come from the fallback and only indicator suggestions use the model. */
  followUps?: boolean;
}

export class OpenAiAssistant implements LlmAssistant {
  readonly usesAi = true;
  readonly phrasesQuestions: boolean;
  private readonly client: OpenAI;
  private readonly model: string;
  private readonly timeoutMs: number;
  private readonly logger: Logger;
  private readonly fallback: LlmAssistant;
  private readonly followUps: boolean;

  constructor(options: OpenAiAssistantOptions) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.followUps = options.followUps ?? true;
    this.phrasesQuestions = this.followUps;
    this.model = options.model ?? DEFAULT_MODEL;
    this.logger = options.logger ?? pino({ level: 'silent' });
    this.fallback = options.fallback ?? new DeterministicAssistant();
    // No retries: a retry would double the student's wait, and the fallback is good enough.
    this.client = new OpenAI({
      apiKey: options.apiKey,
      baseURL: options.baseURL,
      timeout: this.timeoutMs,
      maxRetries: 0,
    });
    // The pseudonymiser's word lists take about a second to build: do it now rather than in a student's turn.
    setImmediate(() => getLexicon()).unref();
  }

  async followUpQuestion(input: FollowUpInput): Promise<string | null> {
    if (!this.followUps) return this.fallback.followUpQuestion(input);
    // Question and answer are pseudonymised together so a name gets the same placeholder in both.
    const labels = input.language === 'nl' ? ['Vraag', 'Antwoord'] : ['Question', 'Answer'];
    const message = `${labels[0]}: ${clip(input.question)}\n\n${labels[1]}: ${clip(input.answer)}`;
    const p = pseudonymise(message, input.names, { context: input.earlier, vocabulary: input.vocabulary });
    try {
      const json = await this.complete('followUp', FOLLOW_UP_SYSTEM_PROMPT[input.language], p.text, 200);
      const parsed = followUpSchema.safeParse(json);
      if (!parsed.success) throw new LlmResponseError('follow-up does not match the schema');
      const question = parsed.data.followUp;
      return question ? p.restore(question) : null;
    } catch (err) {
      this.warn('followUp', err);
      return this.fallback.followUpQuestion(input);
    }
  }

  async suggestIndicators(input: SuggestInput): Promise<Suggestion[]> {
    const max = input.max ?? 3;
    if (input.indicators.length === 0 || max <= 0 || input.reflection.trim() === '') return [];
    const byCode = new Map(input.indicators.map((i) => [i.code.toUpperCase(), i]));
    const other: AssistantLanguage = input.language === 'nl' ? 'en' : 'nl';
    const label = (i: IndicatorText, l: AssistantLanguage) => (l === 'nl' ? i.labelNl : i.labelEn);
    const list = input.indicators.map((i) => `${i.code}: ${label(i, input.language)} (${label(i, other)})`).join('\n');
    const vocabulary = input.indicators.flatMap((i) => [
      i.labelNl,
      i.labelEn,
      i.competenceLabelNl ?? '',
      i.competenceLabelEn ?? '',
    ]);
    const reflection = pseudonymise(clip(input.reflection), input.names, { vocabulary }).text;
    const message =
      input.language === 'nl'
        ? `Indicatoren:\n${list}\n\nReflectie:\n${reflection}`
        : `Indicators:\n${list}\n\nReflection:\n${reflection}`;
    const system = SUGGEST_INDICATORS_SYSTEM_PROMPT[input.language].replace('{max}', String(max));
    try {
      const json = await this.complete('suggestIndicators', system, message, 300);
      const parsed = suggestionsSchema.safeParse(json);
      if (!parsed.success) throw new LlmResponseError('suggestions do not match the schema');
      const raw = parsed.data.suggestions;
      const seen = new Set<string>();
      const out: Suggestion[] = [];
      raw.forEach((s, rank) => {
        // Invented or misspelt codes are dropped: the model may only point at indicators we gave it.
        const ind = byCode.get(s.code.toUpperCase());
        if (!ind || seen.has(ind.code)) return;
        seen.add(ind.code);
        const score = s.relevance ?? Math.max(0.1, 1 - rank * 0.1);
        out.push({ indicatorId: ind.id, code: ind.code, score });
      });
      // Only invented codes means the model ignored the list: trust the lexical matcher instead.
      if (raw.length > 0 && out.length === 0) throw new LlmResponseError('no known indicator codes');
      // Stable sort keeps the model's own order among equal relevance. The matcher runs locally on the
      // original text and adds its evidence (merge-suggestions.ts).
      const lexical = suggestIndicatorsLexically(input.reflection, input.indicators, input.language, max);
      return mergeSuggestions(
        out.sort((a, b) => b.score - a.score),
        lexical,
        max,
      );
    } catch (err) {
      this.warn('suggestIndicators', err);
      return this.fallback.suggestIndicators(input);
    }
  }

  /** One chat completion in JSON mode; returns the parsed JSON or throws. */
  private async complete(op: string, system: string, user: string, maxTokens: number): Promise<unknown> {
    const started = Date.now();
    const completion = await this.client.chat.completions.create(
      {
        model: this.model,
        messages: [
          { role: 'system', content: system },
          { role: 'user', content: user },
        ],
        response_format: { type: 'json_object' },
        temperature: 0.2,
        max_tokens: maxTokens,
      },
      // The client's timeout stops waiting for headers; this signal also bounds a body that trickles in.
      { signal: AbortSignal.timeout(this.timeoutMs + 1_000) },
    );
    const content = completion.choices[0]?.message?.content;
    if (!content) throw new LlmResponseError('empty completion');
    this.logger.debug({ op, model: this.model, ms: Date.now() - started }, 'llm call done');
    return JSON.parse(content) as unknown;
  }

  private warn(op: string, err: unknown): void {
    // The error class and HTTP status only: messages can echo the prompt, which holds the student's text.
    const errorClass = err instanceof Error ? err.constructor.name : typeof err;
    const status = err instanceof OpenAI.APIError ? err.status : undefined;
    this.logger.warn({ op, errorClass, status }, 'llm call failed, using the deterministic fallback');
  }
}

function clip(text: string): string {
  return text.length > MAX_TEXT_CHARS ? text.slice(0, MAX_TEXT_CHARS) : text;
}

export interface AssistantConfig {
  /** Default `full`; `off` never calls a model, even with an API key. */
  mode?: LlmMode;
  apiKey?: string;
  baseURL?: string;
  model?: string;
  timeoutMs?: number;
}

/** The OpenAI-backed assistant when an API key is configured and the mode allows it, else the deterministic one. */
export function createAssistant(config: AssistantConfig, logger?: Logger): LlmAssistant {
  const apiKey = config.apiKey?.trim();
  const mode = config.mode ?? 'full';
  if (!apiKey || mode === 'off') return new DeterministicAssistant();
  return new OpenAiAssistant({
    followUps: mode === 'full',
    apiKey,
    baseURL: config.baseURL || undefined,
    model: config.model || undefined,
    timeoutMs: config.timeoutMs,
    logger,
  });
}
