// Where a person's data is, found from the database's own catalogue rather than from a list kept by hand: the
// export and the erasure walk every table, so a table added later is covered (or makes the tests fail).
// Identifiers come from the catalogue and are quoted; values are always parameters.
import type { Queryable } from '../db.js';

/** Bookkeeping of the migrations, never about a person. */
const SKIPPED_TABLES = new Set(['schema_migrations']);

const quote = (identifier: string): string => `"${identifier.replace(/"/g, '""')}"`;

export interface TableInfo {
  name: string;
  primaryKey: string[];
  /** Columns with a foreign key to people (id). */
  personColumns: string[];
  /** Of those, the ones whose rows are deleted with the person (ON DELETE CASCADE). */
  cascadeColumns: string[];
  /** Columns whose text could name someone: text, varchar, json and jsonb. */
  textColumns: { name: string; json: boolean }[];
  /** Single-column foreign keys to any table: rows that belong to a row of another table. */
  references: { column: string; table: string; refColumn: string }[];
}

/** Every table of the schema with its primary key, its references to people and its text columns. */
export async function describeTables(db: Queryable): Promise<TableInfo[]> {
  const tables = await db.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') ORDER BY c.relname`,
  );
  const keys = await db.query<{ table: string; column: string; kind: string; cascade: boolean }>(
    `SELECT t.relname AS "table", a.attname AS "column", k.contype::text AS kind, k.confdeltype = 'c' AS cascade
       FROM pg_constraint k
       JOIN pg_class t ON t.oid = k.conrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
       JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = ANY (k.conkey)
      WHERE n.nspname = current_schema()
        AND (k.contype = 'p' OR (k.contype = 'f' AND k.confrelid = (SELECT oid FROM pg_class
              WHERE relname = 'people' AND relnamespace = n.oid)))
      ORDER BY t.relname, k.contype, array_position(k.conkey, a.attnum)`,
  );
  const references = await db.query<{ table: string; column: string; refTable: string; refColumn: string }>(
    `SELECT t.relname AS "table", a.attname AS "column", r.relname AS "refTable", ra.attname AS "refColumn"
       FROM pg_constraint k
       JOIN pg_class t ON t.oid = k.conrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
       JOIN pg_class r ON r.oid = k.confrelid
       JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = k.conkey[1]
       JOIN pg_attribute ra ON ra.attrelid = k.confrelid AND ra.attnum = k.confkey[1]
      WHERE n.nspname = current_schema() AND k.contype = 'f' AND cardinality(k.conkey) = 1
      ORDER BY t.relname, a.attname`,
  );
  const columns = await db.query<{ table: string; column: string; type: string }>(
    `SELECT table_name AS "table", column_name AS "column", data_type AS type FROM information_schema.columns
      WHERE table_schema = current_schema() AND data_type IN ('text', 'character varying', 'json', 'jsonb')
      ORDER BY table_name, ordinal_position`,
  );
  return tables.rows
    .filter((t) => !SKIPPED_TABLES.has(t.name))
    .map((t) => ({
      name: t.name,
      primaryKey: keys.rows.filter((k) => k.table === t.name && k.kind === 'p').map((k) => k.column),
      personColumns: [
        ...(t.name === 'people' ? ['id'] : []),
        ...keys.rows.filter((k) => k.table === t.name && k.kind === 'f').map((k) => k.column),
      ],
      cascadeColumns: keys.rows.filter((k) => k.table === t.name && k.kind === 'f' && k.cascade).map((k) => k.column),
      textColumns: columns.rows
        .filter((c) => c.table === t.name)
        .map((c) => ({ name: c.column, json: c.type === 'json' || c.type === 'jsonb' })),
      references: references.rows
        .filter((r) => r.table === t.name)
        .map((r) => ({ column: r.column, table: r.refTable, refColumn: r.refColumn })),
    }));
}

