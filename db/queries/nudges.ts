// What the nudge planner reads (shifts that ended, students a fixed-time schedule targets) and writes (a nudge row
// and its outbox message, in one statement, deduplicated by key and by shift), and what a nudge answer looks up.
import type { Queryable } from '../db.js';
import type { HolidayPolicy } from './schedules.js';

/** What the planner needs to know about a student. */
export interface NudgeTarget {
  personId: number;
  timeZone: string;
  locale: string;
  /** YYYY-MM-DD or null. */
  pausedUntil: string | null;
  skipOn: string | null;
  cohortIds: number[];
}

export interface ShiftCandidate extends NudgeTarget {
  shiftId: number;
  startsAt: Date;
  endsAt: Date;
  workplace: string;
  scheduleId: number;
  minutesAfterShift: number;
  quietStart: string;
  quietEnd: string;
  holidayPolicy: HolidayPolicy;
}

const TARGET_COLUMNS = `p.id AS "personId", p.time_zone AS "timeZone", p.locale,
       to_char(p.nudges_paused_until, 'YYYY-MM-DD') AS "pausedUntil", to_char(p.skip_nudges_on, 'YYYY-MM-DD') AS "skipOn",
       coalesce((SELECT array_agg(m.cohort_id ORDER BY m.cohort_id) FROM cohort_members m WHERE m.person_id = p.id),
                '{}') AS "cohortIds"`;

/**
 * Shifts whose nudge moment (end + the student's after-shift schedule) lies in (from, to] and that have no nudge
 * yet and no reflection. A student's after-shift schedule is the most specific one (person, then cohort, then the
 * organisation), so two schedules never nudge one shift twice; a paused most-specific schedule means no nudge.
 */
export async function shiftNudgeCandidates(db: Queryable, from: Date, to: Date): Promise<ShiftCandidate[]> {
  const r = await db.query<ShiftCandidate>(
    `SELECT sh.id AS "shiftId", sh.starts_at AS "startsAt", sh.ends_at AS "endsAt", sh.workplace, ${TARGET_COLUMNS},
            sc.id AS "scheduleId", sc.minutes_after_shift AS "minutesAfterShift", sc.quiet_start::text AS "quietStart",
            sc.quiet_end::text AS "quietEnd", sc.holiday_policy AS "holidayPolicy"
       FROM shifts sh
       JOIN people p ON p.id = sh.person_id AND 'student' = ANY (p.roles)
       CROSS JOIN LATERAL (
         SELECT s.* FROM schedules s
          WHERE s.kind = 'after_shift'
            AND (s.person_id = p.id
                 OR s.cohort_id IN (SELECT m.cohort_id FROM cohort_members m WHERE m.person_id = p.id)
                 OR (s.person_id IS NULL AND s.cohort_id IS NULL))
          ORDER BY (s.person_id IS NOT NULL) DESC, (s.cohort_id IS NOT NULL) DESC, s.id
          LIMIT 1) sc
      WHERE sh.ends_at > $1::timestamptz - interval '1440 minutes' AND sh.ends_at <= $2::timestamptz
        AND sc.active
        AND sh.ends_at + make_interval(mins => sc.minutes_after_shift) > $1::timestamptz
        AND sh.ends_at + make_interval(mins => sc.minutes_after_shift) <= $2::timestamptz
        AND NOT EXISTS (SELECT 1 FROM nudges n WHERE n.shift_id = sh.id AND n.kind = 'nudge')
        AND NOT EXISTS (SELECT 1 FROM reflections r WHERE r.shift_id = sh.id AND r.deleted_at IS NULL)
      ORDER BY sh.id`,
    [from.toISOString(), to.toISOString()],
  );
  return r.rows;
}

export interface ReminderCandidate extends NudgeTarget {
  nudgeKey: string;
  scheduleId: number;
  shiftId: number;
  dueAt: Date;
  startsAt: Date;
  endsAt: Date;
  workplace: string;
  reminderMinutes: number;
  quietStart: string;
  quietEnd: string;
  holidayPolicy: HolidayPolicy;
}

