// Ships the Flemish school holidays as the default calendar: at start-up the current and the next school year are
// added for every school year in which the organisation has no holidays yet. A school year the admin shaped (an
// import, or days removed) is left alone.
import type { Db } from '../../db/db.js';
import { hasOrganisationHolidays, writeHolidays } from '../../db/queries/holidays.js';
import { flemishSchoolHolidays, schoolYearOf } from './school-holidays.js';

export async function ensureSchoolHolidays(db: Db, today: string): Promise<number> {
  const first = schoolYearOf(today);
  let added = 0;
  for (const year of [first, first + 1]) {
    if (await hasOrganisationHolidays(db, `${year}-09-01`, `${year + 1}-08-31`)) continue;
    const days = flemishSchoolHolidays(year).map((h) => ({ ...h, cohortId: null }));
    added += await db.transaction((tx) => writeHolidays(tx, days, 'school'));
  }
  return added;
}

/** A work-loop task: tops the school holidays up twice a day, so a bot that runs for months gets next year's too. */
export function schoolCalendarTask(db: Db, today: () => string): () => Promise<number> {
  let last = 0;
  return async () => {
    if (Date.now() - last < 12 * 3600_000) return 0;
    const added = await ensureSchoolHolidays(db, today());
    last = Date.now();
    return added;
  };
}
