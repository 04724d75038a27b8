// Which shift a reflection is about when no nudge names one (see nudges.ts for the answer to a nudge).
import type { Queryable } from '../db.js';

/** The person's shift that ended most recently within the 24 hours before `now`, if any. */
export async function recentShiftId(db: Queryable, personId: number, now: Date): Promise<number | null> {
  const r = await db.query<{ id: number }>(
    `SELECT id FROM shifts WHERE person_id = $1 AND ends_at <= $2::timestamptz
        AND ends_at > $2::timestamptz - interval '24 hours'
      ORDER BY ends_at DESC LIMIT 1`,
    [personId, now],
  );
  return r.rows[0]?.id ?? null;
}
