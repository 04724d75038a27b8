// The end of a reflection: one write saves the reflection, its confirmed indicators, the self-assessments and
// the feedback requests, and the conversation row goes. The student gets a short summary.
import { insertFeedbackRequests } from '../../../db/queries/feedback-requests.js';
import { addReflectionIndicators, insertReflection } from '../../../db/queries/reflections.js';
import { insertSelfAssessments, type NewSelfAssessment } from '../../../db/queries/self-assessments.js';
import type { StaffRow } from '../../../db/queries/student-context.js';
import type { TurnContext, TurnResult, Write } from '../../core/turn.js';
import type { StudentContext } from './context.js';
import { composeBody } from './parts.js';
import type { ReflectionState } from './state.js';
import { summaryReply } from './summary.js';

export async function finishReflection(
  ctx: TurnContext,
  sctx: StudentContext,
  state: ReflectionState,
  feedbackFrom: StaffRow[],
  lead: string[],
  earlierWrites: Write[] = [],
): Promise<TurnResult> {
  const scale = await sctx.scale();
  const countsAsLevel = new Set(scale.filter((l) => l.counts_as_level).map((l) => l.value));
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
  const recipients = feedbackFrom.map(
    (s) => ({ personId: s.id, role: s.role === 'teacher' ? 'teacher' : 'mentor' }) as const,
  );
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
      observedOn: ctx.today,
      reflectionId,
      at: ctx.now,
      items: selfAssessments,
    });
    await insertFeedbackRequests(tx, { studentId: ctx.person.id, reflectionId, environment, at: ctx.now, recipients });
  };
  const summary = await summaryReply(ctx.person.locale, sctx, state, feedbackFrom, lead);
  return { replies: [summary], conversation: null, writes: [...earlierWrites, save] };
}
