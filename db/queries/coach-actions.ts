// What the coach's "remind mentor" reads: the student's open feedback requests.
import type { Queryable } from '../db.js';

export interface StudentRequestRow {
  id: number;
  requestedOf: number;
  createdAt: Date;
}

export async function pendingRequestsOfStudent(db: Queryable, studentId: number): Promise<StudentRequestRow[]> {
  const r = await db.query<StudentRequestRow>(
    `SELECT id, requested_of AS "requestedOf", created_at AS "createdAt" FROM feedback_requests
      WHERE student_id = $1 AND status = 'open' ORDER BY created_at, id LIMIT 25`,
    [studentId],
  );
  return r.rows;
}
