// Deleting one's own reflection: by its number in "mijn reflecties" or by the Delete button (id). Soft delete;
// the self-assessments made with it go (db/queries/reflections.ts).
import { findOwnReflection, listOwnReflections, softDeleteReflection } from '../../db/queries/reflections.js';
import { refusal, reply, type TurnContext, type TurnResult } from '../core/turn.js';
import { formatMoment } from '../core/time.js';
import { t } from '../i18n/index.js';

export async function deleteReflectionById(ctx: TurnContext, reflectionId: number): Promise<TurnResult> {
  const locale = ctx.person.locale;
  // Ownership is checked here and again in the UPDATE itself (person_id in the WHERE).
  const own = await findOwnReflection(ctx.db, ctx.person.id, reflectionId);
  if (!own) return refusal(t(locale, 'reflections.notFound'));
  const date = formatMoment(own.created_at, ctx.person.time_zone, locale);
  return {
    replies: [reply(t(locale, 'reflections.deleted', { date }))],
    writes: [
      async (tx) => {
        await softDeleteReflection(tx, ctx.person.id, reflectionId, ctx.now);
      },
    ],
  };
}

/** The reflection with number `n` (1 = newest) in the student's list, if there is one. */
export async function reflectionIdAt(ctx: TurnContext, n: number): Promise<number | undefined> {
  if (n < 1) return undefined;
  return (await listOwnReflections(ctx.db, ctx.person.id, 1, n - 1))[0]?.id;
}

export async function deleteReflectionCommand(ctx: TurnContext, n: number): Promise<TurnResult> {
  const id = await reflectionIdAt(ctx, n);
  return id === undefined ? refusal(t(ctx.person.locale, 'reflections.notFound')) : deleteReflectionById(ctx, id);
}
