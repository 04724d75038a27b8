// Dates as students type them in "pauze tot DATUM" / "pause until DATE": 2026-12-24, 24/12, 24/12/2026,
// "24 december", "December 24", "morgen", and whatever chrono-node reads in Dutch or English ("vrijdag",
// "volgende maandag", "next Monday"). Parsing is pure; resolving needs "today" in the person's zone.
import { DateTime } from 'luxon';
import { isNaturalDate, resolveNaturalDate } from './natural-date.js';

export type DateSpec =
  | { kind: 'date'; day: number; month: number; year?: number }
  | { kind: 'relative'; days: number }
  | { kind: 'natural'; text: string };

const MONTHS: Record<string, number> = {
  januari: 1,
  january: 1,
  jan: 1,
  februari: 2,
  february: 2,
  feb: 2,
  maart: 3,
  march: 3,
  mrt: 3,
  mar: 3,
  april: 4,
  apr: 4,
  mei: 5,
  may: 5,
  juni: 6,
  june: 6,
  jun: 6,
  juli: 7,
  july: 7,
  jul: 7,
  augustus: 8,
  august: 8,
  aug: 8,
  september: 9,
  sept: 9,
  sep: 9,
  oktober: 10,
  october: 10,
  okt: 10,
  oct: 10,
  november: 11,
  nov: 11,
  december: 12,
  dec: 12,
};

const RELATIVE: Record<string, number> = { morgen: 1, tomorrow: 1, overmorgen: 2 };

const year = (raw: string | undefined): number | undefined => {
  if (!raw) return undefined;
  const n = Number(raw);
  return raw.length === 2 ? 2000 + n : n;
};

const spec = (day: number, month: number, y?: number): DateSpec | null =>
  day >= 1 && day <= 31 && month >= 1 && month <= 12 ? { kind: 'date', day, month, ...(y ? { year: y } : {}) } : null;

/** Reads a typed date; `null` when it is not one of the accepted forms. */
export function parseDateSpec(input: string): DateSpec | null {
  const s = input
    .trim()
    .toLowerCase()
    .replace(/[.,]+$/, '')
    .replace(/\s+/g, ' ');
  const relative = RELATIVE[s];
  if (relative !== undefined) return { kind: 'relative', days: relative };
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (m) return spec(Number(m[3]), Number(m[2]), Number(m[1]));
  m = /^(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{4}|\d{2}))?$/.exec(s);
  if (m) return spec(Number(m[1]), Number(m[2]), year(m[3]));
  // "24 december", "24 dec 2026", "24th of December"
  m = /^(\d{1,2})(?:st|nd|rd|th|ste|de|e)?(?: of)? ([a-z]+)\.?,?(?: (\d{4}))?$/.exec(s);
  if (m && MONTHS[m[2]!]) return spec(Number(m[1]), MONTHS[m[2]!]!, year(m[3]));
  // "December 24", "Dec 24th, 2026"
  m = /^([a-z]+)\.? (\d{1,2})(?:st|nd|rd|th)?,?(?: (\d{4}))?$/.exec(s);
  if (m && MONTHS[m[1]!]) return spec(Number(m[2]), MONTHS[m[1]!]!, year(m[3]));
  if (/^\d{1,2}[/.-]\d{1,2}/.test(s)) return null; // a numeric date the rules above refused (32/12, 12/13)
  return isNaturalDate(s) ? { kind: 'natural', text: s } : null;
}

/**
 * The calendar date a spec means, as YYYY-MM-DD, given today's date (YYYY-MM-DD in the person's zone).
 * A date without a year is the nearest such date, before or after today: "28/11" typed on 29 November is
 * yesterday (for the caller to refuse), never next year. `null` for dates that do not exist (31/02).
 */
export function resolveDateSpec(date: DateSpec, todayIso: string, weekdayAfterToday = true): string | null {
  const today = DateTime.fromISO(todayIso, { zone: 'UTC' });
  if (!today.isValid) return null;
  if (date.kind === 'relative') return today.plus({ days: date.days }).toISODate();
  if (date.kind === 'natural') return resolveNaturalDate(date.text, todayIso, weekdayAfterToday);
  const at = (y: number) => DateTime.fromObject({ year: y, month: date.month, day: date.day }, { zone: 'UTC' });
  if (date.year !== undefined) {
    const d = at(date.year);
    return d.isValid ? d.toISODate() : null;
  }
  // 29/02 without a year: the nearest leap day may be a few years away.
  const candidates = [-4, -3, -2, -1, 0, 1, 2, 3, 4].map((offset) => at(today.year + offset)).filter((d) => d.isValid);
  if (candidates.length === 0) return null;
  const distance = (d: DateTime) => Math.abs(d.diff(today, 'days').days);
  // Ties (exactly as far back as ahead) go to the future.
  const nearest = candidates.reduce((best, d) => (distance(d) < distance(best) ? d : best));
  return nearest.toISODate();
}
