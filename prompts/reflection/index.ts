// The question sets by model.
import { GIBBS } from './gibbs.js';
import { KORTHAGEN } from './korthagen.js';
import { STARR } from './starr.js';
import type { QuestionSet, ReflectionModel } from './types.js';

export type { Localised, QuestionPart, QuestionSet, ReflectionModel } from './types.js';
export { REFLECTION_MODELS } from './types.js';

export const QUESTION_SETS: Record<ReflectionModel, QuestionSet> = {
  starr: STARR,
  korthagen: KORTHAGEN,
  gibbs: GIBBS,
};
