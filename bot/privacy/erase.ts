// Erasing a person (GDPR Art. 17) everywhere: their own rows go, what they gave others stays without them, and
// their name, email and platform ids are taken out of everyone else's rows. bot/privacy/policy.ts says what
// happens per table; test/privacy/erasure.test.ts searches every column of every table afterwards.
import type { Queryable } from '../../db/db.js';
import { insertAuditEntry } from '../../db/queries/audit.js';
import {
  bumpConversationsNaming,
  deleteConversationOf,
  deleteOutboxRows,
  deletePerson,
  deleteProcessedEvents,
  eraseOutboxMentions,
  replaceConversationState,
  replaceInTable,
} from '../../db/queries/erasure.js';
import {
  describeTables,
  identityIds,
  nameIsShared,
  otherConversations,
  othersOutboxByKey,
  relatedIds,
} from '../../db/queries/person-data.js';
import { findPersonById } from '../../db/queries/people.js';
import { withoutPersonConversation } from './conversations.js';
import { erasedEmailDigest } from './erased-email.js';
import {
  ERASED,
  outboxKeysAbout,
  type PersonNeedles,
  platformIdPattern,
  platformIdsOf,
  textPattern,
} from './needles.js';

export interface Actor {
  id?: number | null;
  /** 'cli', 'system' or a role ('admin'), never a name. */
  label: string;
}

/** Counts only: what the erasure changed, kept in its audit entry. */
export interface ErasureCounts {
  processedEvents: number;
  outboxAbout: number;
  outboxUnsent: number;
  outboxEmptied: number;
  conversations: number;
  textRows: number;
  nameShared: boolean;
}

/** How the person is recognised in others' rows; also used by the export. */
export async function needlesOf(db: Queryable, person: { id: number; name: string; email: string }) {
  const needles: PersonNeedles = {
    name: (await nameIsShared(db, person.id, person.name)) ? null : person.name,
    email: person.email,
    platformIds: platformIdsOf(await identityIds(db, person.id)),
  };
  return needles;
}

/** Erases the person inside the caller's transaction; false when there is no such person (any more). */
export async function erasePersonInTx(
  tx: Queryable,
  personId: number,
  actor: Actor,
  channel: string,
): Promise<ErasureCounts | null> {
  const person = await findPersonById(tx, personId);
  if (!person) return null;
  const needles = await needlesOf(tx, person);
  const pattern = textPattern(needles);
  const counts: ErasureCounts = {
    processedEvents: await deleteProcessedEvents(tx, personId, platformIdPattern(needles)),
    outboxAbout: 0,
    outboxUnsent: 0,
    outboxEmptied: 0,
    conversations: 0,
    textRows: 0,
    nameShared: needles.name === null,
  };

  // Messages to others that exist because of the person: their feedback request, reaction, safety contact …
  const about = outboxKeysAbout(personId, await relatedIds(tx, personId));
  const keyed = await othersOutboxByKey(tx, personId, about.keys, about.patterns);
  counts.outboxAbout = await deleteOutboxRows(
    tx,
    keyed.map((m) => m.id),
  );
  const mentions = await eraseOutboxMentions(tx, personId, pattern);
  counts.outboxUnsent = mentions.deleted;
  counts.outboxEmptied = mentions.emptied;

  // Conversations that point at them by id; a version bump makes a turn running meanwhile start again.
  for (const row of await otherConversations(tx, personId)) {
    const next = withoutPersonConversation(row, personId);
    if (next === row) continue;
    const done = next
      ? await replaceConversationState(tx, { ...next, personId: row.personId, version: row.version })
      : await deleteConversationOf(tx, row.personId, row.version);
    if (done) counts.conversations++;
  }

  // Their name, email and platform ids in every other text: reflections, feedback, schedules, states, audit …
  await bumpConversationsNaming(tx, personId, pattern);
  for (const table of await describeTables(tx)) {
    if (table.name === 'people') continue;
    counts.textRows += await replaceInTable(tx, table, personId, pattern, ERASED);
  }

  // The audit entry is written before the person goes: its subject then becomes null like every other entry.
  await insertAuditEntry(tx, {
    actorId: actor.id ?? null,
    actorLabel: actor.label,
    action: 'erase',
    subjectId: personId,
    details: { channel, ...counts, emailDigest: erasedEmailDigest(person.email) },
  });
  await deletePerson(tx, personId);
  return counts;
}
