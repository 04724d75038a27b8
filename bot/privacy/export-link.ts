// "mijn gegevens" / "my data" hands out a link to the person's own export: Slack file uploads and Teams
// attachments need platform-specific permissions, a link works everywhere. The token is random, only its hash is
// stored, it opens one person's export for EXPORT_LINK_TTL_MS, and every download is written to the audit log.
import { createHash, randomBytes } from 'node:crypto';
import type { Db, Queryable } from '../../db/db.js';
import { insertAuditEntry } from '../../db/queries/audit.js';
import { findExportLink, insertExportLink } from '../../db/queries/export-links.js';
import { findPersonById } from '../../db/queries/people.js';
import { collectPersonExport, type PersonExport, selfLabel } from './export.js';

export const EXPORT_LINK_TTL_MS = 15 * 60_000;
export const EXPORT_PATH = '/export/';
const TOKEN = /^[A-Za-z0-9_-]{32}$/;

const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/** A new link and the write that stores its token and audits it (for a turn, whose writes commit together). */
export function newExportLink(
  baseUrl: string,
  person: { id: number; roles: readonly string[] },
  now: Date,
): { url: string; write: (db: Queryable) => Promise<void> } {
  const token = randomBytes(24).toString('base64url');
  return {
    url: `${baseUrl.replace(/\/+$/, '')}${EXPORT_PATH}${token}.json`,
    async write(db) {
      await insertExportLink(db, {
        hash: hashToken(token),
        personId: person.id,
        expiresAt: new Date(now.getTime() + EXPORT_LINK_TTL_MS),
      });
      await insertAuditEntry(db, {
        actorId: person.id,
        actorLabel: selfLabel(person.roles),
        action: 'export.link',
        subjectId: person.id,
        details: { channel: 'chat', minutes: EXPORT_LINK_TTL_MS / 60_000 },
      });
    },
  };
}

/** The export a token opens (audited as a download), or undefined: unknown, expired, malformed, person gone. */
export async function exportForToken(db: Db, token: string, now: Date): Promise<PersonExport | undefined> {
  if (!TOKEN.test(token)) return undefined;
  return db.transaction(async (tx) => {
    const personId = await findExportLink(tx, hashToken(token), now);
    const person = personId === undefined ? undefined : await findPersonById(tx, personId);
    if (!person) return undefined;
    await insertAuditEntry(tx, {
      actorId: person.id,
      actorLabel: selfLabel(person.roles),
      action: 'export',
      subjectId: person.id,
      details: { channel: 'link' },
    });
    return collectPersonExport(tx, person.id, now);
  });
}
