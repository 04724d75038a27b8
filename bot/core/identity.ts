// Who is writing: a linked platform identity, or a roster person whose email the platform gave us (then the
// identity is linked as part of the turn's write). Anyone else is not enrolled and nothing is stored.
import type { Queryable } from '../../db/db.js';
import { findPersonByIdentity } from '../../db/queries/identities.js';
import { findPersonByEmail, type PersonRow } from '../../db/queries/people.js';
import type { PlatformIdentity } from './types.js';

export interface Sender {
  person: PersonRow;
  /** The identity is not stored yet: the turn's commit links it. */
  link: boolean;
}

export async function resolveSender(db: Queryable, from: PlatformIdentity): Promise<Sender | null> {
  const linked = await findPersonByIdentity(db, from);
  if (linked) return { person: linked, link: false };
  const email = from.email?.trim();
  if (!email) return null;
  const person = await findPersonByEmail(db, email);
  return person ? { person, link: true } : null;
}
