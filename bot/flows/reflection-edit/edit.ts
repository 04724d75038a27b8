// "bewerk reflectie N" / the Edit button: show the text, take the next message as the new text.
import type { ConversationRow } from '../../../db/queries/conversations.js';
import { findOwnReflection, replaceReflectionBody } from '../../../db/queries/reflections.js';
import { type ConversationChange, refusal, reply, type TurnContext, type TurnResult } from '../../core/turn.js';
import { formatMoment } from '../../core/time.js';
import { t } from '../../i18n/index.js';
import { repeatPrompt } from '../reflection/flow.js';
import { parseReflectionState } from '../reflection/state.js';
import { EDIT_FLOW, type EditState } from './state.js';

/** The current text is shown up to this length: enough to copy from, within every platform's message limit. */
const SHOWN_CHARS = 3000;

function previousOf(row: ConversationRow | null): EditState['previous'] {
  if (!row) return null;
  if (row.flow === EDIT_FLOW) return (row.state as EditState | null)?.previous ?? null;
  return { flow: row.flow, step: row.step, state: row.state };
}

export async function startEdit(ctx: TurnContext, reflectionId: number): Promise<TurnResult> {
  const own = await findOwnReflection(ctx.db, ctx.person.id, reflectionId);
  if (!own) return refusal(t(ctx.person.locale, 'reflections.notFound'));
  const body = own.body.length > SHOWN_CHARS ? `${own.body.slice(0, SHOWN_CHARS - 1)}…` : own.body;
  const state: EditState = { reflectionId, previous: previousOf(ctx.conversation) };
  return {
    replies: [reply(`${t(ctx.person.locale, 'reflections.editPrompt')}\n\n${body}`)],
    conversation: { flow: EDIT_FLOW, step: 'body', state },
  };
}

/** The conversation that was there before the edit started. */
export const restoreAfterEdit = (state: EditState): ConversationChange =>
  state.previous ? { flow: state.previous.flow, step: state.previous.step, state: state.previous.state } : null;

export async function finishEdit(ctx: TurnContext, state: EditState, text: string): Promise<TurnResult> {
  const own = await findOwnReflection(ctx.db, ctx.person.id, state.reflectionId);
  const locale = ctx.person.locale;
  if (!own) return { replies: [reply(t(locale, 'reflections.notFound'))], conversation: restoreAfterEdit(state) };
  const date = formatMoment(own.createdAt, ctx.person.timeZone, locale);
  const replies = [reply(t(locale, 'reflections.edited', { date }))];
  // A reflection that was running before the edit picks up again with its question.
  const previous = state.previous ? parseReflectionState(state.previous.state) : null;
  if (previous && !previous.paused) replies.push(await repeatPrompt(ctx, previous));
  return {
    replies,
    conversation: restoreAfterEdit(state),
    writes: [(tx) => replaceReflectionBody(tx, ctx.person.id, state.reflectionId, text, ctx.now).then(() => undefined)],
  };
}
