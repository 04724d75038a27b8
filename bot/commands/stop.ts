// "stop": pauses the reflection in progress (kept for "reflectie" to resume, as long as retention allows, which
// the student is told) or cancels an edit.
import { reply, type TurnContext, type TurnResult } from '../core/turn.js';
import { t } from '../i18n/index.js';
import { readConversation } from '../flows/active.js';
import { pauseReflection, reflectionConversation } from '../flows/reflection/flow.js';
import { draftDays } from '../flows/reflection/draft-retention.js';
import { restoreAfterEdit } from '../flows/reflection-edit/edit.js';

export async function stopCommand(ctx: TurnContext): Promise<TurnResult> {
  const locale = ctx.person.locale;
  const active = readConversation(ctx.conversation);
  if (active.kind === 'edit') {
    return { replies: [reply(t(locale, 'stop.editCancelled'))], conversation: restoreAfterEdit(active.state) };
  }
  if (active.kind === 'reflection' && !active.state.paused) {
    return {
      replies: [reply(t(locale, 'stop.paused', { days: draftDays(ctx) }))],
      conversation: reflectionConversation(pauseReflection(active.state, 'stop')),
    };
  }
  return { replies: [reply(t(locale, 'stop.nothing'))] };
}
