import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../db/db.js';
import { ImportError } from '../../bot/imports/import-error.js';
import { importRoster } from '../../bot/imports/roster.js';
import { databases } from '../support/databases.js';
import { snapshot } from '../support/snapshot.js';

const demoRoster = readFileSync(new URL('../../db/demo/roster-demo.csv', import.meta.url), 'utf8');
const defaults = { timeZone: 'Europe/Brussels', locale: 'nl-BE' };
const HEADER = 'email,name,roles,cohort,mentors,teachers,coaches,timezone,locale';
const mentorRow = 'jan@ocmw.example.be,Jan Peeters,mentor,,,,,Europe/Brussels,nl-BE';

describe.each(databases)('roster import on $name', ({ create }) => {
  let db: Db;
  beforeEach(async () => {
    db = await create();
  });
  afterEach(async () => {
    await db.close();
  });

  it('imports the demo roster with people, cohorts and assignments', async () => {
    const result = await importRoster(db, 'roster-demo.csv', demoRoster, defaults);
    expect(result).toMatchObject({ people: 9, created: 9, updated: 0 });
    const tom = await db.query<{ role: string; email: string }>(
      `SELECT a.role, st.email FROM assignments a JOIN people s ON s.id = a.student_id JOIN people st ON st.id = a.staff_id
        WHERE s.email = 'tom.vermeulen@student.example.be' AND a.ends_on IS NULL ORDER BY a.role, st.email`,
    );
    expect(tom.rows).toEqual([
      { role: 'coach', email: 'sofie.declercq@hogeschool.example.be' },
      { role: 'mentor', email: 'jan.peeters@ocmw.example.be' },
      { role: 'mentor', email: 'lien.maes@ocmw.example.be' },
      { role: 'teacher', email: 'els.wouters@hogeschool.example.be' },
    ]);
    const sofie = await db.query<{ roles: string[] }>(`SELECT roles FROM people WHERE email LIKE 'sofie%'`);
    expect(sofie.rows[0]!.roles).toEqual(['coach', 'admin']);
    const members = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM cohort_members cm JOIN cohorts c ON c.id = cm.cohort_id WHERE c.code = 'SW-DUAAL-2026'`,
    );
    expect(members.rows[0]!.n).toBe(4);
  });

  it('is idempotent: importing the same roster twice changes nothing', async () => {
    await importRoster(db, 'roster-demo.csv', demoRoster, defaults);
    const before = await snapshot(db);
    const again = await importRoster(db, 'roster-demo.csv', demoRoster, defaults);
    expect(again).toMatchObject({ created: 0, updated: 0, assignments: 0 });
    expect(await snapshot(db)).toEqual(before);
  });

  it('updates people and assignments by email on re-import and keeps ended assignments as history', async () => {
    await importRoster(db, 'roster-demo.csv', demoRoster, defaults);
    const changed = demoRoster
      .replace('Tom Vermeulen', 'Tom Vermeulen-Claes')
      .replace('jan.peeters@ocmw.example.be;lien.maes@ocmw.example.be', 'lien.maes@ocmw.example.be');
    const result = await importRoster(db, 'roster.csv', changed, defaults);
    expect(result.updated).toBe(1);
    const tom = await db.query<{ name: string; id: number }>(`SELECT id, name FROM people WHERE email LIKE 'tom.%'`);
    expect(tom.rows[0]!.name).toBe('Tom Vermeulen-Claes');
    const mentors = await db.query<{ email: string; ended: boolean }>(
      `SELECT st.email, a.ends_on IS NOT NULL AS ended FROM assignments a JOIN people st ON st.id = a.staff_id
        WHERE a.student_id = $1 AND a.role = 'mentor' ORDER BY st.email`,
      [tom.rows[0]!.id],
    );
    expect(mentors.rows).toEqual([
      { email: 'jan.peeters@ocmw.example.be', ended: true },
      { email: 'lien.maes@ocmw.example.be', ended: false },
    ]);
    // Listing Jan again reactivates the same assignment row.
    await importRoster(db, 'roster-demo.csv', demoRoster, defaults);
    const again = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM assignments WHERE student_id = $1 AND role = 'mentor' AND ends_on IS NULL`,
      [tom.rows[0]!.id],
    );
    expect(again.rows[0]!.n).toBe(2);
  });

  it('accepts a mentor who is already in the database but not in the file', async () => {
    await importRoster(db, 'mentors.csv', `${HEADER}\n${mentorRow}\n`, defaults);
    const students = `${HEADER}\nnew.student@student.example.be,New Student,student,C1,jan@ocmw.example.be,,,,\n`;
    const result = await importRoster(db, 'students.csv', students, defaults);
    expect(result).toMatchObject({ created: 1, assignments: 1 });
  });

  const badRosters: [string, string, RegExp][] = [
    ['an unknown role', 'x@s.example.be,X,studnet,,,,,,', /roster\.csv:3: roles: unknown role "studnet"/],
    ['a bad email', 'not-an-email,X,student,,,,,,', /roster\.csv:3: email: "not-an-email" is not a valid email/],
    ['an unknown time zone', 'x@s.example.be,X,student,,,,,Europe/Gent,', /roster\.csv:3: timezone: "Europe\/Gent"/],
    [
      'an unknown mentor',
      'x@s.example.be,X,student,,nobody@example.be,,,,',
      /roster\.csv:3: mentors: nobody@example\.be is not in this file or the database/,
    ],
    [
      'a mentor without the mentor role',
      'x@s.example.be,X,student,,y@s.example.be,,,,\ny@s.example.be,Y,student,,,,,,',
      /roster\.csv:3: mentors: y@s\.example\.be does not have the role mentor/,
    ],
    [
      'a duplicate email',
      'x@s.example.be,X,student,,,,,,\nX@s.example.be,X2,student,,,,,,',
      /roster\.csv:4: email: x@s\.example\.be appears twice \(also on line 3\)/,
    ],
    ['an unsupported locale', 'x@s.example.be,X,student,,,,,,fr', /roster\.csv:3: locale: "fr" is not supported/],
    ['a missing column', 'x@s.example.be,X,student', /roster\.csv:3: not valid CSV/],
  ];

  it.each(badRosters)('refuses %s with the line number and imports nothing', async (_label, rows, message) => {
    await importRoster(db, 'roster-demo.csv', demoRoster, defaults);
    const before = await snapshot(db);
    // A good row comes with the bad one: nothing of it may land either.
    const content = `${HEADER}\ngood@s.example.be,Good,student,,,,,,\n${rows}\n`;
    const error = await importRoster(db, 'roster.csv', content, defaults).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportError);
    expect((error as Error).message).toMatch(message);
    expect(await snapshot(db)).toEqual(before);
  });

  it('refuses a file without the required columns', async () => {
    await importRoster(db, 'roster-demo.csv', demoRoster, defaults);
    const before = await snapshot(db);
    const error = await importRoster(db, 'r.csv', 'email,name\nx@s.example.be,X\n', defaults).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/r\.csv:1: missing columns roles, cohort/);
    expect(await snapshot(db)).toEqual(before);
  });
});
