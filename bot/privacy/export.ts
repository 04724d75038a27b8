// GDPR rights of access and erasure: the export (`leerkans export --email`, the "my data" download link) and the
// erasure (`leerkans erase --email … --yes`, `admin wis EMAIL` in chat). The export holds every row that is the
// person's (a reference to them in any table) in full, and lists the rows of others that name them or point at
// them, without those rows' content: another student's reflection stays theirs (GDPR Art. 15(4)).
import type { Db, Queryable } from '../../db/db.js';
import { insertAuditEntry } from '../../db/queries/audit.js';
import { findPersonByEmail, findPersonById } from '../../db/queries/people.js';
import {
  describeTables,
  indicatorLabels,
  otherConversations,
  othersOutboxByKey,
  peopleNames,
  relatedIds,
  rowsMatching,
  rowsReferencing,
  rowsWhereIn,
  type TableInfo,
} from '../../db/queries/person-data.js';
import { conversationPointsAt } from './conversations.js';
import { type Actor, erasePersonInTx, type ErasureCounts, needlesOf } from './erase.js';
import { outboxKeysAbout, textPattern } from './needles.js';

export type { Actor } from './erase.js';

export class UnknownPersonError extends Error {
  override readonly name = 'UnknownPersonError';
  constructor(readonly email: string) {
    super(`No person with email ${email} is stored`);
  }
}

/** A row of someone else that names or points at the person: where it is, not what it says. */
export interface Mention {
  table: string;
  key: Record<string, unknown>;
  columns: string[];
}

export interface PersonExport {
  exportedAt: string;
  person: unknown;
  /** Per table, every row that refers to the person, in full. */
  tables: Record<string, unknown[]>;
  mentions: Mention[];
  /** Names of the people and indicators the rows refer to by id. */
  labels: { people: Record<string, string>; indicators: Record<string, string> };
}

const keyOf = (table: TableInfo, row: unknown): Record<string, unknown> =>
  Object.fromEntries(table.primaryKey.map((c) => [c, (row as Record<string, unknown>)[c]]));

/** Everything about one person, read in the caller's transaction (one snapshot). */
export async function collectPersonExport(db: Queryable, personId: number, now: Date): Promise<PersonExport> {
  const person = await findPersonById(db, personId);
  if (!person) throw new Error(`person ${personId} is not stored`);
  const tables = await describeTables(db);
  const pattern = textPattern(await needlesOf(db, person));
  const own: Record<string, unknown[]> = {};
  const mentions = new Map<string, Mention>();
  const mention = (table: TableInfo, row: unknown, columns: string[]) => {
    const key = keyOf(table, row);
    const id = `${table.name}:${JSON.stringify(key)}`;
    const known = mentions.get(id);
    if (known) known.columns = [...new Set([...known.columns, ...columns])];
    else mentions.set(id, { table: table.name, key, columns });
  };
  for (const table of tables) {
    const rows = await rowsReferencing(db, table, personId);
    if (rows.length > 0 && table.name !== 'people') own[table.name] = rows;
    for (const m of await rowsMatching(db, table, pattern, personId)) mention(table, m.row, m.columns);
  }
  const byName = new Map(tables.map((t) => [t.name, t]));
  await addBelongingRows(db, tables, own, byName);
  const about = outboxKeysAbout(personId, await relatedIds(db, personId));
  for (const m of await othersOutboxByKey(db, personId, about.keys, about.patterns)) {
    mention(byName.get('outbox')!, m, ['dedupe_key']);
  }
  for (const c of await otherConversations(db, personId)) {
    if (conversationPointsAt(c, personId)) mention(byName.get('conversations')!, c, ['state']);
  }
  return {
    exportedAt: now.toISOString(),
    person: (await rowsReferencing(db, byName.get('people')!, personId))[0],
    tables: own,
    mentions: [...mentions.values()],
    labels: await labelsFor(db, tables, own, personId),
  };
}

/**
 * Rows that belong to the person's rows without naming the person (the indicators confirmed for their
 * reflection, a nudge of their own schedule): rows with a foreign key to one of their rows, until none is new.
 */
async function addBelongingRows(
  db: Queryable,
  tables: TableInfo[],
  own: Record<string, unknown[]>,
  byName: Map<string, TableInfo>,
): Promise<void> {
  const keyText = (table: TableInfo, row: unknown) => JSON.stringify(keyOf(table, row));
  for (let round = 0; round < 4; round++) {
    let added = 0;
    for (const table of tables) {
      const known = new Set((own[table.name] ?? []).map((row) => keyText(table, row)));
      for (const ref of table.references) {
        const parent = byName.get(ref.table);
        const parents = own[ref.table];
        if (!parent || !parents || ref.table === 'people') continue;
        const values = parents.map((row) => (row as Record<string, unknown>)[ref.refColumn]);
        for (const row of await rowsWhereIn(db, table, ref.column, values)) {
          const key = keyText(table, row);
          if (known.has(key)) continue;
          known.add(key);
          own[table.name] = [...(own[table.name] ?? []), row];
          added++;
        }
      }
    }
    if (added === 0) return;
  }
}

/** Names for the ids of other people and of indicators in the person's rows. */
async function labelsFor(db: Queryable, tables: TableInfo[], own: Record<string, unknown[]>, personId: number) {
  const people = new Set<number>();
  const indicators = new Set<number>();
  for (const table of tables) {
    for (const row of (own[table.name] ?? []) as Record<string, unknown>[]) {
      for (const c of table.personColumns) if (typeof row[c] === 'number' && row[c] !== personId) people.add(row[c]);
      if (typeof row.indicator_id === 'number') indicators.add(row.indicator_id);
    }
  }
  return { people: await peopleNames(db, [...people]), indicators: await indicatorLabels(db, [...indicators]) };
}

/** The role an actor acts in when the label is about them: 'student' for their own data, else their first role. */
export const selfLabel = (roles: readonly string[]): string =>
  roles.includes('student') ? 'student' : (roles[0] ?? 'system');

/** Export by email (CLI): audited with the actor. */
export async function exportPersonData(
  db: Db,
  email: string,
  actor: Actor,
  channel = 'cli',
  now: Date = new Date(),
): Promise<PersonExport> {
  return db.transaction(async (tx) => {
    const person = await findPersonByEmail(tx, email);
    if (!person) throw new UnknownPersonError(email);
    await insertAuditEntry(tx, {
      actorId: actor.id ?? null,
      actorLabel: actor.label,
      action: 'export',
      subjectId: person.id,
      details: { channel },
    });
    return collectPersonExport(tx, person.id, now);
  });
}

/** Erase by email (CLI): everything in one transaction, audited without the person. */
export async function erasePersonData(
  db: Db,
  email: string,
  actor: Actor,
  channel = 'cli',
): Promise<{ personId: number; counts: ErasureCounts }> {
  return db.transaction(async (tx) => {
    const person = await findPersonByEmail(tx, email);
    if (!person) throw new UnknownPersonError(email);
    const counts = await erasePersonInTx(tx, person.id, actor, channel);
    if (!counts) throw new UnknownPersonError(email);
    return { personId: person.id, counts };
  });
}
