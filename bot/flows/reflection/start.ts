// Starting a reflection (from "reflectie" or as the answer to a nudge) and resuming a paused one.
import { latestPlan } from '../../../db/queries/feedback-loop.js';
import { recentShiftId } from '../../../db/queries/nudge-context.js';
import { markAiNoticeShown } from '../../../db/queries/person-settings.js';
import { hasAnyReflection } from '../../../db/queries/privacy-hints.js';
import { QUESTION_SETS } from '../../../prompts/reflection/index.js';
import type { TurnContext, TurnResult, Write } from '../../core/turn.js';
import { t } from '../../i18n/index.js';
import { answerText } from './answers.js';
import { aiNoticeKey, studentContext, usesAi } from './context.js';
import { advance } from './flow.js';
import { type Environment, newReflectionState, type ReflectionState } from './state.js';

/** Starts a new reflection. With `firstAnswer` (the reply to a nudge) that text answers the first question. */
export async function startReflection(
  ctx: TurnContext,
  options: { environment?: Environment; firstAnswer?: string; lead?: string[]; shiftId?: number | null } = {},
): Promise<TurnResult> {
  const sctx = studentContext(ctx);
  // The nudge's shift when the reflection answers one; otherwise the shift that ended last.
  const shiftId = options.shiftId ?? (await recentShiftId(ctx.db, ctx.person.id, ctx.now));
  const state = newReflectionState({ environment: options.environment, shiftId });
  const lead = [...(options.lead ?? [])];
  const writes: Write[] = [];
  // Told once: prefer initials for clients (in the AI notice, or with the first reflection when no AI is used).
  if (usesAi(ctx) && !ctx.person.aiNoticeShownAt) {
    lead.push(`${t(ctx.person.locale, aiNoticeKey(ctx))} ${t(ctx.person.locale, 'privacy.initialsHint')}`);
    writes.push((tx) => markAiNoticeShown(tx, ctx.person.id, ctx.now));
  } else if (!(await hasAnyReflection(ctx.db, ctx.person.id))) {
    lead.push(t(ctx.person.locale, 'privacy.initialsHint'));
  }
  // Closing the loop: the step the student planned after their last feedback comes back here.
  const plan = await latestPlan(ctx.db, ctx.person.id);
  if (plan)
    lead.push(t(ctx.person.locale, 'loop.planLastTime', { plan: plan.plannedStep, mentor: plan.authorName ?? '' }));
  lead.push(`${QUESTION_SETS.starr.intro[sctx.language]} ${t(ctx.person.locale, 'reflection.hints')}`);
  if (options.firstAnswer !== undefined) {
    const result = await answerText(ctx, sctx, state, options.firstAnswer, lead);
    return { ...result, writes: [...writes, ...(result.writes ?? [])] };
  }
  return advance(ctx, sctx, state, lead, writes);
}

/** Continues a paused reflection where it was, or repeats the question of a running one. */
export async function resumeReflection(
  ctx: TurnContext,
  state: ReflectionState,
  lead: string[] = [],
): Promise<TurnResult> {
  const key = state.paused ? 'reflection.resumed' : 'reflection.alreadyRunning';
  return advance(ctx, studentContext(ctx), { ...state, paused: null }, [...lead, t(ctx.person.locale, key)]);
}
