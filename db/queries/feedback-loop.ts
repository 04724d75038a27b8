// The student's side of feedback: what they received, their reaction to it, and their plan from last time.
import type { Queryable } from '../db.js';

export interface ReceivedFeedbackRow {
  feedback_id: number;
  assessment_id: number;
  author_id: number | null;
  author_name: string | null;
  author_locale: string | null;
  actor_role: 'mentor' | 'teacher';
  observed_on: string;
  task: string;
  went_well: string;
  next_step: string;
  wants_conversation: boolean;
  reaction: string;
  planned_step: string;
  reacted_at: Date | null;
  created_at: Date;
  /** "SW1.3" → level value or null (not observed). */
  levels: { indicator_id: number; level: number | null }[];
}

const SELECT = `SELECT f.id AS feedback_id, a.id AS assessment_id, f.author_id, p.name AS author_name,
         p.locale AS author_locale, a.actor_role, to_char(a.observed_on, 'YYYY-MM-DD') AS observed_on, f.task,
         f.went_well, f.next_step, f.wants_conversation, f.reaction, f.planned_step, f.reacted_at, f.created_at,
         jsonb_build_array(jsonb_build_object('indicator_id', a.indicator_id, 'level', a.level))
           || coalesce((SELECT jsonb_agg(jsonb_build_object('indicator_id', x.indicator_id, 'level', x.level)
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
): Promise<{ planned_step: string; author_name: string | null; observed_on: string } | undefined> {
  const r = await db.query<{ planned_step: string; author_name: string | null; observed_on: string }>(
    `SELECT f.planned_step, p.name AS author_name, to_char(a.observed_on, 'YYYY-MM-DD') AS observed_on
       FROM feedback f JOIN assessments a ON a.id = f.assessment_id LEFT JOIN people p ON p.id = f.author_id
      WHERE f.student_id = $1 AND f.planned_step <> '' AND ${CURRENT}
      ORDER BY f.reacted_at DESC NULLS LAST, f.id DESC LIMIT 1`,
    [studentId],
  );
  return r.rows[0];
}
