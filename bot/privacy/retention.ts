// The retention policy and the daily job that enforces it (docs/privacy.md, "How long"). Each data class keeps
// its rows for the configured number of days (LEERKANS_RETAIN_*); the job deletes what is older in batches, each
// batch its own transaction, so a large first run never holds the database for long and a failure loses nothing
// but time. Several instances: the day's run is claimed once (retention_runs), and batches are serialised by an
// advisory lock and skip rows another transaction holds, so a run by hand next to the scheduled one is harmless.
import { latestOccurrence } from '../schedule/cron.js';
import type { Db } from '../../db/db.js';
import {
  claimRetentionRun,
  countPastRetention,
  deleteRetentionBatch,
  finishRetentionRun,
  lockRetention,
  RETENTION_STEPS,
  type RetentionCounts,
  type RetentionCutoffs,
  releaseRetentionRun,
} from '../../db/queries/retention.js';
import type { Config } from '../config/env.js';
import type { Logger } from '../log/logger.js';

/** Days each data class is kept. */
export type RetentionPolicy = Record<Exclude<keyof RetentionCutoffs, 'expired'>, number>;

export function retentionPolicy(
  config: Pick<
    Config,
    | 'LEERKANS_RETAIN_CONVERSATIONS_DAYS'
    | 'LEERKANS_RETAIN_REFLECTIONS_DAYS'
    | 'LEERKANS_RETAIN_DELETED_REFLECTIONS_DAYS'
    | 'LEERKANS_RETAIN_ASSESSMENTS_DAYS'
    | 'LEERKANS_RETAIN_SHIFTS_DAYS'
    | 'LEERKANS_RETAIN_OUTBOX_DAYS'
    | 'LEERKANS_RETAIN_EVENTS_DAYS'
    | 'LEERKANS_RETAIN_AUDIT_DAYS'
  >,
): RetentionPolicy {
  return {
    conversations: config.LEERKANS_RETAIN_CONVERSATIONS_DAYS,
    reflections: config.LEERKANS_RETAIN_REFLECTIONS_DAYS,
    deletedReflections: config.LEERKANS_RETAIN_DELETED_REFLECTIONS_DAYS,
    assessments: config.LEERKANS_RETAIN_ASSESSMENTS_DAYS,
    shifts: config.LEERKANS_RETAIN_SHIFTS_DAYS,
    outbox: config.LEERKANS_RETAIN_OUTBOX_DAYS,
    events: config.LEERKANS_RETAIN_EVENTS_DAYS,
    audit: config.LEERKANS_RETAIN_AUDIT_DAYS,
  };
}

const DAY_MS = 86_400_000;

export function retentionCutoffs(policy: RetentionPolicy, now: Date): RetentionCutoffs {
  const before = (days: number) => new Date(now.getTime() - days * DAY_MS);
  return {
    conversations: before(policy.conversations),
    reflections: before(policy.reflections),
    deletedReflections: before(policy.deletedReflections),
    assessments: before(policy.assessments),
    shifts: before(policy.shifts),
    outbox: before(policy.outbox),
    events: before(policy.events),
    audit: before(policy.audit),
    expired: now,
  };
}

export const DEFAULT_RETENTION_BATCH = 1000;

export interface RetentionRunOptions {
  now?: Date;
  logger: Logger;
  batchSize?: number;
  trigger: 'schedule' | 'cli';
  /** The scheduled moment; a run for an occurrence another instance claimed does nothing. */
  occurrence?: Date;
}

export interface RetentionReport {
  runId: number;
  deleted: RetentionCounts;
  batches: number;
}

const add = (into: RetentionCounts, counts: RetentionCounts) => {
  for (const [name, n] of Object.entries(counts) as [keyof RetentionCounts, number][]) {
    into[name] = (into[name] ?? 0) + n;
  }
};

/** Deletes everything past retention; null when the occurrence was claimed by another instance. */
export async function runRetention(
  db: Db,
  policy: RetentionPolicy,
  options: RetentionRunOptions,
): Promise<RetentionReport | null> {
  const now = options.now ?? new Date();
  const started = Date.now();
  const runId = await claimRetentionRun(db, {
    occurrence: options.occurrence ?? null,
    trigger: options.trigger,
    at: now,
  });
  if (runId === null) return null;
  const cutoffs = retentionCutoffs(policy, now);
  const limit = options.batchSize ?? DEFAULT_RETENTION_BATCH;
  const deleted: RetentionCounts = {};
  let batches = 0;
  try {
    for (const step of RETENTION_STEPS) {
      for (;;) {
        const counts = await db.transaction(async (tx) => {
          await lockRetention(tx);
          return deleteRetentionBatch(tx, step, cutoffs, limit);
        });
        batches++;
        add(deleted, counts);
        if ((counts[step] ?? 0) < limit) break;
      }
    }
    await finishRetentionRun(db, runId, deleted, new Date(now.getTime() + (Date.now() - started)));
  } catch (error) {
    await releaseRetentionRun(db, runId).catch(() => undefined);
    throw error;
  }
  options.logger.info(
    { event: 'retention.done', trigger: options.trigger, deleted, batches, ms: Date.now() - started },
    `retention: ${Object.values(deleted).reduce((a, b) => a + b, 0)} rows past retention deleted`,
  );
  return { runId, deleted, batches };
}

/** What a run would delete now (the dry run). */
export async function previewRetention(db: Db, policy: RetentionPolicy, now = new Date()): Promise<RetentionCounts> {
  return countPastRetention(db, retentionCutoffs(policy, now));
}

/** After a failed run, this instance waits this long before claiming again (a broken database is not hammered). */
const RETRY_MS = 10 * 60_000;

/**
 * A work-loop task: runs retention once per occurrence of `cron` (default daily 03:30 in the school's zone). The
 * latest occurrence is claimed in the database, so after downtime the missed run happens at start-up, and with
 * several instances only one of them runs it. Cheap to call every second: the database is asked once per occurrence.
 */
export function createRetentionTask(
  db: Db,
  policy: RetentionPolicy,
  options: { cron: string; zone: string; logger: Logger; now?: () => Date; batchSize?: number },
): () => Promise<RetentionReport | null> {
  let handled: number | undefined;
  let retryAt = 0;
  let warned = false;
  return async () => {
    const now = options.now?.() ?? new Date();
    const occurrence = latestOccurrence(options.cron, options.zone, now);
    if (!occurrence) {
      if (!warned) options.logger.warn({ cron: options.cron }, 'retention: the cron expression cannot be evaluated');
      warned = true;
      return null;
    }
    if (occurrence.getTime() === handled || now.getTime() < retryAt) return null;
    try {
      const report = await runRetention(db, policy, {
        now,
        logger: options.logger,
        trigger: 'schedule',
        occurrence,
        ...(options.batchSize ? { batchSize: options.batchSize } : {}),
      });
      handled = occurrence.getTime();
      return report;
    } catch (error) {
      retryAt = now.getTime() + RETRY_MS;
      throw error;
    }
  };
}
