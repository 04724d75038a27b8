// A button on a card that is no longer current (an earlier step, a finished or deleted reflection): say so
// plainly, store nothing, and show what is current instead, never another draft's message.
import { reply, type TurnContext, type TurnResult } from '../core/turn.js';
import { t } from '../i18n/index.js';
import { readConversation } from './active.js';
import { repeatPrompt } from './reflection/flow.js';

export async function staleCard(ctx: TurnContext): Promise<TurnResult> {
  const locale = ctx.person.locale;
  const active = readConversation(ctx.conversation);
  const head = reply(t(locale, 'action.stale'));
  if (active.kind === 'reflection' && !active.state.paused) {
    return {
      replies: [head, await repeatPrompt(ctx, active.state, [t(locale, 'action.staleCurrent')])],
      record: false,
    };
  }
  if (active.kind === 'reflection')
    return { replies: [head, reply(t(locale, 'reflection.pausedHint'))], record: false };
  // A short question is open (is this about you? delete this reflection?): that is what is current.
  if (active.kind === 'safety') {
    const key = active.state.step === 'check' ? 'safety.check' : 'safety.offerOpen';
    return { replies: [head, reply(t(locale, key))], record: false };
  }
  if (active.kind === 'confirmDelete')
    return { replies: [head, reply(t(locale, 'reflections.deleteHow'))], record: false };
  const student = ctx.person.roles.includes('student');
  return { replies: [head, reply(t(locale, student ? 'action.staleNone' : 'common.hintStaff'))], record: false };
}
