// `leerkans retention --dry-run | --now`: the policy in force, what is past it, and deleting it right away (the
// running bot does the same every day on LEERKANS_RETENTION_CRON).
import type { Config } from '../../bot/config/env.js';
import { type Logger, silentLogger } from '../../bot/log/logger.js';
import { previewRetention, type RetentionPolicy, retentionPolicy, runRetention } from '../../bot/privacy/retention.js';
import type { Db } from '../../db/db.js';
import { type RetentionCounts, recentRetentionRuns } from '../../db/queries/retention.js';
import { type Out, UsageError } from './command.js';

const POLICY_LINES: [keyof RetentionPolicy, string][] = [
  ['conversations', 'unfinished conversations (idle)'],
  ['reflections', 'reflections'],
  ['deletedReflections', 'reflections the student deleted'],
  ['assessments', 'assessments, feedback, feedback requests'],
  ['shifts', 'shifts (after they ended)'],
  ['outbox', 'sent messages and planned nudges'],
  ['events', 'processed event keys'],
  ['audit', 'audit log'],
];

// A Record, so that a new retention step cannot be left out of the printout (the compiler refuses it).
const COUNT_LABELS: Record<keyof RetentionCounts, string> = {
  conversations: 'unfinished conversations',
  deletedReflections: 'deleted reflections',
  reflections: 'reflections',
  reflectionIndicators: '  their confirmed indicators',
  feedback: 'feedback',
  feedbackRatings: '  their further ratings',
  assessments: 'other assessments (self-assessments)',
  feedbackRequests: 'feedback requests',
  shifts: 'shifts',
  shiftNudges: '  their nudges',
  outbox: 'messages (outbox)',
  nudges: 'nudges',
  processedEvents: 'processed event keys',
  audit: 'audit log entries',
  retentionRuns: 'retention run records',
  exportLinks: 'expired download links',
  chartTokens: 'expired chart links',
};
const COUNT_LINES = Object.entries(COUNT_LABELS) as [keyof RetentionCounts, string][];

const table = (counts: RetentionCounts): string[] => {
  const width = Math.max(...COUNT_LINES.map(([, label]) => label.length));
  return COUNT_LINES.map(([name, label]) => `  ${label.padEnd(width)}  ${counts[name] ?? 0}`);
};

export async function retentionCommand(
  db: Db,
  args: { dryRun: boolean; now: boolean },
  out: Out,
  config: Config,
  logger: Logger = silentLogger,
): Promise<void> {
  if (args.dryRun === args.now) throw new UsageError('retention needs exactly one of --dry-run and --now');
  const policy = retentionPolicy(config);
  out('Retention (days; LEERKANS_RETAIN_*):');
  for (const [name, label] of POLICY_LINES) out(`  ${label}: ${policy[name]}`);
  if (args.dryRun) {
    const counts = await previewRetention(db, policy);
    out('Past retention now (nothing deleted: dry run):');
    for (const line of table(counts)) out(line);
    const [last] = await recentRetentionRuns(db, 1);
    out(
      last
        ? `Last run: ${last.started_at.toISOString()} (${last.trigger}${last.finished_at ? '' : ', unfinished'})`
        : 'Last run: never',
    );
    return;
  }
  const report = await runRetention(db, policy, { trigger: 'cli', logger });
  out('Deleted:');
  for (const line of table(report?.deleted ?? {})) out(line);
}
