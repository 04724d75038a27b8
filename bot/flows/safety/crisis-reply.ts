// A message that signals a wellbeing risk gets a human contact instead of another question (METHOD.md §5.4,
// item 10): the student's coach by name and email, and the configured help line. A reflection in progress is
// paused, not deleted. The message itself is not stored anywhere.
import { listActiveStaff } from '../../../db/queries/student-context.js';
import { type ConversationChange, reply, type TurnContext, type TurnResult } from '../../core/turn.js';
import { t } from '../../i18n/index.js';
import type { ActiveConversation } from '../active.js';
import { joinNames } from '../reflection/cards.js';
import { pauseReflection, reflectionConversation } from '../reflection/flow.js';
import { restoreAfterEdit } from '../reflection-edit/edit.js';
import { parseReflectionState, REFLECTION_FLOW } from '../reflection/state.js';

export async function crisisTurn(ctx: TurnContext, active: ActiveConversation): Promise<TurnResult> {
  const locale = ctx.person.locale;
  const coaches = (await listActiveStaff(ctx.db, ctx.person.id, ctx.today)).filter((s) => s.role === 'coach');
  const contacts = [
    ...coaches.map((c) => t(locale, 'reflection.crisisCoach', { name: c.name, email: c.email })),
    ctx.env.settings.helpline,
  ].filter((c) => c.trim().length > 0);
  const or = t(locale, 'reflection.or');
  const list =
    contacts.length > 1 ? `${contacts.slice(0, -1).join(', ')} ${or} ${contacts.at(-1)}` : joinNames(contacts, locale);
  const replies = [reply(t(locale, 'reflection.crisis', { contacts: list }))];
  // Whatever comes next must not silently become an answer or a reflection's new text.
  let conversation: ConversationChange | undefined;
  let reflection = active.kind === 'reflection' ? active.state : null;
  if (active.kind === 'edit') {
    const previous = active.state.previous;
    reflection = previous?.flow === REFLECTION_FLOW ? parseReflectionState(previous.state) : null;
    conversation = restoreAfterEdit(active.state);
  }
  if (reflection) {
    conversation = reflectionConversation(pauseReflection(reflection, reflection.paused ?? 'crisis'));
    replies.push(reply(t(locale, 'reflection.crisisPaused')));
  }
  return { replies, conversation };
}
