// Feedback requests a student makes at the end of a reflection (the mentor's card comes from the outbox later).
import type { Queryable } from '../db.js';

export async function insertFeedbackRequests(
  tx: Queryable,
  input: {
    studentId: number;
    reflectionId: number;
    environment: string;
    at: Date;
    recipients: { personId: number; role: 'mentor' | 'teacher'; shareText: boolean }[];
  },
): Promise<void> {
  if (input.recipients.length === 0) return;
  await tx.query(
    `INSERT INTO feedback_requests (student_id, requested_of, role, reflection_id, environment, status, created_at,
                                    share_text)
       SELECT $1, x.person_id, x.role, $2, $3, 'open', $4, x.share_text
         FROM jsonb_to_recordset($5::jsonb) AS x(person_id int, role text, share_text boolean)`,
    [
      input.studentId,
      input.reflectionId,
      input.environment,
      input.at,
      JSON.stringify(input.recipients.map((r) => ({ person_id: r.personId, role: r.role, share_text: r.shareText }))),
    ],
  );
}

/** A request outside a reflection ("vraag feedback aan Jan"): no text to share, the mentor picks the indicator. */
export async function insertFeedbackRequest(
  tx: Queryable,
  input: { studentId: number; requestedOf: number; role: 'mentor' | 'teacher'; environment: string; at: Date },
): Promise<void> {
  await tx.query(
    `INSERT INTO feedback_requests (student_id, requested_of, role, reflection_id, environment, status, created_at)
     VALUES ($1, $2, $3, NULL, $4, 'open', $5)`,
    [input.studentId, input.requestedOf, input.role, input.environment, input.at],
  );
}

/** Withdraws the open requests about a reflection (it was deleted): their cards no longer accept feedback. */
export async function withdrawRequestsFor(tx: Queryable, studentId: number, reflectionId: number): Promise<number> {
  const r = await tx.query<{ id: number }>(
    `UPDATE feedback_requests SET status = 'cancelled'
      WHERE student_id = $1 AND reflection_id = $2 AND status = 'open' RETURNING id`,
    [studentId, reflectionId],
  );
  // A card not sent yet is not sent at all.
  await tx.query(
    `UPDATE outbox SET status = 'cancelled'
      WHERE status = 'pending' AND dedupe_key IN (SELECT 'feedback-request:' || x FROM jsonb_array_elements_text($1::jsonb) x)`,
    [JSON.stringify(r.rows.map((row) => String(row.id)))],
  );
  return r.rowCount;
}

/** How many open requests a reflection has (told to the student before deleting it). */
export async function openRequestsFor(db: Queryable, studentId: number, reflectionId: number): Promise<number> {
  const r = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM feedback_requests WHERE student_id = $1 AND reflection_id = $2 AND status = 'open'`,
    [studentId, reflectionId],
  );
  return r.rows[0]?.n ?? 0;
}
