// `npx leerkans …`. Every command prints its result to stdout and, on failure, one line to stderr and exits
// non-zero (2 for a usage mistake). The commands are a table (app/cli/commands.ts). A command that needs the
// database runs here on PostgreSQL or on an embedded database nobody has open; while a server owns the embedded
// database, the command is handed to that server (app/control/) and runs there, so PGlite never gets a second
// client.
import { resolve } from 'node:path';
import { ConfigError, loadConfig } from '../bot/config/env.js';
import { migrate } from '../db/migrate.js';
import { openClientDatabase } from '../db/open.js';
import { describeFailure, type Out } from './cli/command.js';
import { executeCommand, resolveCommand, usage } from './cli/dispatch.js';
import { findOwner, sendCommand } from './control/client.js';

export { UsageError } from './cli/command.js';

/** A command that failed inside the server: its exit code and one-line reason, as the server reported them. */
export class CommandFailedError extends Error {
  override readonly name = 'CommandFailedError';
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

export async function runCli(argv: string[], out: Out): Promise<void> {
  const resolved = resolveCommand(argv);
  if (!resolved) {
    out(usage());
    return;
  }
  // No command signs in to Teams: the app password belongs to the server (the Teams package needs only the app id).
  const config = loadConfig(process.env, { requireSecrets: false });
  const cwd = process.cwd();
  if (!resolved.command.database) {
    await executeCommand(resolved, { config, out, cwd });
    return;
  }
  if (!config.DATABASE_URL) {
    const owner = await findOwner(resolve(config.LEERKANS_DATA_DIR));
    if (owner) {
      const answer = await sendCommand(owner.control, { argv, cwd });
      for (const line of answer.stdout) out(line);
      if (answer.code !== 0) throw new CommandFailedError(answer.error ?? 'failed', answer.code);
      return;
    }
  }
  const db = await openClientDatabase(config);
  try {
    // Idempotent and cheap when up to date; makes every command work on a brand-new database too.
    if (resolved.command.name !== 'migrate') await migrate(db);
    await executeCommand(resolved, { db, config, out, cwd });
  } finally {
    await db.close();
  }
}

// Run only as the CLI entry point, not when a test imports runCli.
if (process.argv[1] && /leerkans(\.js)?$|cli\.ts$/.test(process.argv[1])) {
  runCli(process.argv.slice(2), (text) => process.stdout.write(`${text}\n`)).catch((error: unknown) => {
    const failure = error instanceof ConfigError ? { code: 1, message: error.message } : describeFailure(error);
    process.stderr.write(`leerkans: ${failure.message}\n`);
    process.exitCode = failure.code;
  });
}
