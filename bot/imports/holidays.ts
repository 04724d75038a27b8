// `leerkans import holidays FILE`: an organisation's own holiday calendar, as CSV (date[,end][,name][,cohort]) or
// iCalendar (all-day VEVENTs, as school and HR calendars export them). Every problem names the file and line, and
// a file with any problem imports nothing.
import { DateTime } from 'luxon';
import type { Db } from '../../db/db.js';
import { deleteOrganisationHolidays, writeHolidays } from '../../db/queries/holidays.js';
import { findCohortIdByCode } from '../../db/queries/schedules.js';
import { readCsv } from './csv.js';
import { ImportError, type ImportProblem } from './import-error.js';

export interface HolidayDay {
  day: string;
  name: string;
  cohort: string | null;
}

/** A holiday spanning more than this many days is a typo (a wrong year), not a holiday. */
const MAX_SPAN_DAYS = 120;

const isoDay = (raw: string): DateTime | null => {
  const d = DateTime.fromISO(raw.trim(), { zone: 'UTC' });
  return /^\d{4}-\d{2}-\d{2}$/.test(raw.trim()) && d.isValid ? d : null;
};

function expand(from: DateTime, toInclusive: DateTime, name: string, cohort: string | null): HolidayDay[] {
  const out: HolidayDay[] = [];
  for (let d = from; d <= toInclusive; d = d.plus({ days: 1 })) out.push({ day: d.toISODate()!, name, cohort });
  return out;
}

export function parseHolidayCsv(file: string, content: string): HolidayDay[] {
  const problems: ImportProblem[] = [];
  const days: HolidayDay[] = [];
  for (const { line, values } of readCsv(file, content, ['date'])) {
    const from = isoDay(values.date ?? '');
    if (!from) {
      problems.push({ file, line, field: 'date', message: `"${values.date}" is not a date like 2026-12-24` });
      continue;
    }
    let to = from;
    if (values.end) {
      const end = isoDay(values.end);
      if (!end || end < from || end.diff(from, 'days').days > MAX_SPAN_DAYS) {
        problems.push({
          file,
          line,
          field: 'end',
          message: `"${values.end}" is not a date from date to 120 days later`,
        });
        continue;
      }
      to = end;
    }
    days.push(...expand(from, to, values.name ?? '', values.cohort?.trim() || null));
  }
  if (problems.length > 0) throw new ImportError(problems);
  return days;
}

/** All-day events of an iCalendar file; DTEND is exclusive, as RFC 5545 says. Timed and repeating events are refused. */
export function parseHolidayIcs(file: string, content: string): HolidayDay[] {
  // Unfold continuation lines (a line starting with a space or tab continues the previous one).
  const lines = content
    .replace(/\r\n/g, '\n')
    .replace(/\n[ \t]/g, '')
    .split('\n');
  const problems: ImportProblem[] = [];
  const days: HolidayDay[] = [];
  let event: { start?: string; end?: string; summary?: string; repeats?: boolean; line: number } | null = null;
  const dateOf = (value: string) => {
    const m = /^(\d{4})(\d{2})(\d{2})/.exec(value);
    return m ? DateTime.utc(Number(m[1]), Number(m[2]), Number(m[3])) : null;
  };
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === 'BEGIN:VEVENT') event = { line: i + 1 };
    else if (event && line === 'END:VEVENT') {
      const e: { start?: string; end?: string; summary?: string; repeats?: boolean; line: number } = event;
      event = null;
      // Importing only the first day of a repeating event would store part of the calendar without a word.
      if (e.repeats) {
        problems.push({
          file,
          line: e.line,
          field: 'RRULE',
          message: 'repeating events are not supported: list each holiday as an event of its own',
        });
        return;
      }
      // A timed event (an exam from 9 to 12, a meeting) is no day off; taking its date would silence a whole day.
      if (e.start?.includes('T')) {
        problems.push({
          file,
          line: e.line,
          field: 'DTSTART',
          message: 'has a time: only all-day events (a date without a time) are holidays',
        });
        return;
      }
      const start = e.start ? dateOf(e.start) : null;
      if (!start?.isValid) {
        problems.push({ file, line: e.line, field: 'DTSTART', message: 'missing or not a date' });
        return;
      }
      const endExclusive = e.end ? dateOf(e.end) : start.plus({ days: 1 });
      if (
        !endExclusive?.isValid ||
        endExclusive <= start ||
        endExclusive.diff(start, 'days').days > MAX_SPAN_DAYS + 1
      ) {
        problems.push({ file, line: e.line, field: 'DTEND', message: 'not a date after DTSTART (within 120 days)' });
        return;
      }
      days.push(...expand(start, endExclusive.minus({ days: 1 }), (e.summary ?? '').replace(/\\,/g, ','), null));
    } else if (event) {
      const m = /^([A-Z-]+)(?:;[^:]*)?:(.*)$/.exec(line);
      if (m?.[1] === 'DTSTART') event.start = m[2];
      else if (m?.[1] === 'DTEND') event.end = m[2];
      else if (m?.[1] === 'SUMMARY') event.summary = m[2];
      else if (m?.[1] === 'RRULE' || m?.[1] === 'RDATE') event.repeats = true;
    }
  });
  if (!content.includes('BEGIN:VCALENDAR')) {
    problems.push({ file, line: 1, field: undefined, message: 'not an iCalendar file (no BEGIN:VCALENDAR)' });
  }
  if (problems.length > 0) throw new ImportError(problems);
  return days;
}

export async function importHolidays(
  db: Db,
  file: string,
  content: string,
  options: { replace?: boolean } = {},
): Promise<{ days: number; removed: number }> {
  const days =
    /\.(ics|ical|ifb)$/i.test(file) || content.trimStart().startsWith('BEGIN:VCALENDAR')
      ? parseHolidayIcs(file, content)
      : parseHolidayCsv(file, content);
  if (days.length === 0)
    throw new ImportError([{ file, line: undefined, field: undefined, message: 'no holidays in the file' }]);
  return db.transaction(async (tx) => {
    const cohorts = new Map<string, number>();
    const problems: ImportProblem[] = [];
    for (const code of new Set(days.map((d) => d.cohort).filter((c): c is string => c !== null))) {
      const id = await findCohortIdByCode(tx, code);
      if (id === undefined) problems.push({ file, line: undefined, field: 'cohort', message: `no cohort "${code}"` });
      else cohorts.set(code, id);
    }
    if (problems.length > 0) throw new ImportError(problems);
    const sorted = days.map((d) => d.day).sort();
    // --replace: the file is the whole organisation calendar for the period it covers.
    const removed = options.replace ? await deleteOrganisationHolidays(tx, sorted[0]!, sorted.at(-1)!) : 0;
    const rows = days.map((d) => ({ day: d.day, name: d.name, cohortId: d.cohort ? cohorts.get(d.cohort)! : null }));
    // The same day twice in one file: the last name wins, and the statement must not touch a row twice.
    const unique = [...new Map(rows.map((r) => [`${r.cohortId}:${r.day}`, r])).values()];
    await writeHolidays(tx, unique, 'import');
    return { days: unique.length, removed };
  });
}
