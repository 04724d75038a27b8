// Mentor and teacher feedback: the requests, the assignments that authorise it, and storing it as an assessment.
import type { Queryable } from '../db.js';

export interface FeedbackRequestRow {
  id: number;
  studentId: number;
  requestedOf: number;
  role: 'mentor' | 'teacher';
  reflectionId: number | null;
  environment: 'workplace' | 'campus' | 'elsewhere';
  status: 'open' | 'answered' | 'cancelled' | 'expired';
  createdAt: Date;
  /** Whether the addressee may read the reflection's text. */
  shareText: boolean;
}

export async function findFeedbackRequest(db: Queryable, id: number): Promise<FeedbackRequestRow | undefined> {
  const r = await db.query<FeedbackRequestRow>(
    `SELECT id, student_id AS "studentId", requested_of AS "requestedOf", role, reflection_id AS "reflectionId", environment,
            status, created_at AS "createdAt", share_text AS "shareText"
       FROM feedback_requests WHERE id = $1`,
    [id],
  );
  return r.rows[0];
}

/** Open requests that have no card planned yet (the planner turns each into one outbox message). */
export async function requestsWithoutCard(db: Queryable, limit = 100): Promise<FeedbackRequestRow[]> {
  const r = await db.query<FeedbackRequestRow>(
    `SELECT fr.id, fr.student_id AS "studentId", fr.requested_of AS "requestedOf", fr.role,
            fr.reflection_id AS "reflectionId", fr.environment, fr.status, fr.created_at AS "createdAt",
            fr.share_text AS "shareText"
       FROM feedback_requests fr
      WHERE fr.status = 'open'
        AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.dedupe_key = 'feedback-request:' || fr.id)
      ORDER BY fr.id LIMIT $1`,
    [limit],
  );
  return r.rows;
}

export async function cancelFeedbackRequest(db: Queryable, id: number): Promise<void> {
  await db.query(`UPDATE feedback_requests SET status = 'cancelled' WHERE id = $1 AND status = 'open'`, [id]);
}

/** The roles (mentor, teacher, coach) in which `staffId` is assigned to `studentId` on `day`. */
export async function staffRolesFor(db: Queryable, staffId: number, studentId: number, day: string): Promise<string[]> {
  const r = await db.query<{ role: string }>(
    `SELECT role FROM assignments
      WHERE staff_id = $1 AND student_id = $2 AND starts_on <= $3::date AND (ends_on IS NULL OR ends_on >= $3::date)
      ORDER BY role`,
    [staffId, studentId, day],
  );
  return r.rows.map((x) => x.role);
}

export interface AssignedStudentRow {
  id: number;
  name: string;
  email: string;
  locale: string;
  role: 'mentor' | 'teacher' | 'coach';
}

/** The students `staffId` is assigned to on `day`, in one or more roles. */
export async function assignedStudents(
  db: Queryable,
  staffId: number,
  day: string,
  roles: readonly string[],
): Promise<AssignedStudentRow[]> {
  const r = await db.query<AssignedStudentRow>(
    `SELECT DISTINCT ON (p.name, p.id) p.id, p.name, p.email, p.locale, a.role
       FROM assignments a JOIN people p ON p.id = a.student_id
      WHERE a.staff_id = $1 AND a.starts_on <= $2::date AND (a.ends_on IS NULL OR a.ends_on >= $2::date)
        AND a.role IN (SELECT jsonb_array_elements_text($3::jsonb))
      ORDER BY p.name, p.id, a.role`,
    [staffId, day, JSON.stringify(roles)],
  );
  return r.rows;
}

export interface LearningOpportunityRow {
  reflectionId: number;
  body: string;
  answers: Record<string, string>;
  visibility: 'private' | 'coach' | 'coach_mentors';
  environment: string;
  createdAt: Date;
  /** The day of the learning opportunity (YYYY-MM-DD): the shift's day or the day the student named. */
  occurredOn: string | null;
  workplace: string | null;
  indicatorIds: number[];
}

/** The reflection a request is about, with the indicators the student confirmed for it. */
export async function learningOpportunity(
  db: Queryable,
  reflectionId: number,
): Promise<LearningOpportunityRow | undefined> {
  const r = await db.query<LearningOpportunityRow>(
    `SELECT r.id AS "reflectionId", r.body, r.answers, r.visibility, r.environment, r.created_at AS "createdAt",
            s.workplace, to_char(r.occurred_on, 'YYYY-MM-DD') AS "occurredOn",
            coalesce((SELECT jsonb_agg(ri.indicator_id ORDER BY ri.indicator_id) FROM reflection_indicators ri
                       WHERE ri.reflection_id = r.id), '[]'::jsonb) AS "indicatorIds"
       FROM reflections r LEFT JOIN shifts s ON s.id = r.shift_id
      WHERE r.id = $1 AND r.deleted_at IS NULL`,
    [reflectionId],
  );
  return r.rows[0];
}

/**
 * Takes the next assessment id before the write, so the reply (whose "edit" button names the assessment) can be
 * built before the transaction runs. A rolled-back write only leaves a gap in the sequence.
 */
export async function reserveAssessmentId(db: Queryable): Promise<number> {
  const r = await db.query<{ id: number }>(`SELECT nextval(pg_get_serial_sequence('assessments', 'id'))::int AS id`);
  return r.rows[0]!.id;
}

export interface NewFeedback {
  assessmentId: number;
  indicatorId: number;
  studentId: number;
  actorId: number;
  actorRole: 'mentor' | 'teacher';
  environment: string;
  observedOn: string;
  level: number | null;
  requestId: number | null;
  supersedesId: number | null;
  task: string;
  wentWell: string;
  nextStep: string;
  wantsConversation: boolean;
  /** More indicators rated in the same feedback (the card rates every focus indicator at once). */
  more?: { indicatorId: number; level: number | null; supersedesId: number | null }[];
}

