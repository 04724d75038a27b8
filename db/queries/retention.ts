// Retention: what each data class keeps and deletes (docs/privacy.md, "How long"). Every step is one predicate over
// one table; a batch deletes at most `limit` rows it could lock (FOR UPDATE SKIP LOCKED) and counts what the
// schema's cascades take along, from the same snapshot. The dry run counts with the same predicates, so the two
// agree. Links between classes: assessments, feedback and requests stay while the reflection they are about is
// kept; a shift stays while a kept reflection is about it; an outbox row that marks an open feedback request's card
// or reminder stays while the request is open (planners read those rows to know what was sent).
import type { Queryable } from '../db.js';

/** The moment before which each class's rows are past retention. */
export interface RetentionCutoffs {
  conversations: Date;
  reflections: Date;
  deletedReflections: Date;
  assessments: Date;
  shifts: Date;
  outbox: Date;
  events: Date;
  audit: Date;
  /** Now: links (download and chart) whose validity ended. */
  expired: Date;
}

export type RetentionStepName =
  | 'conversations'
  | 'deletedReflections'
  | 'reflections'
  | 'feedback'
  | 'assessments'
  | 'feedbackRequests'
  | 'shifts'
  | 'outbox'
  | 'nudges'
  | 'processedEvents'
  | 'audit'
  | 'retentionRuns'
  | 'exportLinks'
  | 'chartTokens';

/** What a batch or a dry run counts: the step's own rows and those a cascade removes with them. */
export type RetentionCounts = Partial<Record<RetentionStepName | CascadeName, number>>;

type CascadeName = 'reflectionIndicators' | 'feedbackRatings' | 'shiftNudges';

interface Cascade {
  name: CascadeName;
  /** Counts the rows the cascade removes; `doomed` is a relation of the step's keys (column `k`). */
  count: string;
}

interface Step {
  name: RetentionStepName;
  table: string;
  key: string;
  /** Over alias `x`, with {cutoff} placeholders. */
  where: string;
  cascades?: Cascade[];
}

const reflectionGoing = (r: string) =>
  `(${r}.created_at < {reflections} OR coalesce(${r}.deleted_at < {deletedReflections}, false))`;

/** True when the reflection with this id exists and is not past retention itself. */
const keptReflection = (idExpr: string) =>
  `EXISTS (SELECT 1 FROM reflections kr WHERE kr.id = ${idExpr} AND NOT ${reflectionGoing('kr')})`;

const requestReflection = (requestIdExpr: string) =>
  `(SELECT rq.reflection_id FROM feedback_requests rq WHERE rq.id = ${requestIdExpr})`;

const feedbackGoing = (f: string) =>
  `(${f}.created_at < {assessments} AND NOT ${keptReflection(requestReflection(`${f}.request_id`))})`;

