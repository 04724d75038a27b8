// Counts for a person's overview (Slack App Home).
import type { Queryable } from '../db.js';

export async function homeCounts(
  db: Queryable,
  personId: number,
): Promise<{ reflections: number; openRequests: number }> {
  const r = await db.query<{ reflections: number; openRequests: number }>(
    `SELECT (SELECT count(*)::int FROM reflections WHERE person_id = $1 AND deleted_at IS NULL) AS reflections,
            (SELECT count(*)::int FROM feedback_requests WHERE requested_of = $1 AND status = 'open') AS "openRequests"`,
    [personId],
  );
  return r.rows[0]!;
}
