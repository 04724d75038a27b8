// Shifts: one row per person and start time; a re-import updates the end and the workplace.
import type { Queryable } from '../db.js';

export async function writeShifts(
  tx: Queryable,
  shifts: readonly { personId: number; startsAt: string; endsAt: string; workplace: string }[],
): Promise<number> {
  const r = await tx.query(
    `INSERT INTO shifts (person_id, starts_at, ends_at, workplace)
       SELECT person_id, starts_at, ends_at, workplace
         FROM jsonb_to_recordset($1::jsonb) AS x(person_id int, starts_at timestamptz, ends_at timestamptz, workplace text)
     ON CONFLICT (person_id, starts_at) DO UPDATE SET ends_at = EXCLUDED.ends_at, workplace = EXCLUDED.workplace`,
    [
      JSON.stringify(
        shifts.map((s) => ({
          person_id: s.personId,
          starts_at: s.startsAt,
          ends_at: s.endsAt,
          workplace: s.workplace,
        })),
      ),
    ],
  );
  return r.rowCount;
}
