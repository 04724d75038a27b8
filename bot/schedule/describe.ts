// One line per schedule, for the admin card and `leerkans schedule list`.
import type { ScheduleRow } from '../../db/queries/schedules.js';
import { t } from '../i18n/index.js';
import { hhmm } from './quiet-hours.js';

export function describeSchedule(locale: string, s: ScheduleRow): string {
  const what =
    s.kind === 'after_shift'
      ? t(locale, 'admin.afterShift', { minutes: s.minutesAfterShift ?? 0 })
      : s.kind === 'digest'
        ? t(locale, 'admin.digest', { cron: s.cron ?? '' })
        : t(locale, 'admin.cron', { cron: s.cron ?? '', zone: s.timeZone });
  const target = s.personEmail
    ? t(locale, 'admin.target.person', { email: s.personEmail })
    : s.cohortCode
      ? t(locale, 'admin.target.cohort', { code: s.cohortCode })
      : t(locale, 'admin.target.all');
  const state = t(locale, s.active ? 'admin.state.active' : 'admin.state.paused');
  // Quiet hours are about students' nudges; the digest goes to coaches at the time its cron says.
  const quiet =
    s.kind === 'digest' || s.quietStart === s.quietEnd
      ? ''
      : `, ${t(locale, 'admin.quiet', { start: hhmm(s.quietStart), end: hhmm(s.quietEnd) })}`;
  const reminder = s.reminderMinutes ? `, ${t(locale, 'admin.reminder', { minutes: s.reminderMinutes })}` : '';
  return `${what} · ${target} · ${state}${quiet}${reminder}`;
}
