// Feedback requests a student makes at the end of a reflection (the mentor's card comes from the outbox later).
import type { Queryable } from '../db.js';

export async function insertFeedbackRequests(
  tx: Queryable,
  input: {
    studentId: number;
    reflectionId: number;
    environment: string;
    at: Date;
    recipients: { personId: number; role: 'mentor' | 'teacher' }[];
  },
): Promise<void> {
  if (input.recipients.length === 0) return;
  await tx.query(
    `INSERT INTO feedback_requests (student_id, requested_of, role, reflection_id, environment, status, created_at)
       SELECT $1, x.person_id, x.role, $2, $3, 'open', $4
         FROM jsonb_to_recordset($5::jsonb) AS x(person_id int, role text)`,
    [
      input.studentId,
      input.reflectionId,
      input.environment,
      input.at,
      JSON.stringify(input.recipients.map((r) => ({ person_id: r.personId, role: r.role }))),
    ],
  );
}
