// Dates in the person's own time zone.
import { DateTime } from 'luxon';

export function zoneOr(zone: string | null | undefined, fallback: string): string {
  return zone && DateTime.now().setZone(zone).isValid ? zone : fallback;
}

/** YYYY-MM-DD of `at` in `zone`. */
export function localDate(at: Date, zone: string): string {
  return DateTime.fromJSDate(at, { zone }).toISODate() ?? DateTime.fromJSDate(at).toISODate()!;
}

/** "24 december 2026" / "24 December 2026" for a YYYY-MM-DD date. */
export function formatDay(isoDate: string, locale: string): string {
  return DateTime.fromISO(isoDate).setLocale(locale).toLocaleString(DateTime.DATE_FULL);
}

/** A stored moment as a short local date ("3 dec 2026"). */
export function formatMoment(at: Date, zone: string, locale: string): string {
  return DateTime.fromJSDate(at, { zone }).setLocale(locale).toLocaleString(DateTime.DATE_MED);
}
