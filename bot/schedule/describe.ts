// One line per schedule, for the admin card and `leerkans schedule list`.
import type { ScheduleRow } from '../../db/queries/schedules.js';
import { t } from '../i18n/index.js';
import { hhmm } from './quiet-hours.js';

export function describeSchedule(locale: string, s: ScheduleRow): string {
  const what =
    s.kind === 'after_shift'
      ? t(locale, 'admin.afterShift', { minutes: s.minutes_after_shift ?? 0 })
      : s.kind === 'digest'
        ? t(locale, 'admin.digest', { cron: s.cron ?? '' })
        : t(locale, 'admin.cron', { cron: s.cron ?? '', zone: s.time_zone });
  const target = s.person_email
    ? t(locale, 'admin.target.person', { email: s.person_email })
    : s.cohort_code
      ? t(locale, 'admin.target.cohort', { code: s.cohort_code })
      : t(locale, 'admin.target.all');
  const state = t(locale, s.active ? 'admin.state.active' : 'admin.state.paused');
  // Quiet hours are about students' nudges; the digest goes to coaches at the time its cron says.
  const quiet =
    s.kind === 'digest' || s.quiet_start === s.quiet_end
      ? ''
      : `, ${t(locale, 'admin.quiet', { start: hhmm(s.quiet_start), end: hhmm(s.quiet_end) })}`;
  const reminder = s.reminder_minutes ? `, ${t(locale, 'admin.reminder', { minutes: s.reminder_minutes })}` : '';
  return `${what} · ${target} · ${state}${quiet}${reminder}`;
}
