// "voortgang" / "progress": students see their own; mentors, teachers and coaches pick one of their students.
import { z } from 'zod';
import { assignedStudents, staffRolesFor } from '../../../db/queries/feedback.js';
import { findPersonById } from '../../../db/queries/people.js';
import { frameworkOutline, latestPerspectives } from '../../../db/queries/progress.js';
import { frameworkIdForPerson, listScale } from '../../../db/queries/student-context.js';
import type { MessageRef } from '../../core/types.js';
import { refusal, reply, type TurnContext, type TurnResult } from '../../core/turn.js';
import { t } from '../../i18n/index.js';
import { matchStudents, studentPicker } from '../feedback/start.js';
import { progressCard } from './card.js';

export const PROGRESS_SHOW = 'progress.show';
const STAFF_ROLES = ['mentor', 'teacher', 'coach'] as const;

async function progressOf(ctx: TurnContext, studentId: number, message?: MessageRef): Promise<TurnResult> {
  const student = await findPersonById(ctx.db, studentId);
  const frameworkId = await frameworkIdForPerson(ctx.db, studentId);
  if (!student || frameworkId === null)
    return { replies: [reply(t(ctx.person.locale, 'progress.noFramework'))], record: false };
  const [outline, perspectives, scale] = await Promise.all([
    frameworkOutline(ctx.db, frameworkId),
    latestPerspectives(ctx.db, studentId, studentId === ctx.person.id),
    listScale(ctx.db, frameworkId),
  ]);
  const card = progressCard({ locale: ctx.person.locale, studentName: student.name, outline, perspectives, scale });
  const out = reply(card.fallbackText, card);
  return { replies: [message ? { ...out, replaces: message } : out], record: false };
}

export async function showProgress(ctx: TurnContext, name = ''): Promise<TurnResult> {
  const isStaff = ctx.person.roles.some((r) => (STAFF_ROLES as readonly string[]).includes(r));
  if (!isStaff || (ctx.person.roles.includes('student') && name === '')) return progressOf(ctx, ctx.person.id);
  const students = matchStudents(await assignedStudents(ctx.db, ctx.person.id, ctx.today, STAFF_ROLES), name);
  if (students.length === 0) return { replies: [reply(t(ctx.person.locale, 'progress.noStudents'))], record: false };
  if (students.length === 1) return progressOf(ctx, students[0]!.id);
  const picker = studentPicker(ctx.person.locale, students, PROGRESS_SHOW, 'progress.pick.title', 'progress.pick.show');
  return { replies: [reply(picker.fallbackText, picker)], record: false };
}

/** The picker's button: the chosen student is re-checked against the viewer's assignments. */
export async function pickProgressStudent(
  ctx: TurnContext,
  action: { inputs: Record<string, string>; message?: MessageRef | undefined },
): Promise<TurnResult> {
  const parsed = z.coerce.number().int().positive().safeParse(action.inputs.student);
  if (!parsed.success) return refusal(t(ctx.person.locale, 'progress.refused'));
  const own = parsed.data === ctx.person.id;
  if (!own && (await staffRolesFor(ctx.db, ctx.person.id, parsed.data, ctx.today)).length === 0) {
    ctx.env.logger.warn(
      { event: 'progress.refused', actorId: ctx.person.id, studentId: parsed.data },
      'progress refused',
    );
    return refusal(t(ctx.person.locale, 'progress.refused'));
  }
  return progressOf(ctx, parsed.data, action.message);
}
