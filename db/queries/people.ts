// People: lookups by email and id.
import type { Queryable } from '../db.js';

export interface PersonRow {
  id: number;
  email: string;
  name: string;
  roles: string[];
  locale: string;
  timeZone: string;
  nudgesPausedUntil: string | null;
  skipNudgesOn: string | null;
  aiNoticeShownAt: Date | null;
}

const PERSON_COLUMNS = `id, email, name, roles, locale, time_zone AS "timeZone",
  to_char(nudges_paused_until, 'YYYY-MM-DD') AS "nudgesPausedUntil",
  to_char(skip_nudges_on, 'YYYY-MM-DD') AS "skipNudgesOn", ai_notice_shown_at AS "aiNoticeShownAt"`;

export async function findPeopleByEmails(db: Queryable, emails: readonly string[]): Promise<PersonRow[]> {
  if (emails.length === 0) return [];
  const r = await db.query<PersonRow>(
    `SELECT ${PERSON_COLUMNS} FROM people
      WHERE lower(email) IN (SELECT lower(value) FROM jsonb_array_elements_text($1::jsonb))`,
    [JSON.stringify(emails)],
  );
  return r.rows;
}

export async function findPersonByEmail(db: Queryable, email: string): Promise<PersonRow | undefined> {
  return (await findPeopleByEmails(db, [email]))[0];
}

export async function findPersonById(db: Queryable, id: number): Promise<PersonRow | undefined> {
  const r = await db.query<PersonRow>(`SELECT ${PERSON_COLUMNS} FROM people WHERE id = $1`, [
    id,
  ]);
  return r.rows[0];
}

export async function listPeople(db: Queryable): Promise<PersonRow[]> {
  const r = await db.query<PersonRow>(
    `SELECT ${PERSON_COLUMNS} FROM people ORDER BY name, id`,
  );
  return r.rows;
}
