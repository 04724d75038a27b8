// What a chart shows, as plain data (golden-tested): a heat map of mean levels, coloured by the framework's
// scale. A student's chart is competences × perspective (student, mentor, teacher); a coach's cohort chart is
// students × competences. Rendering to SVG/PNG is chart-render.ts.
import type { ScaleRow } from '../../db/queries/digest.js';
import type { CompetenceRow } from '../../db/queries/progress.js';
import { t } from '../i18n/index.js';
import { competenceLabel, labelIn } from '../i18n/labels.js';
import { PERSPECTIVES, type Perspective } from '../flows/progress/gaps.js';

export interface HeatCell {
  row: number;
  column: number;
  /** Mean level of the ratings behind the cell, rounded to one decimal. */
  value: number;
  /** How many ratings the mean is made of. */
  count: number;
}

export interface ScaleStep {
  level: number;
  label: string;
  colour: string;
}

export interface HeatMap {
  title: string;
  rows: string[];
  columns: string[];
  cells: HeatCell[];
  scale: ScaleStep[];
  /** Shown under the chart: what an empty cell means. */
  note: string;
}

// Used when a framework gives a level no colour: light to dark, readable with dark or light text.
const FALLBACK_COLOURS = ['#d9d9d9', '#f4b183', '#a9d18e', '#548235', '#2f5233', '#1b3320'];

export function scaleSteps(scale: readonly ScaleRow[], locale: string): ScaleStep[] {
  return scale
    .filter((s) => s.countsAsLevel)
    .sort((a, b) => a.value - b.value)
    .map((s, i) => ({
      level: s.value,
      label: `${s.value} ${labelIn(s, locale)}`,
      colour: s.colour ?? FALLBACK_COLOURS[Math.min(i, FALLBACK_COLOURS.length - 1)]!,
    }));
}

const round1 = (n: number) => Math.round(n * 10) / 10;

export interface LevelRating {
  indicatorId: number;
  actorRole: Perspective;
  level: number | null;
}

/** A student's chart: per competence (rows) and perspective (columns) the mean of the latest levels. */
export function studentHeatMap(input: {
  locale: string;
  studentName: string;
  outline: readonly CompetenceRow[];
  ratings: readonly LevelRating[];
  scale: readonly ScaleRow[];
}): HeatMap {
  const competences: { id: number; label: string }[] = [];
  const competenceOf = new Map<number, number>();
  for (const row of input.outline) {
    if (competences.at(-1)?.id !== row.competenceId) {
      competences.push({
        id: row.competenceId,
        label: competenceLabel(row, input.locale),
      });
    }
    competenceOf.set(row.indicatorId, competences.length - 1);
  }
  const sums = new Map<string, { sum: number; count: number }>();
  for (const r of input.ratings) {
    const row = competenceOf.get(r.indicatorId);
    if (row === undefined || r.level === null) continue;
    const key = `${row}:${PERSPECTIVES.indexOf(r.actorRole)}`;
    const s = sums.get(key) ?? { sum: 0, count: 0 };
    s.sum += r.level;
    s.count++;
    sums.set(key, s);
  }
  const cells: HeatCell[] = [];
  for (const [key, s] of sums) {
    const [row, column] = key.split(':').map(Number) as [number, number];
    cells.push({ row, column, value: round1(s.sum / s.count), count: s.count });
  }
  cells.sort((a, b) => a.row - b.row || a.column - b.column);
  return {
    title: t(input.locale, 'chart.studentTitle', { student: input.studentName }),
    rows: competences.map((c) => c.label),
    columns: PERSPECTIVES.map((p) => t(input.locale, `progress.column.${p}`)),
    cells,
    scale: scaleSteps(input.scale, input.locale),
    note: t(input.locale, 'chart.note'),
  };
}

/** A coach's cohort chart: per student (rows) and competence (columns) the mean of every perspective's latest level. */
export function cohortHeatMap(input: {
  locale: string;
  students: readonly { name: string; ratings: readonly LevelRating[] }[];
  outline: readonly CompetenceRow[];
  scale: readonly ScaleRow[];
}): HeatMap {
  const columns: { id: number; code: string }[] = [];
  const competenceOf = new Map<number, number>();
  for (const row of input.outline) {
    if (columns.at(-1)?.id !== row.competenceId) columns.push({ id: row.competenceId, code: row.competenceCode });
    competenceOf.set(row.indicatorId, columns.length - 1);
  }
  const cells: HeatCell[] = [];
  input.students.forEach((student, row) => {
    const sums = new Map<number, { sum: number; count: number }>();
    for (const r of student.ratings) {
      const column = competenceOf.get(r.indicatorId);
      if (column === undefined || r.level === null) continue;
      const s = sums.get(column) ?? { sum: 0, count: 0 };
      s.sum += r.level;
      s.count++;
      sums.set(column, s);
    }
    for (const [column, s] of [...sums].sort((a, b) => a[0] - b[0])) {
      cells.push({ row, column, value: round1(s.sum / s.count), count: s.count });
    }
  });
  return {
    title: t(input.locale, 'chart.cohortTitle'),
    rows: input.students.map((s) => s.name),
    columns: columns.map((c) => c.code),
    cells,
    scale: scaleSteps(input.scale, input.locale),
    note: t(input.locale, 'chart.note'),
  };
}
