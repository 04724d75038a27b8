// The progress view as a card: only the indicators with at least one rating (and how many have no level yet),
// each with the student's, the mentor's and the teacher's latest level and its date in labelled columns, the
// differences of two levels or more first, the chart, and a picker to open the feedback behind a rating.
import { DateTime } from 'luxon';
import {
  type ActionElement,
  actions,
  type CardElement,
  type CardSpec,
  choice,
  facts,
  image,
  text,
} from '../../../cards/spec.js';
import type { CompetenceRow, PerspectiveRow } from '../../../db/queries/progress.js';
import type { ScaleLevelRow } from '../../../db/queries/student-context.js';
import { t } from '../../i18n/index.js';
import { competenceLabel, indicatorLabel, labelIn } from '../../i18n/labels.js';
import { gapOf, GAP_THRESHOLD, PERSPECTIVES, type Perspective } from './gaps.js';

export const PROGRESS_DETAIL = 'progress.detail';

export interface ProgressInput {
  locale: string;
  studentId: number;
  studentName: string;
  outline: CompetenceRow[];
  perspectives: PerspectiveRow[];
  scale: ScaleLevelRow[];
  chartUrl?: string;
  /** Extra buttons for the viewer (a coach: nudge the student, remind the mentor). */
  extraActions?: ActionElement[];
}

type Cell = { level: number | null; date: string };

export const shortDate = (iso: string, locale: string): string =>
  DateTime.fromISO(iso).setLocale(locale).toLocaleString({ day: 'numeric', month: 'short' });

/** "Student 4 (12 nov) · Mentor 2 (14 nov) · Docent –" */
export function ratingLine(cells: Partial<Record<Perspective, Cell>>, locale: string, notObservedCode: string): string {
  return PERSPECTIVES.map((p) => {
    const c = cells[p];
    const value = c
      ? t(locale, 'progress.cell', {
          level: c.level === null ? notObservedCode : c.level,
          date: shortDate(c.date, locale),
        })
      : t(locale, 'progress.cell.none');
    return `${t(locale, `progress.column.${p}`)} ${value}`;
  }).join(' · ');
}

export function progressCard(input: ProgressInput): CardSpec {
  const { locale } = input;
  const notObserved = input.scale.find((s) => !s.countsAsLevel)?.code ?? 'NA';
  const byIndicator = new Map<number, Partial<Record<Perspective, Cell>>>();
  for (const p of input.perspectives) {
    const entry = byIndicator.get(p.indicatorId) ?? {};
    entry[p.actorRole] = { level: p.notObserved ? null : p.level, date: p.observedOn };
    byIndicator.set(p.indicatorId, entry);
  }
  const levelsOf = (cells: Partial<Record<Perspective, Cell>>) =>
    Object.fromEntries(PERSPECTIVES.map((p) => [p, cells[p]?.level]));

  const title = t(locale, 'progress.title', { student: input.studentName });
  const rated = input.outline.filter((o) => byIndicator.has(o.indicatorId));
  const withLevel = rated.filter((o) =>
    Object.values(byIndicator.get(o.indicatorId)!).some((c) => c !== undefined && c.level !== null),
  ).length;
  const total = input.outline.length;
  const labelOf = (o: CompetenceRow) => indicatorLabel({ ...o, code: o.indicatorCode }, locale);
  const gaps = rated
    .map((o) => ({ o, gap: gapOf(levelsOf(byIndicator.get(o.indicatorId)!)) }))
    .filter((g) => g.gap >= GAP_THRESHOLD)
    .sort((a, b) => b.gap - a.gap);
  const gapIds = new Set(gaps.map((g) => g.o.indicatorId));
  const lines: string[] = [title];

  const elements: CardElement[] = [
    text(`${t(locale, 'progress.indicatorColumn')}: ${t(locale, 'progress.columns')}`, 'subtle'),
    text(
      `${t(locale, 'progress.scale')}: ${input.scale
        .map((s) => `${s.countsAsLevel ? s.value : s.code} ${labelIn(s, locale)}`)
        .join(' · ')}`,
      'subtle',
    ),
  ];
  if (input.chartUrl)
    elements.push(image(input.chartUrl, t(locale, 'chart.studentAlt', { student: input.studentName })));
  if (rated.length === 0) {
    elements.push(text(t(locale, 'progress.empty'), 'subtle'));
    lines.push(t(locale, 'progress.empty'));
  }
  if (gaps.length > 0) {
    elements.push(text(t(locale, 'progress.gapsFirst'), 'heading'));
    lines.push(t(locale, 'progress.gapsFirst'));
    const rows = gaps.map(({ o }) => ({
      label: `⚠ ${labelOf(o)}`,
      value: ratingLine(byIndicator.get(o.indicatorId)!, locale, notObserved),
    }));
    elements.push(facts(rows));
    lines.push(...rows.map((r) => `${r.label}: ${r.value}`));
  }
  let competenceId: number | undefined;
  let rows: { label: string; value: string }[] = [];
  const flush = () => {
    if (rows.length > 0) elements.push(facts(rows));
    rows = [];
  };
  for (const o of rated) {
    if (gapIds.has(o.indicatorId)) continue;
    if (o.competenceId !== competenceId) {
      flush();
      competenceId = o.competenceId;
      const heading = competenceLabel(o, locale);
      elements.push(text(heading, 'heading'));
      lines.push(heading);
    }
    const row = { label: labelOf(o), value: ratingLine(byIndicator.get(o.indicatorId)!, locale, notObserved) };
    rows.push(row);
    lines.push(`${row.label}: ${row.value}`);
  }
  flush();
  const coverage =
    withLevel === total
      ? t(locale, 'progress.allCovered', { total })
      : t(locale, 'progress.notCovered', { count: total - withLevel, total });
  elements.push(text(coverage, 'subtle'));
  lines.push(coverage);
  if (rated.length > 0) {
    elements.push(
      choice({
        id: 'indicator',
        label: t(locale, 'progress.details.pick'),
        options: [...gaps.map((g) => g.o), ...rated.filter((o) => !gapIds.has(o.indicatorId))].map((o) => ({
          value: String(o.indicatorId),
          label: labelOf(o),
        })),
        value: String((gaps[0]?.o ?? rated[0]!).indicatorId),
        required: true,
        errorMessage: t(locale, 'feedback.card.required'),
      }),
    );
  }
  const buttons: ActionElement[] = [];
  if (rated.length > 0) {
    buttons.push({
      verb: PROGRESS_DETAIL,
      label: t(locale, 'progress.details.show'),
      data: { studentId: String(input.studentId) },
      submitsInputs: true,
    });
  }
  buttons.push(...(input.extraActions ?? []));
  if (buttons.length > 0) elements.push(actions(...buttons));
  return { kind: 'progress', title, elements, fallbackText: lines.join('\n') };
}
