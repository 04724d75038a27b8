// What a coach's weekly digest reads: the coach's students and, for all of them at once, their activity, the
// latest level per indicator and perspective, open next steps and what needs attention. No reflection text is
// ever selected here: the digest shows counts, levels and the next steps mentors and teachers wrote.
import type { Queryable } from '../db.js';

// Private self-assessments are filtered through a LEFT JOIN on the reflection's key: a NOT EXISTS on
// `visibility = 'private'` made PostgreSQL scan every private reflection of every student (measured in bench/digest).
const ids = (list: readonly number[]) => JSON.stringify(list);
const ANY_ID = (param: string) => `ANY (ARRAY(SELECT jsonb_array_elements_text(${param}::jsonb)::int))`;

export interface DigestCoachRow {
  id: number;
  name: string;
  email: string;
  locale: string;
  timeZone: string;
}

/** Coaches with at least one student assigned on `day` (optionally only those with a student in a cohort). */
export async function digestCoaches(
  db: Queryable,
  day: string,
  filter: { cohortId?: number | null; email?: string } = {},
): Promise<DigestCoachRow[]> {
  const r = await db.query<DigestCoachRow>(
    `SELECT p.id, p.name, p.email, p.locale, p.time_zone AS "timeZone" FROM people p
      WHERE 'coach' = ANY (p.roles)
        AND ($3::text IS NULL OR lower(p.email) = lower($3::text))
        AND EXISTS (SELECT 1 FROM assignments a
                     WHERE a.staff_id = p.id AND a.role = 'coach'
                       AND a.starts_on <= $1::date AND (a.ends_on IS NULL OR a.ends_on >= $1::date)
                       AND ($2::int IS NULL OR EXISTS (
                             SELECT 1 FROM cohort_members m WHERE m.person_id = a.student_id AND m.cohort_id = $2::int)))
      ORDER BY p.id`,
    [day, filter.cohortId ?? null, filter.email ?? null],
  );
  return r.rows;
}

export interface DigestStudentRow {
  id: number;
  name: string;
  email: string;
  frameworkId: number | null;
}

/** The coach's students on `day`, by name, with the framework of their cohort (or the first one imported). */
export async function coachStudents(db: Queryable, coachId: number, day: string): Promise<DigestStudentRow[]> {
  const r = await db.query<DigestStudentRow>(
    `SELECT DISTINCT ON (p.name, p.id) p.id, p.name, p.email,
            coalesce((SELECT c.framework_id FROM cohort_members m JOIN cohorts c ON c.id = m.cohort_id
                       WHERE m.person_id = p.id AND c.framework_id IS NOT NULL ORDER BY c.id LIMIT 1),
                     (SELECT id FROM frameworks ORDER BY id LIMIT 1)) AS "frameworkId"
       FROM assignments a JOIN people p ON p.id = a.student_id
      WHERE a.staff_id = $1 AND a.role = 'coach'
        AND a.starts_on <= $2::date AND (a.ends_on IS NULL OR a.ends_on >= $2::date)
      ORDER BY p.name, p.id`,
    [coachId, day],
  );
  return r.rows;
}

export interface ActivityRow {
  studentId: number;
  reflectionsWeek: number;
  reflectionsBefore: number;
  feedbackWeek: number;
  feedbackBefore: number;
  lastReflectionAt: Date | null;
}

/**
 * Reflections and feedback in the 7 days before `now` and in the 28 days before those, and the last reflection.
 * Counts include private reflections (a count says nothing about their text); deleted reflections do not count.
 */
export async function activityCounts(db: Queryable, studentIds: readonly number[], now: Date): Promise<ActivityRow[]> {
  const r = await db.query<ActivityRow>(
    `SELECT s.id AS "studentId",
            (SELECT count(*)::int FROM reflections r WHERE r.person_id = s.id AND r.deleted_at IS NULL
                AND r.created_at > $2::timestamptz - interval '7 days' AND r.created_at <= $2::timestamptz)
              AS "reflectionsWeek",
            (SELECT count(*)::int FROM reflections r WHERE r.person_id = s.id AND r.deleted_at IS NULL
                AND r.created_at > $2::timestamptz - interval '35 days'
                AND r.created_at <= $2::timestamptz - interval '7 days') AS "reflectionsBefore",
            (SELECT count(*)::int FROM feedback f WHERE f.student_id = s.id
                AND f.created_at > $2::timestamptz - interval '7 days' AND f.created_at <= $2::timestamptz)
              AS "feedbackWeek",
            (SELECT count(*)::int FROM feedback f WHERE f.student_id = s.id
                AND f.created_at > $2::timestamptz - interval '35 days'
                AND f.created_at <= $2::timestamptz - interval '7 days') AS "feedbackBefore",
            (SELECT max(r.created_at) FROM reflections r WHERE r.person_id = s.id AND r.deleted_at IS NULL
                AND r.created_at <= $2::timestamptz) AS "lastReflectionAt"
       FROM people s WHERE s.id = ${ANY_ID('$1')}
      ORDER BY s.id`,
    [ids(studentIds), now.toISOString()],
  );
  return r.rows;
}

