// The shape of a reflection question set. Question sets are data: a school can change wording here without
// touching the flow. Every text has a Dutch (nl-BE, source) and an English version.

export type ReflectionModel = 'starr' | 'korthagen' | 'gibbs';
export const REFLECTION_MODELS: readonly ReflectionModel[] = ['starr', 'korthagen', 'gibbs'];

export interface Localised {
  nl: string;
  en: string;
}

export interface QuestionPart {
  /** Unique across all models, so answers can be carried over when the student switches model. */
  key: string;
  /** Short heading for summaries and the stored body ("Situatie"). */
  label: Localised;
  question: Localised;
  /** A thin answer here gets the one adaptive follow-up: these are the parts where concreteness matters. */
  followUp?: boolean;
  /** Answers of other models' parts that carry over into this part on a switch (in this order). */
  from: string[];
}

export interface QuestionSet {
  model: ReflectionModel;
  name: Localised;
  /** Said once when the model starts (or the student switches to it). */
  intro: Localised;
  parts: QuestionPart[];
}
