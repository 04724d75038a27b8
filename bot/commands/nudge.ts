// Answering a nudge: the button (its shift id is untrusted and re-checked) or any text starts the reflection about
// that shift; "skip today" on the card is the chat word.
import { ownShift } from '../../db/queries/nudges.js';
import { refusal, reply, type TurnContext, type TurnResult } from '../core/turn.js';
import { readConversation } from '../flows/active.js';
import { resumeReflection, startReflection } from '../flows/reflection/start.js';
import { t } from '../i18n/index.js';
import { isStudent } from './reflect.js';

const shiftIdOf = (data: unknown): number | null | 'invalid' => {
  if (typeof data !== 'object' || data === null || !('shiftId' in data) || data.shiftId === undefined) return null;
  const raw = (data as { shiftId: unknown }).shiftId;
  return typeof raw === 'string' && /^\d{1,9}$/.test(raw) ? Number(raw) : 'invalid';
};

export async function reflectFromNudge(ctx: TurnContext, data: unknown): Promise<TurnResult> {
  const locale = ctx.person.locale;
  if (!isStudent(ctx)) return refusal(t(locale, 'reflection.studentsOnly'));
  const shiftId = shiftIdOf(data);
  if (shiftId === 'invalid') return refusal(t(locale, 'action.invalid'));
  if (shiftId !== null) {
    const shift = await ownShift(ctx.db, ctx.person.id, shiftId);
    if (!shift) return refusal(t(locale, 'action.invalid'));
    if (shift.reflected) return { replies: [reply(t(locale, 'nudge.alreadyReflected'))] };
  }
  const active = readConversation(ctx.conversation);
  if (active.kind === 'reflection') return resumeReflection(ctx, active.state);
  return startReflection(ctx, { environment: 'workplace', shiftId });
}
