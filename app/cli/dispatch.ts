// From argv to a command of the table and its arguments, and running it with a database — the part the CLI process
// and the server's control channel share, so a command behaves the same wherever it runs.
import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Config } from '../../bot/config/env.js';
import type { Db } from '../../db/db.js';
import { type CliCommand, type CommandArgs, type Out, UsageError } from './command.js';
import { commands } from './commands.js';

export const usage = (): string => `Usage: leerkans <command>\n${commands.map((c) => `  ${c.usage}`).join('\n')}`;

export interface ResolvedCommand {
  command: CliCommand;
  args: CommandArgs;
}

/** The command named by argv's first one or two words, with its options parsed; undefined for --help or nothing. */
export function resolveCommand(argv: readonly string[]): ResolvedCommand | undefined {
  const words = argv.filter((a) => !a.startsWith('-'));
  if (argv.includes('--help') || argv.includes('-h') || words.length === 0) return undefined;
  const two = `${words[0]} ${words[1] ?? ''}`;
  const command = commands.find((c) => c.name === two) ?? commands.find((c) => c.name === words[0]);
  if (!command) {
    const family = commands.filter((c) => c.name.startsWith(`${words[0]} `)).map((c) => c.name.split(' ')[1]);
    if (family.length > 0) {
      throw new UsageError(`unknown ${words[0]} "${words[1] ?? ''}" (expected ${family.join(', ')})`);
    }
    throw new UsageError(`unknown command "${words[0]}"`);
  }
  // Drop the command's own words (first occurrences) and parse the rest strictly against its options.
  const rest = [...argv];
  for (const word of command.name.split(' ')) rest.splice(rest.indexOf(word), 1);
  try {
    const { values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      strict: true,
      options: command.options ?? {},
    });
    return { command, args: { positionals, values } };
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0] ?? 'bad arguments');
  }
}

export interface ExecuteOptions {
  db?: Db;
  config: Config;
  out: Out;
  /** Where relative file names are resolved: the directory the CLI was started in. */
  cwd: string;
}

/** Runs a resolved command; throws (see describeFailure) when it fails. */
export async function executeCommand(resolved: ResolvedCommand, options: ExecuteOptions): Promise<void> {
  const { command, args } = resolved;
  if (command.database && !options.db) throw new Error(`${command.name} needs the database`);
  await command.run({
    db: options.db as Db,
    args,
    out: options.out,
    config: options.config,
    readInput: async (file) => {
      if (!file) throw new UsageError('missing FILE');
      try {
        return { name: basename(file), content: await readFile(resolve(options.cwd, file), 'utf8') };
      } catch (error) {
        throw new Error(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
      }
    },
  });
}
