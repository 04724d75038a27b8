// `leerkans import shifts FILE`: work shifts in local time of each person's own time zone (DST-aware).
import { DateTime } from 'luxon';
import type { Db } from '../../db/db.js';
import { findPeopleByEmails } from '../../db/queries/people.js';
import { writeShifts } from '../../db/queries/shifts.js';
import { readCsv } from './csv.js';
import { ImportError, type ImportProblem } from './import-error.js';
import { isEmail } from './validators.js';

const COLUMNS = ['email', 'start', 'end'] as const;
/** Longer than this is a typo in a date (2027 for 2026), not a shift: a weekend duty with its night fits. */
export const MAX_SHIFT_HOURS = 48;

export interface ShiftsImportResult {
  shifts: number;
}

export async function importShifts(db: Db, file: string, content: string): Promise<ShiftsImportResult> {
  const records = readCsv(file, content, COLUMNS);
  const problems: ImportProblem[] = [];
  const emails = [...new Set(records.map((r) => (r.values.email ?? '').toLowerCase()))];
  return db.transaction(async (tx) => {
    const people = new Map((await findPeopleByEmails(tx, emails)).map((p) => [p.email.toLowerCase(), p]));
    const shifts: { personId: number; startsAt: string; endsAt: string; workplace: string }[] = [];
    for (const { line, values } of records) {
      const email = (values.email ?? '').toLowerCase();
      const person = people.get(email);
      if (!isEmail(email)) {
        problems.push({ file, line, field: 'email', message: `"${values.email}" is not a valid email address` });
        continue;
      }
      if (!person) {
        problems.push({ file, line, field: 'email', message: `${email} is not in the roster` });
        continue;
      }
      const parse = (field: 'start' | 'end') => {
        const raw = values[field] ?? '';
        const when = DateTime.fromISO(raw, { zone: person.timeZone });
        if (!when.isValid || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(raw)) {
          problems.push({ file, line, field, message: `"${raw}" is not a local date-time like 2026-12-01T08:00` });
          return undefined;
        }
        return when;
      };
      const start = parse('start');
      const end = parse('end');
      if (start && end && end <= start) {
        problems.push({ file, line, field: 'end', message: 'is not after start' });
        continue;
      }
      if (start && end && end.diff(start, 'hours').hours > MAX_SHIFT_HOURS) {
        problems.push({ file, line, field: 'end', message: `is more than ${MAX_SHIFT_HOURS} hours after start` });
        continue;
      }
      if (start && end) {
        shifts.push({
          personId: person.id,
          startsAt: start.toISO()!,
          endsAt: end.toISO()!,
          workplace: values.workplace ?? '',
        });
      }
    }
    if (problems.length > 0) throw new ImportError(problems);
    return { shifts: await writeShifts(tx, shifts) };
  });
}
