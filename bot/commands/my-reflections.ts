// "mijn reflecties" / "my reflections": the recent ones, numbered (the numbers work in "verwijder reflectie N"),
// each with Edit and Delete buttons carrying the reflection id (ownership is re-checked when they come back).
import { actions, type CardElement, card, divider, text } from '../../cards/spec.js';
import { listOwnReflections } from '../../db/queries/reflections.js';
import { reply, type TurnContext, type TurnResult } from '../core/turn.js';
import { formatMoment } from '../core/time.js';
import { t } from '../i18n/index.js';
import { VERBS } from '../flows/reflection/cards.js';
import { excerpt } from '../flows/reflection/parts.js';

export const LISTED_REFLECTIONS = 5;
const EXCERPT_WORDS = 10;

/** The first paragraph without its "Situatie: " heading, so the excerpt is the student's own words. */
const firstWords = (body: string): string =>
  excerpt((body.split('\n\n')[0] ?? '').replace(/^[^:\n]{1,30}:\s*/, ''), EXCERPT_WORDS);

export async function myReflectionsCommand(ctx: TurnContext): Promise<TurnResult> {
  const locale = ctx.person.locale;
  const items = await listOwnReflections(ctx.db, ctx.person.id, LISTED_REFLECTIONS);
  if (items.length === 0) return { replies: [reply(t(locale, 'reflections.none'))] };
  const lines = items.map((r, i) =>
    t(locale, 'reflections.item', {
      n: i + 1,
      date: formatMoment(r.createdAt, ctx.person.timeZone, locale),
      environment: t(locale, `environment.${r.environment}`),
      excerpt: firstWords(r.body),
      indicators: r.indicators.length ? r.indicators.join(', ') : t(locale, 'common.none'),
    }),
  );
  const title = t(locale, 'reflections.title');
  const how = t(locale, 'reflections.how');
  const elements: CardElement[] = [text(title, 'heading')];
  items.forEach((r, i) => {
    if (i > 0) elements.push(divider());
    elements.push(
      text(lines[i]!),
      actions(
        { verb: VERBS.edit, label: t(locale, 'reflections.edit'), data: { reflectionId: String(r.id) } },
        {
          verb: VERBS.delete,
          label: t(locale, 'reflections.delete'),
          data: { reflectionId: String(r.id) },
          style: 'danger',
        },
      ),
    );
  });
  const body = [title, ...lines, how].join('\n');
  return { replies: [reply(body, card({ kind: 'my-reflections', fallbackText: body, elements }))] };
}
