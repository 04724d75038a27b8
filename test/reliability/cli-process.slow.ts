// The real `leerkans` process with bad input (npm run reliability only; each start takes seconds): one bad file per
// import command, a missing and an unreadable file, bad schedule values and unknown commands. Each must end with a
// non-zero exit code and one line on stderr that says what is wrong (no stack trace), stdout empty, and the
// embedded database unchanged.
import { chmodSync, copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importRoster } from '../../bot/imports/roster.js';
import { migrate } from '../../db/migrate.js';
import { openEmbedded } from '../../db/open.js';
import { runCli } from '../support/processes.js';
import { corpusDir } from './support/corpus.js';
import { recordFigures } from './support/figures.js';
import { watchProcess } from './support/watch.js';

watchProcess();

const CASES: { name: string; args: (dir: string) => string[]; says: RegExp }[] = [
  {
    name: 'roster right for 200 rows, wrong in the last',
    args: (d) => ['import', 'roster', join(d, 'roster-good-then-bad.csv')],
    says: /roster-good-then-bad\.csv:202: name: is empty/,
  },
  {
    name: 'roster that is binary',
    args: (d) => ['import', 'roster', join(d, 'roster-binary.csv')],
    says: /^leerkans: Nothing imported: roster-binary\.csv/,
  },
  {
    name: 'shifts with a year-long shift',
    args: (d) => ['import', 'shifts', join(d, 'shifts-a-year-long.csv')],
    says: /more than 48 hours/,
  },
  {
    name: 'framework YAML alias bomb',
    args: (d) => ['import', 'framework', join(d, 'framework-billion-laughs.yaml')],
    says: /framework-billion-laughs\.yaml: .*alias/i,
  },
  {
    name: 'holidays with a repeating event',
    args: (d) => ['import', 'holidays', join(d, 'holidays-endless-rule.ics')],
    says: /RRULE: repeating events are not supported/,
  },
  {
    name: 'a file that does not exist',
    args: (d) => ['import', 'roster', join(d, 'nope.csv')],
    says: /cannot read .*nope\.csv: ENOENT/,
  },
  {
    name: 'a file nobody may read',
    args: (d) => ['import', 'roster', join(d, 'locked.csv')],
    says: /cannot read .*locked\.csv/,
  },
  { name: 'a directory instead of a file', args: (d) => ['import', 'roster', d], says: /cannot read .*: EISDIR/ },
  {
    name: 'a cron with six fields',
    args: () => ['schedule', 'add', 'avond', '--cron', '*/1 * * * * *'],
    says: /cron schedule .* is not valid/,
  },
  {
    name: 'a zone that does not exist',
    args: () => ['schedule', 'add', 'avond', '--cron', '0 18 * * 1-5', '--zone', 'Mars/Olympus_Mons'],
    says: /"Mars\/Olympus_Mons" is not a time zone/,
  },
  {
    name: 'minutes that are no number',
    args: () => ['schedule', 'add', 'laat', '--after-shift', '0x1E'],
    says: /"0x1E" minutes will not do/,
  },
  { name: 'an unknown command', args: () => ['imprt', 'roster'], says: /unknown command "imprt"/ },
  {
    name: 'an unknown option',
    args: () => ['schedule', 'add', 'x', '--crn', '0 18 * * *'],
    says: /Unknown option '--crn'/,
  },
];

describe('the leerkans command with bad input (embedded database)', () => {
  let dir: string;
  let env: Record<string, string>;
  const count = async () => {
    const { db } = await openEmbedded(join(dir, 'data'), 'reliability test');
    try {
      const r = await db.query<{ people: number; schedules: number; holidays: number; shifts: number }>(
        `SELECT (SELECT count(*)::int FROM people) AS people, (SELECT count(*)::int FROM schedules) AS schedules,
                (SELECT count(*)::int FROM holidays) AS holidays, (SELECT count(*)::int FROM shifts) AS shifts`,
      );
      return r.rows[0];
    } finally {
      await db.close();
    }
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'leerkans-cli-bad-'));
    env = { LEERKANS_DATA_DIR: join(dir, 'data'), LEERKANS_DEMO: 'off' };
    for (const file of [
      'roster-good-then-bad.csv',
      'roster-binary.csv',
      'shifts-a-year-long.csv',
      'framework-billion-laughs.yaml',
      'holidays-endless-rule.ics',
    ]) {
      copyFileSync(join(corpusDir, 'files', file), join(dir, file));
    }
    writeFileSync(join(dir, 'locked.csv'), 'email,name\n');
    chmodSync(join(dir, 'locked.csv'), 0o000);
    // The demo roster, so that the shifts file fails on its shift and not on unknown people.
    const { db } = await openEmbedded(join(dir, 'data'), 'reliability test');
    try {
      await migrate(db);
      const roster = readFileSync(new URL('../../db/demo/roster-demo.csv', import.meta.url), 'utf8');
      await importRoster(db, 'roster-demo.csv', roster, { timeZone: 'Europe/Brussels', locale: 'nl-BE' });
    } finally {
      await db.close();
    }
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses each with a non-zero exit and one line that says why, and changes nothing', {
    timeout: 600_000,
  }, async () => {
    const before = await count();
    let clear = 0;
    for (const c of CASES) {
      const r = await runCli(c.args(dir), env);
      expect(r.code, c.name).not.toBe(0);
      expect(r.stdout, c.name).toBe('');
      const lines = r.stderr.trimEnd().split('\n');
      // As root, a file with mode 000 is still readable: that case then fails on its content instead.
      expect(lines, `${c.name}: ${r.stderr}`).toHaveLength(1);
      expect(lines[0], c.name).toMatch(/^leerkans: /);
      expect(lines[0], c.name).not.toMatch(/\bat .*:\d+:\d+|undefined|NaN|\[object Object\]/);
      if (c.name !== 'a file nobody may read' || process.getuid?.() !== 0) expect(lines[0], c.name).toMatch(c.says);
      clear++;
    }
    expect(await count()).toEqual(before);
    recordFigures('bad input: the leerkans process', 'embedded', {
      cases: CASES.length,
      'refused with exit ≠ 0 and one clear line': clear,
      'rows changed': 0,
    });
  });
});