export interface StudentPerspectiveRow {
  studentId: number;
  indicatorId: number;
  actorRole: 'student' | 'mentor' | 'teacher';
  level: number | null;
  notObserved: boolean;
  observedOn: string;
  environment: 'workplace' | 'campus' | 'elsewhere';
}

/**
 * Per student, indicator and perspective the latest current assessment, as staff may see it: self-assessments
 * made in a reflection the student kept private are left out. Also: per environment, which indicators have a level.
 */
export async function latestPerspectivesOf(
  db: Queryable,
  studentIds: readonly number[],
  now: Date,
): Promise<StudentPerspectiveRow[]> {
  const r = await db.query<StudentPerspectiveRow>(
    `SELECT DISTINCT ON (a.assessed_id, a.indicator_id, a.actor_role)
            a.assessed_id AS "studentId", a.indicator_id AS "indicatorId", a.actor_role AS "actorRole", a.level,
            a.not_observed AS "notObserved", to_char(a.observed_on, 'YYYY-MM-DD') AS "observedOn", a.environment
       FROM assessments a
      LEFT JOIN reflections pr ON pr.id = a.reflection_id
      WHERE a.assessed_id = ${ANY_ID('$1')}
        AND a.created_at <= $2::timestamptz
        AND NOT EXISTS (SELECT 1 FROM assessments n WHERE n.supersedes_id = a.id)
        AND (a.actor_role <> 'student' OR pr.visibility IS DISTINCT FROM 'private')
      ORDER BY a.assessed_id, a.indicator_id, a.actor_role, a.observed_on DESC, a.created_at DESC, a.id DESC`,
    [ids(studentIds), now.toISOString()],
  );
  return r.rows;
}

export interface CoverageRow {
  studentId: number;
  environment: 'workplace' | 'campus' | 'elsewhere';
  indicatorId: number;
}

/** The indicators with at least one level (not "not observed") per student and environment, any perspective. */
export async function coveredIndicators(
  db: Queryable,
  studentIds: readonly number[],
  now: Date,
): Promise<CoverageRow[]> {
  const r = await db.query<CoverageRow>(
    `SELECT DISTINCT a.assessed_id AS "studentId", a.environment, a.indicator_id AS "indicatorId"
       FROM assessments a
      LEFT JOIN reflections pr ON pr.id = a.reflection_id
      WHERE a.assessed_id = ${ANY_ID('$1')} AND NOT a.not_observed AND a.created_at <= $2::timestamptz
        AND NOT EXISTS (SELECT 1 FROM assessments n WHERE n.supersedes_id = a.id)
        AND (a.actor_role <> 'student' OR pr.visibility IS DISTINCT FROM 'private')
      ORDER BY 1, 2, 3`,
    [ids(studentIds), now.toISOString()],
  );
  return r.rows;
}

export interface NextStepRow {
  studentId: number;
  indicatorId: number;
  authorRole: 'mentor' | 'teacher';
  nextStep: string;
  createdAt: Date;
}

/**
 * Open next steps: feed-forward a mentor or teacher gave (current version only) that the student has not yet
 * followed up with a reflection on the same indicator.
 */
export async function openNextSteps(db: Queryable, studentIds: readonly number[], now: Date): Promise<NextStepRow[]> {
  const r = await db.query<NextStepRow>(
    `SELECT f.student_id AS "studentId", a.indicator_id AS "indicatorId", a.actor_role AS "authorRole",
            f.next_step AS "nextStep", f.created_at AS "createdAt"
       FROM feedback f JOIN assessments a ON a.id = f.assessment_id
      WHERE f.student_id = ${ANY_ID('$1')} AND f.created_at <= $2::timestamptz
        AND a.actor_role IN ('mentor', 'teacher')
        AND NOT EXISTS (SELECT 1 FROM assessments n WHERE n.supersedes_id = a.id)
        AND NOT EXISTS (
              SELECT 1 FROM reflections r JOIN reflection_indicators ri ON ri.reflection_id = r.id
               WHERE r.person_id = f.student_id AND ri.indicator_id = a.indicator_id AND r.deleted_at IS NULL
                 AND r.created_at > f.created_at AND r.created_at <= $2::timestamptz)
      ORDER BY f.student_id, f.created_at DESC, f.id DESC`,
    [ids(studentIds), now.toISOString()],
  );
  return r.rows;
}

