// What the mentor's weekly card and the one reminder per request read: open feedback requests whose card went out.
import type { Queryable } from '../db.js';

export interface PendingRequestRow {
  id: number;
  requestedOf: number;
  studentId: number;
  studentName: string;
  createdAt: Date;
}

export interface PendingMentorRow {
  id: number;
  name: string;
  locale: string;
  timeZone: string;
}

/** Mentors and teachers with at least one open request whose card was planned. */
export async function mentorsWithPendingRequests(db: Queryable): Promise<PendingMentorRow[]> {
  const r = await db.query<PendingMentorRow>(
    `SELECT p.id, p.name, p.locale, p.time_zone AS "timeZone" FROM people p
      WHERE EXISTS (SELECT 1 FROM feedback_requests q
                     WHERE q.requested_of = p.id AND q.status = 'open'
                       AND EXISTS (SELECT 1 FROM outbox o WHERE o.dedupe_key = 'feedback-request:' || q.id))
      ORDER BY p.id`,
  );
  return r.rows;
}

/** One person's open requests (whose card was planned), oldest first. */
export async function pendingRequestsOf(db: Queryable, personId: number): Promise<PendingRequestRow[]> {
  const r = await db.query<PendingRequestRow>(
    `SELECT q.id, q.requested_of AS "requestedOf", q.student_id AS "studentId", s.name AS "studentName",
            q.created_at AS "createdAt"
       FROM feedback_requests q JOIN people s ON s.id = q.student_id
      WHERE q.requested_of = $1 AND q.status = 'open'
        AND EXISTS (SELECT 1 FROM outbox o WHERE o.dedupe_key = 'feedback-request:' || q.id)
      ORDER BY q.created_at, q.id`,
    [personId],
  );
  return r.rows;
}

/** Open requests older than `before` whose card went out and that were never reminded of. */
export async function requestsDueForReminder(db: Queryable, before: Date, limit = 100): Promise<PendingRequestRow[]> {
  const r = await db.query<PendingRequestRow>(
    `SELECT q.id, q.requested_of AS "requestedOf", q.student_id AS "studentId", s.name AS "studentName",
            q.created_at AS "createdAt"
       FROM feedback_requests q JOIN people s ON s.id = q.student_id
      WHERE q.status = 'open' AND q.created_at <= $1::timestamptz
        AND EXISTS (SELECT 1 FROM outbox o WHERE o.dedupe_key = 'feedback-request:' || q.id)
        AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.dedupe_key = 'feedback-reminder:' || q.id)
      ORDER BY q.created_at, q.id
      LIMIT $2`,
    [before.toISOString(), limit],
  );
  return r.rows;
}
