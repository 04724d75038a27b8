// `npx leerkans …`. Every command prints its result to stdout and, on failure, one line to stderr and exits
// non-zero. While `npm start` runs on the embedded database, commands reach the server's database through
// its socket instead of opening the data directory a second time.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../bot/config/env.js';
import { importFramework } from '../bot/imports/framework.js';
import { importRoster } from '../bot/imports/roster.js';
import { importShifts } from '../bot/imports/shifts.js';
import { erasePersonData, exportPersonData } from '../bot/privacy/export.js';
import type { Db } from '../db/db.js';
import { migrate } from '../db/migrate.js';
import { openClientDatabase } from '../db/open.js';

const USAGE = `Usage: leerkans <command>
  migrate                      apply database migrations
  import framework FILE        import a competence framework (YAML or JSON)
  import roster FILE           import people and assignments (CSV)
  import shifts FILE           import shifts (CSV, local times)
  export --email EMAIL         print everything stored about a person as JSON
  erase --email EMAIL --yes    erase a person and everything stored about them
  digest --now                 send the weekly coach digest now
  teams-package [--out FILE]   build the Teams app package (zip)
  eval tagging FILE [--framework FILE | --code CODE] [--no-llm]
                               indicator suggestions against labelled reflections (JSONL): F1, top-3 recall`;

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

type Out = (text: string) => void;

async function withDb<T>(fn: (db: Db) => Promise<T>, migrateFirst = true): Promise<T> {
  const config = loadConfig();
  const db = await openClientDatabase(config);
  try {
    // Idempotent and cheap when up to date; makes every command work on a brand-new database too.
    if (migrateFirst) await migrate(db);
    return await fn(db);
  } finally {
    await db.close();
  }
}

const readInput = async (file: string | undefined): Promise<{ name: string; content: string }> => {
  if (!file) throw new UsageError('missing FILE');
  try {
    return { name: basename(file), content: await readFile(file, 'utf8') };
  } catch (error) {
    throw new Error(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
};

export async function runCli(argv: string[], out: Out): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      email: { type: 'string' },
      now: { type: 'boolean' },
      yes: { type: 'boolean' },
      out: { type: 'string' },
      framework: { type: 'string' },
      code: { type: 'string' },
      'no-llm': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, sub, file] = positionals;
  if (values.help || !command) {
    out(USAGE);
    return;
  }
  switch (command) {
    case 'migrate': {
      const applied = await withDb((db) => migrate(db), false);
      out(applied.length > 0 ? `Applied migrations ${applied.join(', ')}` : 'Database is up to date');
      return;
    }
    case 'import': {
      const config = loadConfig();
      const input = await readInput(file);
      const defaults = { timeZone: config.LEERKANS_TIMEZONE, locale: config.LEERKANS_LOCALE };
      if (sub === 'framework') {
        const r = await withDb((db) => importFramework(db, input.name, input.content));
        out(
          `Imported framework: ${r.competences} competences, ${r.indicators} indicators` +
            (r.retired || r.removed ? ` (${r.retired} retired, ${r.removed} removed)` : ''),
        );
      } else if (sub === 'roster') {
        const r = await withDb((db) => importRoster(db, input.name, input.content, defaults));
        out(
          `Imported roster: ${r.people} people (${r.created} new, ${r.updated} updated), ${r.assignments} new assignments`,
        );
      } else if (sub === 'shifts') {
        const r = await withDb((db) => importShifts(db, input.name, input.content));
        out(`Imported ${r.shifts} shifts`);
      } else {
        throw new UsageError(`unknown import "${sub ?? ''}" (expected framework, roster or shifts)`);
      }
      return;
    }
    case 'export': {
      if (!values.email) throw new UsageError('export needs --email EMAIL');
      const email = values.email;
      const data = await withDb((db) => exportPersonData(db, email, { label: 'cli' }));
      out(JSON.stringify(data, null, 2));
      return;
    }
    case 'erase': {
      if (!values.email) throw new UsageError('erase needs --email EMAIL');
      if (!values.yes) throw new UsageError('erase removes a person for good: add --yes to confirm');
      const email = values.email;
      await withDb((db) => erasePersonData(db, email, { label: 'cli' }));
      out(`Erased ${email} and everything stored about them`);
      return;
    }
    case 'teams-package': {
      const { buildTeamsPackage } = await import('../manifest/teams/build.js');
      const config = loadConfig();
      const file = await buildTeamsPackage({
        appId: config.MicrosoftAppId,
        publicUrl: config.PUBLIC_URL,
        outFile: values.out ?? 'leerkans-teams.zip',
      });
      out(`Wrote ${file}`);
      return;
    }
    case 'eval': {
      if (sub !== 'tagging') throw new UsageError(`unknown eval "${sub ?? ''}" (expected tagging)`);
      if (!file) throw new UsageError('missing FILE');
      const { evalTaggingCommand } = await import('./eval-tagging.js');
      const args = { file, framework: values.framework, code: values.code, noLlm: values['no-llm'] };
      await evalTaggingCommand(args, out, loadConfig());
      return;
    }
    case 'digest':
      throw new Error(`${command} is not available in this version yet`);
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

// Run only as the CLI entry point, not when a test imports runCli.
if (process.argv[1] && /leerkans(\.js)?$|cli\.ts$/.test(process.argv[1])) {
  runCli(process.argv.slice(2), (text) => process.stdout.write(`${text}\n`)).catch((error: unknown) => {
    const message =
      error instanceof ConfigError || error instanceof UsageError
        ? `${error.message}${error instanceof UsageError ? ' (see leerkans --help)' : ''}`
        : (error as Error).message.split('\n')[0];
    process.stderr.write(`leerkans: ${message}\n`);
    process.exitCode = error instanceof UsageError ? 2 : 1;
  });
}
