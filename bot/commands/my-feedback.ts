// "mijn feedback" / "my feedback": the feedback the student received, newest first, with their own reaction and
// plan, and a way to react where they have not yet.
import { actions, type CardElement, card, divider, facts, text } from '../../cards/spec.js';
import { listReceivedFeedback } from '../../db/queries/feedback-loop.js';
import { reply, type TurnContext, type TurnResult } from '../core/turn.js';
import { scaleLabel } from '../flows/feedback/card.js';
import { formatDay, loadStudentFramework } from '../flows/feedback/context.js';
import { FEEDBACK_REACT } from '../flows/feedback/received.js';
import { notObservedLabel } from '../flows/feedback/submit.js';
import { t } from '../i18n/index.js';
import { indicatorLabel } from '../i18n/labels.js';

export const LISTED_FEEDBACK = 5;

export async function myFeedbackCommand(ctx: TurnContext): Promise<TurnResult> {
  const locale = ctx.person.locale;
  const items = await listReceivedFeedback(ctx.db, ctx.person.id, LISTED_FEEDBACK);
  if (items.length === 0) return { replies: [reply(t(locale, 'myFeedback.none'))] };
  const fw = await loadStudentFramework(ctx.db, ctx.person.id);
  const title = t(locale, 'myFeedback.title');
  const none = t(locale, 'feedback.none');
  const elements: CardElement[] = [text(title, 'heading')];
  const lines: string[] = [title];
  items.forEach((f, n) => {
    const head = t(locale, 'myFeedback.item', {
      date: formatDay(locale, f.observedOn),
      mentor: f.authorName ?? none,
    });
    const rows = [
      ...f.levels.map((l) => {
        const indicator = fw?.indicators.find((i) => i.id === l.indicatorId);
        const level = l.level === null ? undefined : fw?.scale.find((s) => s.value === l.level);
        return {
          label: indicator ? indicatorLabel(indicator, locale) : '?',
          value: level ? scaleLabel(locale, level) : notObservedLabel(locale, fw ?? { scale: [] }),
        };
      }),
      { label: t(locale, 'feedback.fact.wentWell'), value: f.wentWell || none },
      { label: t(locale, 'feedback.fact.nextStep'), value: f.nextStep },
      ...(f.reactedAt
        ? [
            { label: t(locale, 'myFeedback.yourReaction'), value: f.reaction || none },
            { label: t(locale, 'myFeedback.yourPlan'), value: f.plannedStep || none },
          ]
        : [{ label: t(locale, 'myFeedback.yourReaction'), value: t(locale, 'myFeedback.notYet') }]),
    ];
    if (n > 0) elements.push(divider());
    elements.push(text(head, 'heading'), facts(rows));
    if (!f.reactedAt) {
      elements.push(
        actions({
          verb: FEEDBACK_REACT,
          label: t(locale, 'loop.adopt'),
          data: { feedbackId: String(f.feedbackId), adopt: 'true' },
        }),
      );
    }
    lines.push('', head, ...rows.map((r) => `${r.label}: ${r.value}`));
  });
  const body = lines.join('\n');
  return { replies: [reply(body, card({ kind: 'my-feedback', fallbackText: body, elements }))] };
}
