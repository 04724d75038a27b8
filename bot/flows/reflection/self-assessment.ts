// The self-assessment: one card for every confirmed indicator, with what each level of the scale means. Typed
// answers may be free wording ("beginnend denk ik", "eerder bekwaam", "level 3"); what was understood is echoed.
import { actions, choice, facts, text } from '../../../cards/spec.js';
import type { IndicatorRow, ScaleLevelRow } from '../../../db/queries/student-context.js';
import type { Outbound } from '../../core/types.js';
import { reply } from '../../core/turn.js';
import { type Language, languageOf, t } from '../../i18n/index.js';
import { card } from '../../../cards/spec.js';
import { levelChoiceLabel, levelDescription, levelLabel } from '../level-description.js';
import { indicatorLabel, labelIn } from '../../i18n/labels.js';
import type { LevelChoice } from './state.js';
import { fold, isNotObserved, isSkip } from './words.js';

export const ASSESS_VERB = 'reflection.assess';
export const assessInput = (indicatorId: number): string => `level_${indicatorId}`;

/** The scale's own word for "not observed", used everywhere (one word for it). */
export function notObservedWord(locale: string, scale: ScaleLevelRow[]): string {
  const level = scale.find((l) => !l.countsAsLevel);
  return level ? levelLabel(level, languageOf(locale)) : t(locale, 'reflection.assessNotObserved');
}

/** The choices for one indicator; its own description of a level (the framework's `levels`) joins the label. */
export function assessOptions(locale: string, scale: ScaleLevelRow[], indicator?: IndicatorRow) {
  const language = languageOf(locale);
  const described = indicator ? { levelDescriptions: indicator.levelDescriptions } : undefined;
  return [
    ...scale
      .filter((l) => l.countsAsLevel)
      .map((l) => ({ value: String(l.value), label: levelChoiceLabel(l, language, described) })),
    { value: 'not_observed', label: notObservedWord(locale, scale) },
  ];
}

export function selfAssessmentPrompt(
  locale: string,
  indicators: IndicatorRow[],
  scale: ScaleLevelRow[],
  lead: string[] = [],
): Outbound {
  const language = languageOf(locale);
  const notObserved = notObservedWord(locale, scale);
  const question = t(locale, indicators.length > 1 ? 'reflection.assessQuestionMany' : 'reflection.assessQuestion', {
    indicator: indicators[0] ? indicatorLabel(indicators[0], language) : '',
    notObserved: notObserved.toLowerCase(),
  });
  const legend = scale.map((l) => {
    const description = levelDescription(l, language);
    const name = l.countsAsLevel ? `${l.value} = ${levelLabel(l, language)}` : levelLabel(l, language);
    return { label: name, value: description || '—' };
  });
  const ids = indicators.map((i) => i.id).join(',');
  const fallback = [
    ...lead,
    question,
    ...legend.map((l) => `${l.label}: ${l.value}`),
    ...(indicators.length > 1 ? indicators.map((i, n) => `${n + 1}. ${indicatorLabel(i, language)}`) : []),
    t(locale, indicators.length > 1 ? 'reflection.assessHowMany' : 'reflection.assessHow', {
      notObserved: notObserved.toLowerCase(),
    }),
  ].join('\n');
  return reply(
    fallback,
    card({
      kind: 'reflection-assess',
      fallbackText: fallback,
      elements: [
        ...lead.map((l) => text(l)),
        text(question),
        facts(legend),
        ...indicators.map((i) =>
          choice({
            id: assessInput(i.id),
            label: indicatorLabel(i, language),
            options: assessOptions(locale, scale, i),
            expanded: true,
          }),
        ),
        actions(
          {
            verb: ASSESS_VERB,
            label: t(locale, 'reflection.assessSave'),
            style: 'primary',
            submitsInputs: true,
            data: { indicatorIds: ids },
          },
          { verb: ASSESS_VERB, label: t(locale, 'reflection.assessSkip'), data: { indicatorIds: ids, skip: 'true' } },
        ),
      ],
    }),
  );
}

