// Which days are holidays for whom: organisation-wide days and a cohort's own days, loaded once per planner tick.
import type { HolidayRow } from '../../db/queries/holidays.js';

export interface HolidayCalendar {
  isHoliday(day: string, cohortIds: readonly number[]): boolean;
}

export function holidayCalendar(rows: readonly HolidayRow[]): HolidayCalendar {
  const all = new Set<string>();
  const byCohort = new Set<string>();
  for (const r of rows) {
    if (r.cohortId === null) all.add(r.day);
    else byCohort.add(`${r.cohortId}:${r.day}`);
  }
  return {
    isHoliday: (day, cohortIds) => all.has(day) || cohortIds.some((c) => byCohort.has(`${c}:${day}`)),
  };
}
