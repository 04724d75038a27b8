// The seam for CLI commands: one entry per command in commands.ts. The same handler runs in the CLI process (no
// server running, or on PostgreSQL) and inside the running server (handed over the control channel), so it must
// not assume which process it is in: files come through `readInput`, output through `out`, failures as errors.
import type { ParseArgsConfig } from 'node:util';
import type { Config } from '../../bot/config/env.js';
import type { Db } from '../../db/db.js';

export type Out = (text: string) => void;

export interface CommandArgs {
  /** The words after the command's name (e.g. FILE in `import roster FILE`). */
  positionals: string[];
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
}

export interface CommandContext {
  /** The database, opened and migrated; only for commands with `database: true`. */
  db: Db;
  args: CommandArgs;
  out: Out;
  config: Config;
  /** Reads a file named on the command line, relative to the directory the CLI was started in. */
  readInput(file: string | undefined): Promise<{ name: string; content: string }>;
}

export interface CliCommand {
  /** One or two words: `migrate`, `import roster`. */
  name: string;
  /** One line for `leerkans --help`, starting with the synopsis. */
  usage: string;
  /** Needs the database: runs inside the server when one owns the embedded database. */
  database: boolean;
  /** Options besides --help, as node:util parseArgs takes them. */
  options?: ParseArgsConfig['options'];
  run(ctx: CommandContext): Promise<void>;
}

/** A mistake in how the command was called: exit code 2 and a pointer to --help. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Exit code and one-line reason for a failed command, the same in the CLI and over the control channel. */
export function describeFailure(error: unknown): { code: number; message: string } {
  if (error instanceof UsageError) return { code: 2, message: `${error.message} (see leerkans --help)` };
  const message = error instanceof Error ? error.message : String(error);
  const exitCode = (error as { exitCode?: unknown })?.exitCode;
  return { code: typeof exitCode === 'number' ? exitCode : 1, message: message.split('\n')[0] ?? '' };
}
