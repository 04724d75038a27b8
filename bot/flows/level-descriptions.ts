// Per-indicator level descriptions from the framework ("what SW1.3 looks like at level 2"), for the cards where
// someone picks a level: the student's self-assessment and the mentor's or teacher's feedback.
import type { IndicatorRow, ScaleLevelRow } from '../../db/queries/student-context.js';
import { languageOf } from '../i18n/index.js';

type Described = Pick<IndicatorRow, 'level_descriptions'>;

/** The description of one level of one indicator in the reader's language; null when the framework gives none. */
export function levelDescription(indicator: Described, value: number, locale: string): string | null {
  const d = indicator.level_descriptions?.[String(value)];
  if (!d) return null;
  return languageOf(locale) === 'en' ? d.en : d.nl;
}

/** "Label: description" for every real level the framework describes for this indicator, lowest first. */
export function levelDescriptionLines(indicator: Described, scale: ScaleLevelRow[], locale: string): string[] {
  const en = languageOf(locale) === 'en';
  return scale
    .filter((l) => l.counts_as_level)
    .flatMap((l) => {
      const description = levelDescription(indicator, l.value, locale);
      return description ? [`${en ? l.label_en : l.label_nl}: ${description}`] : [];
    });
}
