// SIGKILL at the worst moments on the embedded database: the CLI in the middle of an import (with and without a
// server), and the server in the middle of turns. All-or-nothing holds (an import is one transaction, a turn's
// effect and its event key are committed together) and the data directory opens again afterwards.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { findOwner, sendCommand } from '../../app/control/client.js';
import { migrate } from '../../db/migrate.js';
import { openEmbedded } from '../../db/open.js';
import { startFakeBotConnector } from '../fakes/bot-connector.js';
import { repoRoot, runCli, startServerProcess } from '../support/processes.js';

const TENANT = 'b7e3c1d2-4a5f-4e6b-9c8d-1a2b3c4d5e6f';
const dirs: string[] = [];
const tempDir = (name: string) => {
  const dir = mkdtempSync(join(tmpdir(), `leerkans-${name}-`));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const bigRoster = (dir: string, people: number) => {
  const file = join(dir, 'big.csv');
  const rows = Array.from(
    { length: people },
    (_, i) => `big${i}@crash.example.be,Big ${i},student,SW-DUAAL-2026,,,,Europe/Brussels,nl-BE`,
  );
  writeFileSync(file, ['email,name,roles,cohort,mentors,teachers,coaches,timezone,locale', ...rows, ''].join('\n'));
  return file;
};

const spawnCli = (args: string[], env: Record<string, string>): ChildProcess =>
  spawn(process.execPath, ['bin/leerkans.js', ...args], {
    cwd: repoRoot,
    env: { ...process.env, DATABASE_URL: '', LOG_LEVEL: 'silent', ...env },
    stdio: 'ignore',
  });

const exited = (child: ChildProcess) =>
  new Promise<NodeJS.Signals | number | null>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.signalCode ?? child.exitCode);
    else child.on('exit', (code, signal) => resolve(signal ?? code));
  });

