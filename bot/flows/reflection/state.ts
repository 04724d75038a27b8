// The state of one reflection in progress, stored as jsonb in `conversations.state`. It is validated on every
// load: a row written by an older version (or edited by hand) that no longer fits is dropped, not trusted.
import { z } from 'zod';
import { REFLECTION_MODELS, type ReflectionModel } from '../../../prompts/reflection/index.js';

export const REFLECTION_FLOW = 'reflection';
export const ENVIRONMENTS = ['workplace', 'campus', 'elsewhere'] as const;
export type Environment = (typeof ENVIRONMENTS)[number];
export const VISIBILITIES = ['private', 'coach', 'coach_mentors', 'coach_mentors_teachers'] as const;
export type Visibility = (typeof VISIBILITIES)[number];

/** Whether a visibility already lets this role read the text (else the student is asked before sharing). */
export const visibilityCovers = (visibility: Visibility | null, role: 'mentor' | 'teacher'): boolean =>
  visibility === 'coach_mentors_teachers' || (visibility === 'coach_mentors' && role === 'mentor');

/** Most indicators one reflection can be evidence for: more turns the self-assessment into a chore. */
export const MAX_INDICATORS = 5;

const modelSchema = z.enum(REFLECTION_MODELS as [ReflectionModel, ...ReflectionModel[]]);

const historyEntrySchema = z.object({
  /** The step that was answered ('environment', 'q:situation', 'indicators', 'assess:12', 'visibility', 'model'). */
  step: z.string(),
  /** Question parts the answer filled (a long message fills several), cleared again by "back". */
  parts: z.array(z.string()),
  /** For a model switch: what to restore on "back". */
  previous: z
    .object({ model: modelSchema, answers: z.record(z.string(), z.string()), skipped: z.array(z.string()) })
    .optional(),
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

/** A self-assessment: a scale value, "not observed", or skipped. */
const levelSchema = z.union([z.number().int(), z.literal('not_observed'), z.literal('skipped')]);
export type LevelChoice = z.infer<typeof levelSchema>;

export const reflectionStateSchema = z.object({
  model: modelSchema,
  environment: z.enum(ENVIRONMENTS).nullable(),
  answers: z.record(z.string(), z.string()),
  skipped: z.array(z.string()),
  history: z.array(historyEntrySchema),
  /** At most one adaptive follow-up per reflection. */
  followUpUsed: z.boolean(),
  followUp: z.object({ part: z.string(), question: z.string() }).nullable(),
  gibbsOffered: z.boolean(),
  gibbsPending: z.boolean(),
  /** Indicator ids the assistant suggested; null until computed. */
  suggested: z.array(z.number().int()).nullable(),
  /** Of those, the ones the assistant is confident about: they come pre-ticked (absent in older states: all). */
  preselected: z.array(z.number().int()).nullable().optional(),
  /** Confirmed indicator ids; null until the student decided. */
  indicatorIds: z.array(z.number().int()).nullable(),
  levels: z.record(z.string(), levelSchema),
  visibility: z.enum(VISIBILITIES).nullable(),
  paused: z.enum(['stop', 'crisis']).nullable(),
  shiftId: z.number().int().nullable(),
  /** Who the student asked for feedback, while the share question is open. */
  feedbackFrom: z
    .array(z.object({ id: z.number().int(), role: z.enum(['mentor', 'teacher']) }))
    .nullable()
    .default(null),
  /** The answer to "may they read your text too?"; null until asked. */
  shareText: z.boolean().nullable().default(null),
  /** Whether an LLM (not the deterministic fallback) took part, stored as reflections.llm_used. */
  llmUsed: z.boolean(),
});
export type ReflectionState = z.infer<typeof reflectionStateSchema>;

export function newReflectionState(options: { environment?: Environment; shiftId?: number | null }): ReflectionState {
  return {
    model: 'starr',
    environment: options.environment ?? null,
    answers: {},
    skipped: [],
    history: [],
    followUpUsed: false,
    followUp: null,
    gibbsOffered: false,
    gibbsPending: false,
    suggested: null,
    indicatorIds: null,
    levels: {},
    visibility: null,
    paused: null,
    shiftId: options.shiftId ?? null,
    feedbackFrom: null,
    shareText: null,
    llmUsed: false,
  };
}

/** The stored state, or null when it is missing or does not fit the schema. */
export function parseReflectionState(value: unknown): ReflectionState | null {
  const parsed = reflectionStateSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
