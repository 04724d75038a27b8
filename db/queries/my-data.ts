// Counts per kind of what is stored about a person, for the "mijn gegevens" / "my data" chat reply.
import type { Queryable } from '../db.js';

export interface PersonDataCounts {
  identities: number;
  reflections: number;
  selfAssessments: number;
  assessmentsByOthers: number;
  feedbackReceived: number;
  feedbackRequests: number;
  shifts: number;
  messages: number;
  conversation: number;
}

export async function countPersonData(db: Queryable, personId: number): Promise<PersonDataCounts> {
  const r = await db.query<PersonDataCounts>(
    `SELECT
       (SELECT count(*)::int FROM platform_identities WHERE person_id = $1) AS identities,
       (SELECT count(*)::int FROM reflections WHERE person_id = $1 AND deleted_at IS NULL) AS reflections,
       (SELECT count(*)::int FROM assessments WHERE assessed_id = $1 AND actor_role = 'student') AS "selfAssessments",
       (SELECT count(*)::int FROM assessments WHERE assessed_id = $1 AND actor_role <> 'student') AS "assessmentsByOthers",
       (SELECT count(*)::int FROM feedback WHERE student_id = $1) AS "feedbackReceived",
       (SELECT count(*)::int FROM feedback_requests WHERE student_id = $1 OR requested_of = $1) AS "feedbackRequests",
       (SELECT count(*)::int FROM shifts WHERE person_id = $1) AS shifts,
       (SELECT count(*)::int FROM outbox WHERE person_id = $1) AS messages,
       (SELECT count(*)::int FROM conversations WHERE person_id = $1) AS conversation`,
    [personId],
  );
  return r.rows[0]!;
}
