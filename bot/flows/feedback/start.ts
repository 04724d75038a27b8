// A mentor or teacher starts feedback on their own: "feedback voor Amira" / "feedback for Amira", or a picker
// when they have several students and named none (or the name matches several).
import { z } from 'zod';
import { actions, type CardSpec, choice } from '../../../cards/spec.js';
import { assignedStudents, type AssignedStudentRow, staffRolesFor } from '../../../db/queries/feedback.js';
import type { MessageRef } from '../../core/types.js';
import { refusal, reply, type TurnContext, type TurnResult } from '../../core/turn.js';
import { t } from '../../i18n/index.js';
import { FEEDBACK_START, feedbackCard } from './card.js';
import { loadStudentFramework } from './context.js';

const FEEDBACK_ROLES = ['mentor', 'teacher'] as const;

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .trim();

/** Shorter than this, a typed name is no more than an initial: never enough to pick one person. */
export const MIN_NAME_PREFIX = 3;

/** Students whose full name, or a word of it, matches what the mentor typed (a start of at least 3 letters). */
export function matchStudents<T extends { name: string }>(students: T[], name: string): T[] {
  const wanted = fold(name);
  if (wanted === '') return students;
  const exact = students.filter((s) => fold(s.name) === wanted);
  if (exact.length > 0) return exact;
  const word = students.filter((s) => fold(s.name).split(/\s+/).includes(wanted));
  if (word.length > 0 || wanted.length < MIN_NAME_PREFIX) return word;
  return students.filter((s) => {
    const full = fold(s.name);
    return full.startsWith(wanted) || full.split(/\s+/).some((w) => w.startsWith(wanted));
  });
}

/** A name too short to pick from ("a"): ask which student, whatever matches. */
export const tooShort = (name: string): boolean => fold(name).length > 0 && fold(name).length < MIN_NAME_PREFIX;

export function studentPicker(
  locale: string,
  students: AssignedStudentRow[],
  verb: string,
  titleKey: 'feedback.pick.title' | 'progress.pick.title',
  buttonKey: 'feedback.pick.next' | 'progress.pick.show',
): CardSpec {
  return {
    kind: 'student-picker',
    title: t(locale, titleKey),
    fallbackText: `${t(locale, titleKey)} ${students.map((s) => s.name).join(', ')}`,
    elements: [
      choice({
        id: 'student',
        label: t(locale, 'feedback.pick.student'),
        options: students.map((s) => ({ value: String(s.id), label: s.name })),
        required: true,
        errorMessage: t(locale, 'feedback.card.required'),
      }),
      actions({ verb, label: t(locale, buttonKey), style: 'primary', submitsInputs: true }),
    ],
  };
}

async function cardFor(ctx: TurnContext, studentId: number, message?: MessageRef): Promise<TurnResult> {
  const fw = await loadStudentFramework(ctx.db, studentId);
  if (!fw) return refusal(t(ctx.person.locale, 'progress.noFramework'));
  const card = feedbackCard({
    locale: ctx.person.locale,
    studentName: fw.studentName,
    studentId,
    focus: [],
    indicators: fw.indicators,
    scale: fw.scale,
  });
  const out = reply(card.fallbackText, card);
  return { replies: [message ? { ...out, replaces: message } : out], record: false };
}

/** The "feedback voor NAAM" command. */
export async function startFeedback(ctx: TurnContext, name: string): Promise<TurnResult> {
  if (!ctx.person.roles.some((r) => (FEEDBACK_ROLES as readonly string[]).includes(r))) {
    const key = ctx.person.roles.includes('student') ? 'feedback.onlyStaffStudent' : 'feedback.onlyStaff';
    return { replies: [reply(t(ctx.person.locale, key))] };
  }
  const students = await assignedStudents(ctx.db, ctx.person.id, ctx.today, FEEDBACK_ROLES);
  if (students.length === 0) return { replies: [reply(t(ctx.person.locale, 'feedback.noStudents'))] };
  const matches = matchStudents(students, name);
  if (matches.length === 1 && !tooShort(name)) return cardFor(ctx, matches[0]!.id);
  if (tooShort(name)) {
    // "feedback voor a" is not Amira: ask, with every student to choose from.
    const picker = studentPicker(
      ctx.person.locale,
      students,
      FEEDBACK_START,
      'feedback.pick.title',
      'feedback.pick.next',
    );
    const which = t(ctx.person.locale, 'feedback.pick.which', { name });
    return { replies: [reply(which), reply(picker.fallbackText, picker)] };
  }
  if (matches.length === 0) {
    return {
      replies: [
        reply(t(ctx.person.locale, 'feedback.noMatch', { name, names: students.map((s) => s.name).join(', ') })),
      ],
    };
  }
  const picker = studentPicker(ctx.person.locale, matches, FEEDBACK_START, 'feedback.pick.title', 'feedback.pick.next');
  return { replies: [reply(picker.fallbackText, picker)] };
}

/** The picker's button: the chosen student is untrusted input, re-checked against the assignments. */
export async function pickFeedbackStudent(
  ctx: TurnContext,
  action: { inputs: Record<string, string>; message?: MessageRef | undefined },
): Promise<TurnResult> {
  const parsed = z.coerce.number().int().positive().safeParse(action.inputs.student);
  if (!parsed.success)
    return refusal(
      t(ctx.person.locale, 'feedback.invalid', { problem: t(ctx.person.locale, 'feedback.invalid.fields') }),
    );
  const roles = await staffRolesFor(ctx.db, ctx.person.id, parsed.data, ctx.today);
  if (!roles.some((r) => (FEEDBACK_ROLES as readonly string[]).includes(r))) {
    ctx.env.logger.warn(
      { event: 'feedback.refused', actorId: ctx.person.id, studentId: parsed.data },
      'feedback picker refused',
    );
    return refusal(t(ctx.person.locale, 'feedback.refused'));
  }
  return cardFor(ctx, parsed.data, action.message);
}
