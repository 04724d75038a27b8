// Plans due digests into the outbox. For every active digest schedule (default Monday 08:00) and every coach, the
// schedule's latest occurrence is evaluated in the coach's own time zone; once it has passed (and for a while
// after: catch-up after downtime) the digest is planned once per ISO week with the dedupe key
// `digest:<schedule>:<coach>:<ISO week>` (INSERT … ON CONFLICT DO NOTHING), so several instances plan it once.
// Mentors with pending requests get their weekly card on the same schedule; reminders are planned every round.
import { DateTime } from 'luxon';
import type { Db } from '../../db/db.js';
import { deleteExpiredChartTokens } from '../../db/queries/chart-tokens.js';
import { activeDigestSchedules, type DigestScheduleRow, digestCoaches, plannedKeys } from '../../db/queries/digest.js';
import { mentorsWithPendingRequests } from '../../db/queries/mentor-reminders.js';
import { enqueueOutbox } from '../../db/queries/outbox.js';
import { expireUnassignedRequests } from '../../db/queries/request-access.js';
import { zoneOr } from '../core/time.js';
import { latestOccurrence } from '../schedule/cron.js';
import type { Logger } from '../log/logger.js';
import { buildCoachDigest, type DigestDeps } from './build.js';
import { mentorWeeklyCard, planMentorReminders } from './mentor.js';

/** A digest missed by more than this (the bot was down) is skipped until the next occurrence. */
export const DIGEST_CATCH_UP_MS = 3 * 86_400_000;

export interface DigestPlannerDeps extends DigestDeps {
  logger: Logger;
  now?: () => Date;
  reminderDays?: number;
  catchUpMs?: number;
}

export const isoWeek = (at: Date, zone: string): string => {
  const d = DateTime.fromJSDate(at, { zone });
  return `${d.weekYear}-W${String(d.weekNumber).padStart(2, '0')}`;
};

interface Due {
  key: string;
  personId: number;
}

function dueFor<T extends { id: number; timeZone: string }>(
  schedule: DigestScheduleRow,
  people: readonly T[],
  prefix: string,
  now: Date,
  catchUpMs: number,
  logger: Logger,
): (Due & { person: T })[] {
  const out: (Due & { person: T })[] = [];
  for (const person of people) {
    const zone = zoneOr(person.timeZone, 'Europe/Brussels');
    const at = latestOccurrence(schedule.cron, zone, now);
    if (!at) {
      logger.warn({ scheduleId: schedule.id, cron: schedule.cron }, 'digest schedule has an invalid cron expression');
      return [];
    }
    if (now.getTime() - at.getTime() > catchUpMs) continue;
    out.push({ key: `${prefix}:${schedule.id}:${person.id}:${isoWeek(at, zone)}`, personId: person.id, person });
  }
  return out;
}

export async function planDueDigests(db: Db, deps: DigestPlannerDeps): Promise<number> {
  const now = deps.now?.() ?? new Date();
  const catchUpMs = deps.catchUpMs ?? DIGEST_CATCH_UP_MS;
  let planned = 0;
  // Weekly cards and reminders go only to mentors and teachers still assigned to the student.
  await expireUnassignedRequests(db, now.toISOString().slice(0, 10));
  for (const schedule of await activeDigestSchedules(db)) {
    const coaches = await digestCoaches(db, now.toISOString().slice(0, 10), { cohortId: schedule.cohortId });
    const due = dueFor(schedule, coaches, 'digest', now, catchUpMs, deps.logger);
    const done = await plannedKeys(
      db,
      due.map((d) => d.key),
    );
    for (const d of due) {
      if (done.has(d.key)) continue;
      const digest = await buildCoachDigest(db, d.person, now, deps);
      if (!digest) continue;
      const id = await enqueueOutbox(db, {
        dedupeKey: d.key,
        personId: d.personId,
        payload: { text: digest.card.fallbackText, card: digest.card },
      });
      if (id !== null) planned++;
    }
    // Mentors' weekly cards follow the schedules that are not limited to one cohort.
    if (schedule.cohortId === null) planned += await planMentorWeekly(db, schedule, now, catchUpMs, deps.logger);
  }
  planned += await planMentorReminders(db, {
    now,
    logger: deps.logger,
    ...(deps.reminderDays ? { reminderDays: deps.reminderDays } : {}),
  });
  await deleteExpiredChartTokens(db, now);
  if (planned > 0) deps.logger.info({ event: 'digest.planned', planned }, 'digests and mentor cards planned');
  return planned;
}

async function planMentorWeekly(
  db: Db,
  schedule: DigestScheduleRow,
  now: Date,
  catchUpMs: number,
  logger: Logger,
): Promise<number> {
  const due = dueFor(schedule, await mentorsWithPendingRequests(db), 'mentor-weekly', now, catchUpMs, logger);
  const done = await plannedKeys(
    db,
    due.map((d) => d.key),
  );
  let planned = 0;
  for (const d of due) {
    if (done.has(d.key)) continue;
    const card = await mentorWeeklyCard(db, d.person, now);
    if (!card) continue;
    const id = await enqueueOutbox(db, {
      dedupeKey: d.key,
      personId: d.personId,
      payload: { text: card.fallbackText, card },
    });
    if (id !== null) planned++;
  }
  return planned;
}

export interface DigestPlanner {
  /** The work loop's task: starts a planning round in the background at most every interval, returns at once. */
  run(): Promise<void>;
  /** Resolves when no round is in progress (shutdown waits for it before closing the database). */
  idle(): Promise<void>;
}

/**
 * Planning runs beside the work loop, not in it: with an LLM a coach's digest takes a while (one call per student),
 * and the outbox must keep sending meanwhile. One round at a time per instance; due digests are rare.
 */
export function createDigestPlanner(db: Db, deps: DigestPlannerDeps, intervalMs = 30_000): DigestPlanner {
  let last = Number.NEGATIVE_INFINITY;
  let round: Promise<void> | undefined;
  return {
    async run() {
      const now = deps.now?.() ?? new Date();
      if (round || now.getTime() - last < intervalMs) return;
      last = now.getTime();
      round = planDueDigests(db, deps)
        .then(() => undefined)
        .catch((error: unknown) => deps.logger.error({ err: error, task: 'plan-digests' }, 'digest planning failed'))
        .finally(() => {
          round = undefined;
        });
    },
    async idle() {
      await round;
    },
  };
}