export interface OverdueRequestRow {
  id: number;
  studentId: number;
  requestedOf: number;
  mentorName: string;
  role: 'mentor' | 'teacher';
  createdAt: Date;
}

/** Feedback requests still open that were made before `before`. */
export async function overdueRequests(
  db: Queryable,
  studentIds: readonly number[],
  before: Date,
): Promise<OverdueRequestRow[]> {
  const r = await db.query<OverdueRequestRow>(
    `SELECT q.id, q.student_id AS "studentId", q.requested_of AS "requestedOf", p.name AS "mentorName", q.role,
            q.created_at AS "createdAt"
       FROM feedback_requests q JOIN people p ON p.id = q.requested_of
      WHERE q.student_id = ${ANY_ID('$1')} AND q.status = 'open' AND q.created_at < $2::timestamptz
      ORDER BY q.student_id, q.created_at, q.id`,
    [ids(studentIds), before.toISOString()],
  );
  return r.rows;
}

export interface UnreachableRow {
  studentId: number;
  /** Every chat identity of the student is marked unreachable (blocked, uninstalled). */
  allUnreachable: boolean;
  /** Messages to the student that failed for good since `since`. */
  failedMessages: number;
}

/** Students whose nudges do not arrive: only unreachable identities, or failed messages since `since`. */
export async function unreachableStudents(
  db: Queryable,
  studentIds: readonly number[],
  since: Date,
): Promise<UnreachableRow[]> {
  const r = await db.query<UnreachableRow>(
    `SELECT s.id AS "studentId",
            (EXISTS (SELECT 1 FROM platform_identities i WHERE i.person_id = s.id)
              AND NOT EXISTS (SELECT 1 FROM platform_identities i WHERE i.person_id = s.id AND i.reachable))
              AS "allUnreachable",
            (SELECT count(*)::int FROM outbox o WHERE o.person_id = s.id AND o.status = 'failed'
                AND o.created_at >= $2::timestamptz) AS "failedMessages"
       FROM people s WHERE s.id = ${ANY_ID('$1')}
      ORDER BY s.id`,
    [ids(studentIds), since.toISOString()],
  );
  return r.rows.filter((x) => x.allUnreachable || x.failedMessages > 0);
}

export interface ScaleRow {
  value: number;
  code: string;
  labelNl: string;
  labelEn: string;
  countsAsLevel: boolean;
  colour: string | null;
}

/** The framework's scale with its colours, levels first. */
export async function scaleWithColours(db: Queryable, frameworkId: number): Promise<ScaleRow[]> {
  const r = await db.query<ScaleRow>(
    `SELECT value, code, label_nl AS "labelNl", label_en AS "labelEn", counts_as_level AS "countsAsLevel", colour
       FROM scale_levels
      WHERE framework_id = $1 ORDER BY counts_as_level DESC, value`,
    [frameworkId],
  );
  return r.rows;
}

export interface DigestScheduleRow {
  id: number;
  name: string;
  cron: string;
  cohortId: number | null;
}

export async function activeDigestSchedules(db: Queryable): Promise<DigestScheduleRow[]> {
  const r = await db.query<DigestScheduleRow>(
    `SELECT id, name, cron, cohort_id AS "cohortId" FROM schedules
      WHERE kind = 'digest' AND active AND cron IS NOT NULL ORDER BY id`,
  );
  return r.rows;
}

/** The same default the migration seeds; for tests and databases emptied after migrating. */
export async function ensureDefaultDigestSchedule(db: Queryable): Promise<void> {
  await db.query(
    `INSERT INTO schedules (name, kind, cron) VALUES ('weekly-digest', 'digest', '0 8 * * 1') ON CONFLICT (name) DO NOTHING`,
  );
}

/** Which of these outbox dedupe keys were planned already. */
export async function plannedKeys(db: Queryable, keys: readonly string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const r = await db.query<{ dedupe_key: string }>(
    `SELECT dedupe_key FROM outbox WHERE dedupe_key IN (SELECT jsonb_array_elements_text($1::jsonb))`,
    [JSON.stringify(keys)],
  );
  return new Set(r.rows.map((x) => x.dedupe_key));
}
