// Nudge schedules: what admins list, add, pause, resume and remove (chat and CLI), and what the planner reads.
import type { Queryable } from '../db.js';

export type ScheduleKind = 'after_shift' | 'cron' | 'digest';
export type HolidayPolicy = 'default' | 'silence' | 'ignore';

export interface ScheduleRow {
  id: number;
  name: string;
  kind: ScheduleKind;
  cron: string | null;
  minutesAfterShift: number | null;
  timeZone: string;
  quietStart: string;
  quietEnd: string;
  cohortId: number | null;
  cohortCode: string | null;
  personId: number | null;
  personEmail: string | null;
  active: boolean;
  holidayPolicy: HolidayPolicy;
  reminderMinutes: number | null;
  updatedAt: Date;
}

const SELECT = `SELECT s.id, s.name, s.kind, s.cron, s.minutes_after_shift AS "minutesAfterShift",
       s.time_zone AS "timeZone", s.quiet_start::text AS "quietStart", s.quiet_end::text AS "quietEnd",
       s.cohort_id AS "cohortId", c.code AS "cohortCode", s.person_id AS "personId", p.email AS "personEmail",
       s.active, s.holiday_policy AS "holidayPolicy", s.reminder_minutes AS "reminderMinutes",
       s.updated_at AS "updatedAt"
  FROM schedules s LEFT JOIN cohorts c ON c.id = s.cohort_id LEFT JOIN people p ON p.id = s.person_id`;

export async function listSchedules(db: Queryable, options: { includeDigest?: boolean } = {}): Promise<ScheduleRow[]> {
  const r = await db.query<ScheduleRow>(
    `${SELECT} ${options.includeDigest ? '' : "WHERE s.kind <> 'digest'"} ORDER BY s.name`,
  );
  return r.rows;
}

export async function findScheduleByName(db: Queryable, name: string): Promise<ScheduleRow | undefined> {
  const r = await db.query<ScheduleRow>(`${SELECT} WHERE lower(s.name) = lower($1)`, [name]);
  return r.rows[0];
}

/** What an admin gives for a new schedule: a row without what the database sets or joins in. */
export type NewSchedule = Omit<ScheduleRow, 'id' | 'cohortCode' | 'personEmail' | 'active' | 'updatedAt'>;

/** Inserts a schedule; returns null when the name is taken. */
export async function insertSchedule(db: Queryable, s: NewSchedule): Promise<number | null> {
  const r = await db.query<{ id: number }>(
    `INSERT INTO schedules (name, kind, cron, minutes_after_shift, time_zone, quiet_start, quiet_end, cohort_id,
                            person_id, holiday_policy, reminder_minutes)
     VALUES ($1, $2, $3, $4, $5, $6::time, $7::time, $8, $9, $10, $11) ON CONFLICT (name) DO NOTHING RETURNING id`,
    [
      s.name,
      s.kind,
      s.cron,
      s.minutesAfterShift,
      s.timeZone,
      s.quietStart,
      s.quietEnd,
      s.cohortId,
      s.personId,
      s.holidayPolicy,
      s.reminderMinutes,
    ],
  );
  return r.rows[0]?.id ?? null;
}

/** Pauses or resumes; the new updated_at keeps fixed-time moments from the paused period from being caught up. */
export async function setScheduleActive(db: Queryable, id: number, active: boolean): Promise<void> {
  await db.query('UPDATE schedules SET active = $2, updated_at = now() WHERE id = $1', [id, active]);
}

export async function deleteSchedule(db: Queryable, id: number): Promise<void> {
  await db.query('DELETE FROM schedules WHERE id = $1', [id]);
}

export async function findCohortIdByCode(db: Queryable, code: string): Promise<number | undefined> {
  const r = await db.query<{ id: number }>('SELECT id FROM cohorts WHERE lower(code) = lower($1)', [code]);
  return r.rows[0]?.id;
}
