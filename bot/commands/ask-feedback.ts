// "vraag feedback aan NAAM" / "ask feedback from NAME": a student asks a mentor or teacher for feedback outside
// a reflection. The request has no reflection, so the card shows no text; the mentor picks the indicator.
import { insertFeedbackRequest } from '../../db/queries/feedback-requests.js';
import { listActiveStaff } from '../../db/queries/student-context.js';
import { reply, type TurnContext, type TurnResult } from '../core/turn.js';
import { matchStudents } from '../flows/feedback/start.js';
import { t } from '../i18n/index.js';
import { isStudent } from './reflect.js';

export async function askFeedbackCommand(ctx: TurnContext, name: string): Promise<TurnResult> {
  const locale = ctx.person.locale;
  if (!isStudent(ctx)) return { replies: [reply(t(locale, 'ask.studentsOnly'))] };
  const staff = (await listActiveStaff(ctx.db, ctx.person.id, ctx.today)).filter(
    (s) => s.role === 'mentor' || s.role === 'teacher',
  );
  if (staff.length === 0) return { replies: [reply(t(locale, 'ask.noStaff'))] };
  const names = staff.map((s) => s.name).join(', ');
  const matches = name.trim() === '' ? [] : matchStudents(staff, name);
  if (matches.length === 0 && name.trim() !== '')
    return { replies: [reply(t(locale, 'ask.noMatch', { name, names }))] };
  if (matches.length !== 1) return { replies: [reply(t(locale, 'ask.which', { names }))] };
  const chosen = matches[0]!;
  const role = chosen.role === 'teacher' ? 'teacher' : 'mentor';
  return {
    replies: [reply(t(locale, 'ask.sent', { name: chosen.name }))],
    writes: [
      (tx) =>
        insertFeedbackRequest(tx, {
          studentId: ctx.person.id,
          requestedOf: chosen.id,
          role,
          environment: role === 'teacher' ? 'campus' : 'workplace',
          at: ctx.now,
        }),
    ],
  };
}
