// Putting a claimed outbox message back without counting it as an attempt: the platform asked the dispatcher to
// wait (429 with Retry-After) before this message was even tried.
import type { Queryable } from '../db.js';

export async function releaseOutboxUntil(db: Queryable, id: number, until: Date): Promise<void> {
  await db.query(
    `UPDATE outbox SET status = 'pending', attempts = greatest(attempts - 1, 0), next_attempt_at = $2::timestamptz,
            lease_until = NULL
      WHERE id = $1 AND status = 'sending'`,
    [id, until.toISOString()],
  );
}
