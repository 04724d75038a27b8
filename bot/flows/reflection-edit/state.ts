// Editing a saved reflection: the next message replaces its text. The conversation that was there before
// (a paused reflection, say) is kept inside and restored afterwards.
import { z } from 'zod';

export const EDIT_FLOW = 'reflection-edit';

const editStateSchema = z.object({
  reflectionId: z.number().int(),
  previous: z.object({ flow: z.string(), step: z.string(), state: z.unknown() }).nullable(),
});
export type EditState = z.infer<typeof editStateSchema>;

export function parseEditState(value: unknown): EditState | null {
  const parsed = editStateSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
