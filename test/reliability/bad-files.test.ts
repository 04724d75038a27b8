// The CLI and its files: every bad import file of the corpus (test/fixtures/bad-input/files: CSV, YAML, JSON and
// iCalendar that is empty, truncated, binary, self-contradictory, hostile or right for 200 rows and wrong in the
// last) through `leerkans import …`, and bad cron expressions, time zones and names through `leerkans schedule add`
// and the admin's chat command. The commands run as the CLI runs them (argv → the command table → the handler),
// in this process on every test database; the real `leerkans` process is run by the slow suite.
// Each is refused with one line that says what is wrong, and nothing is stored: not one row.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeFailure } from '../../app/cli/command.js';
import { executeCommand, resolveCommand } from '../../app/cli/dispatch.js';
import { loadConfig } from '../../bot/config/env.js';
import { cleanText } from '../../bot/core/text.js';
import { isIanaTimeZone } from '../../bot/imports/validators.js';
import { validateCron } from '../../bot/schedule/cron.js';
import { t } from '../../bot/i18n/index.js';
import type { Db } from '../../db/db.js';
import { makeBot, say, seed, textOf } from '../support/harness.js';
import { databases } from '../support/databases.js';
import { badFiles, corpusDir, schedules } from './support/corpus.js';
import { recordFigures } from './support/figures.js';
import { watchProcess } from './support/watch.js';

watchProcess();
const files = badFiles();
const bad = schedules();
const config = loadConfig({ LEERKANS_DATA_DIR: corpusDir, LOG_LEVEL: 'silent' }, { requireSecrets: false });

/** Every row of every table: a refused command must leave all of them as they were. */
async function everything(db: Db): Promise<Record<string, string[]>> {
  const tables = await db.query<{ tablename: string }>(
    `SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
  );
  const out: Record<string, string[]> = {};
  for (const { tablename } of tables.rows) {
    const r = await db.query<{ row: string }>(`SELECT to_jsonb(t)::text AS row FROM "${tablename}" t`);
    out[tablename] = r.rows.map((x) => x.row).sort();
  }
  return out;
}

/** What a user of the CLI would see: the exit code and the one line on stderr. */
async function cli(db: Db, argv: string[]): Promise<{ code: number; message: string; stdout: string[] }> {
  const stdout: string[] = [];
  try {
    const resolved = resolveCommand(argv);
    if (!resolved) return { code: 0, message: '', stdout: ['usage'] };
    await executeCommand(resolved, { db, config, out: (line) => stdout.push(line), cwd: corpusDir });
    return { code: 0, message: '', stdout };
  } catch (error) {
    return { ...describeFailure(error), stdout };
  }
}

/** Only a bug says these to a user. */
const INTERNALS = /is not a function|Cannot read properties|undefined|\[object Object\]|NaN|at .*\(.*:\d+:\d+\)/;

describe.each(databases)('bad files and schedule values on $name', (database) => {
  let db: Db;
  let before: Record<string, string[]>;
  const problems: string[] = [];
  let refused = 0;

  beforeAll(async () => {
    db = await database.create();
    await seed(db);
    before = await everything(db);
  });
  afterAll(async () => {
    await db?.close();
  });

  const expectRefused = (what: string, r: { code: number; message: string }, mention?: string) => {
    if (r.code === 0) problems.push(`${what}: accepted`);
    else if (r.message.includes('\n') || r.message.trim() === '') problems.push(`${what}: not one line`);
    else if (INTERNALS.test(r.message)) problems.push(`${what}: ${r.message.slice(0, 200)}`);
    else if (r.message.length > 1000) problems.push(`${what}: a message of ${r.message.length} characters`);
    else if (mention && !r.message.includes(mention))
      problems.push(`${what}: does not name ${mention}: ${r.message.slice(0, 200)}`);
    else refused++;
  };

  it('refuses every bad import file in one line that names it, and stores nothing', async () => {
    for (const f of files) {
      const r = await cli(db, [...f.command.split(' '), `files/${f.file}`]);
      expectRefused(f.file, r, f.file);
      expect(await everything(db), f.file).toEqual(before);
    }
    expect(problems).toEqual([]);
  });

  it('refuses every bad cron, zone and name for `schedule add`, and stores nothing', async () => {
    for (const cron of bad.crons) {
      expectRefused(
        `cron ${JSON.stringify(cron.slice(0, 40))}`,
        await cli(db, ['schedule', 'add', 'x', '--cron', cron]),
      );
    }
    for (const zone of bad.zones) {
      const r = await cli(db, ['schedule', 'add', 'x', '--cron', '0 18 * * 1-5', '--zone', zone]);
      expectRefused(`zone ${JSON.stringify(zone.slice(0, 40))}`, r);
    }
    for (const name of bad.names) {
      expectRefused(
        `name ${JSON.stringify(name.slice(0, 40))}`,
        await cli(db, ['schedule', 'add', name, '--after-shift', '30']),
      );
    }
    for (const minutes of ['-5', '1e9', 'abc', '30; DROP TABLE schedules', '', '1441', '0x1E']) {
      expectRefused(
        `minutes ${JSON.stringify(minutes)}`,
        await cli(db, ['schedule', 'add', 'x', '--after-shift', minutes]),
      );
    }
    expect(problems).toEqual([]);
    expect(await everything(db)).toEqual(before);
  });

  it("refuses every bad cron and zone in the admin's chat command, in the admin's language, and stores nothing", async () => {
    const bot = makeBot(db);
    const error = t('nl', 'admin.error', { reason: '' }).split(':')[0]!;
    const answers: string[] = [];
    // The chat removes control characters before anything else: a cron that is valid after that is not bad input.
    const stillBad = (cron: string) => {
      try {
        validateCron(cleanText(cron).text);
        return false;
      } catch {
        return true;
      }
    };
    for (const cron of bad.crons.filter((c) => !c.includes('"') && stillBad(c))) {
      answers.push(textOf(await say(bot, 'sofie', `admin schema cron avond "${cron}"`)));
    }
    for (const zone of bad.zones.filter((z) => !isIanaTimeZone(cleanText(z).text))) {
      answers.push(textOf(await say(bot, 'sofie', `admin schema cron avond "0 18 * * 1-5" zone ${zone}`)));
    }
    for (const [i, answer] of answers.entries()) {
      // A refusal ("Dat lukte niet: …", after the notice that a very long message was cut) or the admin's usage.
      const refusal = answer.split('\n').some((line) => line.startsWith(error)) || answer === t('nl', 'admin.usage');
      if (!refusal || INTERNALS.test(answer)) problems.push(`chat ${i}: ${answer.slice(0, 200)}`);
      else if (answer.length > 1000) problems.push(`chat ${i}: an answer of ${answer.length} characters`);
      else refused++;
    }
    expect(problems).toEqual([]);
    const after = await everything(db);
    // The chat turns store their event keys and the admin's conversation; the schedules stay as they were.
    expect(after.schedules).toEqual(before.schedules);
    expect(after.audit_log).toEqual(before.audit_log);
    recordFigures('bad input: CLI files and schedule values', database.name, {
      'bad import files': files.length,
      'bad cron/zone/name/minutes values': bad.crons.length + bad.zones.length + bad.names.length + 7,
      'chat schedule commands': answers.length,
      'refused in one clear line': refused,
      'rows changed': 0,
      problems: problems.length,
    });
  });
});