// In the order they run: reflections first, so that the feedback on a reflection removed now goes in the same run.
const STEPS: Step[] = [
  // A flow left unfinished (a reflection draft, a pending question).
  { name: 'conversations', table: 'conversations', key: 'id', where: 'x.updated_at < {conversations}' },
  // Reflections the student deleted: hidden at once, removed for good here.
  {
    name: 'deletedReflections',
    table: 'reflections',
    key: 'id',
    where: 'x.deleted_at < {deletedReflections}',
    cascades: [
      {
        name: 'reflectionIndicators',
        count: 'SELECT count(*) FROM reflection_indicators ri WHERE ri.reflection_id IN (SELECT k FROM doomed)',
      },
    ],
  },
  {
    name: 'reflections',
    table: 'reflections',
    key: 'id',
    where: 'x.created_at < {reflections} AND NOT coalesce(x.deleted_at < {deletedReflections}, false)',
    cascades: [
      {
        name: 'reflectionIndicators',
        count: 'SELECT count(*) FROM reflection_indicators ri WHERE ri.reflection_id IN (SELECT k FROM doomed)',
      },
    ],
  },
  // A feedback is removed through its first assessment: the feedback row and the other indicators it rated
  // (assessments.feedback_id) cascade with it, so a feedback never loses part of its ratings.
  {
    name: 'feedback',
    table: 'assessments',
    key: 'id',
    where: `EXISTS (SELECT 1 FROM feedback f WHERE f.assessment_id = x.id AND ${feedbackGoing('f')})`,
    cascades: [
      {
        name: 'feedbackRatings',
        count: `SELECT count(*) FROM assessments m JOIN feedback f ON f.id = m.feedback_id
                 WHERE f.assessment_id IN (SELECT k FROM doomed)`,
      },
    ],
  },
  // Self-assessments and any rating that is not part of a feedback.
  {
    name: 'assessments',
    table: 'assessments',
    key: 'id',
    where: `x.created_at < {assessments} AND x.feedback_id IS NULL
            AND NOT EXISTS (SELECT 1 FROM feedback f WHERE f.assessment_id = x.id)
            AND NOT ${keptReflection(`coalesce(x.reflection_id, ${requestReflection('x.feedback_request_id')})`)}`,
  },
  {
    name: 'feedbackRequests',
    table: 'feedback_requests',
    key: 'id',
    where: `x.created_at < {assessments} AND NOT ${keptReflection('x.reflection_id')}
            AND NOT EXISTS (SELECT 1 FROM feedback f WHERE f.request_id = x.id AND NOT ${feedbackGoing('f')})`,
  },
  {
    name: 'shifts',
    table: 'shifts',
    key: 'id',
    where: `x.ends_at < {shifts}
            AND NOT EXISTS (SELECT 1 FROM reflections r WHERE r.shift_id = x.id AND NOT ${reflectionGoing('r')})`,
    cascades: [
      {
        // Only the nudges the nudge step would not remove itself, so the counts add up.
        name: 'shiftNudges',
        count: 'SELECT count(*) FROM nudges n WHERE n.shift_id IN (SELECT k FROM doomed) AND n.due_at >= {outbox}',
      },
    ],
  },
  // Finished messages only; the dedupe key of an open request's card or reminder is what its planners read.
  {
    name: 'outbox',
    table: 'outbox',
    key: 'id',
    where: `x.status IN ('sent', 'failed', 'cancelled')
            AND greatest(x.created_at, x.next_attempt_at, coalesce(x.sent_at, x.created_at)) < {outbox}
            AND NOT CASE WHEN x.dedupe_key ~ '^feedback-(request|reminder):[0-9]{1,9}$'
                THEN EXISTS (SELECT 1 FROM feedback_requests q
                              WHERE q.id = substring(x.dedupe_key FROM '[0-9]+$')::int AND q.status = 'open')
                ELSE false END`,
  },
  { name: 'nudges', table: 'nudges', key: 'id', where: 'x.due_at < {outbox}' },
  { name: 'processedEvents', table: 'processed_events', key: 'key', where: 'x.received_at < {events}' },
  { name: 'audit', table: 'audit_log', key: 'id', where: 'x.at < {audit}' },
  { name: 'retentionRuns', table: 'retention_runs', key: 'id', where: 'x.started_at < {audit}' },
  // Expired links: refused already; their rows (a token hash and a person id) have no further use.
  { name: 'exportLinks', table: 'export_links', key: 'token_hash', where: 'x.expires_at <= {expired}' },
  { name: 'chartTokens', table: 'chart_tokens', key: 'token_hash', where: 'x.expires_at <= {expired}' },
];

export const RETENTION_STEPS: readonly RetentionStepName[] = STEPS.map((s) => s.name);

/** Replaces {name} placeholders with $n parameters, in order of first appearance. */
function bind(sql: string, cutoffs: RetentionCutoffs, first = 1): { text: string; params: string[] } {
  const names: (keyof RetentionCutoffs)[] = [];
  const text = sql.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (!(name in cutoffs)) throw new Error(`unknown retention cutoff ${name}`);
    let i = names.indexOf(name as keyof RetentionCutoffs);
    if (i < 0) i = names.push(name as keyof RetentionCutoffs) - 1;
    return `$${first + i}::timestamptz`;
  });
  return { text, params: names.map((n) => cutoffs[n].toISOString()) };
}

const stepNamed = (name: RetentionStepName): Step => {
  const step = STEPS.find((s) => s.name === name);
  if (!step) throw new Error(`unknown retention step ${name}`);
  return step;
};

/**
 * Deletes up to `limit` rows of one step that are past retention; returns the step's count and its cascades'.
 * Rows another transaction holds are skipped (another instance is deleting them).
 */