/** Opens the data directory in this process (as the CLI would) and counts the people an import may have added. */
const countBig = async (dataDir: string): Promise<number> => {
  const { db } = await openEmbedded(dataDir, 'test');
  try {
    const r = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM people WHERE email LIKE 'big%'`);
    return r.rows[0]!.n;
  } finally {
    await db.close();
  }
};

describe('SIGKILL on the embedded database (embedded only)', () => {
  it('kills the CLI in the middle of an import it runs itself: nothing half-stored, the directory opens again', {
    timeout: 300_000,
  }, async () => {
    const dataDir = tempDir('cli-kill');
    const env = { LEERKANS_DATA_DIR: dataDir, LEERKANS_DEMO: 'off' };
    // A migrated data directory, as `leerkans migrate` leaves it (opened here: no process needed for that).
    const prepared = await openEmbedded(dataDir, 'test');
    await migrate(prepared.db);
    await prepared.db.close();
    const file = bigRoster(dataDir, 3000);
    // Killed at several moments after it took the data directory: before, during and (maybe) after the import.
    for (const delay of [300, 1200, 2500]) {
      const child = spawnCli(['import', 'roster', file], env);
      const lock = join(dataDir, 'leerkans.lock');
      const deadline = Date.now() + 60_000;
      while (!existsSync(lock) && child.exitCode === null && Date.now() < deadline) await sleep(10);
      await sleep(delay);
      child.kill('SIGKILL');
      await exited(child);
      const n = await countBig(dataDir);
      expect([0, 3000]).toContain(n);
      if (n === 3000) break;
    }
    // The data directory is still a working database: a clean import afterwards completes.
    const after = await runCli(['import', 'roster', file], env);
    expect(after.stderr).toBe('');
    expect(after.code).toBe(0);
    expect(await countBig(dataDir)).toBe(3000);
  });

  it('kills the CLI while the server runs its import: the server finishes it or stores nothing', {
    timeout: 300_000,
  }, async () => {
    const dataDir = tempDir('cli-kill-server');
    const env = { LEERKANS_DATA_DIR: dataDir, LEERKANS_DEMO: 'off' };
    const server = await startServerProcess(env);
    try {
      const child = spawnCli(['import', 'roster', bigRoster(dataDir, 2000)], env);
      // Killed once it has had time to hand the command over (the server then runs it in its own transaction).
      await sleep(2500);
      child.kill('SIGKILL');
      await exited(child);
      // Whatever the server does with it, anyone looking sees all of the import or none of it, never part. Each
      // look is an export through the server's control channel, as the CLI hands it over (in this process: a CLI
      // process per look would cost seconds of start-up each and prove nothing more).
      const exportCode = async (email: string) => {
        const owner = await findOwner(dataDir);
        return (await sendCommand(owner!.control, { argv: ['export', '--email', email], cwd: dataDir })).code;
      };
      for (let look = 0; look < 3; look++) {
        // Rows are inserted in file order: the last one visible without the first would be a partial import.
        const last = await exportCode('big1999@crash.example.be');
        const first = await exportCode('big0@crash.example.be');
        if (last === 0) expect(first).toBe(0);
      }
    } finally {
      expect(await server.stop()).toBe(0);
    }
    expect([0, 2000]).toContain(await countBig(dataDir));
  });

  it('kills the server in the middle of turns: each turn is stored with its event key or not at all', {
    timeout: 300_000,
  }, async () => {
    const dataDir = tempDir('server-kill');
    const env = { LEERKANS_DATA_DIR: dataDir, LEERKANS_DEMO: 'on' };
    const connector = await startFakeBotConnector();
    const students = Array.from({ length: 30 }, (_, i) => ({
      email: `kill${i}@crash.example.be`,
      id: `29:kill-${i}`,
      aad: `00000000-0000-4000-8300-${String(i).padStart(12, '0')}`,
      conversation: `a:kill-chat-${i}`,
    }));
    for (const s of students) {
      connector.addMember({ id: s.id, name: s.email, aadObjectId: s.aad, email: s.email, tenantId: TENANT });
    }
    const roster = join(dataDir, 'kill.csv');
    writeFileSync(
      roster,
      [
        'email,name,roles,cohort,mentors,teachers,coaches,timezone,locale',
        ...students.map((s) => `${s.email},${s.email},student,SW-DUAAL-2026,,,,Europe/Brussels,nl-BE`),
      ].join('\n'),
    );
    const server = await startServerProcess(env);
    try {
      expect((await runCli(['import', 'roster', roster], env)).code).toBe(0);
      const post = (s: (typeof students)[number]) =>
        fetch(`${server.url}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            type: 'message',
            id: `kill-${s.conversation}`,
            channelId: 'msteams',
            serviceUrl: connector.serviceUrl,
            from: { id: s.id, name: s.email, aadObjectId: s.aad },
            conversation: { conversationType: 'personal', tenantId: TENANT, id: s.conversation },
            recipient: { id: '28:leerkans', name: 'Leerkans' },
            text: 'reflectie',
            locale: 'nl-BE',
          }),
        });
      // Acknowledged at once; the turns run afterwards. Kill the server once some of them have answered.
      const answers = await Promise.all(students.map(post));
      expect(answers.map((r) => r.status)).toEqual(students.map(() => 200));
      await connector.waitFor(() => connector.sent().length >= 5 || undefined, 60_000);
    } finally {
      server.child.kill('SIGKILL');
      await server.stop();
      await connector.close();
    }
    const answered = connector.sent().length;
    // The data directory opens again, and every turn is whole: its event key and its conversation, or neither.
    const { db } = await openEmbedded(dataDir, 'test');
    try {
      const rows = await db.query<{ email: string; processed: boolean; conversation: boolean }>(
        `SELECT p.email,
                EXISTS (SELECT 1 FROM processed_events e WHERE e.key = 'teams:kill-a:kill-chat-' || substr(p.email, 5, strpos(p.email, '@') - 5)) AS processed,
                EXISTS (SELECT 1 FROM conversations c WHERE c.person_id = p.id) AS conversation
           FROM people p WHERE p.email LIKE 'kill%'`,
      );
      expect(rows.rows).toHaveLength(30);
      for (const r of rows.rows)
        expect({ email: r.email, whole: r.processed === r.conversation }).toEqual({ email: r.email, whole: true });
      const stored = rows.rows.filter((r) => r.processed).length;
      // Every answer the connector got belongs to a stored turn (a reply is posted after its commit).
      expect(stored).toBeGreaterThanOrEqual(Math.min(answered, 30));
    } finally {
      await db.close();
    }
  });
});