// Words around a level that do not change it: "denk ik", "eerder", "level", "I think", "probably".
const HEDGES =
  /\b(?:ik denk|denk ik|denk|ik zou zeggen|zou ik zeggen|eerder|eerst|wellicht|misschien|waarschijnlijk|ongeveer|zowat|nog|toch|wel|al|niveau|level|lvl|op|ik|ben|zit|i think|i'd say|i would say|probably|maybe|rather|about|around|somewhat|more like|i am|i'm|at|still|quite|pretty|net|gewoon|zo|een|a|nu|now)\b/g;

/** One level in the student's own words; null when it cannot be read. */
export function parseLevelWords(input: string, scale: ScaleLevelRow[], language: Language): LevelChoice | null {
  if (isSkip(input)) return 'skipped';
  if (isNotObserved(input)) return 'not_observed';
  const folded = fold(input);
  const notObserved = scale.find((l) => !l.countsAsLevel);
  const labelOf = (l: ScaleLevelRow) => fold(levelLabel(l, language));
  const otherLabel = (l: ScaleLevelRow) => fold(labelIn(l, language === 'en' ? 'nl' : 'en'));
  if (notObserved && (folded.includes(labelOf(notObserved)) || folded.includes(otherLabel(notObserved))))
    return 'not_observed';
  const levels = scale.filter((l) => l.countsAsLevel);
  // A label named anywhere, the longest first ("in ontwikkeling" before "ontwikkeling").
  const named = [...levels]
    .flatMap((l) => [
      { l, w: labelOf(l) },
      { l, w: otherLabel(l) },
    ])
    .sort((a, b) => b.w.length - a.w.length)
    .find(({ w }) => w.length > 0 && new RegExp(`(?<![\\p{L}])${escapeRegex(w)}(?![\\p{L}])`, 'u').test(folded));
  if (named) return named.l.value;
  const rest = folded
    .replace(HEDGES, ' ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  const number = /^(?:l)?(\d{1,2})$/.exec(rest);
  if (number) {
    const level = scale.find((l) => l.value === Number(number[1]));
    if (level) return level.countsAsLevel ? level.value : 'not_observed';
  }
  // The start of a label ("begin", "bekw").
  if (rest.length >= 4) {
    const prefix = levels.find((l) => labelOf(l).startsWith(rest) || otherLabel(l).startsWith(rest));
    if (prefix) return prefix.value;
  }
  return null;
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Levels for several indicators: one answer per line, or separated by ";" or ",", in the order shown; plain
 * numbers may also be separated by spaces ("2 3"). Null when the count does not match or one cannot be read.
 */
export function parseLevels(
  input: string,
  indicatorIds: number[],
  scale: ScaleLevelRow[],
  language: Language,
): Record<string, LevelChoice> | null {
  if (isSkip(input)) return Object.fromEntries(indicatorIds.map((id) => [String(id), 'skipped' as const]));
  let parts =
    indicatorIds.length === 1
      ? [input]
      : input
          .split(/\n|;|,(?!\d)/)
          .map((p) => p.trim())
          .filter(Boolean);
  if (parts.length === 1 && indicatorIds.length > 1 && /^\s*\d+(?:\s+\d+)+\s*$/.test(input))
    parts = input.trim().split(/\s+/);
  if (parts.length !== indicatorIds.length) return null;
  const out: Record<string, LevelChoice> = {};
  for (const [n, part] of parts.entries()) {
    const level = parseLevelWords(part, scale, language);
    if (level === null) return null;
    out[String(indicatorIds[n]!)] = level;
  }
  return out;
}

/** "Genoteerd: SW1.3 Bekwaam; SW2.1 Niet aan bod gekomen." */
export function echoLevels(
  locale: string,
  levels: Record<string, LevelChoice>,
  indicators: IndicatorRow[],
  scale: ScaleLevelRow[],
  order: number[],
): string {
  const language = languageOf(locale);
  // In the order the student was asked (the card's order), which is how typed answers are read.
  const items = order
    .flatMap((id) => indicators.filter((i) => i.id === id && levels[String(id)] !== undefined))
    .map((i) => {
      const level = levels[String(i.id)];
      const word =
        level === 'skipped'
          ? t(locale, 'reflection.assessSkipped')
          : level === 'not_observed'
            ? notObservedWord(locale, scale)
            : levelLabel(scale.find((l) => l.value === level)!, language);
      return `${i.code} ${word}`;
    });
  return t(locale, 'reflection.assessEcho', { levels: items.join('; ') });
}