export class AlreadyAnsweredError extends Error {
  override readonly name = 'AlreadyAnsweredError';
}

/** Stores one piece of feedback: its assessment, its text, and the request as answered (once). */
export async function insertFeedback(
  tx: Queryable,
  f: NewFeedback,
): Promise<{ assessmentId: number; feedbackId: number }> {
  if (f.requestId !== null && f.supersedesId === null) {
    // The guard that makes a concurrent double submit store one answer: only an open request can be answered.
    const answered = await tx.query(
      `UPDATE feedback_requests SET status = 'answered', answered_at = now() WHERE id = $1 AND status = 'open'`,
      [f.requestId],
    );
    if (answered.rowCount !== 1) throw new AlreadyAnsweredError(`feedback request ${f.requestId} was already answered`);
  }
  const a = await tx.query<{ id: number }>(
    `INSERT INTO assessments (id, indicator_id, assessed_id, actor_id, actor_role, environment, observed_on, level,
                              not_observed, evidence, feedback_request_id, supersedes_id)
     OVERRIDING SYSTEM VALUE
     VALUES ($12, $1, $2, $3, $4, $5, $6::date, $7, $8, $9, $10, $11) RETURNING id`,
    [
      f.indicatorId,
      f.studentId,
      f.actorId,
      f.actorRole,
      f.environment,
      f.observedOn,
      f.level,
      f.level === null,
      f.task,
      f.requestId,
      f.supersedesId,
      f.assessmentId,
    ],
  );
  const assessmentId = a.rows[0]!.id;
  const fb = await tx.query<{ id: number }>(
    `INSERT INTO feedback (assessment_id, request_id, author_id, student_id, task, went_well, next_step, wants_conversation)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [assessmentId, f.requestId, f.actorId, f.studentId, f.task, f.wentWell, f.nextStep, f.wantsConversation],
  );
  const feedbackId = fb.rows[0]!.id;
  for (const m of f.more ?? []) {
    await tx.query(
      `INSERT INTO assessments (indicator_id, assessed_id, actor_id, actor_role, environment, observed_on, level,
                                not_observed, evidence, feedback_request_id, supersedes_id, feedback_id)
       VALUES ($1, $2, $3, $4, $5, $6::date, $7, $8, $9, $10, $11, $12)`,
      [
        m.indicatorId,
        f.studentId,
        f.actorId,
        f.actorRole,
        f.environment,
        f.observedOn,
        m.level,
        m.level === null,
        f.task,
        f.requestId,
        m.supersedesId,
        feedbackId,
      ],
    );
  }
  return { assessmentId, feedbackId };
}

export interface StoredFeedbackRow {
  assessmentId: number;
  feedbackId: number;
  indicatorId: number;
  studentId: number;
  actorId: number | null;
  actorRole: 'mentor' | 'teacher';
  environment: string;
  level: number | null;
  requestId: number | null;
  task: string;
  wentWell: string;
  nextStep: string;
  wantsConversation: boolean;
  superseded: boolean;
  reaction: string;
  plannedStep: string;
  reacted: boolean;
  /** Every indicator this feedback rated, the first one (this assessment) first. */
  items: FeedbackItem[];
  observedOn: string;
}

export interface FeedbackItem {
  assessmentId: number;
  indicatorId: number;
  level: number | null;
}

/** The feedback stored for an assessment (for edits and the read-only card). */
export async function findFeedbackByAssessment(
  db: Queryable,
  assessmentId: number,
): Promise<StoredFeedbackRow | undefined> {
  const r = await db.query<StoredFeedbackRow>(
    `SELECT a.id AS "assessmentId", f.id AS "feedbackId", a.indicator_id AS "indicatorId",
            a.assessed_id AS "studentId", a.actor_id AS "actorId", a.actor_role AS "actorRole", a.environment, a.level,
            f.request_id AS "requestId", f.task, f.went_well AS "wentWell", f.next_step AS "nextStep",
            f.wants_conversation AS "wantsConversation",
            EXISTS (SELECT 1 FROM assessments n WHERE n.supersedes_id = a.id) AS superseded,
            to_char(a.observed_on, 'YYYY-MM-DD') AS "observedOn", f.reaction, f.planned_step AS "plannedStep",
            f.reacted_at IS NOT NULL AS reacted,
            jsonb_build_array(jsonb_build_object('assessmentId', a.id, 'indicatorId', a.indicator_id, 'level', a.level))
              || coalesce((SELECT jsonb_agg(jsonb_build_object('assessmentId', x.id, 'indicatorId', x.indicator_id,
                                                               'level', x.level) ORDER BY x.id)
                             FROM assessments x WHERE x.feedback_id = f.id), '[]'::jsonb) AS items
       FROM assessments a JOIN feedback f ON f.assessment_id = a.id WHERE a.id = $1`,
    [assessmentId],
  );
  return r.rows[0];
}

/** The latest feedback answering a request (to show "already received" with what was sent). */
export async function latestFeedbackForRequest(
  db: Queryable,
  requestId: number,
): Promise<StoredFeedbackRow | undefined> {
  const r = await db.query<{ id: number }>(
    `SELECT a.id FROM assessments a JOIN feedback f ON f.assessment_id = a.id
      WHERE f.request_id = $1 AND NOT EXISTS (SELECT 1 FROM assessments n WHERE n.supersedes_id = a.id)
      ORDER BY a.id DESC LIMIT 1`,
    [requestId],
  );
  return r.rows[0] ? findFeedbackByAssessment(db, r.rows[0].id) : undefined;
}
