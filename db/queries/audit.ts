// The audit log: who viewed another person's reflection or progress, exported or erased data, changed settings.
// An entry names people only by id (actor_id, subject_id); actor_label is 'cli', 'system' or a role, never a name;
// details hold ids of things, counts and the channel, never personal content (docs/privacy.md).
import type { Queryable } from '../db.js';

export interface AuditEntry {
  actorId?: number | null;
  /** 'cli', 'system' or the role in which the actor acted ('coach', 'mentor', 'teacher', 'student', 'admin'). */
  actorLabel: string;
  action: string;
  subjectId?: number | null;
  details?: Record<string, unknown>;
}

export async function insertAuditEntries(db: Queryable, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await db.query(
    `INSERT INTO audit_log (actor_id, actor_label, action, subject_id, details)
     SELECT (e->>'actorId')::int, e->>'actorLabel', e->>'action', (e->>'subjectId')::int, coalesce(e->'details', '{}')
       FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS x(e, n) ORDER BY n`,
    [
      JSON.stringify(
        entries.map((e) => ({
          actorId: e.actorId ?? null,
          actorLabel: e.actorLabel,
          action: e.action,
          subjectId: e.subjectId ?? null,
          details: e.details ?? {},
        })),
      ),
    ],
  );
}

export const insertAuditEntry = (db: Queryable, entry: AuditEntry): Promise<void> => insertAuditEntries(db, [entry]);

export interface AuditRow {
  id: number;
  at: Date;
  actorId: number | null;
  actorLabel: string;
  /** The actor's and subject's email, while they are still stored (for the operator's view only). */
  actorEmail: string | null;
  action: string;
  subjectId: number | null;
  subjectEmail: string | null;
  details: Record<string, unknown>;
}

/** Entries about a person and entries by them, oldest first. */
export async function auditEntriesFor(db: Queryable, personId: number, limit = 1000): Promise<AuditRow[]> {
  const r = await db.query<AuditRow & Record<string, unknown>>(
    `SELECT a.id, a.at, a.actor_id AS "actorId", a.actor_label AS "actorLabel", actor.email AS "actorEmail",
            a.action, a.subject_id AS "subjectId", subject.email AS "subjectEmail", a.details
       FROM audit_log a
       LEFT JOIN people actor ON actor.id = a.actor_id
       LEFT JOIN people subject ON subject.id = a.subject_id
      WHERE a.subject_id = $1 OR a.actor_id = $1
      ORDER BY a.at, a.id
      LIMIT $2`,
    [personId, limit],
  );
  return r.rows;
}

/** The erasure entries of an email that is no longer stored, found by the digest the erasure kept. */
export async function erasureEntriesByDigest(db: Queryable, digest: string): Promise<AuditRow[]> {
  const r = await db.query<AuditRow>(
    `SELECT a.id, a.at, a.actor_id AS "actorId", a.actor_label AS "actorLabel", actor.email AS "actorEmail",
            a.action, a.subject_id AS "subjectId", NULL AS "subjectEmail", a.details
       FROM audit_log a LEFT JOIN people actor ON actor.id = a.actor_id
      WHERE a.action = 'erase' AND a.details ->> 'emailDigest' = $1
      ORDER BY a.at, a.id`,
    [digest],
  );
  return r.rows;
}
