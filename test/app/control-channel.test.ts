// The control channel: while the server owns the embedded database, a CLI command runs inside the server. Only the
// owner of the data directory can reach it (socket and lock file mode 0600, a token), long data-directory paths
// fall back to loopback TCP, and a command answers the same way wherever it runs.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../app/cli/command.js';
import { commands } from '../../app/cli/commands.js';
import { resolveCommand } from '../../app/cli/dispatch.js';
import { findOwner, sendCommand } from '../../app/control/client.js';
import { type RunningLeerkans, startLeerkans } from '../../app/main.js';
import { loadConfig } from '../../bot/config/env.js';
import { silentLogger } from '../../bot/log/logger.js';
import { readLock } from '../../db/data-dir-lock.js';
import { runCli } from '../support/processes.js';

describe('CLI commands as a table', () => {
  it('finds one- and two-word commands and parses their options strictly', () => {
    expect(resolveCommand(['import', 'roster', 'a.csv'])).toMatchObject({
      command: { name: 'import roster' },
      args: { positionals: ['a.csv'] },
    });
    expect(resolveCommand(['export', '--email', 'a@b.be'])).toMatchObject({
      command: { name: 'export' },
      args: { values: { email: 'a@b.be' } },
    });
    expect(resolveCommand(['--help'])).toBeUndefined();
    expect(() => resolveCommand(['import', 'wizards', 'x'])).toThrow(
      /unknown import "wizards" \(expected framework, roster, shifts, holidays\)/,
    );
    expect(() => resolveCommand(['frobnicate'])).toThrow(UsageError);
    expect(() => resolveCommand(['export', '--colour', 'red'])).toThrow(/Unknown option '--colour'/);
  });

  it('waits for a server still starting, but not for another CLI command holding the directory', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lk-owner-'));
    try {
      // A live process other than this one (the test runner's parent) as the owner.
      const lock = (role: string) =>
        writeFileSync(join(dir, 'leerkans.lock'), JSON.stringify({ pid: process.ppid, startedAt: '', role }));
      lock('cli');
      await expect(findOwner(dir, 60_000)).rejects.toThrow(/in use by another leerkans command/);
      lock('server');
      await expect(findOwner(dir, 0)).rejects.toThrow(/takes no commands/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names every command once', () => {
    const names = commands.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
  });
});

describe.each([
  ['a short data directory: a Unix socket', () => mkdtempSync(join(tmpdir(), 'lk-ctl-')), 'socket'],
  [
    'a data directory too long for a Unix socket: loopback TCP',
    () => mkdtempSync(join(tmpdir(), `leerkans-control-channel-with-a-long-name-${'x'.repeat(60)}-`)),
    'tcp',
  ],
])('the control channel with %s (embedded only)', (_name, makeDir, kind) => {
  let dataDir: string;
  let running: RunningLeerkans;
  beforeAll(async () => {
    dataDir = makeDir();
    running = await startLeerkans(
      loadConfig({ PORT: '0', LEERKANS_DATA_DIR: dataDir, LEERKANS_DEMO: 'on' }),
      silentLogger,
    );
  }, 180_000);
  afterAll(async () => {
    await running?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('is open to the owner only: lock file and socket mode 0600, and a token', async () => {
    const lock = readLock(dataDir) ?? JSON.parse(readFileSync(join(dataDir, 'leerkans.lock'), 'utf8'));
    expect(statSync(join(dataDir, 'leerkans.lock')).mode & 0o777).toBe(0o600);
    const endpoint = lock.control;
    expect(endpoint.token).toMatch(/^[0-9a-f]{64}$/);
    expect(endpoint.socketPath ? 'socket' : 'tcp').toBe(kind);
    if (endpoint.socketPath) {
      expect(Buffer.byteLength(endpoint.socketPath)).toBeLessThanOrEqual(100);
      expect(statSync(endpoint.socketPath).mode & 0o777).toBe(0o600);
    } else {
      expect(endpoint.host).toBe('127.0.0.1');
    }
    await expect(sendCommand({ ...endpoint, token: 'wrong' }, { argv: ['migrate'], cwd: dataDir })).rejects.toThrow(
      /HTTP 401/,
    );
  });

  it('runs a command inside the server, with the same output and exit codes as the CLI alone', async () => {
    // This process is the owner, so the lock file is read as another process would.
    const info = JSON.parse(readFileSync(join(dataDir, 'leerkans.lock'), 'utf8'));
    expect(info.pid).toBe(process.pid);
    writeFileSync(
      join(dataDir, 'one.csv'),
      'email,name,roles,cohort,mentors,teachers,coaches,timezone,locale\nctl@student.example.be,Ctl Student,student,SW-DUAAL-2026,,,,Europe/Brussels,nl-BE\n',
    );
    const ok = await sendCommand(info.control, { argv: ['import', 'roster', 'one.csv'], cwd: dataDir });
    expect(ok).toEqual({ code: 0, stdout: ['Imported roster: 1 people (1 new, 0 updated), 0 new assignments'] });
    // The import is in the server's database right away.
    const row = await running.db.query<{ name: string }>(
      `SELECT name FROM people WHERE email = 'ctl@student.example.be'`,
    );
    expect(row.rows).toEqual([{ name: 'Ctl Student' }]);
    expect(
      await sendCommand(info.control, { argv: ['erase', '--email', 'ctl@student.example.be'], cwd: dataDir }),
    ).toEqual({
      code: 2,
      stdout: [],
      error: 'erase removes a person for good: add --yes to confirm (see leerkans --help)',
    });
    expect(await sendCommand(info.control, { argv: ['import', 'roster', 'missing.csv'], cwd: dataDir })).toEqual({
      code: 1,
      stdout: [],
      error: 'cannot read missing.csv: ENOENT',
    });
  });

  it('is what the CLI process uses while the server runs', { timeout: 180_000 }, async () => {
    // The lock names this process; a child CLI finds it alive and hands the command over.
    expect(await findOwner(dataDir, 0)).toBeUndefined(); // this process never hands commands to itself
    const r = await runCli(['export', '--email', 'amira.elidrissi@student.example.be'], { LEERKANS_DATA_DIR: dataDir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ person: { name: 'Amira El Idrissi' } });
    const usage = await runCli(['erase', '--email', 'x@y.be'], { LEERKANS_DATA_DIR: dataDir });
    expect(usage).toMatchObject({
      code: 2,
      stderr: 'leerkans: erase removes a person for good: add --yes to confirm (see leerkans --help)\n',
    });
  });
});
