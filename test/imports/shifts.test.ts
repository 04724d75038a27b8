import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../db/db.js';
import { ImportError } from '../../bot/imports/import-error.js';
import { importRoster } from '../../bot/imports/roster.js';
import { importShifts } from '../../bot/imports/shifts.js';
import { databases } from '../support/databases.js';
import { snapshot } from '../support/snapshot.js';

const roster = readFileSync(new URL('../../db/demo/roster-demo.csv', import.meta.url), 'utf8');
const shifts = readFileSync(new URL('../../db/demo/shifts-demo.csv', import.meta.url), 'utf8');

describe.each(databases)('shift import on $name', ({ create }) => {
  let db: Db;
  beforeEach(async () => {
    db = await create();
    await importRoster(db, 'roster.csv', roster, { timeZone: 'Europe/Brussels', locale: 'nl-BE' });
  });
  afterEach(async () => {
    await db.close();
  });

  it('stores local times in the person’s zone as instants, idempotently', async () => {
    expect(await importShifts(db, 'shifts.csv', shifts)).toEqual({ shifts: 5 });
    expect(await importShifts(db, 'shifts.csv', shifts)).toEqual({ shifts: 5 });
    const r = await db.query<{ starts: string; ends: string }>(
      `SELECT to_char(starts_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI') AS starts,
              to_char(ends_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI') AS ends
         FROM shifts s JOIN people p ON p.id = s.person_id WHERE p.email LIKE 'amira%' ORDER BY starts_at`,
    );
    // Brussels is UTC+1 in December.
    expect(r.rows).toEqual([
      { starts: '2026-12-01T07:00', ends: '2026-12-01T15:30' },
      { starts: '2026-12-03T07:00', ends: '2026-12-03T15:30' },
    ]);
    const count = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM shifts');
    expect(count.rows[0]!.n).toBe(5);
  });

  it('uses summer time in summer', async () => {
    await importShifts(
      db,
      's.csv',
      'email,start,end,workplace\namira.elidrissi@student.example.be,2026-07-01T08:00,2026-07-01T16:00,X\n',
    );
    const r = await db.query<{ h: number }>(
      `SELECT extract(hour FROM starts_at AT TIME ZONE 'UTC')::int AS h FROM shifts`,
    );
    expect(r.rows[0]!.h).toBe(6);
  });

  const bad: [string, string, RegExp][] = [
    [
      'an unknown person',
      'ghost@example.be,2026-12-01T08:00,2026-12-01T16:00,X',
      /s\.csv:3: email: ghost@example\.be is not in the roster/,
    ],
    [
      'a bad time',
      'tom.vermeulen@student.example.be,2026-12-01 8u,2026-12-01T16:00,X',
      /s\.csv:3: start: "2026-12-01 8u" is not a local date-time/,
    ],
    [
      'an end before the start',
      'tom.vermeulen@student.example.be,2026-12-01T16:00,2026-12-01T08:00,X',
      /s\.csv:3: end: is not after start/,
    ],
  ];
  it.each(bad)('refuses %s and imports nothing', async (_label, row, message) => {
    const before = await snapshot(db);
    const content = `email,start,end,workplace\namira.elidrissi@student.example.be,2026-12-05T08:00,2026-12-05T12:00,X\n${row}\n`;
    const error = await importShifts(db, 's.csv', content).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportError);
    expect((error as Error).message).toMatch(message);
    expect(await snapshot(db)).toEqual(before);
  });
});
