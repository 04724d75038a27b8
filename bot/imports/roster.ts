// `leerkans import roster FILE`: people, cohorts and student ↔ mentor/teacher/coach assignments from CSV.
// All-or-nothing: every row is checked (including references to people already in the database) before
// anything is written, and the write is one transaction.
import type { Db, Queryable } from '../../db/db.js';
import { findPeopleByEmails } from '../../db/queries/people.js';
import { type RosterPerson, writeRoster } from '../../db/queries/roster.js';
import { readCsv } from './csv.js';
import { ImportError, type ImportProblem } from './import-error.js';
import { isEmail, isIanaTimeZone, isSupportedLocale, splitList } from './validators.js';

export const ROLES = ['student', 'mentor', 'teacher', 'coach', 'admin'] as const;
export type Role = (typeof ROLES)[number];
const STAFF_COLUMNS = { mentors: 'mentor', teachers: 'teacher', coaches: 'coach' } as const;
const COLUMNS = ['email', 'name', 'roles', 'cohort', 'mentors', 'teachers', 'coaches', 'timezone', 'locale'] as const;

export interface RosterDefaults {
  timeZone: string;
  locale: string;
}

export interface RosterImportResult {
  people: number;
  created: number;
  updated: number;
  assignments: number;
}

interface ParsedRow extends RosterPerson {
  line: number;
}

export function parseRoster(file: string, content: string, defaults: RosterDefaults): ParsedRow[] {
  const problems: ImportProblem[] = [];
  const problem = (line: number, field: string | undefined, message: string) =>
    problems.push({ file, line, field, message });
  const rows: ParsedRow[] = [];
  const firstLineOf = new Map<string, number>();

  for (const { line, values } of readCsv(file, content, COLUMNS)) {
    const email = (values.email ?? '').toLowerCase();
    if (!isEmail(email)) problem(line, 'email', `"${values.email}" is not a valid email address`);
    const earlier = firstLineOf.get(email);
    if (earlier !== undefined) problem(line, 'email', `${email} appears twice (also on line ${earlier})`);
    else firstLineOf.set(email, line);

    const name = values.name ?? '';
    if (name.length === 0) problem(line, 'name', 'is empty');
    if (name.length > 200) problem(line, 'name', 'is longer than 200 characters');

    const roles = splitList(values.roles).map((r) => r.toLowerCase());
    if (roles.length === 0) problem(line, 'roles', `is empty (expected one or more of ${ROLES.join(', ')})`);
    for (const role of roles) {
      if (!(ROLES as readonly string[]).includes(role)) {
        problem(line, 'roles', `unknown role "${role}" (expected ${ROLES.join(', ')})`);
      }
    }

    const timeZone = values.timezone || defaults.timeZone;
    if (!isIanaTimeZone(timeZone)) problem(line, 'timezone', `"${timeZone}" is not an IANA time zone`);
    const locale = values.locale || defaults.locale;
    if (!isSupportedLocale(locale)) problem(line, 'locale', `"${locale}" is not supported (use nl-BE or en)`);

    const staff: RosterPerson['staff'] = [];
    for (const [column, role] of Object.entries(STAFF_COLUMNS)) {
      for (const staffEmail of splitList(values[column]).map((e) => e.toLowerCase())) {
        if (!isEmail(staffEmail)) problem(line, column, `"${staffEmail}" is not a valid email address`);
        else if (staffEmail === email) problem(line, column, `a person cannot be their own ${role}`);
        else staff.push({ email: staffEmail, role });
      }
    }
    if (staff.length > 0 && !roles.includes('student')) {
      problem(line, 'roles', 'only students have mentors, teachers or coaches');
    }
    rows.push({
      line,
      email,
      name,
      roles: [...new Set(roles)],
      cohort: values.cohort || undefined,
      timeZone,
      locale,
      staff,
    });
  }
  if (problems.length > 0) throw new ImportError(problems);
  return rows;
}

/** Checks that every referenced mentor, teacher and coach exists, in the file or the database, with that role. */
async function checkReferences(db: Queryable, file: string, rows: ParsedRow[]): Promise<void> {
  const inFile = new Map(rows.map((r) => [r.email, r.roles]));
  const referenced = [...new Set(rows.flatMap((r) => r.staff.map((s) => s.email)))].filter((e) => !inFile.has(e));
  const inDb = new Map((await findPeopleByEmails(db, referenced)).map((p) => [p.email.toLowerCase(), p.roles]));
  const problems: ImportProblem[] = [];
  for (const row of rows) {
    for (const s of row.staff) {
      const column = `${s.role === 'coach' ? 'coaches' : `${s.role}s`}`;
      const roles = inFile.get(s.email) ?? inDb.get(s.email);
      if (!roles) {
        problems.push({
          file,
          line: row.line,
          field: column,
          message: `${s.email} is not in this file or the database`,
        });
      } else if (!roles.includes(s.role)) {
        problems.push({ file, line: row.line, field: column, message: `${s.email} does not have the role ${s.role}` });
      }
    }
  }
  if (problems.length > 0) throw new ImportError(problems);
}

export async function importRoster(
  db: Db,
  file: string,
  content: string,
  defaults: RosterDefaults,
): Promise<RosterImportResult> {
  const rows = parseRoster(file, content, defaults);
  return db.transaction(async (tx) => {
    await checkReferences(tx, file, rows);
    return writeRoster(tx, rows);
  });
}
