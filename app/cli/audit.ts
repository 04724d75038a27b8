// `leerkans audit --email EMAIL`: the audit entries about a person (views of their reflections and progress,
// exports, erasure) and the entries of what they did, oldest first, one per line. Reading the log is itself
// written to it.
import { UnknownPersonError } from '../../bot/privacy/export.js';
import type { Db } from '../../db/db.js';
import { erasedEmailDigest } from '../../bot/privacy/erased-email.js';
import { type AuditRow, auditEntriesFor, erasureEntriesByDigest, insertAuditEntry } from '../../db/queries/audit.js';
import { findPersonByEmail } from '../../db/queries/people.js';
import type { Out } from './command.js';

/** Who, in the operator's terms: the label ('cli', 'system' or a role) and, while they are stored, the email. */
const who = (label: string, email: string | null, id: number | null): string =>
  email ? `${label} ${email}` : id === null ? label : `${label} #${id}`;

export async function auditCommand(db: Db, email: string, out: Out): Promise<void> {
  const person = await findPersonByEmail(db, email);
  if (!person) {
    // Erased: only the erasure itself is left to show, found by the digest of the address it kept.
    const erased = await erasureEntriesByDigest(db, erasedEmailDigest(email));
    if (erased.length === 0) throw new UnknownPersonError(email);
    out(
      `${email} is not stored any more: it was erased (${erased.length === 1 ? '1 entry' : `${erased.length} entries`})`,
    );
    printEntries(erased, out);
    await insertAuditEntry(db, { actorLabel: 'cli', action: 'audit.view', details: { channel: 'cli', erased: true } });
    return;
  }
  const entries = await auditEntriesFor(db, person.id);
  out(`Audit log for ${person.email}: ${entries.length} ${entries.length === 1 ? 'entry' : 'entries'}`);
  printEntries(entries, out);
  await insertAuditEntry(db, {
    actorLabel: 'cli',
    action: 'audit.view',
    subjectId: person.id,
    details: { channel: 'cli' },
  });
}

function printEntries(entries: readonly AuditRow[], out: Out): void {
  if (entries.length > 0) out('at\taction\tactor\tsubject\tdetails');
  for (const e of entries) {
    const subject = e.subjectId === null ? '-' : (e.subjectEmail ?? `#${e.subjectId}`);
    out(
      [
        e.at.toISOString(),
        e.action,
        who(e.actorLabel, e.actorEmail, e.actorId),
        subject,
        JSON.stringify(e.details),
      ].join('\t'),
    );
  }
}
