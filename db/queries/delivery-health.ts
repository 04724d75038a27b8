// Delivery health for admins (`leerkans health`, the admin card): per cohort and per person, what is queued, sent
// and failed (with the reason), and who cannot be reached on any platform.
import type { Queryable } from '../db.js';

export interface HealthTotals {
  queued: number;
  sent: number;
  failed: number;
  unreachable: number;
}

export interface CohortHealth extends HealthTotals {
  cohort: string;
}

export interface PersonProblem {
  email: string;
  cohorts: string;
  failed: number;
  lastError: string | null;
  unreachableReason: string | null;
}

const PER_PERSON = `
  SELECT p.id, p.email,
         count(*) FILTER (WHERE o.status IN ('pending', 'sending'))::int AS queued,
         count(*) FILTER (WHERE o.status = 'sent')::int AS sent,
         count(*) FILTER (WHERE o.status = 'failed')::int AS failed,
         (SELECT string_agg(i.platform || ': ' || coalesce(i.unreachable_reason, ''), '; ')
            FROM platform_identities i WHERE i.person_id = p.id AND NOT i.reachable) AS unreachable_reason
    FROM people p LEFT JOIN outbox o ON o.person_id = p.id
   GROUP BY p.id, p.email`;

export async function healthTotals(db: Queryable): Promise<HealthTotals> {
  const r = await db.query<HealthTotals>(
    `SELECT coalesce(sum(queued), 0)::int AS queued, coalesce(sum(sent), 0)::int AS sent,
            coalesce(sum(failed), 0)::int AS failed,
            count(*) FILTER (WHERE unreachable_reason IS NOT NULL)::int AS unreachable
       FROM (${PER_PERSON}) x`,
  );
  return r.rows[0]!;
}

export async function healthByCohort(db: Queryable): Promise<CohortHealth[]> {
  const r = await db.query<CohortHealth>(
    `SELECT coalesce(c.code, '-') AS cohort, sum(x.queued)::int AS queued, sum(x.sent)::int AS sent,
            sum(x.failed)::int AS failed, count(*) FILTER (WHERE x.unreachable_reason IS NOT NULL)::int AS unreachable
       FROM (${PER_PERSON}) x
       LEFT JOIN cohort_members m ON m.person_id = x.id LEFT JOIN cohorts c ON c.id = m.cohort_id
      GROUP BY c.code ORDER BY c.code NULLS LAST`,
  );
  return r.rows;
}

/** People with failed messages or an unreachable identity, worst first. */
export async function healthProblems(db: Queryable, limit = 50): Promise<PersonProblem[]> {
  const r = await db.query<PersonProblem>(
    `SELECT x.email, x.failed, x.unreachable_reason AS "unreachableReason",
            coalesce((SELECT string_agg(c.code, ',' ORDER BY c.code) FROM cohort_members m JOIN cohorts c ON c.id = m.cohort_id
                       WHERE m.person_id = x.id), '') AS cohorts,
            (SELECT o.last_error FROM outbox o WHERE o.person_id = x.id AND o.status = 'failed'
              ORDER BY o.id DESC LIMIT 1) AS "lastError"
       FROM (${PER_PERSON}) x
      WHERE x.failed > 0 OR x.unreachable_reason IS NOT NULL
      ORDER BY (x.unreachable_reason IS NOT NULL) DESC, x.failed DESC, x.email LIMIT $1`,
    [limit],
  );
  return r.rows;
}

export async function emailsByIds(db: Queryable, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const r = await db.query<{ id: number; email: string }>('SELECT id, email FROM people WHERE id = ANY ($1::int[])', [
    ids,
  ]);
  return new Map(r.rows.map((x) => [x.id, x.email]));
}
