// Submitting the feedback card. Card data is untrusted: the student, request, indicator and level are all
// checked against the database, and the actor must be assigned to that student as mentor or teacher today.
// A forged or stale payload is refused, logged, and stores nothing; a repeated submit changes nothing.
import { z } from 'zod';
import {
  type FeedbackRequestRow,
  findFeedbackByAssessment,
  findFeedbackRequest,
  insertFeedback,
  reserveAssessmentId,
  latestFeedbackForRequest,
  staffRolesFor,
  type StoredFeedbackRow,
} from '../../../db/queries/feedback.js';
import { enqueueOutbox } from '../../../db/queries/outbox.js';
import type { MessageRef, Outbound } from '../../core/types.js';
import { refusal, reply, type TurnContext, type TurnResult } from '../../core/turn.js';
import { languageOf, t } from '../../i18n/index.js';
import { feedbackCard, MAX_TASK, MAX_TEXT, scaleLabel, thankYouCard } from './card.js';
import { loadStudentFramework, type StudentFramework } from './context.js';

const id = z.coerce.number().int().positive();
const dataSchema = z.object({
  studentId: id,
  requestId: id.optional(),
  supersedesId: id.optional(),
});
const inputSchema = z.object({
  task: z.string().trim().max(MAX_TASK).default(''),
  indicator: id,
  level: z.coerce.number().int().min(0).max(100),
  wentWell: z.string().trim().max(MAX_TEXT).default(''),
  nextStep: z.string().trim().max(MAX_TEXT),
  conversation: z.string().optional(),
});

export interface FeedbackAction {
  data: unknown;
  inputs: Record<string, string>;
  message?: MessageRef | undefined;
}

type Role = 'mentor' | 'teacher';

const invalid = (ctx: TurnContext, problem: Parameters<typeof t>[1]): TurnResult =>
  refusal(t(ctx.person.locale, 'feedback.invalid', { problem: t(ctx.person.locale, problem) }));

const refused = (ctx: TurnContext, why: string, details: object): TurnResult => {
  ctx.env.logger.warn(
    { event: 'feedback.refused', actorId: ctx.person.id, why, ...details },
    'feedback action refused',
  );
  return refusal(t(ctx.person.locale, 'feedback.refused'));
};

/** The role in which the actor may give this student feedback: the request's role, else mentor before teacher. */
const feedbackRole = (roles: string[], wanted?: Role): Role | undefined => {
  if (wanted) return roles.includes(wanted) ? wanted : undefined;
  if (roles.includes('mentor')) return 'mentor';
  if (roles.includes('teacher')) return 'teacher';
  return undefined;
};

const replacing = (out: Outbound, message: MessageRef | undefined): Outbound =>
  message ? { ...out, replaces: message } : out;

export function thankYouFor(ctx: TurnContext, fw: StudentFramework, stored: StoredFeedbackRow, note?: string) {
  const indicator = fw.indicators.find((i) => i.id === stored.indicator_id) ?? {
    id: stored.indicator_id,
    code: '',
    labelNl: '?',
    labelEn: '?',
  };
  const level = stored.level === null ? undefined : fw.scale.find((s) => s.value === stored.level);
  const card = thankYouCard({
    locale: ctx.person.locale,
    studentName: fw.studentName,
    assessmentId: stored.assessment_id,
    indicator,
    levelLabel: level ? scaleLabel(ctx.person.locale, level) : t(ctx.person.locale, 'feedback.notObserved'),
    task: stored.task,
    wentWell: stored.went_well,
    nextStep: stored.next_step,
    ...(note ? { note } : {}),
  });
  return reply(note ?? card.fallbackText, card);
}

