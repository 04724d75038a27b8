// "Toon feedback": what stands behind the ratings of one indicator – each perspective's level with its date and
// place, and the task, what went well and the next step a mentor or teacher wrote (or the student's own note).
import { z } from 'zod';
import { type CardElement, type CardSpec, actions, facts, text } from '../../../cards/spec.js';
import { findPersonById } from '../../../db/queries/people.js';
import { ratingDetails } from '../../../db/queries/progress-details.js';
import { frameworkOutline } from '../../../db/queries/progress.js';
import { frameworkIdForPerson, listScale } from '../../../db/queries/student-context.js';
import { refusal, reply, type TurnContext, type TurnResult } from '../../core/turn.js';
import { t } from '../../i18n/index.js';
import { indicatorLabel, labelIn } from '../../i18n/labels.js';
import { auditWrite, viewEntry } from '../../privacy/audit.js';
import { mayViewProgress } from './access.js';
import { shortDate } from './card.js';
import { PROGRESS_SHOW } from './view.js';

const detailAction = z.object({
  studentId: z.coerce.number().int().positive(),
  indicator: z.coerce.number().int().positive(),
});

export async function showRatingDetails(
  ctx: TurnContext,
  action: { data?: unknown; inputs: Record<string, string> },
): Promise<TurnResult> {
  const locale = ctx.person.locale;
  const data = typeof action.data === 'object' && action.data !== null ? (action.data as Record<string, unknown>) : {};
  const parsed = detailAction.safeParse({ studentId: data.studentId, indicator: action.inputs.indicator });
  if (!parsed.success) return refusal(t(locale, 'action.invalid'));
  const { studentId, indicator } = parsed.data;
  if (!(await mayViewProgress(ctx, studentId))) {
    ctx.env.logger.warn({ event: 'progress.refused', actorId: ctx.person.id, studentId }, 'rating details refused');
    return refusal(t(locale, 'progress.refused'));
  }
  const student = await findPersonById(ctx.db, studentId);
  const frameworkId = await frameworkIdForPerson(ctx.db, studentId);
  if (!student || frameworkId === null) return refusal(t(locale, 'progress.noFramework'));
  const outline = await frameworkOutline(ctx.db, frameworkId);
  const row = outline.find((o) => o.indicatorId === indicator);
  if (!row) return refusal(t(locale, 'action.invalid'));
  const [details, scale] = await Promise.all([
    ratingDetails(ctx.db, studentId, indicator, studentId === ctx.person.id),
    listScale(ctx.db, frameworkId),
  ]);
  const levelLabel = (level: number | null) => {
    const s = scale.find((x) => (level === null ? !x.countsAsLevel : x.countsAsLevel && x.value === level));
    const name = s ? labelIn(s, locale) : '';
    return level === null ? `${s?.code ?? 'NA'} ${name}`.trim() : `${level} ${name}`.trim();
  };
  const indicatorName = indicatorLabel({ ...row, code: row.indicatorCode }, locale);
  const title = t(locale, 'progress.details.title', { indicator: indicatorName, student: student.name });
  const elements: CardElement[] = [];
  const lines = [title];
  if (details.length === 0) {
    elements.push(text(t(locale, 'progress.details.none'), 'subtle'));
    lines.push(t(locale, 'progress.details.none'));
  }
  for (const d of details) {
    const who = `${t(locale, `progress.column.${d.actorRole}`)}${d.actorName && d.actorRole !== 'student' ? ` ${d.actorName}` : ''}`;
    const heading = t(locale, 'progress.details.rating', {
      who,
      level: levelLabel(d.notObserved ? null : d.level),
      date: shortDate(d.observedOn, locale),
      environment: t(locale, `progress.env.${d.environment}`),
    });
    elements.push(text(heading, 'heading'));
    lines.push(heading);
    const rows: { label: string; value: string }[] = [];
    if (d.task) rows.push({ label: t(locale, 'progress.details.task'), value: d.task });
    if (d.wentWell) rows.push({ label: t(locale, 'progress.details.wentWell'), value: d.wentWell });
    if (d.nextStep) rows.push({ label: t(locale, 'progress.details.nextStep'), value: d.nextStep });
    if (d.evidence) rows.push({ label: t(locale, 'progress.details.evidence'), value: d.evidence });
    if (rows.length > 0) {
      elements.push(facts(rows));
      lines.push(...rows.map((r) => `${r.label}: ${r.value}`));
    }
  }
  elements.push(
    actions({
      verb: PROGRESS_SHOW,
      label: t(locale, 'progress.details.back'),
      data: { studentId: String(studentId) },
    }),
  );
  const card: CardSpec = { kind: 'progress-details', title, elements, fallbackText: lines.join('\n') };
  if (studentId === ctx.person.id) return { replies: [reply(card.fallbackText, card)], record: false };
  // Someone else's feedback texts: written to the audit log (which indicator, not what it says).
  const entry = await viewEntry(ctx.db, {
    viewerId: ctx.person.id,
    subjectId: studentId,
    day: ctx.today,
    action: 'progress.details',
    details: { indicatorId: indicator, channel: 'card' },
  });
  return { replies: [reply(card.fallbackText, card)], writes: [auditWrite(entry)] };
}
