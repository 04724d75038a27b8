// `leerkans audit --email EMAIL`: the audit entries about a person (views of their reflections and progress,
// exports, erasure) and the entries of what they did, oldest first, one per line. Reading the log is itself
// written to it.
import { UnknownPersonError } from '../../bot/privacy/export.js';
import type { Db } from '../../db/db.js';
import { auditEntriesFor, insertAuditEntry } from '../../db/queries/audit.js';
import { findPersonByEmail } from '../../db/queries/people.js';
import type { Out } from './command.js';

/** Who, in the operator's terms: the label ('cli', 'system' or a role) and, while they are stored, the email. */
const who = (label: string, email: string | null, id: number | null): string =>
  email ? `${label} ${email}` : id === null ? label : `${label} #${id}`;

export async function auditCommand(db: Db, email: string, out: Out): Promise<void> {
  const person = await findPersonByEmail(db, email);
  if (!person) throw new UnknownPersonError(email);
  const entries = await auditEntriesFor(db, person.id);
  out(`Audit log for ${person.email}: ${entries.length} ${entries.length === 1 ? 'entry' : 'entries'}`);
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
  await insertAuditEntry(db, {
    actorLabel: 'cli',
    action: 'audit.view',
    subjectId: person.id,
    details: { channel: 'cli' },
  });
}