/**
 * Shift nudges that were delivered and not answered, whose reminder moment (the nudge's moment + the schedule's
 * reminder minutes) lies in (from, to]: no reflection on that shift, none in progress, no reminder yet.
 */
export async function reminderCandidates(db: Queryable, from: Date, to: Date): Promise<ReminderCandidate[]> {
  const r = await db.query<ReminderCandidate>(
    `SELECT n.dedupe_key AS "nudgeKey", n.schedule_id AS "scheduleId", n.shift_id AS "shiftId", n.due_at AS "dueAt",
            sh.starts_at AS "startsAt", sh.ends_at AS "endsAt", sh.workplace, ${TARGET_COLUMNS},
            sc.reminder_minutes AS "reminderMinutes", sc.quiet_start::text AS "quietStart",
            sc.quiet_end::text AS "quietEnd", sc.holiday_policy AS "holidayPolicy"
       FROM nudges n
       JOIN schedules sc ON sc.id = n.schedule_id AND sc.active AND sc.reminder_minutes IS NOT NULL
       JOIN shifts sh ON sh.id = n.shift_id
       JOIN people p ON p.id = n.person_id
       JOIN outbox o ON o.dedupe_key = n.dedupe_key AND o.status = 'sent'
      WHERE n.kind = 'nudge' AND n.status = 'planned'
        AND n.due_at > $1::timestamptz - interval '1440 minutes' AND n.due_at <= $2::timestamptz
        AND n.due_at + make_interval(mins => sc.reminder_minutes) > $1::timestamptz
        AND n.due_at + make_interval(mins => sc.reminder_minutes) <= $2::timestamptz
        AND NOT EXISTS (SELECT 1 FROM nudges r WHERE r.shift_id = n.shift_id AND r.kind = 'reminder')
        AND NOT EXISTS (SELECT 1 FROM reflections rf WHERE rf.shift_id = n.shift_id AND rf.deleted_at IS NULL)
        AND NOT EXISTS (SELECT 1 FROM conversations c WHERE c.person_id = n.person_id AND c.flow = 'reflection')
      ORDER BY n.id`,
    [from.toISOString(), to.toISOString()],
  );
  return r.rows;
}

/** The students a fixed-time schedule reaches: everyone, a cohort's members or one person. */
export async function scheduleTargets(
  db: Queryable,
  scope: { cohortId: number | null; personId: number | null },
): Promise<NudgeTarget[]> {
  const r = await db.query<NudgeTarget>(
    `SELECT ${TARGET_COLUMNS} FROM people p
      WHERE 'student' = ANY (p.roles)
        AND ($1::int IS NULL OR p.id IN (SELECT m.person_id FROM cohort_members m WHERE m.cohort_id = $1))
        AND ($2::int IS NULL OR p.id = $2)
      ORDER BY p.id`,
    [scope.cohortId, scope.personId],
  );
  return r.rows;
}

/** Which of these nudge keys were planned or dropped before. */
export async function existingNudgeKeys(db: Queryable, keys: readonly string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const r = await db.query<{ dedupe_key: string }>(
    'SELECT dedupe_key FROM nudges WHERE dedupe_key = ANY ($1::text[])',
    [keys],
  );
  return new Set(r.rows.map((x) => x.dedupe_key));
}

export interface PlannedNudge {
  dedupeKey: string;
  /** Default 'nudge'. */
  kind?: 'nudge' | 'reminder';
  scheduleId: number;
  personId: number;
  shiftId: number | null;
  occurrence: Date;
  dueAt: Date;
  status: 'planned' | 'dropped';
  /** The outbox payload (an Outbound); unused for dropped nudges. */
  payload: unknown;
}

/**
 * Records nudges and puts the planned ones in the outbox, in one statement: a nudge row that already exists (same
 * key, or a nudge for the same shift) plans nothing, so any number of planners plan each nudge once. Rows go in
 * key order, so concurrent planners take the same locks in the same order. Returns the rows this call wrote.
 */
