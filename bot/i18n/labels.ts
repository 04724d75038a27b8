// Framework texts (indicators, competences, scale levels) carry a Dutch and an English label; every card and
// message names them through these two functions, so an indicator reads the same everywhere.
import { languageOf } from './index.js';

export interface Bilingual {
  labelNl: string;
  labelEn: string;
}

/** The label in the reader's language; `locale` may be a locale ('nl-BE') or a language ('en'). */
export const labelIn = (item: Bilingual, locale: string | null | undefined): string =>
  languageOf(locale) === 'en' ? item.labelEn : item.labelNl;

/** "SW1.3 Luistert actief": an indicator (or competence) by its code and its label in the reader's language. */
export const indicatorLabel = (item: Bilingual & { code: string }, locale: string | null | undefined): string =>
  `${item.code} ${labelIn(item, locale)}`;

/** A competence heading of a framework outline row: "C1 Communiceert" in the reader's language. */
export const competenceLabel = (
  row: { competenceCode: string; competenceLabelNl: string; competenceLabelEn: string },
  locale: string | null | undefined,
): string =>
  indicatorLabel({ code: row.competenceCode, labelNl: row.competenceLabelNl, labelEn: row.competenceLabelEn }, locale);
