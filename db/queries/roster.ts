// Writes a validated roster in a few set-based statements (fast for thousands of rows on both drivers).
import type { Queryable } from '../db.js';

export interface RosterPerson {
  email: string;
  name: string;
  roles: string[];
  cohort: string | undefined;
  timeZone: string;
  locale: string;
  staff: { email: string; role: 'mentor' | 'teacher' | 'coach' }[];
}

export interface RosterWriteResult {
  people: number;
  created: number;
  updated: number;
  assignments: number;
}

export async function writeRoster(tx: Queryable, rows: readonly RosterPerson[]): Promise<RosterWriteResult> {
  const people = JSON.stringify(
    rows.map((r) => ({ email: r.email, name: r.name, roles: r.roles, locale: r.locale, time_zone: r.timeZone })),
  );
  // xmax = 0 distinguishes a fresh insert from an update in ON CONFLICT … RETURNING.
  const upserted = await tx.query<{ id: number; email: string; inserted: boolean }>(
    `INSERT INTO people (email, name, roles, locale, time_zone)
       SELECT email, name, roles, locale, time_zone
         FROM jsonb_to_recordset($1::jsonb) AS x(email text, name text, roles text[], locale text, time_zone text)
     ON CONFLICT ((lower(email))) DO UPDATE
       SET name = EXCLUDED.name, roles = EXCLUDED.roles, locale = EXCLUDED.locale,
           time_zone = EXCLUDED.time_zone, updated_at = now()
       WHERE (people.name, people.roles, people.locale, people.time_zone)
             IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.roles, EXCLUDED.locale, EXCLUDED.time_zone)
     RETURNING id, email, (xmax = 0) AS inserted`,
    [people],
  );
  const created = upserted.rows.filter((r) => r.inserted).length;

  const memberships = JSON.stringify(rows.filter((r) => r.cohort).map((r) => ({ email: r.email, cohort: r.cohort })));
  await tx.query(
    `INSERT INTO cohorts (code) SELECT DISTINCT cohort FROM jsonb_to_recordset($1::jsonb) AS x(email text, cohort text)
     ON CONFLICT (code) DO NOTHING`,
    [memberships],
  );
  const emails = JSON.stringify(rows.map((r) => r.email));
  // A roster row states the person's cohort: memberships it no longer lists end.
  await tx.query(
    `WITH listed AS MATERIALIZED (
       SELECT p.id FROM people p JOIN jsonb_array_elements_text($1::jsonb) e(email) ON lower(p.email) = e.email
     ), wanted AS MATERIALIZED (
       SELECT c.id AS cohort_id, p.id AS person_id FROM jsonb_to_recordset($2::jsonb) AS x(email text, cohort text)
         JOIN cohorts c ON c.code = x.cohort JOIN people p ON lower(p.email) = x.email
     )
     DELETE FROM cohort_members cm USING listed l
      WHERE cm.person_id = l.id
        AND NOT EXISTS (SELECT 1 FROM wanted w WHERE w.cohort_id = cm.cohort_id AND w.person_id = cm.person_id)`,
    [emails, memberships],
  );
  await tx.query(
    `INSERT INTO cohort_members (cohort_id, person_id)
       SELECT c.id, p.id FROM jsonb_to_recordset($1::jsonb) AS x(email text, cohort text)
         JOIN cohorts c ON c.code = x.cohort JOIN people p ON lower(p.email) = x.email
     ON CONFLICT DO NOTHING`,
    [memberships],
  );

  const links = JSON.stringify(
    rows.flatMap((r) => r.staff.map((s) => ({ student: r.email, staff: s.email, role: s.role }))),
  );
  const students = JSON.stringify(rows.filter((r) => r.roles.includes('student')).map((r) => r.email));
  // Assignments the roster no longer lists ended yesterday: from today they no longer authorise anything; history stays.
  await tx.query(
    `WITH listed AS MATERIALIZED (
       SELECT p.id FROM people p JOIN jsonb_array_elements_text($1::jsonb) e(email) ON lower(p.email) = e.email
     ), wanted AS MATERIALIZED (
       SELECT s.id AS student_id, st.id AS staff_id, x.role
         FROM jsonb_to_recordset($2::jsonb) AS x(student text, staff text, role text)
         JOIN people s ON lower(s.email) = x.student JOIN people st ON lower(st.email) = x.staff
     )
     UPDATE assignments a SET ends_on = CURRENT_DATE - 1
       FROM listed l
      WHERE a.student_id = l.id AND a.ends_on IS NULL
        AND NOT EXISTS (SELECT 1 FROM wanted w
                         WHERE w.student_id = a.student_id AND w.staff_id = a.staff_id AND w.role = a.role)`,
    [students, links],
  );
  const assigned = await tx.query(
    `INSERT INTO assignments (student_id, staff_id, role)
       SELECT s.id, st.id, x.role FROM jsonb_to_recordset($1::jsonb) AS x(student text, staff text, role text)
         JOIN people s ON lower(s.email) = x.student JOIN people st ON lower(st.email) = x.staff
     ON CONFLICT (student_id, staff_id, role) DO UPDATE SET ends_on = NULL
       WHERE assignments.ends_on IS NOT NULL`,
    [links],
  );
  return {
    people: rows.length,
    created,
    updated: upserted.rowCount - created,
    assignments: assigned.rowCount,
  };
}
