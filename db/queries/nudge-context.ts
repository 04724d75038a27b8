// Whether a text is the answer to a nudge, and which shift a reflection is about.
import type { Queryable } from '../db.js';

/**
 * True when a nudge (outbox dedupe key `nudge:…`) reached the person in the 24 hours before `now` and no
 * reflection was saved since: a text then is the start of the reflection the nudge asked for.
 */
export async function hasOpenNudge(db: Queryable, personId: number, now: Date): Promise<boolean> {
  const r = await db.query(
    `SELECT 1 FROM outbox o
      WHERE o.person_id = $1 AND o.dedupe_key LIKE 'nudge:%' AND o.status = 'sent'
        AND o.sent_at > $2::timestamptz - interval '24 hours' AND o.sent_at <= $2::timestamptz
        AND NOT EXISTS (SELECT 1 FROM reflections r WHERE r.person_id = $1 AND r.created_at >= o.sent_at)
      LIMIT 1`,
    [personId, now],
  );
  return r.rows.length > 0;
}

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
