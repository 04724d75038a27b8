// The outbox: every proactive message, planned once (dedupe key), claimed with a lease by one dispatcher
// (FOR UPDATE SKIP LOCKED, so several bot instances share the work), retried, and its outcome recorded.
import type { Queryable } from '../db.js';

export interface OutboxRow {
  id: number;
  dedupeKey: string;
  personId: number;
  payload: unknown;
  attempts: number;
}

export interface IdentityRow {
  platform: 'slack' | 'teams' | 'web';
  tenantId: string;
  userId: string;
  reference: unknown;
  locale: string;
}

/** Plans a message; returns its id, or null when a message with this dedupe key was planned before. */
export async function enqueueOutbox(
  db: Queryable,
  message: { dedupeKey: string; personId: number; payload: unknown; notBefore?: Date },
): Promise<number | null> {
  const r = await db.query<{ id: number }>(
    `INSERT INTO outbox (dedupe_key, person_id, payload, next_attempt_at)
     VALUES ($1, $2, $3::jsonb, coalesce($4::timestamptz, now()))
     ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
    [message.dedupeKey, message.personId, JSON.stringify(message.payload), message.notBefore?.toISOString() ?? null],
  );
  return r.rows[0]?.id ?? null;
}

/** Claims up to `limit` due messages (including ones whose lease expired: their sender died mid-send). */
export async function claimDueOutbox(db: Queryable, limit: number, leaseMs: number, now: Date): Promise<OutboxRow[]> {
  const r = await db.query<OutboxRow>(
    `UPDATE outbox SET status = 'sending', attempts = attempts + 1,
            lease_until = $2::timestamptz + ($3 || ' milliseconds')::interval
      WHERE id IN (
        SELECT id FROM outbox
         WHERE next_attempt_at <= $2::timestamptz
           AND (status = 'pending' OR (status = 'sending' AND lease_until < $2::timestamptz))
         ORDER BY next_attempt_at, id
         LIMIT $1
         FOR UPDATE SKIP LOCKED)
      RETURNING id, dedupe_key AS "dedupeKey", person_id AS "personId", payload, attempts`,
    [limit, now.toISOString(), String(leaseMs)],
  );
  return r.rows.sort((a, b) => a.id - b.id);
}

/** The person's reachable identities, most recently used first. */
export async function reachableIdentities(db: Queryable, personId: number): Promise<IdentityRow[]> {
  const r = await db.query<IdentityRow>(
    `SELECT i.platform, i.tenant_id AS "tenantId", i.user_id AS "userId", i.reference, p.locale
       FROM platform_identities i JOIN people p ON p.id = i.person_id
      WHERE i.person_id = $1 AND i.reachable ORDER BY i.updated_at DESC, i.id DESC`,
    [personId],
  );
  return r.rows;
}

export async function personContact(
  db: Queryable,
  personId: number,
): Promise<{ email: string; locale: string } | undefined> {
  const r = await db.query<{ email: string; locale: string }>('SELECT email, locale FROM people WHERE id = $1', [
    personId,
  ]);
  return r.rows[0];
}

export async function markOutboxSent(db: Queryable, id: number, platform: string, messageRef: unknown): Promise<void> {
  await db.query(
    `UPDATE outbox SET status = 'sent', platform = $2, message_ref = $3::jsonb, sent_at = now(), lease_until = NULL,
            last_error_class = NULL, last_error = NULL
      WHERE id = $1`,
    [id, platform, JSON.stringify(messageRef)],
  );
}

export async function markOutboxRetry(
  db: Queryable,
  id: number,
  failure: { platform: string | null; nextAttemptAt: Date; errorClass: string; error: string },
): Promise<void> {
  await db.query(
    `UPDATE outbox SET status = 'pending', platform = coalesce($2, platform), next_attempt_at = $3::timestamptz,
            lease_until = NULL, last_error_class = $4, last_error = $5
      WHERE id = $1`,
    [id, failure.platform, failure.nextAttemptAt.toISOString(), failure.errorClass, failure.error.slice(0, 500)],
  );
}

export async function markOutboxFailed(
  db: Queryable,
  id: number,
  failure: { platform: string | null; errorClass: string; error: string },
): Promise<void> {
  await db.query(
    `UPDATE outbox SET status = 'failed', platform = coalesce($2, platform), lease_until = NULL,
            last_error_class = $3, last_error = $4
      WHERE id = $1`,
    [id, failure.platform, failure.errorClass, failure.error.slice(0, 500)],
  );
}

export interface OutboxHealth {
  status: string;
  platform: string | null;
  lastErrorClass: string | null;
  n: number;
}

/** Delivery health for admins and /metrics: counts by status, platform and error class. */
export async function outboxHealth(db: Queryable): Promise<OutboxHealth[]> {
  const r = await db.query<OutboxHealth>(
    `SELECT status, platform, last_error_class AS "lastErrorClass", count(*)::int AS n FROM outbox
      GROUP BY status, platform, last_error_class ORDER BY status, platform, last_error_class`,
  );
  return r.rows;
}
