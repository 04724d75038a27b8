// Quiet hours in the student's own time zone (default 21:00–07:30): a nudge whose moment falls inside moves to the
// end of the quiet period. Wall-clock arithmetic in luxon, so DST nights do not shift the end by an hour.
import { DateTime } from 'luxon';

export interface QuietHours {
  /** "HH:MM" or "HH:MM:SS"; equal start and end means no quiet hours. */
  start: string;
  end: string;
}

export const DEFAULT_QUIET_HOURS: QuietHours = { start: '21:00', end: '07:30' };

const minutesOf = (hhmm: string): number => {
  const m = /^(\d{1,2}):(\d{2})/.exec(hhmm);
  if (!m) throw new Error(`"${hhmm}" is not a time like 21:00`);
  return Number(m[1]) * 60 + Number(m[2]);
};

/** Whether the quiet period covers `minute` (minutes since local midnight); it may wrap past midnight. */
const covers = (start: number, end: number, minute: number): boolean =>
  start < end ? minute >= start && minute < end : minute >= start || minute < end;

/** `at` itself when it is outside quiet hours in `zone`; otherwise the first moment after them. */
export function outsideQuietHours(at: Date, zone: string, quiet: QuietHours): Date {
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  if (start === end) return at;
  const local = DateTime.fromJSDate(at, { zone });
  const minute = local.hour * 60 + local.minute;
  if (!covers(start, end, minute)) return at;
  // The end on the same local day when it is still ahead, else on the next day (a period that wraps midnight).
  let endDay = local.startOf('day');
  if (minute >= end) endDay = endDay.plus({ days: 1 });
  return endDay.set({ hour: Math.floor(end / 60), minute: end % 60, second: 0, millisecond: 0 }).toJSDate();
}

/** "HH:MM" of a stored time value. */
export const hhmm = (value: string): string => value.slice(0, 5);

export function parseQuietHours(text: string): QuietHours {
  const m = /^(\d{1,2}[:.h]\d{2})\s*[-–]\s*(\d{1,2}[:.h]\d{2})$/.exec(text.trim());
  const norm = (v: string) => {
    const [h, mm] = v.split(/[:.h]/).map(Number) as [number, number];
    if (h > 23 || mm > 59) throw new Error(`"${v}" is not a time of day`);
    return `${String(h).padStart(2, '0')}:${String(mm).padStart(2, '0')}`;
  };
  if (!m) throw new Error(`quiet hours "${text}" must look like 21:00-07:30`);
  return { start: norm(m[1]!), end: norm(m[2]!) };
}
