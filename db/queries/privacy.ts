// Everything stored about one person (export), and erasing it. Kept in one file so a new table is added to both.
import type { Queryable } from '../db.js';

const rowsOf = async (db: Queryable, sql: string, id: number) =>
  (await db.query<{ row: unknown }>(sql, [id])).rows.map((r) => r.row);

export async function collectPersonData(db: Queryable, personId: number): Promise<Record<string, unknown>> {
  const q = (sql: string) => rowsOf(db, sql, personId);
  return {
    person: (await q('SELECT to_jsonb(p) AS row FROM people p WHERE id = $1'))[0],
    platformIdentities: await q(
      "SELECT to_jsonb(x) - 'reference' AS row FROM platform_identities x WHERE person_id = $1 ORDER BY id",
    ),
    cohorts: await q(
      'SELECT to_jsonb(c) AS row FROM cohorts c JOIN cohort_members m ON m.cohort_id = c.id WHERE m.person_id = $1',
    ),
    assignments: await q(
      `SELECT jsonb_build_object('role', a.role, 'student', s.email, 'staff', st.email,
              'startsOn', a.starts_on, 'endsOn', a.ends_on) AS row
         FROM assignments a JOIN people s ON s.id = a.student_id JOIN people st ON st.id = a.staff_id
        WHERE a.student_id = $1 OR a.staff_id = $1 ORDER BY a.id`,
    ),
    shifts: await q('SELECT to_jsonb(x) AS row FROM shifts x WHERE person_id = $1 ORDER BY starts_at'),
    conversation: await q('SELECT to_jsonb(x) AS row FROM conversations x WHERE person_id = $1'),
    reflections: await q(
      `SELECT to_jsonb(r) || jsonb_build_object('indicators',
              (SELECT coalesce(jsonb_agg(i.code ORDER BY i.code), '[]'::jsonb)
                 FROM reflection_indicators ri JOIN indicators i ON i.id = ri.indicator_id
                WHERE ri.reflection_id = r.id)) AS row
         FROM reflections r WHERE person_id = $1 ORDER BY created_at`,
    ),
    assessmentsAboutMe: await q(
      `SELECT to_jsonb(a) || jsonb_build_object('indicator', i.code) AS row
         FROM assessments a JOIN indicators i ON i.id = a.indicator_id WHERE a.assessed_id = $1 ORDER BY a.id`,
    ),
    assessmentsByMe: await q(
      `SELECT to_jsonb(a) || jsonb_build_object('indicator', i.code) AS row
         FROM assessments a JOIN indicators i ON i.id = a.indicator_id
        WHERE a.actor_id = $1 AND a.assessed_id <> $1 ORDER BY a.id`,
    ),
    feedbackReceived: await q('SELECT to_jsonb(f) AS row FROM feedback f WHERE student_id = $1 ORDER BY id'),
    feedbackGiven: await q('SELECT to_jsonb(f) AS row FROM feedback f WHERE author_id = $1 ORDER BY id'),
    feedbackRequests: await q(
      'SELECT to_jsonb(r) AS row FROM feedback_requests r WHERE student_id = $1 OR requested_of = $1 ORDER BY id',
    ),
    messages: await q(
      `SELECT jsonb_build_object('id', id, 'platform', platform, 'status', status, 'createdAt', created_at,
              'sentAt', sent_at, 'payload', payload) AS row FROM outbox WHERE person_id = $1 ORDER BY id`,
    ),
    nudges: await q('SELECT to_jsonb(x) AS row FROM nudges x WHERE person_id = $1 ORDER BY id'),
    ownSchedules: await q('SELECT to_jsonb(x) AS row FROM schedules x WHERE person_id = $1 ORDER BY id'),
    auditLog: await q('SELECT to_jsonb(x) AS row FROM audit_log x WHERE subject_id = $1 OR actor_id = $1 ORDER BY id'),
  };
}

export async function recordAudit(
  db: Queryable,
  entry: { actorId?: number | null; actorLabel: string; action: string; subjectId?: number | null; details?: object },
): Promise<void> {
  await db.query(
    'INSERT INTO audit_log (actor_id, actor_label, action, subject_id, details) VALUES ($1, $2, $3, $4, $5::jsonb)',
    [
      entry.actorId ?? null,
      entry.actorLabel,
      entry.action,
      entry.subjectId ?? null,
      JSON.stringify(entry.details ?? {}),
    ],
  );
}

/** Deletes the person; their own data goes with them (cascade), what they wrote about others loses its author. */
export async function erasePerson(db: Queryable, personId: number): Promise<void> {
  // Reflections of others never reference this person; feedback they gave keeps its text for the student.
  await db.query('DELETE FROM people WHERE id = $1', [personId]);
}
