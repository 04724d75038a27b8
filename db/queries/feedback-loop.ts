// The student's side of feedback: what they received, their reaction to it, and their plan from last time.
import type { Queryable } from '../db.js';

export interface ReceivedFeedbackRow {
  feedbackId: number;
  assessmentId: number;
  authorId: number | null;
  authorName: string | null;
  authorLocale: string | null;
  actorRole: 'mentor' | 'teacher';
  observedOn: string;
  task: string;
  wentWell: string;
  nextStep: string;
  wantsConversation: boolean;
  reaction: string;
  plannedStep: string;
  reactedAt: Date | null;
  createdAt: Date;
  /** "SW1.3" → level value or null (not observed). */
  levels: { indicatorId: number; level: number | null }[];
}

const SELECT = `SELECT f.id AS "feedbackId", a.id AS "assessmentId", f.author_id AS "authorId",
         p.name AS "authorName", p.locale AS "authorLocale", a.actor_role AS "actorRole",
         to_char(a.observed_on, 'YYYY-MM-DD') AS "observedOn", f.task, f.went_well AS "wentWell",
         f.next_step AS "nextStep", f.wants_conversation AS "wantsConversation", f.reaction,
         f.planned_step AS "plannedStep", f.reacted_at AS "reactedAt", f.created_at AS "createdAt",
         jsonb_build_array(jsonb_build_object('indicatorId', a.indicator_id, 'level', a.level))
           || coalesce((SELECT jsonb_agg(jsonb_build_object('indicatorId', x.indicator_id, 'level', x.level)
                                 ORDER BY x.id) FROM assessments x WHERE x.feedback_id = f.id), '[]'::jsonb) AS levels
    FROM feedback f JOIN assessments a ON a.id = f.assessment_id LEFT JOIN people p ON p.id = f.author_id`;
// Only the current version of edited feedback counts.
const CURRENT = 'NOT EXISTS (SELECT 1 FROM assessments n WHERE n.supersedes_id = a.id)';

/** The student's received feedback, newest first (current versions only). */
export async function listReceivedFeedback(
  db: Queryable,
  studentId: number,
  limit: number,
): Promise<ReceivedFeedbackRow[]> {
  const r = await db.query<ReceivedFeedbackRow>(
    `${SELECT} WHERE f.student_id = $1 AND ${CURRENT} ORDER BY f.created_at DESC, f.id DESC LIMIT $2`,
    [studentId, limit],
  );
  return r.rows;
}

export async function findReceivedFeedback(
  db: Queryable,
  studentId: number,
  feedbackId: number,
): Promise<(ReceivedFeedbackRow & { superseded: boolean }) | undefined> {
  const r = await db.query<ReceivedFeedbackRow & { superseded: boolean }>(
    `${SELECT.replace('SELECT f.id', `SELECT NOT (${CURRENT}) AS superseded, f.id`)} WHERE f.student_id = $1 AND f.id = $2`,
    [studentId, feedbackId],
  );
  return r.rows[0];
}

/** Stores the student's reaction with the feedback (only their own). */
export async function saveReaction(
  tx: Queryable,
  input: { feedbackId: number; studentId: number; reaction: string; plannedStep: string; at: Date },
): Promise<boolean> {
  const r = await tx.query(
    `UPDATE feedback SET reaction = $3, planned_step = $4, reacted_at = $5 WHERE id = $1 AND student_id = $2`,
    [input.feedbackId, input.studentId, input.reaction, input.plannedStep, input.at],
  );
  return r.rowCount > 0;
}

/** The plan the student made after their latest reacted-to feedback, if any. */
export async function latestPlan(
  db: Queryable,
  studentId: number,
): Promise<{ plannedStep: string; authorName: string | null; observedOn: string } | undefined> {
  const r = await db.query<{ plannedStep: string; authorName: string | null; observedOn: string }>(
    `SELECT f.planned_step AS "plannedStep", p.name AS "authorName",
            to_char(a.observed_on, 'YYYY-MM-DD') AS "observedOn"
       FROM feedback f JOIN assessments a ON a.id = f.assessment_id LEFT JOIN people p ON p.id = f.author_id
      WHERE f.student_id = $1 AND f.planned_step <> '' AND ${CURRENT}
      ORDER BY f.reacted_at DESC NULLS LAST, f.id DESC LIMIT 1`,
    [studentId],
  );
  return r.rows[0];
}
