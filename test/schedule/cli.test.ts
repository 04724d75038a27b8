// The admin's command line: schedules, holidays (CSV and iCalendar) and delivery health, on every test database;
// and the real `leerkans` process refusing a bad cron expression in one line that names the field.
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { healthCommand } from '../../app/cli/health.js';
import { importHolidaysCommand } from '../../app/cli/import-holidays.js';
import { scheduleCommand } from '../../app/cli/schedule.js';
import { ensureSchoolHolidays } from '../../bot/schedule/school-calendar.js';
import type { Db } from '../../db/db.js';
import { DEMO } from '../support/harness.js';
import { databases } from '../support/databases.js';
import { runCli } from '../support/processes.js';

const config = { LEERKANS_TIMEZONE: 'Europe/Brussels' };

describe.each(databases)('schedule, holidays and health commands on $name', ({ create }) => {
  let db: Db;
  let lines: string[];
  const out = (text: string) => {
    lines.push(text);
  };
  beforeEach(async () => {
    db = await create(DEMO);
    await db.query('DELETE FROM schedules');
    lines = [];
  });
  afterEach(async () => {
    await db.close();
  });

  it('adds, lists, pauses, resumes and removes schedules, refusing bad input in one line, audited as cli', async () => {
    await scheduleCommand(db, { sub: 'add', name: 'after-shift', afterShift: '30', reminder: '120' }, out, config);
    await expect(
      scheduleCommand(db, { sub: 'add', name: 'r', cron: '0 18 * * *', reminder: '60' }, out, config),
    ).rejects.toThrow('"60" minutes for the reminder will not do');
    await scheduleCommand(
      db,
      { sub: 'add', name: 'avond', cron: '0 18 * * 1-5', cohort: 'SW-DUAAL-2026', quiet: '22:00-07:00' },
      out,
      config,
    );
    await expect(scheduleCommand(db, { sub: 'add', name: 'x', cron: '0 18 * 13 *' }, out, config)).rejects.toThrow(
      'The cron schedule "0 18 * 13 *" is not valid: the "month" field is wrong.',
    );
    await expect(scheduleCommand(db, { sub: 'add', name: 'y', afterShift: '2000' }, out, config)).rejects.toThrow(
      '"2000" minutes will not do',
    );
    await expect(
      scheduleCommand(db, { sub: 'add', name: 'z', afterShift: '10', zone: 'Europe/Gent' }, out, config),
    ).rejects.toThrow('"Europe/Gent" is not a time zone');
    await expect(scheduleCommand(db, { sub: 'pause', name: 'nope' }, out, config)).rejects.toThrow(
      'There is no schedule called "nope".',
    );
    lines = [];
    await scheduleCommand(db, { sub: 'pause', name: 'avond' }, out, config);
    await scheduleCommand(db, { sub: 'list', name: undefined }, out, config);
    expect(lines).toEqual([
      'Schedule avond is paused.',
      'after-shift\t30 min after every shift · everyone · active, quiet hours 21:00–07:30, reminder after 120 min',
      'avond\tcron "0 18 * * 1-5" (Europe/Brussels) · cohort SW-DUAAL-2026 · paused, quiet hours 22:00–07:00',
    ]);
    await scheduleCommand(db, { sub: 'resume', name: 'avond' }, out, config);
    await scheduleCommand(db, { sub: 'remove', name: 'avond' }, out, config);
    const audit = await db.query<{ action: string; actor_label: string }>(
      'SELECT action, actor_label FROM audit_log ORDER BY id',
    );
    expect(audit.rows.map((r) => `${r.actor_label}:${r.action}`)).toEqual([
      'cli:schedule.add',
      'cli:schedule.add',
      'cli:schedule.pause',
      'cli:schedule.resume',
      'cli:schedule.remove',
    ]);
  });

  it('imports holidays from CSV and iCalendar; a bad line imports nothing', async () => {
    const csv = 'date,end,name,cohort\n2026-12-24,,Kerstavond,\n2027-02-15,2027-02-19,Krokus,SW-DUAAL-2026\n';
    await importHolidaysCommand(db, { name: 'vrij.csv', content: csv, replace: false }, out);
    const ics = readFileSync(new URL('../fixtures/holidays/school-2026.ics', import.meta.url), 'utf8');
    await importHolidaysCommand(db, { name: 'kalender.ics', content: ics, replace: false }, out);
    expect(lines).toEqual(['Imported 6 holiday days', 'Imported 15 holiday days']);
    const rows = await db.query<{ day: string; name: string; cohort: boolean }>(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, name, cohort_id IS NOT NULL AS cohort FROM holidays ORDER BY day`,
    );
    expect(rows.rows[0]).toEqual({ day: '2026-12-21', name: 'Kerstvakantie, hogeschool', cohort: false });
    expect(rows.rows.find((r) => r.day === '2026-12-24')).toEqual({
      day: '2026-12-24',
      name: 'Kerstvakantie, hogeschool',
      cohort: false,
    });
    expect(rows.rows.filter((r) => r.cohort)).toHaveLength(5);
    expect(rows.rows.at(-1)).toEqual({ day: '2027-03-12', name: 'Dies natalis', cohort: false });
    const before = await db.query('SELECT count(*)::int AS n FROM holidays');
    await expect(
      importHolidaysCommand(
        db,
        { name: 'bad.csv', content: 'date,name\n2026-12-31,Oud\n31/12/2026,Fout\n', replace: false },
        out,
      ),
    ).rejects.toThrow('Nothing imported: bad.csv:3: date: "31/12/2026" is not a date like 2026-12-24');
    expect((await db.query('SELECT count(*)::int AS n FROM holidays')).rows).toEqual(before.rows);
  });

  it('ships the Flemish school holidays once per school year, leaving a year the admin shaped alone', async () => {
    expect(await ensureSchoolHolidays(db, '2025-11-30')).toBeGreaterThan(100);
    const autumn = await db.query<{ day: string }>(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day FROM holidays WHERE name = 'Herfstvakantie' AND day < '2026-01-01' ORDER BY day`,
    );
    expect(autumn.rows.map((r) => r.day)).toEqual([
      '2025-10-27',
      '2025-10-28',
      '2025-10-29',
      '2025-10-30',
      '2025-10-31',
      '2025-11-01',
      '2025-11-02',
    ]);
    expect(await ensureSchoolHolidays(db, '2025-12-01')).toBe(0);
    await db.query(`DELETE FROM holidays WHERE day >= '2026-09-01'`);
    await db.query(`INSERT INTO holidays (day, name) VALUES ('2026-12-24', 'eigen kalender')`);
    expect(await ensureSchoolHolidays(db, '2026-09-01')).toBeGreaterThan(100); // only 2027-2028 is added
    const own = await db.query(
      `SELECT count(*)::int AS n FROM holidays WHERE day BETWEEN '2026-09-01' AND '2027-08-31'`,
    );
    expect(own.rows).toEqual([{ n: 1 }]);
  });

  it('reports delivery health per cohort and person, with the reason a student is unreachable', async () => {
    const tom = (await db.query<{ id: number }>(`SELECT id FROM people WHERE email LIKE 'tom%'`)).rows[0]!.id;
    await db.query(
      `INSERT INTO platform_identities (person_id, platform, tenant_id, user_id, reachable, unreachable_reason)
       VALUES ($1, 'teams', 'tenant', 'aad-tom', false, '403 ConversationBlockedByUser')`,
      [tom],
    );
    await db.query(
      `INSERT INTO outbox (dedupe_key, person_id, payload, status, last_error_class, last_error)
       VALUES ('nudge:1:' || $1::text || ':x', $1::int, '{}', 'failed', 'recipient', '403 ConversationBlockedByUser'),
              ('nudge:1:' || $1::text || ':y', $1::int, '{}', 'pending', NULL, NULL)`,
      [tom],
    );
    await healthCommand(db, {}, out, config);
    expect(lines[0]).toBe('Delivery: queued 1, sent 0, failed 1, unreachable people 1');
    expect(lines).toContain('SW-DUAAL-2026\t1\t0\t1\t1');
    expect(lines).toContain(
      'tom.vermeulen@student.example.be\tSW-DUAAL-2026\t1\tunreachable (teams: 403 ConversationBlockedByUser)',
    );
  });
});

describe('the leerkans process', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'leerkans-cli-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses a bad cron in one line naming the field, and imports a holiday file', async () => {
    const env = { LEERKANS_DATA_DIR: join(dir, 'data') };
    const bad = await runCli(['schedule', 'add', 'avond', '--cron', '0 18 * * 9'], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe(
      'leerkans: The cron schedule "0 18 * * 9" is not valid: the "day of week" field is wrong.\n',
    );
    await writeFile(join(dir, 'vrij.csv'), 'date,name\n2026-12-24,Kerstavond\n');
    const ok = await runCli(['import', 'holidays', join(dir, 'vrij.csv')], env);
    expect(ok).toMatchObject({ code: 0, stdout: 'Imported 1 holiday days\n' });
    const list = await runCli(['schedule', 'list'], env);
    expect(list.stdout).toBe(
      'after-shift\t30 min after every shift · everyone · active, quiet hours 21:00–07:30\n' +
        'weekly-digest\tweekly digest for the coaches, cron "0 8 * * 1" in each coach\'s own time zone · everyone · active\n',
    );
    // Three processes, each starting the embedded database.
  }, 180_000);
});
