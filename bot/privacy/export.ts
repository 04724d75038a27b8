// GDPR rights of access and erasure: "my data" in chat and `leerkans export|erase --email` on the CLI.
import type { Db } from '../../db/db.js';
import { findPersonByEmail } from '../../db/queries/people.js';
import { collectPersonData, erasePerson, recordAudit } from '../../db/queries/privacy.js';

export class UnknownPersonError extends Error {
  override readonly name = 'UnknownPersonError';
  constructor(readonly email: string) {
    super(`No person with email ${email} is stored`);
  }
}

export interface Actor {
  id?: number | null;
  label: string;
}

export async function exportPersonData(db: Db, email: string, actor: Actor): Promise<Record<string, unknown>> {
  return db.transaction(async (tx) => {
    const person = await findPersonByEmail(tx, email);
    if (!person) throw new UnknownPersonError(email);
    await recordAudit(tx, { actorId: actor.id, actorLabel: actor.label, action: 'export', subjectId: person.id });
    return { exportedAt: new Date().toISOString(), ...(await collectPersonData(tx, person.id)) };
  });
}

export async function erasePersonData(db: Db, email: string, actor: Actor): Promise<{ personId: number }> {
  return db.transaction(async (tx) => {
    const person = await findPersonByEmail(tx, email);
    if (!person) throw new UnknownPersonError(email);
    await erasePerson(tx, person.id);
    // The audit entry keeps the fact and the (now unused) id, not the email.
    await recordAudit(tx, { actorId: actor.id, actorLabel: actor.label, action: 'erase', subjectId: person.id });
    return { personId: person.id };
  });
}
