// Embedded database only (PGlite in a data directory): start-up, the data-directory lock, the CLI reaching the
// running server's database, graceful shutdown and a restart after a crash. PostgreSQL has no data directory to
// share. The tests of the first block run in order on one data directory: a server start costs seconds of CPU.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, runCli, type ServerProcess, startServerProcess } from '../support/processes.js';
import { healthyWithin } from './readiness.js';

describe('npm start on the embedded database (embedded only)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'leerkans-embedded-'));
  const env = { LEERKANS_DATA_DIR: dataDir };
  let server: ServerProcess;

  beforeAll(async () => {
    server = await startServerProcess(env, 170_000);
  }, 180_000);
  afterAll(async () => {
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers /healthz with the database status and serves Prometheus metrics', async () => {
    const health = await healthyWithin(server.url);
    expect(health.body).toMatchObject({ status: 'ok', database: { ok: true, kind: 'pglite' } });
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/leerkans_http_requests_total\{method="GET",route="\/healthz",status="200"\} \d+/);
    expect(metrics).toMatch(/leerkans_process_cpu_user_seconds_total/);
    expect(metrics).toMatch(/# TYPE leerkans_outbox_messages gauge/);
  });

  it('seeded the demo data on the empty database', async () => {
    const exported = await runCli(['export', '--email', 'amira.elidrissi@student.example.be'], env);
    expect(exported.stderr).toBe('');
    expect(exported.code).toBe(0);
    const data = JSON.parse(exported.stdout) as { person: { name: string }; tables: { shifts: unknown[] } };
    expect(data.person.name).toBe('Amira El Idrissi');
    expect(data.tables.shifts).toHaveLength(2);
  });

  it('runs an import and an export from the CLI while the server runs', async () => {
    const roster = `email,name,roles,cohort,mentors,teachers,coaches,timezone,locale
nieuw@student.example.be,Nieuwe Student,student,SW-DUAAL-2026,jan.peeters@ocmw.example.be,,,Europe/Brussels,nl-BE
`;
    const file = join(dataDir, 'extra.csv');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(file, roster);
    const imported = await runCli(['import', 'roster', file], env);
    expect(imported.stderr).toBe('');
    expect(imported.stdout).toMatch(/Imported roster: 1 people \(1 new, 0 updated\), 1 new assignments/);
    const exported = await runCli(['export', '--email', 'nieuw@student.example.be'], env);
    expect(exported.code).toBe(0);
    const data = JSON.parse(exported.stdout) as {
      tables: { assignments: { staff_id: number }[] };
      labels: { people: Record<string, string> };
    };
    expect(data.tables.assignments).toEqual([expect.objectContaining({ role: 'mentor' })]);
    expect(data.labels.people[String(data.tables.assignments[0]!.staff_id)]).toBe('Jan Peeters');
    // The server still serves the same database afterwards.
    expect((await healthyWithin(server.url)).status).toBe(200);
  });

  it('reports a bad import in one line, exits non-zero and leaves the data as it was', async () => {
    const file = join(dataDir, 'bad.csv');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(
      file,
      'email,name,roles,cohort,mentors,teachers,coaches,timezone,locale\nx@s.example.be,X,wizard,,,,,,\n',
    );
    const r = await runCli(['import', 'roster', file], env);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^leerkans: Nothing imported: bad\.csv:2: roles: unknown role "wizard"/);
    const exported = await runCli(['export', '--email', 'x@s.example.be'], env);
    expect(exported.code).toBe(1);
    expect(exported.stderr).toMatch(/No person with email x@s\.example\.be/);
  });

  it('refuses a second server on the same data directory with a clear message', { timeout: 120_000 }, async () => {
    await expect(startServerProcess(env, 60_000)).rejects.toThrow(/in use by process \d+/);
  });

  // Graceful shutdown and a crash on the same data directory: the server above stops, a new one starts where it
  // left off, is killed, and the next one starts over its stale lock and control socket.
  it('stops on SIGTERM with exit code 0, releasing the data directory for the next start', {
    timeout: 300_000,
  }, async () => {
    expect(await server.stop()).toBe(0);
    expect(server.output()).toMatch(/"event":"server.stopped"/);
    server = await startServerProcess(env);
    expect((await healthyWithin(server.url)).body).toMatchObject({ database: { ok: true } });
  });

  it('starts after a crash (kill -9) that left a stale lock and control socket behind', {
    timeout: 300_000,
  }, async () => {
    server.child.kill('SIGKILL');
    await server.stop();
    server = await startServerProcess(env);
    expect((await healthyWithin(server.url)).body).toMatchObject({ database: { ok: true } });
    expect(await server.stop()).toBe(0);
  });
});

describe('configuration errors', () => {
  it.each([
    [{ PORT: 'abc' }, /^leerkans: Invalid PORT: expected a port number/],
    [{ LEERKANS_TIMEZONE: 'Mars/Olympus' }, /^leerkans: Invalid LEERKANS_TIMEZONE: expected an IANA time zone/],
    [{ DATABASE_URL: 'mysql://x@y/z' }, /^leerkans: Invalid DATABASE_URL: expected a postgres:\/\//],
  ])('fails start-up with one line naming the variable (%o)', async (env, message) => {
    const { spawnSync } = await import('node:child_process');
    const r = spawnSync(process.execPath, ['bin/server.js'], {
      cwd: repoRoot,
      env: { ...process.env, LEERKANS_DATA_DIR: join(tmpdir(), 'never-used'), ...env },
      encoding: 'utf8',
    });
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
  });
});
