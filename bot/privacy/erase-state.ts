// The admin's "erase this person?" question, kept as the admin's conversation until they answer. The
// conversation that was there before is kept inside and comes back afterwards.
import { z } from 'zod';

export const ERASE_FLOW = 'confirm-erase';

const eraseStateSchema = z.object({
  personId: z.number().int().positive(),
  previous: z.object({ flow: z.string(), step: z.string(), state: z.unknown() }).nullable(),
});
export type ConfirmEraseState = z.infer<typeof eraseStateSchema>;

export function parseConfirmEraseState(value: unknown): ConfirmEraseState | null {
  const parsed = eraseStateSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
