// Moving answers between models and putting them together as one text.
import { QUESTION_SETS, type ReflectionModel } from '../../../prompts/reflection/index.js';
import type { Language } from '../../i18n/index.js';
import type { ReflectionState } from './state.js';

/** Switches model, carrying every answer over into the part of the new model it maps to. */
export function switchModel(state: ReflectionState, model: ReflectionModel): ReflectionState {
  const answers: Record<string, string> = {};
  for (const part of QUESTION_SETS[model].parts) {
    const texts = [part.key, ...part.from].map((k) => state.answers[k]).filter((x): x is string => !!x);
    if (texts.length > 0) answers[part.key] = texts.join('\n\n');
  }
  return {
    ...state,
    model,
    answers,
    skipped: [],
    followUp: null,
    gibbsPending: false,
    suggested: null,
    history: [
      ...state.history,
      { step: 'model', parts: [], previous: { model: state.model, answers: state.answers, skipped: state.skipped } },
    ],
  };
}

/** The answers in question order, as "Situatie: …" paragraphs (the stored body). */
export function composeBody(state: ReflectionState, language: Language): string {
  return QUESTION_SETS[state.model].parts
    .filter((p) => state.answers[p.key])
    .map((p) => `${p.label[language]}: ${state.answers[p.key]}`)
    .join('\n\n');
}

/** The answers as one plain text, for indicator suggestions. */
export function answersText(state: ReflectionState): string {
  return QUESTION_SETS[state.model].parts
    .map((p) => state.answers[p.key])
    .filter((x): x is string => !!x)
    .join('\n');
}

/** The first `words` words of a text, with "…" when there was more. */
export function excerpt(text: string, words: number): string {
  const all = text.replace(/\s+/g, ' ').trim().split(' ');
  return all.length <= words ? all.join(' ') : `${all.slice(0, words).join(' ')} …`;
}
