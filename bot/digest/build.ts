// One coach's digest: read every student's rows in a few batched queries, compute the numbers, phrase one
// narrative per student (one student's data per model call), link the cohort chart, and build the card.
import { DateTime } from 'luxon';
import type { CardSpec } from '../../cards/spec.js';
import type { Queryable } from '../../db/db.js';
import {
  activityCounts,
  coachStudents,
  coveredIndicators,
  type DigestCoachRow,
  latestPerspectivesOf,
  openNextSteps,
  overdueRequests,
  unreachableStudents,
} from '../../db/queries/digest.js';
import { type CompetenceRow, frameworkOutline } from '../../db/queries/progress.js';
import { localDate, zoneOr } from '../core/time.js';
import type { Narrator } from '../llm/narrative.js';
import { digestCard } from './card.js';
import { createChartLink } from './charts.js';
import { computeDigest, INACTIVE_DAYS, OVERDUE_REQUEST_DAYS, type StudentDigest } from './compute.js';
import { narrateStudentLabelled } from './narrative.js';

const DAY_MS = 86_400_000;

export interface DigestDeps {
  narrator: Narrator;
  /** PUBLIC_URL (or the local server's URL): where /charts/… is served. Without it the card has no chart. */
  chartBaseUrl?: string | undefined;
  defaultTimeZone?: string;
}

/** Reads and computes the digest numbers of a coach's students (no narrative, no card): also the test's subject. */
export async function coachDigestNumbers(
  db: Queryable,
  coachId: number,
  day: string,
  now: Date,
): Promise<{ students: StudentDigest[]; outlines: Map<number, CompetenceRow[]> }> {
  const students = await coachStudents(db, coachId, day);
  if (students.length === 0) return { students: [], outlines: new Map() };
  const ids = students.map((s) => s.id);
  const outlines = new Map<number, CompetenceRow[]>();
  for (const fw of new Set(students.map((s) => s.frameworkId))) {
    if (fw !== null) outlines.set(fw, await frameworkOutline(db, fw));
  }
  // One after another: on the embedded database queries queue anyway, and PostgreSQL gets one connection's worth.
  const activity = await activityCounts(db, ids, now);
  const perspectives = await latestPerspectivesOf(db, ids, now);
  const coverage = await coveredIndicators(db, ids, now);
  const nextSteps = await openNextSteps(db, ids, now);
  const overdue = await overdueRequests(db, ids, new Date(now.getTime() - OVERDUE_REQUEST_DAYS * DAY_MS));
  const unreachable = await unreachableStudents(db, ids, new Date(now.getTime() - INACTIVE_DAYS * DAY_MS));
  return {
    students: computeDigest(
      { students, activity, perspectives, coverage, nextSteps, overdue, unreachable, outlines },
      now,
    ),
    outlines,
  };
}

export interface CoachDigest {
  card: CardSpec;
  students: StudentDigest[];
}

/** The digest card for one coach, or null when no student is assigned to them. */
export async function buildCoachDigest(
  db: Queryable,
  coach: DigestCoachRow,
  now: Date,
  deps: DigestDeps,
): Promise<CoachDigest | null> {
  const zone = zoneOr(coach.timeZone, deps.defaultTimeZone ?? 'Europe/Brussels');
  const day = localDate(now, zone);
  const { students, outlines } = await coachDigestNumbers(db, coach.id, day, now);
  if (students.length === 0) return null;
  const narratives = new Map<number, string>();
  const aiWritten = new Set<number>();
  for (const d of students) {
    const outline = d.frameworkId === null ? [] : (outlines.get(d.frameworkId) ?? []);
    const n = await narrateStudentLabelled(deps.narrator, d, outline, coach.locale, [d.name, coach.name]);
    narratives.set(d.studentId, n.text);
    if (n.byModel) aiWritten.add(d.studentId);
  }
  const chartUrl = deps.chartBaseUrl
    ? await createChartLink(
        db,
        deps.chartBaseUrl,
        { kind: 'cohort', subjectId: coach.id, viewerId: coach.id, locale: coach.locale },
        now,
      )
    : undefined;
  const end = DateTime.fromJSDate(now, { zone }).setLocale(coach.locale);
  const format = { day: 'numeric', month: 'short' } as const;
  const card = digestCard({
    locale: coach.locale,
    from: end.minus({ days: 7 }).toLocaleString(format),
    to: end.toLocaleString(format),
    students,
    narratives,
    aiWritten,
    ...(chartUrl ? { chartUrl } : {}),
  });
  return { card, students };
}
