// The end of a reflection: one write saves the reflection, its confirmed indicators, the self-assessments and
// the feedback requests, and the conversation row goes. The student gets a short summary.
import { insertFeedbackRequests } from '../../../db/queries/feedback-requests.js';
import { addReflectionIndicators, insertReflection } from '../../../db/queries/reflections.js';
import { insertSelfAssessments, type NewSelfAssessment } from '../../../db/queries/self-assessments.js';
import type { StaffRow } from '../../../db/queries/student-context.js';
import type { TurnContext, TurnResult, Write } from '../../core/turn.js';
import type { StudentContext } from './context.js';
import { composeBody } from './parts.js';
import { advance } from './flow.js';
import { occurredOn } from './occurred-on.js';
import { type ReflectionState, visibilityCovers } from './state.js';
import { summaryReply } from './summary.js';

/** After choosing whom to ask: finish, or first ask whether they may read the text (the visibility left them out). */
export async function chooseFeedback(
  ctx: TurnContext,
  sctx: StudentContext,
  state: ReflectionState,
  chosen: StaffRow[],
  lead: string[],
): Promise<TurnResult> {
  const from = chosen.map((s) => ({
    id: s.id,
    role: s.role === 'teacher' ? ('teacher' as const) : ('mentor' as const),
  }));
  const entry = { step: 'feedback', parts: [] };
  const next = { ...state, feedbackFrom: from, shareText: null, history: [...state.history, entry] };
  if (from.every((r) => visibilityCovers(state.visibility, r.role)))
    return finishReflection(ctx, sctx, next, chosen, lead);
  return advance(ctx, sctx, next, lead);
}

/** The answer to "may they read your text?": the reflection is saved with it. */
export async function answerShare(
  ctx: TurnContext,
  sctx: StudentContext,
  state: ReflectionState,
  share: boolean,
  lead: string[],
): Promise<TurnResult> {
  const staff = await sctx.staff();
  const chosen = (state.feedbackFrom ?? []).flatMap((r) =>
    staff.filter((s) => s.id === r.id && s.role === r.role).slice(0, 1),
  );
  return finishReflection(ctx, sctx, { ...state, shareText: share }, chosen, lead);
}

export async function finishReflection(
  ctx: TurnContext,
  sctx: StudentContext,
  state: ReflectionState,
  feedbackFrom: StaffRow[],
  lead: string[],
  earlierWrites: Write[] = [],
): Promise<TurnResult> {
  const scale = await sctx.scale();
  const countsAsLevel = new Set(scale.filter((l) => l.countsAsLevel).map((l) => l.value));
  const indicatorIds = state.indicatorIds ?? [];
  const suggested = new Set(state.suggested ?? []);
  const environment = state.environment ?? 'workplace';
  const selfAssessments = indicatorIds.flatMap((id): NewSelfAssessment[] => {
    const level = state.levels[String(id)];
    if (level === 'not_observed') return [{ indicatorId: id, level: null, notObserved: true }];
    // A level that is not (or no longer) a real level of the scale is not stored rather than guessed.
    if (typeof level === 'number' && countsAsLevel.has(level)) return [{ indicatorId: id, level, notObserved: false }];
    return [];
  });
  const recipients = feedbackFrom.map((s) => {
    const role = s.role === 'teacher' ? ('teacher' as const) : ('mentor' as const);
    return { personId: s.id, role, shareText: visibilityCovers(state.visibility, role) || state.shareText === true };
  });
  const day = await occurredOn(ctx, state);
  const save: Write = async (tx) => {
    const reflectionId = await insertReflection(tx, {
      personId: ctx.person.id,
      shiftId: state.shiftId,
      model: state.model,
      environment,
      answers: state.answers,
      body: composeBody(state, sctx.language),
      visibility: state.visibility ?? 'private',
      language: sctx.language,
      llmUsed: state.llmUsed,
      occurredOn: day,
      at: ctx.now,
    });
    await addReflectionIndicators(
      tx,
      reflectionId,
      indicatorIds.map((indicatorId) => ({ indicatorId, suggested: suggested.has(indicatorId) })),
      ctx.now,
    );
    await insertSelfAssessments(tx, {
      studentId: ctx.person.id,
      environment,
      observedOn: day,
      reflectionId,
      at: ctx.now,
      items: selfAssessments,
    });
    await insertFeedbackRequests(tx, { studentId: ctx.person.id, reflectionId, environment, at: ctx.now, recipients });
  };
  const summary = await summaryReply(ctx.person.locale, sctx, state, feedbackFrom, lead);
  return { replies: [summary], conversation: null, writes: [...earlierWrites, save] };
}
