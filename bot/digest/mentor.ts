// Mentors and teachers: one weekly card with all their pending feedback requests (on the digest schedule), one
// reminder per request unanswered after N days (the dedupe key makes "never more" hold across instances), and
// the card's button, which opens the request's own feedback card (re-checked: it must be theirs and still open).
import { z } from 'zod';
import { actions, type CardSpec, choice, facts, text } from '../../cards/spec.js';
import type { Db } from '../../db/db.js';
import { insertAuditEntry } from '../../db/queries/audit.js';
import { findFeedbackRequest, staffRolesFor } from '../../db/queries/feedback.js';
import { type PendingMentorRow, pendingRequestsOf, requestsDueForReminder } from '../../db/queries/mentor-reminders.js';
import { enqueueOutbox } from '../../db/queries/outbox.js';
import { findPersonById } from '../../db/queries/people.js';
import { formatMoment, zoneOr } from '../core/time.js';
import { refusal, reply, type TurnContext, type TurnResult } from '../core/turn.js';
import type { MessageRef } from '../core/types.js';
import { feedbackCard } from '../flows/feedback/card.js';
import { requestCardInput } from '../flows/feedback/context.js';
import { t } from '../i18n/index.js';
import type { Logger } from '../log/logger.js';
import { auditWrite, reflectionShown } from '../privacy/audit.js';

export const MENTOR_OPEN_REQUEST = 'mentor.openRequest';
export const DEFAULT_REMINDER_DAYS = 3;
const DAY_MS = 86_400_000;
const MAX_ROWS = 25;

/** The weekly card of one mentor, or null when nothing is pending. */
export async function mentorWeeklyCard(db: Db, mentor: PendingMentorRow, now: Date): Promise<CardSpec | null> {
  const pending = await pendingRequestsOf(db, mentor.id);
  if (pending.length === 0) return null;
  const locale = mentor.locale;
  const zone = zoneOr(mentor.timeZone, 'Europe/Brussels');
  const rows = pending.map((p) => ({
    label: p.studentName,
    value: t(locale, 'mentor.weekly.row', {
      date: formatMoment(new Date(p.createdAt), zone, locale),
      days: Math.floor((now.getTime() - new Date(p.createdAt).getTime()) / DAY_MS),
    }),
  }));
  const shown = rows.slice(0, MAX_ROWS);
  const title = t(locale, 'mentor.weekly.title', { count: pending.length });
  const elements = [text(t(locale, 'mentor.weekly.intro')), facts(shown)];
  if (rows.length > shown.length)
    elements.push(text(t(locale, 'digest.overflow', { count: rows.length - shown.length }), 'subtle'));
  return {
    kind: 'mentor-weekly',
    title,
    fallbackText: [title, ...rows.map((r) => `${r.label}: ${r.value}`)].join('\n'),
    overflowText: t(locale, 'digest.overflow', { count: '{count}' }),
    elements: [
      ...elements,
      choice({
        id: 'request',
        label: t(locale, 'mentor.weekly.pick'),
        options: pending.map((p, i) => ({ value: String(p.id), label: `${p.studentName} · ${rows[i]!.value}` })),
        value: String(pending[0]!.id),
        required: true,
        errorMessage: t(locale, 'feedback.card.required'),
      }),
      actions({
        verb: MENTOR_OPEN_REQUEST,
        label: t(locale, 'mentor.weekly.open'),
        style: 'primary',
        submitsInputs: true,
      }),
    ],
  };
}

/** One reminder per open request older than `reminderDays`, with the request's card again. */
export async function planMentorReminders(
  db: Db,
  options: { now: Date; reminderDays?: number; logger: Logger },
): Promise<number> {
  const days = options.reminderDays ?? DEFAULT_REMINDER_DAYS;
  let planned = 0;
  for (const request of await requestsDueForReminder(db, new Date(options.now.getTime() - days * DAY_MS))) {
    const full = await findFeedbackRequest(db, request.id);
    const mentor = await findPersonById(db, request.requestedOf);
    if (!full || !mentor) continue;
    const zone = zoneOr(mentor.timeZone, 'Europe/Brussels');
    const input = await requestCardInput(db, full, { locale: mentor.locale, timeZone: zone });
    const intro = t(mentor.locale, 'mentor.reminder.text', {
      student: request.studentName,
      days: Math.floor((options.now.getTime() - new Date(request.createdAt).getTime()) / DAY_MS),
    });
    const card = input ? feedbackCard(input) : undefined;
    const id = await db.transaction(async (tx) => {
      const id = await enqueueOutbox(tx, {
        dedupeKey: `feedback-reminder:${request.id}`,
        personId: request.requestedOf,
        payload: card ? { text: intro, card: { ...card, elements: [text(intro), ...card.elements] } } : { text: intro },
      });
      if (id !== null && input?.opportunity?.summary) await insertAuditEntry(tx, reflectionShown(full, 'reminder'));
      return id;
    });
    if (id !== null) planned++;
  }
  if (planned > 0) options.logger.info({ event: 'mentor.reminders', planned }, 'feedback reminders planned');
  return planned;
}

const requestInput = z.object({ request: z.coerce.number().int().positive() });

/**
 * The weekly card's button: the request's feedback card, if it is this person's, still open and they are still
 * assigned to the student in the request's role. A card with the reflection's text is audited.
 */
export async function openMentorRequest(
  ctx: TurnContext,
  action: { inputs: Record<string, string>; message?: MessageRef | undefined },
): Promise<TurnResult> {
  const parsed = requestInput.safeParse(action.inputs);
  if (!parsed.success) return refusal(t(ctx.person.locale, 'action.invalid'));
  const request = await findFeedbackRequest(ctx.db, parsed.data.request);
  const assigned =
    request !== undefined &&
    (await staffRolesFor(ctx.db, ctx.person.id, request.studentId, ctx.today)).includes(request.role);
  if (!request || request.requestedOf !== ctx.person.id || !assigned) {
    ctx.env.logger.warn(
      { event: 'mentor.request.refused', actorId: ctx.person.id, requestId: parsed.data.request },
      'request refused',
    );
    return refusal(t(ctx.person.locale, 'feedback.refused'));
  }
  if (request.status !== 'open') return refusal(t(ctx.person.locale, 'mentor.request.closed'));
  const input = await requestCardInput(ctx.db, request, { locale: ctx.person.locale, timeZone: ctx.person.timeZone });
  if (!input) return refusal(t(ctx.person.locale, 'progress.noFramework'));
  const card = feedbackCard(input);
  if (!input.opportunity?.summary) return { replies: [reply(card.fallbackText, card)], record: false };
  return { replies: [reply(card.fallbackText, card)], writes: [auditWrite(reflectionShown(request, 'weekly-card'))] };
}
