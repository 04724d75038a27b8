// The progress view as a card: per competence, each indicator's latest level from the student, the mentor and
// the teacher side by side, with the gaps to talk about listed at the end.
import { type CardSpec, type CardElement, facts, text } from '../../../cards/spec.js';
import type { CompetenceRow, PerspectiveRow } from '../../../db/queries/progress.js';
import type { ScaleLevelRow } from '../../../db/queries/student-context.js';
import { languageOf, t } from '../../i18n/index.js';
import { hasGap, type Perspective, type PerspectiveLevels } from './gaps.js';

export interface ProgressInput {
  locale: string;
  studentName: string;
  outline: CompetenceRow[];
  perspectives: PerspectiveRow[];
  scale: ScaleLevelRow[];
}

export function progressCard(input: ProgressInput): CardSpec {
  const { locale } = input;
  const en = languageOf(locale) === 'en';
  const notObserved = input.scale.find((s) => !s.counts_as_level);
  const byIndicator = new Map<number, PerspectiveLevels & { seen: boolean }>();
  for (const p of input.perspectives) {
    const entry = byIndicator.get(p.indicator_id) ?? { seen: false };
    entry[p.actor_role] = p.not_observed ? null : p.level;
    entry.seen = true;
    byIndicator.set(p.indicator_id, entry);
  }
  const cell = (levels: PerspectiveLevels | undefined, who: Perspective) => {
    const v = levels?.[who];
    if (v === undefined) return '–';
    return v === null ? (notObserved?.code ?? 'NA') : String(v);
  };
  const title = t(locale, 'progress.title', { student: input.studentName });
  const elements: CardElement[] = [
    text(t(locale, 'progress.legend'), 'subtle'),
    text(
      input.scale.map((s) => `${s.counts_as_level ? s.value : s.code} ${en ? s.label_en : s.label_nl}`).join(' · '),
      'subtle',
    ),
  ];
  const gaps: string[] = [];
  const lines: string[] = [title];
  let competenceId: number | undefined;
  let rows: { label: string; value: string }[] = [];
  const flush = () => {
    if (rows.length > 0) elements.push(facts(rows));
    rows = [];
  };
  for (const row of input.outline) {
    if (row.competence_id !== competenceId) {
      flush();
      competenceId = row.competence_id;
      const heading = `${row.competence_code} ${en ? row.competence_label_en : row.competence_label_nl}`;
      elements.push(text(heading, 'heading'));
      lines.push(heading);
    }
    const levels = byIndicator.get(row.indicator_id);
    const label = `${row.indicator_code} ${en ? row.label_en : row.label_nl}`;
    const gap = levels ? hasGap(levels) : false;
    const value = `${t(locale, 'progress.row', { s: cell(levels, 'student'), m: cell(levels, 'mentor'), d: cell(levels, 'teacher') })}${gap ? ' ⚠' : ''}`;
    rows.push({ label, value });
    lines.push(`${label}: ${value}`);
    if (gap) gaps.push(label);
  }
  flush();
  if (byIndicator.size === 0) elements.push(text(t(locale, 'progress.empty'), 'subtle'));
  elements.push(text(t(locale, 'progress.gaps'), 'heading'));
  elements.push(text(gaps.length > 0 ? gaps.map((g) => `⚠ ${g}`).join('\n') : t(locale, 'progress.noGaps')));
  return { kind: 'progress', title, elements, fallbackText: lines.join('\n') };
}
