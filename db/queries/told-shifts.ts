// Shifts a student tells the bot in chat, and the after-shift schedule that will nudge them.
import type { Queryable } from '../db.js';

/** The person's shift that starts in [from, to) or is still running at `from`, if any. */
export async function shiftOverlapping(
  db: Queryable,
  personId: number,
  from: Date,
  to: Date,
): Promise<{ id: number; startsAt: Date } | undefined> {
  const r = await db.query<{ id: number; startsAt: Date }>(
    `SELECT id, starts_at AS "startsAt" FROM shifts
      WHERE person_id = $1 AND starts_at < $3::timestamptz AND ends_at > $2::timestamptz
      ORDER BY starts_at DESC LIMIT 1`,
    [personId, from.toISOString(), to.toISOString()],
  );
  return r.rows[0];
}

/** Upserts a told shift (same person and start: the end and workplace are updated). */
export async function saveToldShift(
  tx: Queryable,
  shift: { id?: number; personId: number; startsAt: Date; endsAt: Date },
): Promise<void> {
  if (shift.id !== undefined) {
    await tx.query('UPDATE shifts SET ends_at = $2 WHERE id = $1', [shift.id, shift.endsAt.toISOString()]);
    return;
  }
  await tx.query(
    `INSERT INTO shifts (person_id, starts_at, ends_at) VALUES ($1, $2, $3)
     ON CONFLICT (person_id, starts_at) DO UPDATE SET ends_at = EXCLUDED.ends_at`,
    [shift.personId, shift.startsAt.toISOString(), shift.endsAt.toISOString()],
  );
}

/** Minutes after a shift that this student is nudged, or null when no active after-shift schedule applies. */
export async function afterShiftMinutesFor(db: Queryable, personId: number): Promise<number | null> {
  const r = await db.query<{ minutes_after_shift: number; active: boolean }>(
    `SELECT s.minutes_after_shift, s.active FROM schedules s
      WHERE s.kind = 'after_shift'
        AND (s.person_id = $1
             OR s.cohort_id IN (SELECT m.cohort_id FROM cohort_members m WHERE m.person_id = $1)
             OR (s.person_id IS NULL AND s.cohort_id IS NULL))
      ORDER BY (s.person_id IS NOT NULL) DESC, (s.cohort_id IS NOT NULL) DESC, s.id LIMIT 1`,
    [personId],
  );
  const row = r.rows[0];
  return row?.active ? row.minutes_after_shift : null;
}
