// "reflectie" / "reflect": starts a reflection, or resumes the one that is paused or running.
import { type TurnContext, type TurnResult, refusal } from '../core/turn.js';
import { t } from '../i18n/index.js';
import { readConversation } from '../flows/active.js';
import { resumeReflection, startReflection } from '../flows/reflection/start.js';
import { parseReflectionState, REFLECTION_FLOW } from '../flows/reflection/state.js';

export const isStudent = (ctx: TurnContext): boolean => ctx.person.roles.includes('student');

export async function reflectCommand(ctx: TurnContext): Promise<TurnResult> {
  if (!isStudent(ctx)) return refusal(t(ctx.person.locale, 'reflection.studentsOnly'));
  const active = readConversation(ctx.conversation);
  if (active.kind === 'reflection') return resumeReflection(ctx, active.state);
  if (active.kind === 'edit') {
    // Leaving an unfinished edit: the reflection that was there before it continues.
    const previous = active.state.previous;
    const state = previous?.flow === REFLECTION_FLOW ? parseReflectionState(previous.state) : null;
    if (state) return resumeReflection(ctx, state);
  }
  return startReflection(ctx);
}
