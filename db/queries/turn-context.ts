// Everything a turn needs before it runs, in one round trip: whether the event was handled already, who sent it
// (a linked account, else a roster person with the email the platform gave) and their conversation. Three
// separate queries cost three waits on every message; one statement also reads them from one snapshot.
import type { Queryable } from '../db.js';
import type { ConversationRow } from './conversations.js';
import type { IdentityKey } from './identities.js';
import type { PersonRow } from './people.js';

export interface TurnContextRow {
  processed: boolean;
  /** Null when the sender is not on the roster (or the event was handled already: then nothing else is read). */
  person: PersonRow | null;
  /** True when the person was found by email: the turn's commit links the account. */
  link: boolean;
  conversation: ConversationRow | null;
}

// The person's columns are null when no sender was found, the conversation's when there is none.
type Joined = { processed: boolean; link: boolean | null; id: number | null } & {
  [K in Exclude<keyof PersonRow, 'id'>]: PersonRow[K] | null;
} & { cFlow: string | null; cStep: string | null; cState: unknown; cVersion: number | null };

export async function loadTurnContext(
  db: Queryable,
  input: { key: string; from: IdentityKey & { email?: string | undefined } },
): Promise<TurnContextRow> {
  const email = input.from.email?.trim() || null;
  // `processed` gates the rest, so a repeated event reads nothing more. The linked account wins over the email
  // (ORDER BY link): the same rule as looking them up one after the other.
  const r = await db.query<Joined>(
    `WITH seen AS (SELECT EXISTS (SELECT 1 FROM processed_events WHERE key = $1) AS processed),
          sender AS (
            SELECT person_id, link FROM (
              SELECT i.person_id, false AS link FROM platform_identities i
               WHERE i.platform = $2 AND i.tenant_id = $3 AND i.user_id = $4
              UNION ALL
              SELECT p.id, true FROM people p WHERE $5::text IS NOT NULL AND lower(p.email) = lower($5::text)
            ) candidates
            WHERE NOT (SELECT processed FROM seen)
            ORDER BY link LIMIT 1)
     SELECT seen.processed, s.link, p.id, p.email, p.name, p.roles, p.locale, p.time_zone AS "timeZone",
            to_char(p.nudges_paused_until, 'YYYY-MM-DD') AS "nudgesPausedUntil",
            to_char(p.skip_nudges_on, 'YYYY-MM-DD') AS "skipNudgesOn", p.ai_notice_shown_at AS "aiNoticeShownAt",
            c.flow AS "cFlow", c.step AS "cStep", c.state AS "cState", c.version AS "cVersion"
       FROM seen
       LEFT JOIN sender s ON true
       LEFT JOIN people p ON p.id = s.person_id
       LEFT JOIN conversations c ON c.person_id = p.id`,
    [input.key, input.from.platform, input.from.tenantId, input.from.userId, email],
  );
  const row = r.rows[0];
  if (!row) throw new Error('loadTurnContext: the query returned no row');
  const person: PersonRow | null =
    row.id === null
      ? null
      : {
          id: row.id,
          email: row.email as string,
          name: row.name as string,
          roles: row.roles as string[],
          locale: row.locale as string,
          timeZone: row.timeZone as string,
          nudgesPausedUntil: row.nudgesPausedUntil,
          skipNudgesOn: row.skipNudgesOn,
          aiNoticeShownAt: row.aiNoticeShownAt,
        };
  const conversation: ConversationRow | null =
    row.cVersion === null
      ? null
      : { flow: row.cFlow as string, step: row.cStep as string, state: row.cState, version: row.cVersion };
  return { processed: row.processed, person, link: row.link === true, conversation };
}
