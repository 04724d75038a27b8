// "voortgang" / "progress": students see their own; mentors, teachers and coaches pick one of their students.
import { z } from 'zod';
import { assignedStudents } from '../../../db/queries/feedback.js';
import { findPersonById } from '../../../db/queries/people.js';
import { frameworkOutline, latestPerspectives } from '../../../db/queries/progress.js';
import { frameworkIdForPerson, listScale } from '../../../db/queries/student-context.js';
import type { ActionElement } from '../../../cards/spec.js';
import type { MessageRef } from '../../core/types.js';
import { refusal, reply, type TurnContext, type TurnResult, type Write } from '../../core/turn.js';
import { DIGEST_NUDGE, DIGEST_REMIND } from '../../digest/card.js';
import { newChartLink } from '../../digest/charts.js';
import { t } from '../../i18n/index.js';
import { auditWrite, viewEntry } from '../../privacy/audit.js';
import { matchStudents, studentPicker } from '../feedback/start.js';
import { isCoachOf, mayViewProgress } from './access.js';
import { progressCard } from './card.js';

export const PROGRESS_SHOW = 'progress.show';
const STAFF_ROLES = ['mentor', 'teacher', 'coach'] as const;
const MAX_NAMES = 10;

/**
 * The progress view of a student the viewer may see (checked by the caller). Someone else's view is written to the
 * audit log with where it was opened (`channel`: chat, card, digest).
 */
export async function progressOf(
  ctx: TurnContext,
  studentId: number,
  message?: MessageRef,
  channel = 'chat',
): Promise<TurnResult> {
  const student = await findPersonById(ctx.db, studentId);
  const frameworkId = await frameworkIdForPerson(ctx.db, studentId);
  if (!student || frameworkId === null)
    return { replies: [reply(t(ctx.person.locale, 'progress.noFramework'))], record: false };
  const own = studentId === ctx.person.id;
  const [outline, perspectives, scale] = await Promise.all([
    frameworkOutline(ctx.db, frameworkId),
    latestPerspectives(ctx.db, studentId, own),
    listScale(ctx.db, frameworkId),
  ]);
  const writes: Write[] = [];
  if (!own) {
    const entry = await viewEntry(ctx.db, {
      viewerId: ctx.person.id,
      subjectId: studentId,
      day: ctx.today,
      action: 'progress.view',
      details: { channel },
    });
    writes.push(auditWrite(entry));
  }
  const base = ctx.env.settings.chartBaseUrl;
  let chartUrl: string | undefined;
  if (base) {
    const link = newChartLink(
      base,
      { kind: 'student', subjectId: studentId, viewerId: ctx.person.id, locale: ctx.person.locale },
      ctx.now,
    );
    chartUrl = link.url;
    writes.push(link.write);
  }
  const extraActions: ActionElement[] =
    !own && (await isCoachOf(ctx, studentId))
      ? [
          { verb: DIGEST_NUDGE, label: t(ctx.person.locale, 'digest.nudge'), data: { studentId: String(studentId) } },
          { verb: DIGEST_REMIND, label: t(ctx.person.locale, 'digest.remind'), data: { studentId: String(studentId) } },
        ]
      : [];
  const card = progressCard({
    locale: ctx.person.locale,
    studentId,
    studentName: student.name,
    outline,
    perspectives,
    scale,
    extraActions,
    ...(chartUrl ? { chartUrl } : {}),
  });
  const out = reply(card.fallbackText, card);
  // A chart link (its token) and an audit entry are writes; without them nothing needs storing.
  return writes.length > 0
    ? { replies: [message ? { ...out, replaces: message } : out], writes }
    : { replies: [message ? { ...out, replaces: message } : out], record: false };
}

export async function showProgress(ctx: TurnContext, name = ''): Promise<TurnResult> {
  const locale = ctx.person.locale;
  const isStaff = ctx.person.roles.some((r) => (STAFF_ROLES as readonly string[]).includes(r));
  if (name === '' && (!isStaff || ctx.person.roles.includes('student'))) return progressOf(ctx, ctx.person.id);
  if (!isStaff) {
    // A student naming someone: their own progress by name is fine, anyone else's is not theirs to see.
    if (matchStudents([ctx.person], name).length === 1) return progressOf(ctx, ctx.person.id);
    return { replies: [reply(t(locale, 'progress.onlyOwn'))], record: false };
  }
  const all = await assignedStudents(ctx.db, ctx.person.id, ctx.today, STAFF_ROLES);
  if (all.length === 0) return { replies: [reply(t(locale, 'progress.noStudents'))], record: false };
  const students = matchStudents(all, name);
  if (students.length === 0) {
    const names = all.slice(0, MAX_NAMES).map((s) => s.name);
    if (all.length > MAX_NAMES) names.push(t(locale, 'digest.overflow', { count: all.length - MAX_NAMES }));
    return { replies: [reply(t(locale, 'progress.notYours', { name, names: names.join(', ') }))], record: false };
  }
  if (students.length === 1) return progressOf(ctx, students[0]!.id);
  const picker = studentPicker(locale, students, PROGRESS_SHOW, 'progress.pick.title', 'progress.pick.show');
  return { replies: [reply(picker.fallbackText, picker)], record: false };
}

const studentChoice = z.coerce.number().int().positive();

/** The picker's button (and the digest's "open student"): the student is re-checked against the viewer. */
export async function pickProgressStudent(
  ctx: TurnContext,
  action: { data?: unknown; inputs: Record<string, string>; message?: MessageRef | undefined },
  replaceCard = true,
  channel = 'card',
): Promise<TurnResult> {
  const fromData =
    typeof action.data === 'object' && action.data !== null
      ? (action.data as Record<string, unknown>).studentId
      : undefined;
  const parsed = studentChoice.safeParse(action.inputs.student || fromData);
  if (!parsed.success) return refusal(t(ctx.person.locale, 'progress.refused'));
  if (!(await mayViewProgress(ctx, parsed.data))) {
    ctx.env.logger.warn(
      { event: 'progress.refused', actorId: ctx.person.id, studentId: parsed.data },
      'progress refused',
    );
    return refusal(t(ctx.person.locale, 'progress.refused'));
  }
  return progressOf(ctx, parsed.data, replaceCard ? action.message : undefined, channel);
}