export async function recordNudges(
  db: Queryable,
  nudges: readonly PlannedNudge[],
): Promise<{ planned: number; dropped: number }> {
  if (nudges.length === 0) return { planned: 0, dropped: 0 };
  const input = [...nudges]
    .sort((a, b) => (a.dedupeKey < b.dedupeKey ? -1 : a.dedupeKey > b.dedupeKey ? 1 : 0))
    .map((n, ord) => ({
      ord,
      dedupe_key: n.dedupeKey,
      kind: n.kind ?? 'nudge',
      schedule_id: n.scheduleId,
      person_id: n.personId,
      shift_id: n.shiftId,
      occurrence: n.occurrence.toISOString(),
      due_at: n.dueAt.toISOString(),
      status: n.status,
      payload: n.status === 'planned' ? n.payload : null,
    }));
  const r = await db.query<{ status: string; n: number }>(
    `WITH input AS (
       SELECT * FROM jsonb_to_recordset($1::jsonb)
         AS x(ord int, dedupe_key text, kind text, schedule_id int, person_id int, shift_id int, occurrence timestamptz,
              due_at timestamptz, status text, payload jsonb)),
     n AS (
       INSERT INTO nudges (dedupe_key, kind, schedule_id, person_id, shift_id, occurrence, due_at, status)
       SELECT dedupe_key, kind, schedule_id, person_id, shift_id, occurrence, due_at, status FROM input ORDER BY ord
       ON CONFLICT DO NOTHING
       RETURNING dedupe_key, status),
     o AS (
       INSERT INTO outbox (dedupe_key, person_id, payload, next_attempt_at)
       SELECT i.dedupe_key, i.person_id, i.payload, i.due_at FROM input i JOIN n ON n.dedupe_key = i.dedupe_key
        WHERE n.status = 'planned' ORDER BY i.ord
       ON CONFLICT (dedupe_key) DO NOTHING
       RETURNING id)
     SELECT status, count(*)::int AS n FROM n GROUP BY status`,
    [JSON.stringify(input)],
  );
  const count = (status: string) => r.rows.find((x) => x.status === status)?.n ?? 0;
  return { planned: count('planned'), dropped: count('dropped') };
}

/** Nudges dropped because their moment passed longer ago than the catch-up window (for /metrics). */
export async function countDroppedNudges(db: Queryable): Promise<number> {
  const r = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM nudges WHERE status = 'dropped'`);
  return r.rows[0]?.n ?? 0;
}

/**
 * The nudge a text answers: one delivered in the 24 hours before `now` with no reflection saved since. `shiftId`
 * is the shift it was about (null for a fixed-time nudge).
 */
export async function openNudge(
  db: Queryable,
  personId: number,
  now: Date,
): Promise<{ shiftId: number | null } | null> {
  const r = await db.query<{ shift_id: number | null }>(
    `SELECT n.shift_id FROM outbox o LEFT JOIN nudges n ON n.dedupe_key = o.dedupe_key
      WHERE o.person_id = $1 AND o.dedupe_key LIKE 'nudge:%' AND o.status = 'sent'
        AND o.sent_at > $2::timestamptz - interval '24 hours' AND o.sent_at <= $2::timestamptz
        AND NOT EXISTS (SELECT 1 FROM reflections r WHERE r.person_id = $1 AND r.created_at >= o.sent_at)
      ORDER BY o.sent_at DESC LIMIT 1`,
    [personId, now],
  );
  const row = r.rows[0];
  return row ? { shiftId: row.shift_id } : null;
}

/** The shift, when it is this person's (a nudge button's data is untrusted). */
export async function ownShift(
  db: Queryable,
  personId: number,
  shiftId: number,
): Promise<{ id: number; reflected: boolean } | undefined> {
  const r = await db.query<{ id: number; reflected: boolean }>(
    `SELECT s.id, EXISTS (SELECT 1 FROM reflections r WHERE r.shift_id = s.id AND r.deleted_at IS NULL) AS reflected
       FROM shifts s WHERE s.id = $1 AND s.person_id = $2`,
    [shiftId, personId],
  );
  return r.rows[0];
}
