// The nudge planner: on every tick it works out which nudges are due and writes them into the outbox with a
// deterministic key (nudges and outbox, INSERT … ON CONFLICT DO NOTHING), so any number of instances plan each
// nudge once. It reads the state of the database each time rather than remembering the last tick, so a restart
// catches up by itself: a moment missed while the bot was down is still planned within the catch-up window and
// recorded as dropped after it. Digest schedules are planned by the digest, not here.
import type { Queryable } from '../../db/db.js';
import { holidaysBetween } from '../../db/queries/holidays.js';
import {
  existingNudgeKeys,
  type NudgeTarget,
  type PlannedNudge,
  recordNudges,
  reminderCandidates,
  scheduleTargets,
  shiftNudgeCandidates,
} from '../../db/queries/nudges.js';
import { type HolidayPolicy, listSchedules, type ScheduleRow } from '../../db/queries/schedules.js';
import { zoneOr } from '../core/time.js';
import type { Logger } from '../log/logger.js';
import { cronOccurrences } from './cron.js';
import { decideNudge, nudgeKey, type StudentState } from './decide.js';
import { type HolidayCalendar, holidayCalendar } from './holiday-calendar.js';
import { nudgeMessage } from './nudge-card.js';

export const DEFAULT_CATCH_UP_MS = 6 * 3600_000;
/** Quiet hours can hold a nudge back for up to a day: look back that much further than the catch-up window. */
const QUIET_HOLD_MS = 24 * 3600_000;
const BATCH = 1000;
const DAY_MS = 24 * 3600_000;

export interface PlanResult {
  planned: number;
  dropped: number;
}

export interface UpcomingNudge {
  scheduleName: string;
  personId: number;
  shiftId: number | null;
  dueAt: Date;
}

export interface NudgePlanner {
  tick(): Promise<PlanResult>;
  /** The nudges that will be planned in the next `hours` (nothing is written). */
  upcoming(hours?: number): Promise<UpcomingNudge[]>;
}

export interface NudgePlannerOptions {
  db: Queryable;
  logger: Logger;
  now?: () => Date;
  catchUpMs?: number;
  defaultTimeZone?: string;
  /** Called with the number of nudges this instance recorded as dropped (for /metrics). */
  onDropped?: (count: number) => void;
}

const isoDay = (at: Date) => at.toISOString().slice(0, 10);

