// Platform identities: which chat account belongs to which roster person, and how to reach it.
import type { Queryable } from '../db.js';
import type { PersonRow } from './people.js';

export interface IdentityKey {
  platform: string;
  tenantId: string;
  userId: string;
}

/** The roster person behind a linked account, in one query (it runs on every inbound event). */
export async function findPersonByIdentity(db: Queryable, key: IdentityKey): Promise<PersonRow | undefined> {
  const r = await db.query<PersonRow>(
    `SELECT p.id, p.email, p.name, p.roles, p.locale, p.time_zone AS "timeZone",
            to_char(p.nudges_paused_until, 'YYYY-MM-DD') AS "nudgesPausedUntil",
            to_char(p.skip_nudges_on, 'YYYY-MM-DD') AS "skipNudgesOn", p.ai_notice_shown_at AS "aiNoticeShownAt"
       FROM platform_identities i JOIN people p ON p.id = i.person_id
      WHERE i.platform = $1 AND i.tenant_id = $2 AND i.user_id = $3`,
    [key.platform, key.tenantId, key.userId],
  );
  return r.rows[0];
}

/** Links an account to a person; a link that already exists (a concurrent first message) is kept as it is. */
export async function linkIdentity(
  tx: Queryable,
  personId: number,
  key: IdentityKey,
  reference: unknown = null,
): Promise<void> {
  await tx.query(
    `INSERT INTO platform_identities (person_id, platform, tenant_id, user_id, reference)
     VALUES ($1, $2, $3, $4, $5::jsonb)
     ON CONFLICT (platform, tenant_id, user_id) DO NOTHING`,
    [personId, key.platform, key.tenantId, key.userId, reference === null ? null : JSON.stringify(reference)],
  );
}

/** The app was (re)installed: a fresh conversation reference, and the account is reachable again. */
export async function refreshIdentityReference(tx: Queryable, key: IdentityKey, reference: unknown): Promise<void> {
  await tx.query(
    `UPDATE platform_identities SET reference = $4::jsonb, reachable = true, unreachable_reason = NULL, updated_at = now()
      WHERE platform = $1 AND tenant_id = $2 AND user_id = $3`,
    [key.platform, key.tenantId, key.userId, JSON.stringify(reference ?? null)],
  );
}

export async function markIdentityUnreachable(tx: Queryable, key: IdentityKey, reason: string): Promise<void> {
  await tx.query(
    `UPDATE platform_identities SET reachable = false, unreachable_reason = $4, updated_at = now()
      WHERE platform = $1 AND tenant_id = $2 AND user_id = $3`,
    [key.platform, key.tenantId, key.userId, reason],
  );
}
