// Which step a reflection is at follows from its state alone, so "back", "stop" and a restart need no
// separate bookkeeping: clear what a step filled in and the same step comes up again.
import { QUESTION_SETS, type QuestionPart } from '../../../prompts/reflection/index.js';
import { type ReflectionState, visibilityCovers } from './state.js';

export type Step =
  | { kind: 'environment' }
  | { kind: 'question'; part: QuestionPart; number: number; total: number }
  | { kind: 'followUp'; part: string; question: string }
  | { kind: 'gibbsOffer' }
  | { kind: 'indicators' }
  /** One card for every confirmed indicator still without a level. */
  | { kind: 'assess'; indicatorIds: number[] }
  | { kind: 'visibility' }
  | { kind: 'feedback' }
  /** The chosen people may not read the text under the visibility: ask before sharing it with them. */
  | { kind: 'share'; ids: number[] };

/** The step `state` is waiting for. Feedback is the last one: answering it saves the reflection. */
export function currentStep(state: ReflectionState): Step {
  if (state.followUp) return { kind: 'followUp', ...state.followUp };
  if (state.gibbsPending) return { kind: 'gibbsOffer' };
  if (state.environment === null) return { kind: 'environment' };
  const parts = QUESTION_SETS[state.model].parts;
  const index = parts.findIndex((p) => !state.answers[p.key] && !state.skipped.includes(p.key));
  if (index >= 0) return { kind: 'question', part: parts[index]!, number: index + 1, total: parts.length };
  if (state.indicatorIds === null) return { kind: 'indicators' };
  const pending = state.indicatorIds.filter((id) => state.levels[String(id)] === undefined);
  if (pending.length > 0) return { kind: 'assess', indicatorIds: pending };
  if (state.visibility === null) return { kind: 'visibility' };
  const uncovered = (state.feedbackFrom ?? []).filter((r) => !visibilityCovers(state.visibility, r.role));
  if (uncovered.length > 0 && state.shareText === null) return { kind: 'share', ids: uncovered.map((r) => r.id) };
  return { kind: 'feedback' };
}

/** The name stored in `conversations.step` (for people reading the table and for logs). */
export function stepName(step: Step): string {
  switch (step.kind) {
    case 'question':
      return `q:${step.part.key}`;
    case 'followUp':
      return 'follow-up';
    case 'gibbsOffer':
      return 'gibbs-offer';
    case 'assess':
      return 'assess';
    default:
      return step.kind;
  }
}

/** Undoes the last answered step; null when there is nothing to go back to. */
export function goBack(state: ReflectionState): ReflectionState | null {
  const pendingCleared = { ...state, followUp: null, gibbsPending: false };
  const last = state.history[state.history.length - 1];
  if (!last) return null;
  const before: ReflectionState = { ...pendingCleared, history: state.history.slice(0, -1) };
  // Changed answers deserve fresh indicator suggestions.
  const next =
    last.step === 'model' || last.step === 'environment' || last.step.startsWith('q:')
      ? { ...before, suggested: null, preselected: null }
      : before;
  if (last.step === 'model' && last.previous) {
    return { ...next, model: last.previous.model, answers: last.previous.answers, skipped: last.previous.skipped };
  }
  if (last.step === 'environment') return { ...next, environment: null };
  if (last.step.startsWith('q:')) {
    const answers = { ...next.answers };
    for (const part of last.parts) delete answers[part];
    return { ...next, answers, skipped: next.skipped.filter((p) => !last.parts.includes(p)) };
  }
  if (last.step === 'indicators') return { ...next, indicatorIds: null, levels: {} };
  if (last.step === 'assess' || last.step.startsWith('assess:')) {
    const levels = { ...next.levels };
    for (const id of last.step === 'assess' ? last.parts : [last.step.slice('assess:'.length)]) delete levels[id];
    return { ...next, levels };
  }
  if (last.step === 'feedback') return { ...next, feedbackFrom: null, shareText: null };
  if (last.step === 'visibility') return { ...next, visibility: null };
  return next;
}
