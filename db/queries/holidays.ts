// The organisation's holiday calendar (and per-cohort days): imported, computed school holidays, or added in chat.
import type { Queryable } from '../db.js';

export interface HolidayRow {
  day: string;
  name: string;
  cohortId: number | null;
}

/** Holidays between two dates (YYYY-MM-DD, inclusive). */
export async function holidaysBetween(db: Queryable, from: string, to: string): Promise<HolidayRow[]> {
  const r = await db.query<HolidayRow>(
    `SELECT to_char(day, 'YYYY-MM-DD') AS day, name, cohort_id AS "cohortId" FROM holidays
      WHERE day BETWEEN $1::date AND $2::date ORDER BY day`,
    [from, to],
  );
  return r.rows;
}

/** Upserts days (the name of an existing day is updated); returns how many rows were written. */
export async function writeHolidays(
  tx: Queryable,
  days: readonly { day: string; name: string; cohortId: number | null }[],
  source: 'import' | 'school' | 'admin',
): Promise<number> {
  if (days.length === 0) return 0;
  const r = await tx.query(
    `INSERT INTO holidays (day, name, cohort_id, source)
       SELECT day, name, cohort_id, $2 FROM jsonb_to_recordset($1::jsonb) AS x(day date, name text, cohort_id int)
     ON CONFLICT (day, cohort_id) DO UPDATE SET name = EXCLUDED.name, source = EXCLUDED.source`,
    [JSON.stringify(days.map((d) => ({ day: d.day, name: d.name, cohort_id: d.cohortId }))), source],
  );
  return r.rowCount;
}

/** Removes the organisation-wide days (cohort_id NULL) between two dates, for an import that replaces them. */
export async function deleteOrganisationHolidays(tx: Queryable, from: string, to: string): Promise<number> {
  const r = await tx.query(
    'DELETE FROM holidays WHERE cohort_id IS NULL AND day BETWEEN $1::date AND $2::date RETURNING id',
    [from, to],
  );
  return r.rowCount;
}

/** Whether any organisation-wide day lies between two dates: then a school year is the admin's to shape. */
export async function hasOrganisationHolidays(db: Queryable, from: string, to: string): Promise<boolean> {
  const r = await db.query(
    'SELECT 1 FROM holidays WHERE cohort_id IS NULL AND day BETWEEN $1::date AND $2::date LIMIT 1',
    [from, to],
  );
  return r.rows.length > 0;
}