export async function deleteRetentionBatch(
  tx: Queryable,
  name: RetentionStepName,
  cutoffs: RetentionCutoffs,
  limit: number,
): Promise<RetentionCounts> {
  const step = stepNamed(name);
  const cascades = step.cascades ?? [];
  const { text, params } = bind(
    `WITH doomed AS (SELECT x.${step.key} AS k FROM ${step.table} x WHERE ${step.where}
                      ORDER BY x.${step.key} LIMIT $1 FOR UPDATE OF x SKIP LOCKED),
          gone AS (DELETE FROM ${step.table} t WHERE t.${step.key} IN (SELECT k FROM doomed) RETURNING 1)
     SELECT (SELECT count(*) FROM gone)::int AS n
            ${cascades.map((c, i) => `, (${c.count})::int AS c${i}`).join('')}`,
    cutoffs,
    2,
  );
  const r = await tx.query<Record<string, number>>(text, [limit, ...params]);
  const row = r.rows[0] ?? {};
  const counts: RetentionCounts = { [name]: Number(row.n ?? 0) };
  cascades.forEach((c, i) => {
    counts[c.name] = (counts[c.name] ?? 0) + Number(row[`c${i}`] ?? 0);
  });
  return counts;
}

/** What a run would delete now, per step and cascade (nothing is written). */
export async function countPastRetention(db: Queryable, cutoffs: RetentionCutoffs): Promise<RetentionCounts> {
  const counts: RetentionCounts = {};
  for (const step of STEPS) {
    const cascades = step.cascades ?? [];
    const { text, params } = bind(
      `WITH doomed AS (SELECT x.${step.key} AS k FROM ${step.table} x WHERE ${step.where})
       SELECT (SELECT count(*) FROM doomed)::int AS n
              ${cascades.map((c, i) => `, (${c.count})::int AS c${i}`).join('')}`,
      cutoffs,
    );
    const row = (await db.query<Record<string, number>>(text, params)).rows[0] ?? {};
    counts[step.name] = (counts[step.name] ?? 0) + Number(row.n ?? 0);
    cascades.forEach((c, i) => {
      counts[c.name] = (counts[c.name] ?? 0) + Number(row[`c${i}`] ?? 0);
    });
  }
  return counts;
}

// Arbitrary but fixed, distinct from the migration lock: one retention batch at a time across instances and the CLI.
const RETENTION_LOCK_KEY = 0x1ee4a6;

/** Serialises retention batches between processes (cascades lock rows of several tables). Inside a transaction. */
export async function lockRetention(tx: Queryable): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock($1)', [RETENTION_LOCK_KEY]);
}

/**
 * Claims a run. A scheduled run names its occurrence and is claimed once across instances (null when another
 * instance has it); a run by hand always gets a row.
 */
export async function claimRetentionRun(
  db: Queryable,
  run: { occurrence: Date | null; trigger: 'schedule' | 'cli'; at: Date },
): Promise<number | null> {
  const r = await db.query<{ id: number }>(
    `INSERT INTO retention_runs (occurrence, trigger, started_at) VALUES ($1, $2, $3)
     ON CONFLICT (occurrence) DO NOTHING RETURNING id`,
    [run.occurrence?.toISOString() ?? null, run.trigger, run.at.toISOString()],
  );
  return r.rows[0]?.id ?? null;
}

export async function finishRetentionRun(db: Queryable, id: number, deleted: RetentionCounts, at: Date): Promise<void> {
  await db.query('UPDATE retention_runs SET finished_at = $2, deleted = $3::jsonb WHERE id = $1', [
    id,
    at.toISOString(),
    JSON.stringify(deleted),
  ]);
}

/** Gives a failed run's claim back, so a later round can run it again. */
export async function releaseRetentionRun(db: Queryable, id: number): Promise<void> {
  await db.query('DELETE FROM retention_runs WHERE id = $1 AND finished_at IS NULL', [id]);
}

export interface RetentionRunRow {
  id: number;
  trigger: 'schedule' | 'cli';
  started_at: Date;
  finished_at: Date | null;
  deleted: RetentionCounts;
}

export async function recentRetentionRuns(db: Queryable, limit = 1): Promise<RetentionRunRow[]> {
  const r = await db.query<RetentionRunRow & Record<string, unknown>>(
    `SELECT id, trigger, started_at, finished_at, deleted FROM retention_runs ORDER BY started_at DESC, id DESC LIMIT $1`,
    [limit],
  );
  return r.rows;
}
