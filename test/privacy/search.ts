// The test's own search of the whole database: every column of every table (whatever its type, cast to text;
// JSON as its text), for any of the given strings (case-insensitive) and for a number as a whole token. Written
// apart from the code under test (db/queries/person-data.ts) so that both cannot share a blind spot.
import type { Db } from '../../db/db.js';

export interface Hit {
  table: string;
  key: Record<string, unknown>;
  columns: string[];
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;

export async function tablesOf(db: Db): Promise<string[]> {
  const r = await db.query<{ name: string }>(
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename`,
  );
  return r.rows.map((x) => x.name);
}

export async function searchEverywhere(db: Db, strings: readonly string[], id: number): Promise<Hit[]> {
  const pattern = [...strings.map(escapeRegex), `(^|[^0-9])${id}([^0-9]|$)`].join('|');
  const hits: Hit[] = [];
  for (const table of await tablesOf(db)) {
    const columns = (
      await db.query<{ name: string }>(
        `SELECT column_name AS name FROM information_schema.columns
          WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position`,
        [table],
      )
    ).rows.map((c) => c.name);
    const key = (
      await db.query<{ name: string }>(
        `SELECT a.attname AS name FROM pg_constraint k
           JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = ANY (k.conkey)
          WHERE k.conrelid = $1::regclass AND k.contype = 'p' ORDER BY array_position(k.conkey, a.attnum)`,
        [table],
      )
    ).rows.map((c) => c.name);
    const matches = columns.map((c) => `CASE WHEN t.${quote(c)}::text ~* $1 THEN '${c}' END`).join(', ');
    const keyJson = key.map((c) => `'${c}', t.${quote(c)}`).join(', ');
    const r = await db.query<{ key: Record<string, unknown>; columns: string[] }>(
      `SELECT jsonb_build_object(${keyJson}) AS key, to_jsonb(array_remove(ARRAY[${matches}]::text[], NULL)) AS columns
         FROM ${quote(table)} t WHERE ${columns.map((c) => `t.${quote(c)}::text ~* $1`).join(' OR ')}`,
      [pattern],
    );
    for (const row of r.rows) hits.push({ table, key: row.key, columns: row.columns });
  }
  return hits;
}
