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
import { findPersonById } from '../../../db/queries/people.js';
import type { MessageRef, Outbound } from '../../core/types.js';
import { refusal, reply, type TurnContext, type TurnResult } from '../../core/turn.js';
import { t } from '../../i18n/index.js';
import { indicatorLabel } from '../../i18n/labels.js';
import { learningOpportunity } from '../../../db/queries/feedback.js';
import { feedbackCard, levelInput, MAX_TASK, MAX_TEXT, scaleLabel, thankYouCard } from './card.js';
import { formatDay, loadStudentFramework, opportunityDay, type StudentFramework } from './context.js';
import { receivedNotice } from './received.js';

const id = z.coerce.number().int().positive();
const dataSchema = z.object({
  studentId: id,
  requestId: id.optional(),
  supersedesId: id.optional(),
});
const textSchema = z.object({
  task: z.string().trim().max(MAX_TASK).default(''),
  wentWell: z.string().trim().max(MAX_TEXT).default(''),
  nextStep: z.string().trim().max(MAX_TEXT),
  conversation: z.string().max(20).optional(),
});
const levelSchema = z.coerce.number().int().min(0).max(100);

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
  const locale = ctx.person.locale;
  const ratings = stored.items.map((item) => {
    const indicator = fw.indicators.find((i) => i.id === item.indicatorId) ?? {
      id: item.indicatorId,
      code: '',
      labelNl: '?',
      labelEn: '?',
    };
    const level = item.level === null ? undefined : fw.scale.find((s) => s.value === item.level);
    return { indicator, levelLabel: level ? scaleLabel(locale, level) : notObservedLabel(locale, fw) };
  });
  const card = thankYouCard({
    locale,
    studentName: fw.studentName,
    assessmentId: stored.assessmentId,
    ratings,
    task: stored.task,
    wentWell: stored.wentWell,
    nextStep: stored.nextStep,
    wantsConversation: stored.wantsConversation,
    reaction: stored.reacted ? { takeaway: stored.reaction, plan: stored.plannedStep } : undefined,
    ...(note ? { note } : {}),
  });
  return reply(note ?? card.fallbackText, card);
}

/** The scale's own word for "not observed" (one word everywhere), else the catalogue's. */
export const notObservedLabel = (locale: string, fw: { scale: StudentFramework['scale'] }): string => {
  const level = fw.scale.find((s) => !s.countsAsLevel);
  return level ? scaleLabel(locale, level) : t(locale, 'feedback.notObserved');
};

