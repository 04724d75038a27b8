// Which step a reflection is at follows from its state alone, so "back", "stop" and a restart need no
// separate bookkeeping: clear what a step filled in and the same step comes up again.
import { QUESTION_SETS, type QuestionPart } from '../../../prompts/reflection/index.js';
import type { ReflectionState } from './state.js';

export type Step =
  | { kind: 'environment' }
  | { kind: 'question'; part: QuestionPart; number: number; total: number }
  | { kind: 'followUp'; part: string; question: string }
  | { kind: 'gibbsOffer' }
  | { kind: 'indicators' }
  | { kind: 'assess'; indicatorId: number }
  | { kind: 'visibility' }
  | { kind: 'feedback' };

/** The step `state` is waiting for. Feedback is the last one: answering it saves the reflection. */
export function currentStep(state: ReflectionState): Step {
  if (state.followUp) return { kind: 'followUp', ...state.followUp };
  if (state.gibbsPending) return { kind: 'gibbsOffer' };
  if (state.environment === null) return { kind: 'environment' };
  const parts = QUESTION_SETS[state.model].parts;
  const index = parts.findIndex((p) => !state.answers[p.key] && !state.skipped.includes(p.key));
  if (index >= 0) return { kind: 'question', part: parts[index]!, number: index + 1, total: parts.length };
  if (state.indicatorIds === null) return { kind: 'indicators' };
  const pending = state.indicatorIds.find((id) => state.levels[String(id)] === undefined);
  if (pending !== undefined) return { kind: 'assess', indicatorId: pending };
  if (state.visibility === null) return { kind: 'visibility' };
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
      return `assess:${step.indicatorId}`;
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
  if (last.step.startsWith('assess:')) {
    const levels = { ...next.levels };
    delete levels[last.step.slice('assess:'.length)];
    return { ...next, levels };
  }
  if (last.step === 'visibility') return { ...next, visibility: null };
  return next;
}
