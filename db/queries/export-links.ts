// Download links for a person's own export: a random token in the URL, only its SHA-256 stored, valid for minutes.
import type { Queryable } from '../db.js';

export async function insertExportLink(
  db: Queryable,
  link: { hash: string; personId: number; expiresAt: Date },
): Promise<void> {
  await db.query('INSERT INTO export_links (token_hash, person_id, expires_at) VALUES ($1, $2, $3::timestamptz)', [
    link.hash,
    link.personId,
    link.expiresAt.toISOString(),
  ]);
}

/** The person a link opens, or undefined when it is unknown or expired. */
export async function findExportLink(db: Queryable, hash: string, now: Date): Promise<number | undefined> {
  const r = await db.query<{ personId: number }>(
    `SELECT person_id AS "personId" FROM export_links WHERE token_hash = $1 AND expires_at > $2::timestamptz`,
    [hash, now.toISOString()],
  );
  return r.rows[0]?.personId;
}

export async function deleteExpiredExportLinks(db: Queryable, now: Date): Promise<number> {
  const r = await db.query('DELETE FROM export_links WHERE expires_at <= $1::timestamptz', [now.toISOString()]);
  return r.rowCount;
}