export async function submitFeedback(ctx: TurnContext, action: FeedbackAction): Promise<TurnResult> {
  const data = dataSchema.safeParse(action.data);
  if (!data.success) return invalid(ctx, 'feedback.invalid.fields');
  const { studentId, requestId, supersedesId } = data.data;

  // Who may answer: the request's addressee, or (own initiative, edits) an assigned mentor or teacher.
  let request: FeedbackRequestRow | undefined;
  if (requestId !== undefined) {
    request = await findFeedbackRequest(ctx.db, requestId);
    if (!request || request.requestedOf !== ctx.person.id || request.studentId !== studentId) {
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
    if (!previous || previous.actorId !== ctx.person.id || previous.studentId !== studentId) {
      return refused(ctx, 'edit_mismatch', { supersedesId });
    }
    if (previous.superseded) {
      return { replies: [replacing(reply(t(ctx.person.locale, 'feedback.superseded')), undefined)], record: false };
    }
  } else if (request && request.status === 'cancelled') {
    // The student deleted the reflection (or withdrew the request): the card is no longer current.
    return { replies: [replacing(reply(t(ctx.person.locale, 'feedback.withdrawn')), action.message)], record: false };
  } else if (request && request.status !== 'open') {
    // A replayed or second submit: nothing changes; show what was received.
    const stored = await latestFeedbackForRequest(ctx.db, request.id);
    const note = t(ctx.person.locale, 'feedback.already');
    return {
      replies: [stored ? replacing(thankYouFor(ctx, fw, stored, note), action.message) : reply(note)],
      record: false,
    };
  }

  const texts = textSchema.safeParse(action.inputs);
  if (!texts.success) {
    const field = texts.error.issues[0]?.path[0];
    return invalid(ctx, field === 'nextStep' ? 'feedback.invalid.nextStep' : 'feedback.invalid.fields');
  }
  const input = texts.data;
  if (input.nextStep === '') return invalid(ctx, 'feedback.invalid.nextStep');

  // Which indicators this card rates is decided here, never by the card: the request's focus, or the edited one's.
  const opportunity = request?.reflectionId ? await learningOpportunity(ctx.db, request.reflectionId) : undefined;
  const known = new Set(fw.indicators.map((i) => i.id));
  const focus = previous
    ? previous.items.map((i) => i.indicatorId)
    : (opportunity?.indicatorIds ?? []).filter((i) => known.has(i));
  const ratings: { indicatorId: number; level: (typeof fw.scale)[number] }[] = [];
  if (focus.length > 0) {
    for (const indicatorId of focus) {
      const raw = levelSchema.safeParse(action.inputs[levelInput(indicatorId)]);
      const level = raw.success ? fw.scale.find((s) => s.value === raw.data) : undefined;
      if (!level) return invalid(ctx, 'feedback.invalid.level');
      ratings.push({ indicatorId, level });
    }
  } else {
    const indicator = id.safeParse(action.inputs.indicator);
    if (!indicator.success || !known.has(indicator.data)) return invalid(ctx, 'feedback.invalid.indicator');
    const raw = levelSchema.safeParse(action.inputs.level);
    const level = raw.success ? fw.scale.find((s) => s.value === raw.data) : undefined;
    if (!level) return invalid(ctx, 'feedback.invalid.level');
    ratings.push({ indicatorId: indicator.data, level });
  }

  const environment = request?.environment ?? previous?.environment ?? (role === 'teacher' ? 'campus' : 'workplace');
  const student = await findPersonById(ctx.db, studentId);
  const observedOn = previous
    ? previous.observedOn
    : request
      ? opportunityDay(opportunity, request, student?.timeZone ?? ctx.person.timeZone)
      : ctx.today;
  const [first, ...more] = ratings;
  const levelOf = (l: (typeof fw.scale)[number]) => (l.countsAsLevel ? l.value : null);
  const previousFor = (indicatorId: number) =>
    previous?.items.find((i, n) => n > 0 && i.indicatorId === indicatorId)?.assessmentId ?? null;
  const assessmentId = await reserveAssessmentId(ctx.db);
  const stored: StoredFeedbackRow = {
    assessmentId: assessmentId,
    feedbackId: 0,
    indicatorId: first!.indicatorId,
    studentId: studentId,
    actorId: ctx.person.id,
    actorRole: role,
    environment,
    level: levelOf(first!.level),
    requestId: request?.id ?? previous?.requestId ?? null,
    task: input.task,
    wentWell: input.wentWell,
    nextStep: input.nextStep,
    wantsConversation: input.conversation?.split(',').includes('yes') ?? false,
    superseded: false,
    items: ratings.map((r) => ({ assessmentId: 0, indicatorId: r.indicatorId, level: levelOf(r.level) })),
    observedOn: observedOn,
    reaction: '',
    plannedStep: '',
    reacted: false,
  };
  const studentLocale = fw.studentLocale;
  const notice = receivedNotice(studentLocale, {
    mentor: ctx.person.name,
    when: formatDay(studentLocale, observedOn),
    edited: previous !== undefined,
    ratings: ratings.map((r) => ({
      indicator: indicatorLabel(fw.indicators.find((i) => i.id === r.indicatorId)!, studentLocale),
      level: r.level.countsAsLevel ? scaleLabel(studentLocale, r.level) : notObservedLabel(studentLocale, fw),
    })),
    task: stored.task,
    wentWell: stored.wentWell,
    nextStep: stored.nextStep,
    wantsConversation: stored.wantsConversation,
  });

  return {
    replies: [replacing(thankYouFor(ctx, fw, stored), action.message)],
    writes: [
      async (tx) => {
        const saved = await insertFeedback(tx, {
          assessmentId,
          indicatorId: stored.indicatorId,
          studentId,
          actorId: ctx.person.id,
          actorRole: role,
          environment,
          observedOn,
          level: stored.level,
          requestId: stored.requestId,
          supersedesId: supersedesId ?? null,
          task: stored.task,
          wentWell: stored.wentWell,
          nextStep: stored.nextStep,
          wantsConversation: stored.wantsConversation,
          more: more.map((r) => ({
            indicatorId: r.indicatorId,
            level: levelOf(r.level),
            supersedesId: previousFor(r.indicatorId),
          })),
        });
        const out = notice(saved.feedbackId);
        await enqueueOutbox(tx, {
          dedupeKey: `feedback-received:${saved.feedbackId}`,
          personId: studentId,
          payload: out,
        });
      },
    ],
  };
}

/** "Edit feedback" on the thank-you card: the same card again, with every field as it was; a submit stores a new version. */
export async function editFeedback(ctx: TurnContext, action: FeedbackAction): Promise<TurnResult> {
  const parsed = z.object({ assessmentId: id }).safeParse(action.data);
  if (!parsed.success) return invalid(ctx, 'feedback.invalid.fields');
  const previous = await findFeedbackByAssessment(ctx.db, parsed.data.assessmentId);
  if (!previous || previous.actorId !== ctx.person.id) return refused(ctx, 'edit_not_own', parsed.data);
  const roles = await staffRolesFor(ctx.db, ctx.person.id, previous.studentId, ctx.today);
  if (!feedbackRole(roles, previous.actorRole)) return refused(ctx, 'not_assigned', { studentId: previous.studentId });
  if (previous.superseded) return refusal(t(ctx.person.locale, 'feedback.superseded'));
  const fw = await loadStudentFramework(ctx.db, previous.studentId);
  if (!fw) return refused(ctx, 'no_framework', {});
  const ids = new Set(previous.items.map((i) => i.indicatorId));
  const card = feedbackCard({
    locale: ctx.person.locale,
    studentName: fw.studentName,
    studentId: previous.studentId,
    supersedesId: previous.assessmentId,
    opportunity: {
      when: formatDay(ctx.person.locale, previous.observedOn),
      where: t(ctx.person.locale, `feedback.env.${previous.environment}` as Parameters<typeof t>[1]),
    },
    focus: fw.indicators.filter((i) => ids.has(i.id)),
    indicators: fw.indicators,
    scale: fw.scale,
    prefill: {
      task: previous.task,
      levels: Object.fromEntries(previous.items.map((i) => [i.indicatorId, i.level])),
      wentWell: previous.wentWell,
      nextStep: previous.nextStep,
      conversation: previous.wantsConversation,
    },
  });
  return { replies: [replacing(reply(card.fallbackText, card), action.message)], record: false };
}
