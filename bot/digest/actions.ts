// The digest's buttons: "open student" (the full progress view), "nudge student" and "remind mentor". The student
// comes from the picker or the button's data, both untrusted: nudging and reminding need a coach assignment today.
import { z } from 'zod';
import { actions, text } from '../../cards/spec.js';
import { plannedKeys } from '../../db/queries/digest.js';
import { insertAuditEntry } from '../../db/queries/audit.js';
import { findFeedbackRequest, staffRolesFor } from '../../db/queries/feedback.js';
import { pendingRequestsOfStudent } from '../../db/queries/coach-actions.js';
import { enqueueOutbox } from '../../db/queries/outbox.js';
import { findPersonById } from '../../db/queries/people.js';
import { formatMoment, zoneOr } from '../core/time.js';
import { refusal, reply, type TurnContext, type TurnResult, type Write } from '../core/turn.js';
import type { MessageRef } from '../core/types.js';
import { feedbackCard } from '../flows/feedback/card.js';
import { requestCardInput } from '../flows/feedback/context.js';
import { isCoachOf } from '../flows/progress/access.js';
import { pickProgressStudent } from '../flows/progress/view.js';
import { VERBS } from '../flows/reflection/cards.js';
import { t } from '../i18n/index.js';
import { reflectionShown } from '../privacy/audit.js';

type CardAction = { data?: unknown; inputs: Record<string, string>; message?: MessageRef | undefined };

const studentId = z.coerce.number().int().positive();

function chosenStudent(action: CardAction): number | undefined {
  const data = typeof action.data === 'object' && action.data !== null ? (action.data as Record<string, unknown>) : {};
  const parsed = studentId.safeParse(action.inputs.student || data.studentId);
  return parsed.success ? parsed.data : undefined;
}

/** "Open student": the progress view as a new message (the digest stays where it is). */
export function openStudent(ctx: TurnContext, action: CardAction): Promise<TurnResult> {
  const id = chosenStudent(action);
  if (id === undefined) return Promise.resolve(refusal(t(ctx.person.locale, 'digest.pickFirst')));
  return pickProgressStudent(ctx, { inputs: { student: String(id) } }, false, 'digest');
}

async function coachStudent(ctx: TurnContext, action: CardAction, verb: string) {
  const id = chosenStudent(action);
  if (id === undefined) return { refused: refusal(t(ctx.person.locale, 'digest.pickFirst')) };
  const student = await findPersonById(ctx.db, id);
  if (!student || !(await isCoachOf(ctx, id))) {
    ctx.env.logger.warn(
      { event: 'digest.refused', verb, actorId: ctx.person.id, studentId: id },
      'digest action refused',
    );
    return { refused: refusal(t(ctx.person.locale, 'digest.refused')) };
  }
  return { student };
}

/** "Nudge student": one friendly message with a reflection button, at most once a day per coach and student. */
export async function nudgeStudent(ctx: TurnContext, action: CardAction): Promise<TurnResult> {
  const found = await coachStudent(ctx, action, 'nudge');
  if (!found.student) return found.refused!;
  const { student } = found;
  const key = `coach-nudge:${ctx.person.id}:${student.id}:${ctx.today}`;
  if ((await plannedKeys(ctx.db, [key])).has(key)) {
    return { replies: [reply(t(ctx.person.locale, 'digest.nudge.already', { student: student.name }))], record: false };
  }
  const message = t(student.locale, 'digest.nudge.message', { coach: ctx.person.name });
  const card = {
    kind: 'coach-nudge',
    elements: [
      text(message),
      actions({ verb: VERBS.start, label: t(student.locale, 'digest.nudge.start'), style: 'primary' as const }),
    ],
    fallbackText: message,
  };
  const write: Write = async (tx) => {
    await enqueueOutbox(tx, { dedupeKey: key, personId: student.id, payload: { text: message, card } });
  };
  return { replies: [reply(t(ctx.person.locale, 'digest.nudge.sent', { student: student.name }))], writes: [write] };
}

/** "Remind mentor": every open feedback request of the student goes out again, with its card, once a day. */
export async function remindMentor(ctx: TurnContext, action: CardAction): Promise<TurnResult> {
  const found = await coachStudent(ctx, action, 'remind');
  if (!found.student) return found.refused!;
  const { student } = found;
  const pending = await pendingRequestsOfStudent(ctx.db, student.id);
  if (pending.length === 0) {
    return { replies: [reply(t(ctx.person.locale, 'digest.remind.none', { student: student.name }))], record: false };
  }
  const writes: Write[] = [];
  const mentors = new Set<string>();
  for (const p of pending) {
    const request = await findFeedbackRequest(ctx.db, p.id);
    const mentor = await findPersonById(ctx.db, p.requestedOf);
    if (!request || !mentor) continue;
    // A mentor or teacher no longer assigned to the student gets no card about them.
    if (!(await staffRolesFor(ctx.db, mentor.id, student.id, ctx.today)).includes(request.role)) continue;
    mentors.add(mentor.name);
    const zone = zoneOr(mentor.timeZone, ctx.person.timeZone);
    const intro = t(mentor.locale, 'digest.remind.message', {
      coach: ctx.person.name,
      student: student.name,
      date: formatMoment(new Date(p.createdAt), zone, mentor.locale),
    });
    const input = await requestCardInput(ctx.db, request, { locale: mentor.locale, timeZone: zone });
    const card = input ? feedbackCard(input) : undefined;
    const payload = card
      ? { text: intro, card: { ...card, elements: [text(intro), ...card.elements] } }
      : { text: intro };
    const key = `coach-remind:${p.id}:${ctx.today}`;
    writes.push(async (tx) => {
      const id = await enqueueOutbox(tx, { dedupeKey: key, personId: mentor.id, payload });
      if (id !== null && input?.opportunity?.summary)
        await insertAuditEntry(tx, reflectionShown(request, 'coach-reminder'));
    });
  }
  if (writes.length === 0) {
    return { replies: [reply(t(ctx.person.locale, 'digest.remind.none', { student: student.name }))], record: false };
  }
  return {
    replies: [reply(t(ctx.person.locale, 'digest.remind.sent', { mentors: [...mentors].join(', ') }))],
    writes,
  };
}
