import type { nlSchedule } from './nl-schedule.js';

export const enSchedule: Record<keyof typeof nlSchedule, string> = {
  'nudge.title': 'A moment for your shift',
  'nudge.afterShiftAt': 'Your shift at {workplace} is over. What did you learn today? Tell me here, or tap the button.',
  'nudge.afterShift': 'Your shift from {time} is over. What did you learn today? Tell me here, or tap the button.',
  'nudge.fixed': 'Time for a short look back at your work. What did you learn? Tell me here, or tap the button.',
  'nudge.start': 'Start reflecting',
  'nudge.skip': 'Skip today',
  'nudge.alreadyReflected': 'You have already reflected on that shift. Type "reflect" to start a new reflection.',

  'pause.tooFar': 'I cannot pause that far ahead: pick a date within a year (by {date} at the latest).',
  'pause.today': 'Pause for today? Type "skip today". Or pick a date from tomorrow on.',

  'shift.saved':
    'Got it: your shift from {start} to {end}. About {minutes} minutes after it ends I will remind you to reflect.',
  'shift.savedNoNudge': 'Got it: your shift from {start} to {end}.',
  'shift.past':
    'That shift is already over. Tell me about a shift that is still to come or going on now, for example "my shift ends at 5pm".',
  'shift.tooFar': 'I do not note shifts that far ahead: pick a day within a year.',
  'shift.invalid': 'I did not understand that shift. Try "my shift ends at 5pm" or "shift tomorrow 8 to 4pm".',
  'shift.tooLong': 'I do not note a shift longer than 16 hours. Please check the times.',

  'admin.title': 'Admin: reminders',
  'admin.schedules': 'Schedules',
  'admin.noSchedules': 'There are no schedules: nobody gets reminders.',
  'admin.afterShift': '{minutes} min after every shift',
  'admin.cron': 'cron "{cron}" ({zone})',
  'admin.target.all': 'everyone',
  'admin.target.cohort': 'cohort {code}',
  'admin.target.person': '{email}',
  'admin.state.active': 'active',
  'admin.state.paused': 'paused',
  'admin.quiet': 'quiet hours {start}–{end}',
  'admin.health': 'Delivery',
  'admin.healthLine': 'queued: {queued} · sent: {sent} · failed: {failed} · unreachable: {unreachable}',
  'admin.problems': 'Problems',
  'admin.next': 'Next reminders',
  'admin.noneNext': 'No reminders planned in the next 24 hours.',
  'admin.pause': 'Pause {name}',
  'admin.resume': 'Resume {name}',
  'admin.refresh': 'Refresh',
  'admin.usage':
    'Admin: "admin" (overview), "admin schedule pause NAME", "admin schedule resume NAME", "admin schedule remove NAME", "admin schedule after-shift NAME MINUTES [cohort CODE]", "admin schedule cron NAME "0 17 * * 1-5" [cohort CODE]", "admin holiday 2026-12-24 [NAME]", "admin health".',
  'admin.done.paused': 'Schedule {name} is paused.',
  'admin.done.resumed': 'Schedule {name} is active again.',
  'admin.done.removed': 'Schedule {name} was removed.',
  'admin.done.added': 'Schedule {name} was added.',
  'admin.done.holiday': 'Holiday {date} added.',
  'admin.error': 'That did not work: {reason}',
  'admin.unknownSchedule': 'There is no schedule called "{name}".',
};
