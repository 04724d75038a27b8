// Dates as people write them ("vrijdag", "5 januari", "volgende maandag", "next Monday", "tomorrow"), read by
// chrono-node's Dutch and English parsers relative to today in the person's own zone. The caller decides what a
// date in the past or too far ahead means; nothing here moves a date to next year on its own.
import * as chrono from 'chrono-node';
import { DateTime } from 'luxon';

const parsers = [chrono.nl, chrono.en];

/** Whether chrono reads the whole text as one date (not a date inside a sentence). */
export function isNaturalDate(text: string): boolean {
  return parseWhole(text, '2026-01-15') !== null;
}

function parseWhole(text: string, todayIso: string): chrono.ParsedResult | null {
  const clean = text.trim().replace(/[.,!]+$/, '');
  if (clean === '') return null;
  // Noon UTC on today's local date: the components chrono returns are then the person's calendar date.
  const reference = { instant: new Date(`${todayIso}T12:00:00Z`), timezone: 0 };
  for (const parser of parsers) {
    const [result] = parser.parse(clean, reference);
    if (result && result.index === 0 && result.text.length === clean.length) return result;
  }
  return null;
}

/**
 * The calendar date (YYYY-MM-DD) a text means, or null. A weekday alone is the next such day: after today when
 * `weekdayAfterToday` (a pause), from today on otherwise (a shift). A day and month without a year is the nearest
 * such date, which may be in the past — for the caller to refuse.
 */
export function resolveNaturalDate(text: string, todayIso: string, weekdayAfterToday: boolean): string | null {
  const result = parseWhole(text, todayIso);
  if (!result) return null;
  const start = result.start;
  const today = DateTime.fromISO(todayIso, { zone: 'UTC' });
  if (!start.isCertain('day') && start.isCertain('weekday')) {
    const weekday = start.get('weekday') ?? 0; // 0 = Sunday in chrono, 7 in luxon
    const target = weekday === 0 ? 7 : weekday;
    let ahead = (target - today.weekday + 7) % 7;
    if (ahead === 0 && weekdayAfterToday) ahead = 7;
    // "volgende maandag" / "next Monday" on a Sunday is tomorrow; chrono's own day is then certain, so this is
    // only the bare weekday.
    return today.plus({ days: ahead }).toISODate();
  }
  const date = DateTime.fromObject(
    { year: start.get('year') ?? today.year, month: start.get('month') ?? 1, day: start.get('day') ?? 1 },
    { zone: 'UTC' },
  );
  return date.isValid ? date.toISODate() : null;
}
