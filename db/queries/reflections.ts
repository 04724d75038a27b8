// Reflections and the indicators a student confirmed for them. Only the author reads or changes them here:
// every query takes the person id and checks ownership in SQL.
import type { Queryable } from '../db.js';

export interface NewReflection {
  personId: number;
  shiftId: number | null;
  model: 'starr' | 'korthagen' | 'gibbs';
  environment: 'workplace' | 'campus' | 'elsewhere';
  answers: Record<string, string>;
  body: string;
  visibility: 'private' | 'coach' | 'coach_mentors' | 'coach_mentors_teachers';
  language: 'nl' | 'en';
  llmUsed: boolean;
  /** The day of the learning opportunity (YYYY-MM-DD). */
  occurredOn: string;
  at: Date;
}

export async function insertReflection(tx: Queryable, r: NewReflection): Promise<number> {
  const res = await tx.query<{ id: number }>(
    `INSERT INTO reflections (person_id, shift_id, model, environment, answers, body, visibility, language, llm_used,
                              created_at, updated_at, occurred_on)
     VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8, $9, $10, $10, $11::date) RETURNING id`,
    [
      r.personId,
      r.shiftId,
      r.model,
      r.environment,
      JSON.stringify(r.answers),
      r.body,
      r.visibility,
      r.language,
      r.llmUsed,
      r.at,
      r.occurredOn,
    ],
  );
  return res.rows[0]!.id;
}

export async function addReflectionIndicators(
  tx: Queryable,
  reflectionId: number,
  links: { indicatorId: number; suggested: boolean }[],
  at: Date,
): Promise<void> {
  if (links.length === 0) return;
  await tx.query(
    `INSERT INTO reflection_indicators (reflection_id, indicator_id, suggested, confirmed_at)
       SELECT $1, x.indicator_id, x.suggested, $3 FROM jsonb_to_recordset($2::jsonb) AS x(indicator_id int, suggested boolean)
     ON CONFLICT DO NOTHING`,
    [reflectionId, JSON.stringify(links.map((l) => ({ indicator_id: l.indicatorId, suggested: l.suggested }))), at],
  );
}

export interface ReflectionListItem {
  id: number;
  createdAt: Date;
  environment: 'workplace' | 'campus' | 'elsewhere';
  model: string;
  body: string;
  indicators: string[];
}

/** The author's own reflections, newest first; `offset` counts from the newest (0-based). */
export async function listOwnReflections(
  db: Queryable,
  personId: number,
  limit: number,
  offset = 0,
): Promise<ReflectionListItem[]> {
  const r = await db.query<ReflectionListItem>(
    `SELECT r.id, r.created_at AS "createdAt", r.environment, r.model, left(r.body, 400) AS body,
            coalesce((SELECT array_agg(i.code ORDER BY i.code) FROM reflection_indicators ri
                        JOIN indicators i ON i.id = ri.indicator_id WHERE ri.reflection_id = r.id), '{}') AS indicators
       FROM reflections r
      WHERE r.person_id = $1 AND r.deleted_at IS NULL
      ORDER BY r.created_at DESC, r.id DESC
      LIMIT $2 OFFSET $3`,
    [personId, limit, offset],
  );
  return r.rows;
}

export interface OwnReflection {
  id: number;
  createdAt: Date;
  body: string;
}

export async function findOwnReflection(
  db: Queryable,
  personId: number,
  reflectionId: number,
): Promise<OwnReflection | undefined> {
  const r = await db.query<OwnReflection>(
    `SELECT id, created_at AS "createdAt", body FROM reflections WHERE id = $1 AND person_id = $2 AND deleted_at IS NULL`,
    [reflectionId, personId],
  );
  return r.rows[0];
}

/** Soft delete; the self-assessments made with it go, because they were the student's words about it. */
export async function softDeleteReflection(
  tx: Queryable,
  personId: number,
  reflectionId: number,
  at: Date,
): Promise<boolean> {
  const r = await tx.query(
    `UPDATE reflections SET deleted_at = $3, updated_at = $3 WHERE id = $1 AND person_id = $2 AND deleted_at IS NULL`,
    [reflectionId, personId, at],
  );
  if (r.rowCount === 0) return false;
  await tx.query(
    `DELETE FROM assessments WHERE reflection_id = $1 AND actor_role = 'student' AND actor_id = $2 AND assessed_id = $2`,
    [reflectionId, personId],
  );
  return true;
}

/**
 * Replaces the text. The per-question answers are cleared with it: a student often edits to take something
 * back, and the old words must not live on in `answers`.
 */
export async function replaceReflectionBody(
  tx: Queryable,
  personId: number,
  reflectionId: number,
  body: string,
  at: Date,
): Promise<boolean> {
  const r = await tx.query(
    `UPDATE reflections SET body = $3, answers = '{}'::jsonb, updated_at = $4
      WHERE id = $1 AND person_id = $2 AND deleted_at IS NULL`,
    [reflectionId, personId, body, at],
  );
  return r.rowCount > 0;
}

/** The day a shift started, in the person's time zone (YYYY-MM-DD). */
export async function shiftDay(db: Queryable, shiftId: number, zone: string): Promise<string | undefined> {
  const r = await db.query<{ day: string }>(
    `SELECT to_char(starts_at AT TIME ZONE $2, 'YYYY-MM-DD') AS day FROM shifts WHERE id = $1`,
    [shiftId, zone],
  );
  return r.rows[0]?.day;
}
