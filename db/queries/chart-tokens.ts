// Chart links: a random token in the URL, only its SHA-256 stored, valid until it expires.
import type { Queryable } from '../db.js';

export interface ChartTokenRow {
  kind: 'student' | 'cohort';
  subjectId: number;
  viewerId: number;
  locale: string;
}

export async function insertChartToken(
  db: Queryable,
  token: {
    hash: string;
    kind: 'student' | 'cohort';
    subjectId: number;
    viewerId: number;
    locale: string;
    expiresAt: Date;
  },
): Promise<void> {
  await db.query(
    `INSERT INTO chart_tokens (token_hash, kind, subject_id, viewer_id, locale, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6::timestamptz)`,
    [token.hash, token.kind, token.subjectId, token.viewerId, token.locale, token.expiresAt.toISOString()],
  );
}

/** The chart a token opens, or undefined when it is unknown or expired. */
export async function findChartToken(db: Queryable, hash: string, now: Date): Promise<ChartTokenRow | undefined> {
  const r = await db.query<ChartTokenRow>(
    `SELECT kind, subject_id AS "subjectId", viewer_id AS "viewerId", locale FROM chart_tokens
      WHERE token_hash = $1 AND expires_at > $2::timestamptz`,
    [hash, now.toISOString()],
  );
  return r.rows[0];
}

export async function deleteExpiredChartTokens(db: Queryable, now: Date): Promise<number> {
  const r = await db.query('DELETE FROM chart_tokens WHERE expires_at <= $1::timestamptz', [now.toISOString()]);
  return r.rowCount;
}
