// A content snapshot of the tables imports touch, to prove that a refused import changed nothing.
import type { Db } from '../../db/db.js';

const TABLES = [
  'frameworks',
  'scale_levels',
  'competences',
  'indicators',
  'people',
  'cohorts',
  'cohort_members',
  'assignments',
  'shifts',
] as const;

export async function snapshot(db: Db): Promise<Record<string, unknown[]>> {
  const result: Record<string, unknown[]> = {};
  for (const table of TABLES) {
    const r = await db.query(`SELECT to_jsonb(t) AS row FROM ${table} t ORDER BY 1::text`);
    result[table] = r.rows.map((row) => row.row).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  }
  return result;
}
