// Deleting one's own reflection: by its number in "mijn reflecties" or by the Delete button (id). The bot first
// asks for confirmation; then the reflection is soft-deleted, the self-assessments made with it go
// (db/queries/reflections.ts) and its open feedback requests are withdrawn, so no mentor can still answer them.
import { z } from 'zod';
import { actions, card, text } from '../../cards/spec.js';
import { openRequestsFor, withdrawRequestsFor } from '../../db/queries/feedback-requests.js';
import { findOwnReflection, listOwnReflections, softDeleteReflection } from '../../db/queries/reflections.js';
import { refusal, reply, type TurnContext, type TurnResult } from '../core/turn.js';
import { formatMoment } from '../core/time.js';
import { t } from '../i18n/index.js';
import { excerpt } from '../flows/reflection/parts.js';
import { isYes } from '../flows/reflection/words.js';

export const DELETE_FLOW = 'confirm-delete';
export const DELETE_CONFIRM = 'reflection.deleteConfirm';

const confirmStateSchema = z.object({
  reflectionId: z.number().int(),
  previous: z.object({ flow: z.string(), step: z.string(), state: z.unknown() }).nullable(),
});
export type ConfirmDeleteState = z.infer<typeof confirmStateSchema>;

export function parseConfirmDeleteState(value: unknown): ConfirmDeleteState | null {
  const parsed = confirmStateSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** Asks "are you sure?", naming the reflection and the requests that would be withdrawn. */
export async function deleteReflectionById(ctx: TurnContext, reflectionId: number): Promise<TurnResult> {
  const locale = ctx.person.locale;
  // Ownership is checked here and again in the UPDATE itself (person_id in the WHERE).
  const own = await findOwnReflection(ctx.db, ctx.person.id, reflectionId);
  if (!own) return refusal(t(locale, 'reflections.notFound'));
  const date = formatMoment(own.createdAt, ctx.person.timeZone, locale);
  const open = await openRequestsFor(ctx.db, ctx.person.id, reflectionId);
  const words = excerpt((own.body.split('\n\n')[0] ?? '').replace(/^[^:\n]{1,30}:\s*/, ''), 10);
  const question = [
    t(locale, 'reflections.deleteConfirm', { date, excerpt: words }),
    ...(open > 0 ? [t(locale, 'reflections.deleteWithdraws', { count: open })] : []),
    t(locale, 'reflections.deleteHow'),
  ].join('\n');
  const row = ctx.conversation;
  const previous =
    row && row.flow !== DELETE_FLOW
      ? { flow: row.flow, step: row.step, state: row.state }
      : (parseConfirmDeleteState(row?.state)?.previous ?? null);
  const state: ConfirmDeleteState = { reflectionId, previous };
  return {
    replies: [
      reply(
        question,
        card({
          kind: 'reflection-delete-confirm',
          fallbackText: question,
          elements: [
            text(question),
            actions(
              {
                verb: DELETE_CONFIRM,
                label: t(locale, 'reflections.deleteYes'),
                style: 'danger',
                data: { reflectionId: String(reflectionId), answer: 'yes' },
              },
              {
                verb: DELETE_CONFIRM,
                label: t(locale, 'reflections.deleteNo'),
                data: { reflectionId: String(reflectionId), answer: 'no' },
              },
            ),
          ],
        }),
      ),
    ],
    conversation: { flow: DELETE_FLOW, step: 'confirm', state },
  };
}

/** The answer: yes deletes and withdraws; anything else keeps the reflection. The earlier conversation returns. */
export async function answerDelete(ctx: TurnContext, state: ConfirmDeleteState, yes: boolean): Promise<TurnResult> {
  const locale = ctx.person.locale;
  const conversation = state.previous
    ? { flow: state.previous.flow, step: state.previous.step, state: state.previous.state }
    : null;
  if (!yes) return { replies: [reply(t(locale, 'reflections.deleteKept'))], conversation };
  const own = await findOwnReflection(ctx.db, ctx.person.id, state.reflectionId);
  if (!own) return { replies: [reply(t(locale, 'reflections.notFound'))], conversation };
  const date = formatMoment(own.createdAt, ctx.person.timeZone, locale);
  const open = await openRequestsFor(ctx.db, ctx.person.id, state.reflectionId);
  return {
    replies: [
      reply(
        [
          t(locale, 'reflections.deleted', { date }),
          ...(open > 0 ? [t(locale, 'reflections.withdrawn', { count: open })] : []),
        ].join(' '),
      ),
    ],
    conversation,
    writes: [
      async (tx) => {
        if (await softDeleteReflection(tx, ctx.person.id, state.reflectionId, ctx.now))
          await withdrawRequestsFor(tx, ctx.person.id, state.reflectionId);
      },
    ],
  };
}

export const isDeleteYes = (text: string): boolean => isYes(text) || /^(?:verwijder|delete)$/i.test(text.trim());

/** The reflection with number `n` (1 = newest) in the student's list, if there is one. */
export async function reflectionIdAt(ctx: TurnContext, n: number): Promise<number | undefined> {
  if (n < 1) return undefined;
  return (await listOwnReflections(ctx.db, ctx.person.id, 1, n - 1))[0]?.id;
}

export async function deleteReflectionCommand(ctx: TurnContext, n: number): Promise<TurnResult> {
  const id = await reflectionIdAt(ctx, n);
  return id === undefined ? refusal(t(ctx.person.locale, 'reflections.notFound')) : deleteReflectionById(ctx, id);
}
