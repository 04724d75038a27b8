// The writes of erasing a person (bot/privacy/erase.ts decides what goes; docs/privacy.md says why). Everything
// runs in the caller's transaction: an erasure is complete or not done at all.
import type { Queryable } from '../db.js';
import type { TableInfo } from './person-data.js';

const quote = (identifier: string): string => `"${identifier.replace(/"/g, '""')}"`;

/** Inbound event keys of the person: linked by sender, or (older rows) containing one of their platform ids. */
export async function deleteProcessedEvents(
  db: Queryable,
  personId: number,
  idPattern: string | null,
): Promise<number> {
  const r = await db.query(
    `DELETE FROM processed_events WHERE person_id = $1 OR ($2::text IS NOT NULL AND key ~* $2::text)`,
    [personId, idPattern],
  );
  return r.rowCount;
}

export async function deleteOutboxRows(db: Queryable, ids: readonly number[]): Promise<number> {
  if (ids.length === 0) return 0;
  const r = await db.query('DELETE FROM outbox WHERE id IN (SELECT jsonb_array_elements_text($1::jsonb)::int)', [
    JSON.stringify(ids),
  ]);
  return r.rowCount;
}

/**
 * Messages to others that name the person: not yet sent ones are dropped (a digest or weekly card is planned
 * again without them), sent ones keep their delivery record without their content.
 */
export async function eraseOutboxMentions(
  db: Queryable,
  personId: number,
  pattern: string,
): Promise<{ deleted: number; emptied: number }> {
  const where = `person_id <> $1 AND (payload::text ~* $2 OR coalesce(last_error, '') ~* $2
                 OR coalesce(message_ref::text, '') ~* $2 OR dedupe_key ~* $2)`;
  const deleted = await db.query(`DELETE FROM outbox WHERE ${where} AND status IN ('pending', 'sending')`, [
    personId,
    pattern,
  ]);
  const emptied = await db.query(
    `UPDATE outbox SET payload = '{"erased": true}'::jsonb, last_error = NULL, message_ref = NULL WHERE ${where}`,
    [personId, pattern],
  );
  return { deleted: deleted.rowCount, emptied: emptied.rowCount };
}

/** Replaces a conversation's state (others' conversations that named or pointed at the person). */
export async function replaceConversationState(
  db: Queryable,
  row: { personId: number; version: number; flow: string; step: string; state?: unknown },
): Promise<boolean> {
  const r = await db.query(
    `UPDATE conversations SET flow = $3, step = $4, state = $5::jsonb, version = version + 1, updated_at = now()
      WHERE person_id = $1 AND version = $2`,
    [row.personId, row.version, row.flow, row.step, JSON.stringify(row.state ?? {})],
  );
  return r.rowCount === 1;
}

/** Others' conversations whose text names the person get a new version: a turn running meanwhile starts again. */
export async function bumpConversationsNaming(db: Queryable, personId: number, pattern: string): Promise<number> {
  const r = await db.query(
    'UPDATE conversations SET version = version + 1 WHERE person_id <> $1 AND state::text ~* $2',
    [personId, pattern],
  );
  return r.rowCount;
}

export async function deleteConversationOf(db: Queryable, personId: number, version: number): Promise<boolean> {
  const r = await db.query('DELETE FROM conversations WHERE person_id = $1 AND version = $2', [personId, version]);
  return r.rowCount === 1;
}

/**
 * In every text column of a table, replaces what matches `pattern` (case-insensitive) by `placeholder`; JSON
 * columns are rewritten as text, so the placeholder must need no JSON escaping. Rows deleted with the person
 * (a cascading reference to them) are left to that. Returns the rows changed.
 */
export async function replaceInTable(
  db: Queryable,
  table: TableInfo,
  personId: number,
  pattern: string,
  placeholder: string,
): Promise<number> {
  let changed = 0;
  const notTheirs = table.cascadeColumns.map((c) => `AND ${quote(c)} IS DISTINCT FROM $3`).join(' ');
  for (const column of table.textColumns) {
    const c = quote(column.name);
    const type = column.json ? '::jsonb' : '';
    const r = await db.query(
      `UPDATE ${quote(table.name)} SET ${c} = regexp_replace(${c}::text, $1, $2, 'gi')${type}
        WHERE ${c}::text ~* $1 ${notTheirs}`,
      table.cascadeColumns.length > 0 ? [pattern, placeholder, personId] : [pattern, placeholder],
    );
    changed += r.rowCount;
  }
  return changed;
}

/** The person's row; every row that is theirs goes with it (ON DELETE CASCADE), references to them become null. */
export async function deletePerson(db: Queryable, personId: number): Promise<boolean> {
  const r = await db.query('DELETE FROM people WHERE id = $1', [personId]);
  return r.rowCount === 1;
}
