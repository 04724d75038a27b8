// What a level of the scale means, shown next to it on the self-assessment and feedback cards. One function, so
// a framework that describes levels per indicator can give its own description for that indicator here.
import type { ScaleLevelRow } from '../../db/queries/student-context.js';
import type { Language } from '../i18n/index.js';
import { labelIn } from '../i18n/labels.js';

/** An indicator that may describe the scale's levels in its own words (the framework's `levels`, by level value). */
export interface DescribedIndicator {
  levelDescriptions?: Record<string, { nl: string; en: string }> | null;
}

export function levelDescription(level: ScaleLevelRow, language: Language, indicator?: DescribedIndicator): string {
  const own = indicator?.levelDescriptions?.[String(level.value)];
  if (own) return (language === 'en' ? own.en : own.nl).trim();
  return (language === 'en' ? level.descriptionEn : level.descriptionNl).trim();
}

export const levelLabel = (level: ScaleLevelRow, language: Language): string => labelIn(level, language);

/** "Bekwaam: doet het zelfstandig …" for a legend; the label alone when the level has no description. */
export function describedLevel(level: ScaleLevelRow, language: Language, indicator?: DescribedIndicator): string {
  const description = levelDescription(level, language, indicator);
  return description ? `${levelLabel(level, language)}: ${description}` : levelLabel(level, language);
}

/** The scale as choice options for one indicator: the indicator's own description of a level joins its label. */
export function levelChoiceLabel(level: ScaleLevelRow, language: Language, indicator?: DescribedIndicator): string {
  const own = indicator ? levelDescription(level, language, indicator) : '';
  const general = levelDescription(level, language);
  return own && own !== general ? `${levelLabel(level, language)}: ${own}` : levelLabel(level, language);
}