/** The whole rows of a table in which one of the person columns is the person. */
export async function rowsReferencing(db: Queryable, table: TableInfo, personId: number): Promise<unknown[]> {
  if (table.personColumns.length === 0) return [];
  const where = table.personColumns.map((c) => `t.${quote(c)} = $1`).join(' OR ');
  const order = table.primaryKey.map((c) => `t.${quote(c)}`).join(', ') || '1';
  const r = await db.query<{ row: unknown }>(
    `SELECT to_jsonb(t) AS row FROM ${quote(table.name)} t WHERE ${where} ORDER BY ${order}`,
    [personId],
  );
  return r.rows.map((x) => x.row);
}

/**
 * Rows (as JSON) whose text matches `pattern` (a case-insensitive regular expression) in any text column, and
 * that do not reference the person through a person column, with the columns that matched (each column's text;
 * JSON columns as JSON text).
 */
export async function rowsMatching(
  db: Queryable,
  table: TableInfo,
  pattern: string,
  personId: number,
): Promise<{ row: unknown; columns: string[] }[]> {
  if (table.textColumns.length === 0) return [];
  const match = table.textColumns.map((c) => `t.${quote(c.name)}::text ~* $1`).join(' OR ');
  const notTheirs = table.personColumns.map((c) => `AND t.${quote(c)} IS DISTINCT FROM $2`).join(' ');
  const matched = table.textColumns
    .map((c) => `CASE WHEN t.${quote(c.name)}::text ~* $1 THEN '${c.name.replace(/'/g, "''")}' END`)
    .join(', ');
  const order = table.primaryKey.map((c) => `t.${quote(c)}`).join(', ') || '1';
  const r = await db.query<{ row: unknown; columns: string[] }>(
    `SELECT to_jsonb(t) AS row, to_jsonb(array_remove(ARRAY[${matched}]::text[], NULL)) AS columns
       FROM ${quote(table.name)} t WHERE (${match}) ${notTheirs} ORDER BY ${order}`,
    table.personColumns.length > 0 ? [pattern, personId] : [pattern],
  );
  return r.rows;
}

/** Rows of a table whose `column` holds one of `values` (compared as text). */
export async function rowsWhereIn(
  db: Queryable,
  table: TableInfo,
  column: string,
  values: readonly unknown[],
): Promise<unknown[]> {
  if (values.length === 0) return [];
  const order = table.primaryKey.map((c) => `t.${quote(c)}`).join(', ') || '1';
  const r = await db.query<{ row: unknown }>(
    `SELECT to_jsonb(t) AS row FROM ${quote(table.name)} t
      WHERE t.${quote(column)}::text IN (SELECT jsonb_array_elements_text($1::jsonb)) ORDER BY ${order}`,
    [JSON.stringify(values.map(String))],
  );
  return r.rows.map((x) => x.row);
}

