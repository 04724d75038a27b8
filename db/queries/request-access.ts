// A feedback request can only be answered by someone assigned to the student in the request's role today (the
// submit re-checks it). Once that assignment has ended, the open request expires: its card, reminders and the
// weekly card no longer show the student (or their reflection) to someone who is no longer theirs.
import type { Queryable } from '../db.js';

export async function expireUnassignedRequests(db: Queryable, day: string): Promise<number> {
  const r = await db.query(
    `UPDATE feedback_requests q SET status = 'expired'
      WHERE q.status = 'open'
        AND NOT EXISTS (SELECT 1 FROM assignments a
                         WHERE a.staff_id = q.requested_of AND a.student_id = q.student_id AND a.role = q.role
                           AND a.starts_on <= $1::date AND (a.ends_on IS NULL OR a.ends_on >= $1::date))`,
    [day],
  );
  return r.rowCount;
}
