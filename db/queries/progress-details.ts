// What stands behind the ratings of one indicator: every current assessment with its feedback texts.
import type { Queryable } from '../db.js';

export interface RatingDetailRow {
  actorRole: 'student' | 'mentor' | 'teacher';
  actorName: string | null;
  level: number | null;
  notObserved: boolean;
  observedOn: string;
  environment: 'workplace' | 'campus' | 'elsewhere';
  evidence: string;
  task: string | null;
  wentWell: string | null;
  nextStep: string | null;
}

/**
 * Current assessments of one indicator for one student, newest first, with the feedback stored with them.
 * Others than the student never see a self-assessment made in a private reflection.
 */
export async function ratingDetails(
  db: Queryable,
  studentId: number,
  indicatorId: number,
  viewerIsStudent: boolean,
  limit = 20,
): Promise<RatingDetailRow[]> {
  const r = await db.query<RatingDetailRow>(
    `SELECT a.actor_role AS "actorRole", p.name AS "actorName", a.level, a.not_observed AS "notObserved",
            to_char(a.observed_on, 'YYYY-MM-DD') AS "observedOn", a.environment, a.evidence,
            f.task, f.went_well AS "wentWell", f.next_step AS "nextStep"
       FROM assessments a
       LEFT JOIN reflections pr ON pr.id = a.reflection_id
       LEFT JOIN feedback f ON f.assessment_id = a.id
       LEFT JOIN people p ON p.id = a.actor_id
      WHERE a.assessed_id = $1 AND a.indicator_id = $2
        AND NOT EXISTS (SELECT 1 FROM assessments n WHERE n.supersedes_id = a.id)
        AND ($3::boolean OR a.actor_role <> 'student' OR pr.visibility IS DISTINCT FROM 'private')
      ORDER BY a.observed_on DESC, a.created_at DESC, a.id DESC
      LIMIT $4`,
    [studentId, indicatorId, viewerIsStudent, limit],
  );
  return r.rows;
}
