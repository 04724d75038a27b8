// The reflection flow's entry points: start, resume, pause, and `advance`, which moves to the next step that
// needs the student (preparing suggestions on the way) or finishes and saves.
import type { ConversationChange, TurnContext, TurnResult, Write } from '../../core/turn.js';
import { indicatorTexts, type StudentContext, studentContext, usesAi } from './context.js';
import { finishReflection } from './finish.js';
import { feedbackRecipients, promptFor } from './prompt.js';
import { answersText } from './parts.js';
import { REFLECTION_FLOW, type ReflectionState } from './state.js';
import { currentStep, stepName } from './steps.js';

export const MAX_SUGGESTIONS = 3;

export function reflectionConversation(state: ReflectionState): ConversationChange {
  return { flow: REFLECTION_FLOW, step: stepName(currentStep(state)), state };
}

/**
 * Asks what the state waits for next. Steps that need no student (suggestions to compute, no indicators in the
 * framework, nobody to ask for feedback) are passed here; after the last step the reflection is saved.
 */
export async function advance(
  ctx: TurnContext,
  sctx: StudentContext,
  start: ReflectionState,
  lead: string[],
  writes: Write[] = [],
): Promise<TurnResult> {
  let state = start;
  const locale = ctx.person.locale;
  for (;;) {
    const step = currentStep(state);
    if (step.kind === 'indicators') {
      const all = await sctx.indicators();
      if (all.length === 0) {
        state = { ...state, indicatorIds: [] };
        continue;
      }
      if (state.suggested === null) {
        const suggestions = await ctx.env.assistant.suggestIndicators({
          reflection: answersText(state),
          indicators: indicatorTexts(all),
          language: sctx.language,
          names: await sctx.names(),
          max: MAX_SUGGESTIONS,
        });
        state = {
          ...state,
          suggested: suggestions.slice(0, MAX_SUGGESTIONS).map((s) => s.indicatorId),
          preselected: suggestions
            .slice(0, MAX_SUGGESTIONS)
            .filter((s) => s.confident !== false)
            .map((s) => s.indicatorId),
          llmUsed: state.llmUsed || usesAi(ctx),
        };
      }
    }
    if (step.kind === 'assess') {
      const known = new Set((await sctx.indicators()).map((i) => i.id));
      const noScale = (await sctx.scale()).length === 0;
      const gone = step.indicatorIds.filter((id) => noScale || !known.has(id));
      if (gone.length > 0) {
        state = {
          ...state,
          levels: { ...state.levels, ...Object.fromEntries(gone.map((id) => [String(id), 'skipped'])) },
        };
        continue;
      }
    }
    if (step.kind === 'feedback') {
      const recipients = feedbackRecipients(state.environment, await sctx.staff());
      if (recipients.length === 0) return finishReflection(ctx, sctx, state, [], lead, writes);
    }
    const prompt = await promptFor(locale, sctx, state, step, lead);
    return { replies: [prompt], conversation: reflectionConversation(state), writes };
  }
}

/** Repeats the current question as it stands (after a language switch, an empty message, "help"). */
export async function repeatPrompt(ctx: TurnContext, state: ReflectionState, lead: string[] = []) {
  const sctx = studentContext(ctx);
  return promptFor(ctx.person.locale, sctx, state, currentStep(state), lead);
}

export const pauseReflection = (state: ReflectionState, reason: 'stop' | 'crisis'): ReflectionState => ({
  ...state,
  paused: reason,
});
