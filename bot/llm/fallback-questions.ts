// Fixed follow-up questions for the deterministic assistant. They will move into bot/i18n/ once the i18n catalogue
// adopts them; until then this is the one place to change them.

export type AssistantLanguage = 'nl' | 'en';

/** An answer with fewer words than this is "thin" and gets one follow-up question. */
export const MIN_ANSWER_WORDS = 12;

export const FALLBACK_FOLLOW_UP: Record<AssistantLanguage, string> = {
  nl: 'Kun je dat wat concreter maken: wat deed of zei je precies, en wat gebeurde er daarna?',
  en: 'Could you make that a bit more concrete: what exactly did you do or say, and what happened next?',
};

/** Words as a reader would count them: runs of letters or digits, so emoji and punctuation do not count. */
export function countWords(text: string): number {
  return text.match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu)?.length ?? 0;
}
