// The coach's weekly digest as one summary card: who needs attention first, the cohort chart, one line and a
// short narrative per student, and a student picker with the three actions (open, nudge student, remind mentor).
// It stays the same size whatever the roster: a fixed number of elements, one facts row per student (a coach
// with 30 students gets 3 Slack sections of 10 fields), and per-student detail on demand ("open student").
import { actions, type CardElement, type CardSpec, choice, facts, image, text } from '../../cards/spec.js';
import { t } from '../i18n/index.js';
import { attentionOrder, needsAttention, type StudentDigest } from './compute.js';
import { weeklyAverage } from './narrative.js';

export const DIGEST_OPEN = 'digest.open';
export const DIGEST_NUDGE = 'digest.nudge';
export const DIGEST_REMIND = 'digest.remind';
/** Attention lines shown before "+N more" (the rest stays reachable through the picker). */
export const MAX_ATTENTION_LINES = 20;
const MAX_NARRATIVE = 280;

export interface DigestCardInput {
  locale: string;
  /** "23 nov" – "30 nov", already formatted for the coach. */
  from: string;
  to: string;
  students: readonly StudentDigest[];
  narratives: ReadonlyMap<number, string>;
  /** Students whose narrative a language model wrote: labelled as such for the coach. */
  aiWritten?: ReadonlySet<number>;
  chartUrl?: string;
}

export function attentionLines(d: StudentDigest, locale: string): string[] {
  const lines: string[] = [];
  if (d.attention.unreachable) lines.push(t(locale, 'digest.attention.unreachable', { student: d.name }));
  if (d.attention.inactive) {
    lines.push(
      d.daysSinceReflection === null
        ? t(locale, 'digest.attention.never', { student: d.name })
        : t(locale, 'digest.attention.inactive', { student: d.name, days: d.daysSinceReflection }),
    );
  }
  for (const r of d.attention.overdue) {
    lines.push(t(locale, 'digest.attention.request', { student: d.name, mentor: r.mentorName, days: r.days }));
  }
  return lines;
}

export function studentRow(d: StudentDigest, locale: string): string {
  return t(locale, 'digest.row', {
    week: d.reflections.week,
    average: weeklyAverage(d.reflections.before, locale),
    feedback: d.feedback.week,
    covered: d.coverage.covered,
    total: d.coverage.total,
    workplace: d.coverage.workplace,
    campus: d.coverage.campus,
    gaps: d.gaps.length,
    steps: d.nextSteps.length,
  });
}

export function digestCard(input: DigestCardInput): CardSpec {
  const { locale } = input;
  const ordered = attentionOrder(input.students);
  const attention = ordered.filter(needsAttention);
  const title = t(locale, 'digest.title', { from: input.from, to: input.to });
  const summary = t(locale, 'digest.summary', {
    students: input.students.length,
    reflections: input.students.reduce((n, d) => n + d.reflections.week, 0),
    average: weeklyAverage(
      input.students.reduce((n, d) => n + d.reflections.before, 0),
      locale,
    ),
    feedback: input.students.reduce((n, d) => n + d.feedback.week, 0),
  });
  const lines = attention.flatMap((d) => attentionLines(d, locale));
  const shown = lines.slice(0, MAX_ATTENTION_LINES);
  if (lines.length > shown.length) shown.push(t(locale, 'digest.overflow', { count: lines.length - shown.length }));
  const attentionTitle = t(locale, 'digest.attention.title', { count: attention.length });

  const aiLabel = t(locale, 'digest.narrative.aiLabel');
  const rows = ordered.map((d) => {
    const text = (input.narratives.get(d.studentId) ?? '').slice(0, MAX_NARRATIVE);
    const narrative = text && input.aiWritten?.has(d.studentId) ? `${aiLabel} ${text}` : text;
    const flag = needsAttention(d) ? '⚠ ' : '';
    return {
      label: `${flag}${d.name}`,
      value: narrative ? `${studentRow(d, locale)}\n${narrative}` : studentRow(d, locale),
    };
  });
  const anyAi = ordered.some((d) => input.aiWritten?.has(d.studentId) && input.narratives.get(d.studentId));

  const elements: CardElement[] = [text(summary, 'subtle'), text(attentionTitle, 'heading')];
  elements.push(text(shown.length > 0 ? shown.map((l) => `• ${l}`).join('\n') : t(locale, 'digest.attention.none')));
  if (input.chartUrl) elements.push(image(input.chartUrl, t(locale, 'chart.cohortAlt')));
  elements.push(text(t(locale, 'digest.students'), 'heading'), facts(rows));
  if (anyAi) elements.push(text(t(locale, 'digest.narrative.aiNote'), 'subtle'));
  if (ordered.length > 0) {
    elements.push(
      choice({
        id: 'student',
        label: t(locale, 'digest.pick'),
        placeholder: t(locale, 'digest.pickPlaceholder'),
        options: ordered.map((d) => ({ value: String(d.studentId), label: d.name })),
        required: true,
        errorMessage: t(locale, 'digest.pickFirst'),
      }),
      actions(
        { verb: DIGEST_OPEN, label: t(locale, 'digest.open'), style: 'primary', submitsInputs: true },
        { verb: DIGEST_NUDGE, label: t(locale, 'digest.nudge'), submitsInputs: true },
        { verb: DIGEST_REMIND, label: t(locale, 'digest.remind'), submitsInputs: true },
      ),
    );
  }
  // The notification text and the fallback for clients without cards: the headline and the attention list; the
  // rows per student live in the card only (repeating them would double the message's size).
  const fallbackText = [title, summary, attentionTitle, ...shown.map((l) => `• ${l}`)].join('\n');
  return {
    kind: 'digest',
    title,
    elements,
    fallbackText,
    overflowText: t(locale, 'digest.overflow', { count: '{count}' }),
  };
}
