// `leerkans health`: delivery health per cohort, the people with failed or undeliverable messages and why, and the
// nudges planned for the next 24 hours.
import { DateTime } from 'luxon';
import type { Config } from '../../bot/config/env.js';
import { silentLogger } from '../../bot/log/logger.js';
import { createNudgePlanner } from '../../bot/schedule/planner.js';
import type { Db } from '../../db/db.js';
import { emailsByIds, healthByCohort, healthProblems, healthTotals } from '../../db/queries/delivery-health.js';

export async function healthCommand(
  db: Db,
  _args: Record<string, never>,
  out: (text: string) => void,
  config: Pick<Config, 'LEERKANS_TIMEZONE'>,
): Promise<void> {
  const totals = await healthTotals(db);
  out(
    `Delivery: queued ${totals.queued}, sent ${totals.sent}, failed ${totals.failed}, unreachable people ${totals.unreachable}`,
  );
  out('');
  out('cohort\tqueued\tsent\tfailed\tunreachable');
  for (const c of await healthByCohort(db)) out(`${c.cohort}\t${c.queued}\t${c.sent}\t${c.failed}\t${c.unreachable}`);
  const problems = await healthProblems(db, 200);
  out('');
  out(problems.length === 0 ? 'No delivery problems.' : 'Problems (person, cohorts, failed, reason):');
  for (const p of problems) {
    const reason = p.unreachableReason ? `unreachable (${p.unreachableReason})` : (p.lastError ?? '');
    out(`${p.email}\t${p.cohorts || '-'}\t${p.failed}\t${reason}`);
  }
  const planner = createNudgePlanner({ db, logger: silentLogger, defaultTimeZone: config.LEERKANS_TIMEZONE });
  const upcoming = await planner.upcoming(24);
  const emails = await emailsByIds(
    db,
    upcoming.map((u) => u.personId),
  );
  out('');
  out(upcoming.length === 0 ? 'No nudges planned in the next 24 hours.' : 'Next nudges (next 24 hours):');
  for (const u of upcoming.slice(0, 100)) {
    const at = DateTime.fromJSDate(u.dueAt, { zone: config.LEERKANS_TIMEZONE }).toFormat('yyyy-LL-dd HH:mm');
    out(`${at}\t${emails.get(u.personId) ?? u.personId}\t${u.scheduleName}`);
  }
  if (upcoming.length > 100) out(`… and ${upcoming.length - 100} more`);
}