export function createNudgePlanner(options: NudgePlannerOptions): NudgePlanner {
  const { db, logger } = options;
  const now = options.now ?? (() => new Date());
  const catchUpMs = options.catchUpMs ?? DEFAULT_CATCH_UP_MS;
  const fallbackZone = options.defaultTimeZone ?? 'Europe/Brussels';
  // Fixed-time keys this instance saw written (by anyone): saves asking the database again every minute.
  const knownKeys = new Map<string, number>();
  // Fixed-time moments fully handled for every target (none held back by quiet hours): not looked at again, so a
  // steady tick does not read 10,000 students each minute for a moment that is done.
  const doneOccurrences = new Map<string, number>();

  const studentOf = (t: NudgeTarget): StudentState => ({
    zone: zoneOr(t.timeZone, fallbackZone),
    pausedUntil: t.pausedUntil,
    skipOn: t.skipOn,
    cohortIds: t.cohortIds,
  });

  const calendarAround = async (from: Date, to: Date): Promise<HolidayCalendar> =>
    holidayCalendar(
      await holidaysBetween(db, isoDay(new Date(from.getTime() - DAY_MS)), isoDay(new Date(to.getTime() + DAY_MS))),
    );

  const quietOf = (s: { quietStart: string; quietEnd: string }) => ({ start: s.quietStart, end: s.quietEnd });

  /** Whether and when a nudge or reminder after a shift goes: the student's pauses, quiet hours and holidays. */
  const afterShiftDecision = (
    c: NudgeTarget & { quietStart: string; quietEnd: string; holidayPolicy: HolidayPolicy },
    occurrence: Date,
    at: Date,
    calendar: HolidayCalendar,
  ) =>
    decideNudge({
      occurrence,
      kind: 'after_shift',
      student: studentOf(c),
      quiet: quietOf(c),
      holidayPolicy: c.holidayPolicy,
      holidays: calendar,
      now: at,
      catchUpMs,
    });

  /** Shift nudges: one per shift, at end + N minutes, for shifts ending in the window. */
  const shiftNudges = async (at: Date, from: Date, calendar: HolidayCalendar, horizon: Date) => {
    const out: (PlannedNudge & { waiting: boolean; scheduleName?: string })[] = [];
    for (const c of await shiftNudgeCandidates(db, from, horizon)) {
      const student = studentOf(c);
      const occurrence = new Date(c.endsAt.getTime() + c.minutesAfterShift * 60_000);
      const decision = afterShiftDecision(c, occurrence, at, calendar);
      if (decision.state === 'silent') continue;
      out.push({
        dedupeKey: nudgeKey(c.scheduleId, c.personId, `shift${c.shiftId}`),
        scheduleId: c.scheduleId,
        personId: c.personId,
        shiftId: c.shiftId,
        occurrence,
        dueAt: decision.dueAt,
        status: decision.state === 'dropped' ? 'dropped' : 'planned',
        waiting: decision.state === 'waiting',
        payload: nudgeMessage(c.locale, {
          id: c.shiftId,
          workplace: c.workplace,
          startsAt: c.startsAt,
          endsAt: c.endsAt,
          zone: student.zone,
        }),
      });
    }
    return out;
  };

  /** At most one reminder per shift, after a delivered nudge nobody answered. */
  const reminders = async (at: Date, from: Date, calendar: HolidayCalendar) => {
    const out: PlannedNudge[] = [];
    for (const c of await reminderCandidates(db, from, at)) {
      const student = studentOf(c);
      const occurrence = new Date(c.dueAt.getTime() + c.reminderMinutes * 60_000);
      const decision = afterShiftDecision(c, occurrence, at, calendar);
      if (decision.state === 'silent' || decision.state === 'waiting') continue;
      out.push({
        dedupeKey: `${c.nudgeKey}:reminder`,
        kind: 'reminder',
        scheduleId: c.scheduleId,
        personId: c.personId,
        shiftId: c.shiftId,
        occurrence,
        dueAt: decision.dueAt,
        status: decision.state,
        payload: nudgeMessage(
          c.locale,
          { id: c.shiftId, workplace: c.workplace, startsAt: c.startsAt, endsAt: c.endsAt, zone: student.zone },
          { reminder: true },
        ),
      });
    }
    return out;
  };

  /** Fixed-time nudges: every occurrence of the cron in its zone, for every student the schedule targets. */
  const cronNudges = async (
    schedule: ScheduleRow,
    at: Date,
    from: Date,
    calendar: HolidayCalendar,
    horizon: Date,
    /** Receives the moments that are done once these nudges are written (unset: nothing is remembered). */
    completed?: [string, number][],
  ) => {
    // Moments from before the schedule was added or last resumed are not caught up.
    const since = new Date(Math.max(from.getTime(), new Date(schedule.updatedAt).getTime()));
    const occurrences = cronOccurrences(schedule.cron!, schedule.timeZone, since, horizon).filter(
      (o) => !doneOccurrences.has(`${schedule.id}:${o.toISOString()}`),
    );
    if (occurrences.length === 0) return [];
    const targets = await scheduleTargets(db, { cohortId: schedule.cohortId, personId: schedule.personId });
    const out: (PlannedNudge & { waiting: boolean })[] = [];
    for (const occurrence of occurrences) {
      const stamp = occurrence.toISOString();
      let waiting = false;
      for (const target of targets) {
        const dedupeKey = nudgeKey(schedule.id, target.personId, stamp);
        if (knownKeys.has(dedupeKey)) continue;
        const decision = decideNudge({
          occurrence,
          kind: 'cron',
          student: studentOf(target),
          quiet: quietOf(schedule),
          holidayPolicy: schedule.holidayPolicy,
          holidays: calendar,
          now: at,
          catchUpMs,
        });
        if (decision.state === 'silent') continue;
        if (decision.state === 'waiting') waiting = true;
        out.push({
          dedupeKey,
          scheduleId: schedule.id,
          personId: target.personId,
          shiftId: null,
          occurrence,
          dueAt: decision.dueAt,
          status: decision.state === 'dropped' ? 'dropped' : 'planned',
          waiting: decision.state === 'waiting',
          payload: nudgeMessage(target.locale, null),
        });
      }
      if (!waiting) completed?.push([`${schedule.id}:${stamp}`, occurrence.getTime()]);
    }
    return out;
  };

  const write = async (due: PlannedNudge[]): Promise<PlanResult> => {
    const total = { planned: 0, dropped: 0 };
    for (let i = 0; i < due.length; i += BATCH) {
      const batch = due.slice(i, i + BATCH);
      const fresh = await existingNudgeKeys(
        db,
        batch.map((n) => n.dedupeKey),
      ).then((seen) => batch.filter((n) => !seen.has(n.dedupeKey)));
      const r = fresh.length > 0 ? await recordNudges(db, fresh) : { planned: 0, dropped: 0 };
      total.planned += r.planned;
      total.dropped += r.dropped;
      for (const n of batch) if (n.shiftId === null) knownKeys.set(n.dedupeKey, n.occurrence.getTime());
    }
    return total;
  };

  return {
    async tick() {
      const at = now();
      const from = new Date(at.getTime() - catchUpMs - QUIET_HOLD_MS);
      for (const [key, occurrence] of knownKeys) if (occurrence <= from.getTime()) knownKeys.delete(key);
      for (const [key, occurrence] of doneOccurrences) if (occurrence <= from.getTime()) doneOccurrences.delete(key);
      const calendar = await calendarAround(from, at);
      const schedules = (await listSchedules(db)).filter((s) => s.kind === 'cron' && s.active && s.cron);
      const candidates = [...(await shiftNudges(at, from, calendar, at))];
      const completed: [string, number][] = [];
      for (const schedule of schedules) {
        try {
          candidates.push(...(await cronNudges(schedule, at, from, calendar, at, completed)));
        } catch (error) {
          // One bad schedule (a zone that vanished) must not stop the others.
          logger.error({ err: error, schedule: schedule.name }, 'nudge planner: schedule skipped');
        }
      }
      const due = [...candidates.filter((c) => !c.waiting), ...(await reminders(at, from, calendar))];
      const result = await write(due);
      for (const [key, occurrence] of completed) doneOccurrences.set(key, occurrence);
      if (result.dropped > 0) {
        options.onDropped?.(result.dropped);
        logger.warn(
          { event: 'nudges.dropped', count: result.dropped },
          'nudges older than the catch-up window dropped',
        );
      }
      if (result.planned > 0) logger.info({ event: 'nudges.planned', count: result.planned }, 'nudges planned');
      logger.debug({ event: 'nudges.tick', ...result, ms: Date.now() - at.getTime() }, 'nudge planner tick');
      return result;
    },

    async upcoming(hours = 24) {
      const at = now();
      const horizon = new Date(at.getTime() + hours * 3600_000);
      const from = new Date(at.getTime() - QUIET_HOLD_MS);
      const calendar = await calendarAround(from, horizon);
      const all = await listSchedules(db);
      const names = new Map(all.map((s) => [s.id, s.name]));
      // Decided as if it were the horizon: everything due by then counts, nothing is "dropped".
      const list = [...(await shiftNudges(at, from, calendar, horizon))];
      for (const schedule of all.filter((s) => s.kind === 'cron' && s.active && s.cron)) {
        list.push(...(await cronNudges(schedule, at, at, calendar, horizon)));
      }
      return list
        .filter((n) => n.waiting && n.dueAt <= horizon && n.dueAt > at)
        .map((n) => ({
          scheduleName: names.get(n.scheduleId) ?? '',
          personId: n.personId,
          shiftId: n.shiftId,
          dueAt: n.dueAt,
        }))
        .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
    },
  };
}