/** Rows of a table whose primary key is one of `keys` (each key as a JSON object of its columns). */
export async function rowsByKey(db: Queryable, table: TableInfo, keys: readonly object[]): Promise<unknown[]> {
  if (keys.length === 0 || table.primaryKey.length === 0) return [];
  const r = await db.query<{ row: unknown }>(
    `SELECT to_jsonb(t) AS row FROM ${quote(table.name)} t
      WHERE jsonb_build_object(${table.primaryKey.map((c) => `'${c.replace(/'/g, "''")}', t.${quote(c)}`).join(', ')})
            IN (SELECT value FROM jsonb_array_elements($1::jsonb))`,
    [JSON.stringify(keys)],
  );
  return r.rows.map((x) => x.row);
}

/** The person's platform identities: the ids a platform knows them by (user, conversation, channel). */
export async function identityIds(
  db: Queryable,
  personId: number,
): Promise<{ platform: string; userId: string; reference: unknown }[]> {
  const r = await db.query<{ platform: string; userId: string; reference: unknown }>(
    `SELECT platform, user_id AS "userId", reference FROM platform_identities WHERE person_id = $1 ORDER BY id`,
    [personId],
  );
  return r.rows;
}

/** Whether someone else has the same name (then the name alone does not say who is meant). */
export async function nameIsShared(db: Queryable, personId: number, name: string): Promise<boolean> {
  const r = await db.query('SELECT 1 FROM people WHERE id <> $1 AND lower(name) = lower($2) LIMIT 1', [personId, name]);
  return r.rows.length > 0;
}

export interface RelatedIds {
  /** Feedback requests by or to the person. */
  requestIds: number[];
  /** Feedback the person received (it goes with them). */
  receivedFeedbackIds: number[];
}

/** Ids of the person's things that other rows point at through keys rather than foreign keys (outbox keys). */
export async function relatedIds(db: Queryable, personId: number): Promise<RelatedIds> {
  const r = await db.query<{ requestIds: number[]; receivedFeedbackIds: number[] }>(
    `SELECT coalesce((SELECT jsonb_agg(id ORDER BY id) FROM feedback_requests
                       WHERE student_id = $1 OR requested_of = $1), '[]'::jsonb) AS "requestIds",
            coalesce((SELECT jsonb_agg(id ORDER BY id) FROM feedback WHERE student_id = $1), '[]'::jsonb)
              AS "receivedFeedbackIds"`,
    [personId],
  );
  return r.rows[0]!;
}

/** Messages to others whose dedupe key is one of `keys` or matches one of `patterns` (anchored regexes). */
export async function othersOutboxByKey(
  db: Queryable,
  personId: number,
  keys: readonly string[],
  patterns: readonly string[],
): Promise<{ id: number; dedupeKey: string; status: string }[]> {
  const r = await db.query<{ id: number; dedupeKey: string; status: string }>(
    `SELECT id, dedupe_key AS "dedupeKey", status FROM outbox
      WHERE person_id <> $1
        AND (dedupe_key IN (SELECT jsonb_array_elements_text($2::jsonb))
             OR EXISTS (SELECT 1 FROM jsonb_array_elements_text($3::jsonb) p WHERE outbox.dedupe_key ~ p.value))
      ORDER BY id`,
    [personId, JSON.stringify(keys), JSON.stringify(patterns)],
  );
  return r.rows;
}

export interface OtherConversationRow {
  id: number;
  personId: number;
  flow: string;
  step: string;
  state: unknown;
  version: number;
}

/** Everyone else's conversation in progress (one row per person at most). */
export async function otherConversations(db: Queryable, personId: number): Promise<OtherConversationRow[]> {
  const r = await db.query<OtherConversationRow & Record<string, unknown>>(
    `SELECT id, person_id AS "personId", flow, step, state, version FROM conversations WHERE person_id <> $1
      ORDER BY person_id`,
    [personId],
  );
  return r.rows;
}

/** Names of people by id (for labels in an export). */
export async function peopleNames(db: Queryable, ids: readonly number[]): Promise<Record<string, string>> {
  if (ids.length === 0) return {};
  const r = await db.query<{ id: number; name: string }>(
    'SELECT id, name FROM people WHERE id IN (SELECT jsonb_array_elements_text($1::jsonb)::int) ORDER BY id',
    [JSON.stringify(ids)],
  );
  return Object.fromEntries(r.rows.map((x) => [String(x.id), x.name]));
}

/** Indicator codes and labels by id (for labels in an export). */
export async function indicatorLabels(db: Queryable, ids: readonly number[]): Promise<Record<string, string>> {
  if (ids.length === 0) return {};
  const r = await db.query<{ id: number; label: string }>(
    `SELECT id, code || ' ' || label_nl AS label FROM indicators
      WHERE id IN (SELECT jsonb_array_elements_text($1::jsonb)::int) ORDER BY id`,
    [JSON.stringify(ids)],
  );
  return Object.fromEntries(r.rows.map((x) => [String(x.id), x.label]));
}
