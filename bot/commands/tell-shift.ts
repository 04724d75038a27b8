// "mijn shift eindigt om 17u", "shift morgen 8-16": the student tells a shift, so the nudge comes after it. Times
// are the student's own local times; a shift that is over, longer than 16 hours or more than a year ahead is
// refused with a clear answer.
import { DateTime } from 'luxon';
import { afterShiftMinutesFor, saveToldShift, shiftOverlapping } from '../../db/queries/told-shifts.js';
import { zoneOr } from '../core/time.js';
import { refusal, reply, type TurnContext, type TurnResult } from '../core/turn.js';
import { t } from '../i18n/index.js';
import { resolveDateSpec } from './dates.js';
import { latestDate } from './pause.js';
import { isStudent } from './reflect.js';
import type { ClockTime, ShiftSpec } from './shift-text.js';

const MAX_SHIFT_HOURS = 16;

export async function tellShiftCommand(ctx: TurnContext, spec: ShiftSpec): Promise<TurnResult> {
  const locale = ctx.person.locale;
  if (!isStudent(ctx)) return refusal(t(locale, 'reflection.studentsOnly'));
  const zone = zoneOr(ctx.person.timeZone, ctx.env.settings.defaultTimeZone);
  const day = spec.day === null ? ctx.today : resolveDateSpec({ kind: 'natural', text: spec.day }, ctx.today, false);
  if (!day) return { replies: [reply(t(locale, 'shift.invalid'))] };
  if (day > latestDate(ctx.today)) return { replies: [reply(t(locale, 'shift.tooFar'))] };
  const base = DateTime.fromISO(day, { zone });
  const at = (c: ClockTime) => base.set({ hour: c.hour, minute: c.minute, second: 0, millisecond: 0 });
  const now = DateTime.fromJSDate(ctx.now, { zone });

  let end = at(spec.end);
  let start: DateTime;
  let existingId: number | undefined;
  if (spec.start) {
    start = at(spec.start);
    if (end <= start) end = end.plus({ days: 1 }); // a night shift, 22-6
  } else {
    // Only the end: the shift of that day gets this end; otherwise it runs from now (or the day's morning).
    const existing = await shiftOverlapping(ctx.db, ctx.person.id, base.startOf('day').toJSDate(), end.toJSDate());
    existingId = existing?.id;
    start = existing
      ? DateTime.fromJSDate(existing.startsAt, { zone })
      : DateTime.max(now < end ? now : end.minus({ hours: 8 }), base.startOf('day'));
    if (start >= end) start = end.minus({ minutes: 1 });
  }
  if (end <= now) return { replies: [reply(t(locale, 'shift.past'))] };
  if (end.diff(start, 'hours').hours > MAX_SHIFT_HOURS) return { replies: [reply(t(locale, 'shift.tooLong'))] };

  const minutes = await afterShiftMinutesFor(ctx.db, ctx.person.id);
  const show = (d: DateTime) => d.setLocale(locale).toFormat('ccc d LLL HH:mm');
  const params = { start: show(start), end: start.hasSame(end, 'day') ? end.toFormat('HH:mm') : show(end) };
  const text =
    minutes === null ? t(locale, 'shift.savedNoNudge', params) : t(locale, 'shift.saved', { ...params, minutes });
  const shift = { personId: ctx.person.id, startsAt: start.toJSDate(), endsAt: end.toJSDate() };
  return {
    replies: [reply(text)],
    writes: [(tx) => saveToldShift(tx, existingId === undefined ? shift : { ...shift, id: existingId })],
  };
}