export async function submitFeedback(ctx: TurnContext, action: FeedbackAction): Promise<TurnResult> {
  const data = dataSchema.safeParse(action.data);
  if (!data.success) return invalid(ctx, 'feedback.invalid.fields');
  const { studentId, requestId, supersedesId } = data.data;

  // Who may answer: the request's addressee, or (own initiative, edits) an assigned mentor or teacher.
  let request: FeedbackRequestRow | undefined;
  if (requestId !== undefined) {
    request = await findFeedbackRequest(ctx.db, requestId);
    if (!request || request.requested_of !== ctx.person.id || request.student_id !== studentId) {
      return refused(ctx, 'request_mismatch', { requestId, studentId });
    }
  }
  const roles = await staffRolesFor(ctx.db, ctx.person.id, studentId, ctx.today);
  const role = feedbackRole(roles, request?.role);
  if (!role) return refused(ctx, 'not_assigned', { studentId, roles });

  const fw = await loadStudentFramework(ctx.db, studentId);
  if (!fw) return refused(ctx, 'no_framework', { studentId });

  let previous: StoredFeedbackRow | undefined;
  if (supersedesId !== undefined) {
    previous = await findFeedbackByAssessment(ctx.db, supersedesId);
    if (!previous || previous.actor_id !== ctx.person.id || previous.student_id !== studentId) {
      return refused(ctx, 'edit_mismatch', { supersedesId });
    }
    if (previous.superseded) {
      return { replies: [replacing(reply(t(ctx.person.locale, 'feedback.superseded')), undefined)], record: false };
    }
  } else if (request && request.status !== 'open') {
    // A replayed or second submit: nothing changes; show what was received.
    const stored = await latestFeedbackForRequest(ctx.db, request.id);
    const note = t(ctx.person.locale, 'feedback.already');
    return {
      replies: [stored ? replacing(thankYouFor(ctx, fw, stored, note), action.message) : reply(note)],
      record: false,
    };
  }

  const inputs = inputSchema.safeParse(action.inputs);
  if (!inputs.success) {
    const field = inputs.error.issues[0]?.path[0];
    return invalid(
      ctx,
      field === 'indicator'
        ? 'feedback.invalid.indicator'
        : field === 'level'
          ? 'feedback.invalid.level'
          : field === 'nextStep'
            ? 'feedback.invalid.nextStep'
            : 'feedback.invalid.fields',
    );
  }
  const input = inputs.data;
  if (input.nextStep === '') return invalid(ctx, 'feedback.invalid.nextStep');
  const indicator = fw.indicators.find((i) => i.id === input.indicator);
  if (!indicator) return invalid(ctx, 'feedback.invalid.indicator');
  const level = fw.scale.find((s) => s.value === input.level);
  if (!level) return invalid(ctx, 'feedback.invalid.level');

  const environment = request?.environment ?? previous?.environment ?? (role === 'teacher' ? 'campus' : 'workplace');
  const stored: Omit<StoredFeedbackRow, 'assessment_id' | 'feedback_id'> = {
    indicator_id: indicator.id,
    student_id: studentId,
    actor_id: ctx.person.id,
    actor_role: role,
    environment,
    level: level.counts_as_level ? level.value : null,
    request_id: request?.id ?? previous?.request_id ?? null,
    task: input.task,
    went_well: input.wentWell,
    next_step: input.nextStep,
    wants_conversation: input.conversation?.split(',').includes('yes') ?? false,
    superseded: false,
  };
  const student = { locale: fw.studentLocale };
  const levelText = level.counts_as_level
    ? scaleLabel(student.locale, level)
    : t(student.locale, 'feedback.notObserved');
  const indicatorText = `${indicator.code} ${languageOf(student.locale) === 'en' ? indicator.labelEn : indicator.labelNl}`;
  const notice = [
    t(student.locale, 'feedback.received', {
      mentor: ctx.person.name,
      indicator: indicatorText,
      level: levelText,
      wentWell: stored.went_well || t(student.locale, 'feedback.none'),
      nextStep: stored.next_step,
    }),
    ...(stored.wants_conversation
      ? [t(student.locale, 'feedback.receivedConversation', { mentor: ctx.person.name })]
      : []),
  ].join('\n');

  const assessmentId = await reserveAssessmentId(ctx.db);
  return {
    replies: [
      replacing(thankYouFor(ctx, fw, { ...stored, assessment_id: assessmentId, feedback_id: 0 }), action.message),
    ],
    writes: [
      async (tx) => {
        const saved = await insertFeedback(tx, {
          assessmentId,
          indicatorId: stored.indicator_id,
          studentId,
          actorId: ctx.person.id,
          actorRole: role,
          environment,
          observedOn: ctx.today,
          level: stored.level,
          requestId: stored.request_id,
          supersedesId: supersedesId ?? null,
          task: stored.task,
          wentWell: stored.went_well,
          nextStep: stored.next_step,
          wantsConversation: stored.wants_conversation,
        });
        await enqueueOutbox(tx, {
          dedupeKey: `feedback-received:${saved.feedbackId}`,
          personId: studentId,
          payload: { text: notice },
        });
      },
    ],
  };
}

/** "Edit feedback" on the thank-you card: the same card again, prefilled, whose submit stores a new version. */
export async function editFeedback(ctx: TurnContext, action: FeedbackAction): Promise<TurnResult> {
  const parsed = z.object({ assessmentId: id }).safeParse(action.data);
  if (!parsed.success) return invalid(ctx, 'feedback.invalid.fields');
  const previous = await findFeedbackByAssessment(ctx.db, parsed.data.assessmentId);
  if (!previous || previous.actor_id !== ctx.person.id) return refused(ctx, 'edit_not_own', parsed.data);
  const roles = await staffRolesFor(ctx.db, ctx.person.id, previous.student_id, ctx.today);
  if (!feedbackRole(roles, previous.actor_role))
    return refused(ctx, 'not_assigned', { studentId: previous.student_id });
  if (previous.superseded) return refusal(t(ctx.person.locale, 'feedback.superseded'));
  const fw = await loadStudentFramework(ctx.db, previous.student_id);
  if (!fw) return refused(ctx, 'no_framework', {});
  const card = feedbackCard({
    locale: ctx.person.locale,
    studentName: fw.studentName,
    studentId: previous.student_id,
    supersedesId: previous.assessment_id,
    focus: fw.indicators.filter((i) => i.id === previous.indicator_id),
    indicators: fw.indicators,
    scale: fw.scale,
    prefill: {
      task: previous.task,
      indicatorId: previous.indicator_id,
      level: previous.level,
      wentWell: previous.went_well,
      nextStep: previous.next_step,
    },
  });
  return { replies: [replacing(reply(card.fallbackText, card), action.message)], record: false };
}
