// Inbound idempotency keys (processed_events).
import type { Queryable } from '../db.js';

// Whether a key was handled already is read together with the sender, in turn-context.ts.

/**
 * Records the key with its sender (erasing the sender removes it); false when it was already there (a repeated
 * or concurrent delivery of the same event).
 */
export async function markEventProcessed(
  tx: Queryable,
  key: string,
  at: Date,
  personId: number | null = null,
): Promise<boolean> {
  const r = await tx.query(
    `INSERT INTO processed_events (key, received_at, person_id) VALUES ($1, $2, $3)
     ON CONFLICT (key) DO NOTHING RETURNING key`,
    [key, at, personId],
  );
  return r.rows.length > 0;
}

/** Forgets idempotency keys older than `days`: platforms redeliver within minutes, not weeks. */
export async function pruneProcessedEvents(db: Queryable, days: number): Promise<number> {
  const r = await db.query(`DELETE FROM processed_events WHERE received_at < now() - ($1 || ' days')::interval`, [
    String(days),
  ]);
  return r.rowCount;
}
