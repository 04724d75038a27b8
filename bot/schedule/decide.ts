// Whether a schedule's moment for one student becomes a nudge, and when: pause and "skip today" (in the student's
// own zone), holidays by the schedule's policy, quiet hours, and the catch-up window. Pure, so the rules are
// tested without a clock or a database.
import type { HolidayPolicy } from '../../db/queries/schedules.js';
import { localDate } from '../core/time.js';
import type { HolidayCalendar } from './holiday-calendar.js';
import { outsideQuietHours, type QuietHours } from './quiet-hours.js';

export interface StudentState {
  zone: string;
  pausedUntil: string | null;
  skipOn: string | null;
  cohortIds: readonly number[];
}

export type Decision =
  | { state: 'silent'; reason: 'paused' | 'skipped' | 'holiday' }
  /** Due later (moved out of quiet hours, or not yet): nothing to write now. */
  | { state: 'waiting'; dueAt: Date }
  | { state: 'planned'; dueAt: Date }
  | { state: 'dropped'; dueAt: Date };

export function decideNudge(input: {
  occurrence: Date;
  kind: 'after_shift' | 'cron';
  student: StudentState;
  quiet: QuietHours;
  holidayPolicy: HolidayPolicy;
  holidays: HolidayCalendar;
  now: Date;
  catchUpMs: number;
}): Decision {
  const { occurrence, student } = input;
  const day = localDate(occurrence, student.zone);
  // "pauze tot 5 januari": nothing for moments before 5 January; nudges are back on that day.
  if (student.pausedUntil && day < student.pausedUntil) return { state: 'silent', reason: 'paused' };
  // A holiday silences fixed-time nudges; a shift nudge follows the shift unless the admin says otherwise.
  const holidaysCount =
    input.holidayPolicy === 'silence' || (input.holidayPolicy === 'default' && input.kind === 'cron');
  if (holidaysCount && input.holidays.isHoliday(day, student.cohortIds)) return { state: 'silent', reason: 'holiday' };
  const dueAt = outsideQuietHours(occurrence, student.zone, input.quiet);
  if (student.skipOn && (day === student.skipOn || localDate(dueAt, student.zone) === student.skipOn)) {
    return { state: 'silent', reason: 'skipped' };
  }
  if (dueAt > input.now) return { state: 'waiting', dueAt };
  if (input.now.getTime() - dueAt.getTime() > input.catchUpMs) return { state: 'dropped', dueAt };
  return { state: 'planned', dueAt };
}

/** nudge:<schedule>:<person>:<occurrence>; a shift nudge's occurrence is its shift, a fixed one its instant. */
export const nudgeKey = (scheduleId: number, personId: number, occurrence: string): string =>
  `nudge:${scheduleId}:${personId}:${occurrence}`;
