// The narrative for one student: the facts the model may see and the template that is used without a model.
import type { CompetenceRow } from '../../db/queries/progress.js';
import { languageOf, t } from '../i18n/index.js';
import { indicatorLabel } from '../i18n/labels.js';
import type { NarrativeFacts, Narrator } from '../llm/narrative.js';
import type { StudentDigest } from './compute.js';

/** Reflections a week in the four weeks before this one, one decimal, in the reader's notation. */
export const weeklyAverage = (before: number, locale: string): string => {
  const avg = Math.round((before / 4) * 10) / 10;
  return languageOf(locale) === 'nl' ? String(avg).replace('.', ',') : String(avg);
};

export function narrativeFacts(d: StudentDigest, outline: readonly CompetenceRow[], locale: string): NarrativeFacts {
  const labelOf = new Map(outline.map((o) => [o.indicatorId, indicatorLabel({ ...o, code: o.indicatorCode }, locale)]));
  return {
    reflectionsThisWeek: d.reflections.week,
    reflectionsPerWeekBefore: Math.round((d.reflections.before / 4) * 10) / 10,
    feedbackThisWeek: d.feedback.week,
    daysSinceLastReflection: d.daysSinceReflection,
    indicatorsWithLevel: d.coverage.covered,
    indicatorsTotal: d.coverage.total,
    gaps: d.gaps.slice(0, 5).map((g) => ({
      indicator: labelOf.get(g.indicatorId) ?? g.code,
      student: g.ratings.student?.level ?? null,
      mentor: g.ratings.mentor?.level ?? null,
      teacher: g.ratings.teacher?.level ?? null,
    })),
    openNextSteps: d.nextSteps.slice(0, 3).map((s) => s.text.slice(0, 300)),
    unansweredFeedbackRequests: d.attention.overdue.length,
  };
}

export function templateNarrative(d: StudentDigest, locale: string): string {
  const parts: string[] = [];
  const perWeek = d.reflections.before / 4;
  const average = weeklyAverage(d.reflections.before, locale);
  if (d.reflections.week === 0) parts.push(t(locale, 'digest.narrative.none'));
  else {
    const key =
      d.reflections.week > perWeek + 0.5
        ? 'digest.narrative.up'
        : d.reflections.week < perWeek - 0.5
          ? 'digest.narrative.down'
          : 'digest.narrative.same';
    parts.push(t(locale, key, { week: d.reflections.week, average }));
  }
  if (d.gaps.length > 0)
    parts.push(
      t(locale, 'digest.narrative.gaps', {
        indicators: d.gaps
          .slice(0, 3)
          .map((g) => g.code)
          .join(', '),
      }),
    );
  else if (d.rated.length > 0) parts.push(t(locale, 'digest.narrative.noGaps'));
  const step = d.nextSteps[0];
  if (step)
    parts.push(
      t(locale, 'digest.narrative.step', { step: step.text.length > 90 ? `${step.text.slice(0, 89)}…` : step.text }),
    );
  else if (d.coverage.total - d.coverage.covered > 0)
    parts.push(t(locale, 'digest.narrative.uncovered', { count: d.coverage.total - d.coverage.covered }));
  return parts.join(' ');
}

/** A student's narrative and whether a language model wrote it (then the card labels it: AI Act art. 50). */
export interface StudentNarrative {
  text: string;
  byModel: boolean;
}

/** The narrative of one student: the model's when it answers, the template otherwise. One student per call. */
export async function narrateStudentLabelled(
  narrator: Narrator,
  d: StudentDigest,
  outline: readonly CompetenceRow[],
  locale: string,
  names: string[],
): Promise<StudentNarrative> {
  const fallback = templateNarrative(d, locale);
  const text = await narrator.narrate({
    language: languageOf(locale),
    facts: narrativeFacts(d, outline, locale),
    names,
    fallback,
  });
  // A narrator that uses a model answers with the template whenever the model fails: only other text is the model's.
  return { text, byModel: narrator.usesAi && text !== fallback };
}

export async function narrateStudent(
  narrator: Narrator,
  d: StudentDigest,
  outline: readonly CompetenceRow[],
  locale: string,
  names: string[],
): Promise<string> {
  return (await narrateStudentLabelled(narrator, d, outline, locale, names)).text;
}
