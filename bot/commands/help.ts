// "hulp" / "help": what this person's roles can do, plus a button to start a reflection for students.
import { actions, card, text } from '../../cards/spec.js';
import { reply, type TurnContext, type TurnResult } from '../core/turn.js';
import { type MessageKey, t } from '../i18n/index.js';
import { readConversation } from '../flows/active.js';
import { VERBS } from '../flows/reflection/cards.js';
import { isStudent } from './reflect.js';

/** Text that is no chat word, no answer and no story: a hint at what to type. */
export const hint = (ctx: TurnContext): TurnResult => ({
  replies: [reply(t(ctx.person.locale, isStudent(ctx) ? 'common.hintStudent' : 'common.hintStaff'))],
});

export async function helpCommand(ctx: TurnContext): Promise<TurnResult> {
  const locale = ctx.person.locale;
  const roles = new Set(ctx.person.roles);
  const keys: MessageKey[] = [];
  if (roles.has('student'))
    keys.push(
      'help.reflect',
      'help.myReflections',
      'help.myFeedback',
      'help.askFeedback',
      'help.progress',
      'help.pause',
    );
  if (roles.has('mentor') || roles.has('teacher')) keys.push('help.feedbackFor');
  if (roles.has('mentor') || roles.has('teacher') || roles.has('coach')) keys.push('help.progressStaff');
  if (roles.has('coach')) keys.push('help.coach');
  if (roles.has('admin')) keys.push('help.admin');
  keys.push('help.language', 'help.myData', 'help.stop');
  const lines = [t(locale, 'help.intro'), ...keys.map((k) => t(locale, k))];
  const active = readConversation(ctx.conversation);
  if (active.kind === 'reflection' && !active.state.paused) lines.push('', t(locale, 'help.inFlow'));
  const body = lines.join('\n');
  if (!roles.has('student')) return { replies: [reply(body)] };
  const spec = card({
    kind: 'help',
    fallbackText: body,
    elements: [text(body), actions({ verb: VERBS.start, label: t(locale, 'help.startButton'), style: 'primary' })],
  });
  return { replies: [reply(body, spec)] };
}
