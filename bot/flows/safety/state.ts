// The wellbeing check's own short conversation: asking "is this about you?" once, or offering to ask the coach
// to get in touch. The conversation that was there before (a reflection, an edit) is kept inside and restored.
import { z } from 'zod';

export const SAFETY_FLOW = 'safety';

const previousSchema = z.object({ flow: z.string(), step: z.string(), state: z.unknown() }).nullable();

const safetyStateSchema = z.discriminatedUnion('step', [
  /** The message that raised the question, handled as usual when it is not about the student. */
  z.object({ step: z.literal('check'), text: z.string(), previous: previousSchema }),
  z.object({ step: z.literal('offer'), previous: previousSchema }),
]);
export type SafetyState = z.infer<typeof safetyStateSchema>;
export type PreviousConversation = SafetyState['previous'];

export function parseSafetyState(value: unknown): SafetyState | null {
  const parsed = safetyStateSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
