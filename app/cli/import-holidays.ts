// `leerkans import holidays FILE [--replace]`: the organisation's holiday calendar (CSV or iCalendar).
import { importHolidays } from '../../bot/imports/holidays.js';
import type { Db } from '../../db/db.js';

export async function importHolidaysCommand(
  db: Db,
  args: { name: string; content: string; replace: boolean },
  out: (text: string) => void,
): Promise<void> {
  const r = await importHolidays(db, args.name, args.content, { replace: args.replace });
  out(`Imported ${r.days} holiday days${args.replace ? ` (replaced ${r.removed} earlier days in that period)` : ''}`);
}
