// The digest's numbers per student, computed from the rows db/queries/digest.ts reads (pure: tested against a
// reference the tests compute from the generated cohort itself).
import type {
  ActivityRow,
  CoverageRow,
  DigestStudentRow,
  NextStepRow,
  OverdueRequestRow,
  StudentPerspectiveRow,
  UnreachableRow,
} from '../../db/queries/digest.js';
import type { CompetenceRow } from '../../db/queries/progress.js';
import { gapOf, PERSPECTIVES, type Perspective } from '../flows/progress/gaps.js';

export const INACTIVE_DAYS = 14;
export const OVERDUE_REQUEST_DAYS = 7;
const DAY_MS = 86_400_000;

export interface Rating {
  level: number | null;
  date: string;
}

export interface IndicatorView {
  indicatorId: number;
  code: string;
  ratings: Partial<Record<Perspective, Rating>>;
  gap: number;
}

export interface StudentDigest {
  studentId: number;
  name: string;
  frameworkId: number | null;
  reflections: { week: number; before: number };
  feedback: { week: number; before: number };
  /** Days since the last reflection, or null when there never was one. */
  daysSinceReflection: number | null;
  coverage: { workplace: number; campus: number; covered: number; total: number };
  /** Indicators with at least one current assessment, in framework order. */
  rated: IndicatorView[];
  /** Rated indicators where two perspectives differ by two levels or more, largest gap first. */
  gaps: IndicatorView[];
  nextSteps: { indicatorId: number; code: string; text: string; role: 'mentor' | 'teacher'; date: Date }[];
  attention: {
    inactive: boolean;
    overdue: { requestId: number; mentorName: string; days: number }[];
    unreachable: boolean;
  };
}

export interface DigestRows {
  students: readonly DigestStudentRow[];
  activity: readonly ActivityRow[];
  perspectives: readonly StudentPerspectiveRow[];
  coverage: readonly CoverageRow[];
  nextSteps: readonly NextStepRow[];
  overdue: readonly OverdueRequestRow[];
  unreachable: readonly UnreachableRow[];
  /** Framework outline per framework id. */
  outlines: ReadonlyMap<number, readonly CompetenceRow[]>;
}

const groupBy = <T>(rows: readonly T[], key: (row: T) => number): Map<number, T[]> => {
  const out = new Map<number, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = out.get(k);
    if (list) list.push(row);
    else out.set(k, [row]);
  }
  return out;
};

const daysBetween = (from: Date, to: Date) => Math.floor((to.getTime() - from.getTime()) / DAY_MS);

export function computeDigest(rows: DigestRows, now: Date): StudentDigest[] {
  const activity = new Map(rows.activity.map((a) => [a.studentId, a]));
  const perspectives = groupBy(rows.perspectives, (r) => r.studentId);
  const coverage = groupBy(rows.coverage, (r) => r.studentId);
  const steps = groupBy(rows.nextSteps, (r) => r.studentId);
  const overdue = groupBy(rows.overdue, (r) => r.studentId);
  const unreachable = new Set(rows.unreachable.map((u) => u.studentId));

  return rows.students.map((student) => {
    const outline = student.frameworkId === null ? [] : (rows.outlines.get(student.frameworkId) ?? []);
    const codeOf = new Map(outline.map((o) => [o.indicatorId, o.indicatorCode]));
    const a = activity.get(student.id);
    const last = a?.lastReflectionAt ? new Date(a.lastReflectionAt) : null;
    const daysSinceReflection = last ? daysBetween(last, now) : null;

    const byIndicator = new Map<number, IndicatorView>();
    for (const p of perspectives.get(student.id) ?? []) {
      const code = codeOf.get(p.indicatorId);
      if (code === undefined) continue; // a retired indicator or another framework's
      const view = byIndicator.get(p.indicatorId) ?? { indicatorId: p.indicatorId, code, ratings: {}, gap: 0 };
      view.ratings[p.actorRole] = { level: p.notObserved ? null : p.level, date: p.observedOn };
      byIndicator.set(p.indicatorId, view);
    }
    const rated: IndicatorView[] = [];
    for (const o of outline) {
      const view = byIndicator.get(o.indicatorId);
      if (!view) continue;
      view.gap = gapOf(Object.fromEntries(PERSPECTIVES.map((p) => [p, view.ratings[p]?.level])));
      rated.push(view);
    }
    const gaps = rated.filter((r) => r.gap >= 2).sort((x, y) => y.gap - x.gap);

    const live = new Set(outline.map((o) => o.indicatorId));
    const env = { workplace: new Set<number>(), campus: new Set<number>(), any: new Set<number>() };
    for (const c of coverage.get(student.id) ?? []) {
      if (!live.has(c.indicatorId)) continue;
      env.any.add(c.indicatorId);
      if (c.environment === 'workplace') env.workplace.add(c.indicatorId);
      if (c.environment === 'campus') env.campus.add(c.indicatorId);
    }

    return {
      studentId: student.id,
      name: student.name,
      frameworkId: student.frameworkId,
      reflections: { week: a?.reflectionsWeek ?? 0, before: a?.reflectionsBefore ?? 0 },
      feedback: { week: a?.feedbackWeek ?? 0, before: a?.feedbackBefore ?? 0 },
      daysSinceReflection,
      coverage: {
        workplace: env.workplace.size,
        campus: env.campus.size,
        covered: env.any.size,
        total: outline.length,
      },
      rated,
      gaps,
      nextSteps: (steps.get(student.id) ?? [])
        .filter((s) => codeOf.has(s.indicatorId))
        .map((s) => ({
          indicatorId: s.indicatorId,
          code: codeOf.get(s.indicatorId)!,
          text: s.nextStep,
          role: s.authorRole,
          date: new Date(s.createdAt),
        })),
      attention: {
        inactive: daysSinceReflection === null || daysSinceReflection >= INACTIVE_DAYS,
        overdue: (overdue.get(student.id) ?? []).map((r) => ({
          requestId: r.id,
          mentorName: r.mentorName,
          days: daysBetween(new Date(r.createdAt), now),
        })),
        unreachable: unreachable.has(student.id),
      },
    };
  });
}

export const needsAttention = (d: StudentDigest): boolean =>
  d.attention.inactive || d.attention.overdue.length > 0 || d.attention.unreachable;

/** Attention first (most reasons first), then by name as the students came. */
export function attentionOrder(digests: readonly StudentDigest[]): StudentDigest[] {
  const weight = (d: StudentDigest) =>
    (d.attention.unreachable ? 1 : 0) + (d.attention.inactive ? 1 : 0) + (d.attention.overdue.length > 0 ? 1 : 0);
  return digests
    .map((d, i) => ({ d, i }))
    .sort((x, y) => weight(y.d) - weight(x.d) || x.i - y.i)
    .map((x) => x.d);
}
