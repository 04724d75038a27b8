// A throwaway PostgreSQL cluster of our own, to restart and crash under load: never the shared server of
// DATABASE_URL, which other test runs use. initdb into a temporary directory, a free port, a socket in the same
// directory; stopped and removed afterwards. PostgreSQL refuses to run as root: as root, the cluster runs as an
// ordinary account (LEERKANS_RELIABILITY_PG_USER, default "postgres").
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PgCluster {
  url: string;
  /** Stop (`fast`: connections closed; `immediate`: a crash) and start again at once. */
  restart(mode?: 'fast' | 'immediate'): Promise<void>;
  /** Stops (`immediate` is a crash: no checkpoint, every connection cut) and starts again after `downMs`. */
  outage(downMs: number, mode?: 'fast' | 'immediate'): Promise<void>;
  destroy(): void;
}

/** Where initdb and pg_ctl are, or why the cluster cannot be made here. */
export function findPostgres(): { bin: string; user?: { uid: number; gid: number } } | { missing: string } {
  const candidates: string[] = [];
  const config = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  if (config.status === 0) candidates.push(config.stdout.trim());
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian).sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((v) => join(debian, v, 'bin')));
  }
  const which = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' });
  if (which.status === 0) candidates.push(join(which.stdout.trim(), '..'));
  const bin = candidates.find((dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl')));
  if (!bin) return { missing: 'no PostgreSQL server binaries (initdb, pg_ctl) on this machine' };
  if (process.getuid?.() !== 0) return { bin };
  const name = process.env.LEERKANS_RELIABILITY_PG_USER ?? 'postgres';
  try {
    const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', name], { encoding: 'utf8' }).trim());
    return { bin, user: { uid, gid } };
  } catch {
    return { missing: `running as root and there is no account "${name}" to run PostgreSQL as` };
  }
}

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });

export async function startPgCluster(found: { bin: string; user?: { uid: number; gid: number } }): Promise<PgCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'leerkans-pg-'));
  if (found.user) chownSync(dir, found.user.uid, found.user.gid);
  const data = join(dir, 'data');
  const port = await freePort();
  const spawnOptions = {
    cwd: dir,
    ...(found.user ? { uid: found.user.uid, gid: found.user.gid } : {}),
    env: { ...process.env, LC_ALL: 'C' },
  };
  // Asynchronous, so the servers under test keep taking requests while PostgreSQL stops and starts.
  const run = (tool: string, args: string[]) =>
    new Promise<void>((resolve, reject) => {
      execFile(join(found.bin, tool), args, spawnOptions, (error, stdout, stderr) =>
        error ? reject(new Error(`${tool} failed: ${stderr || stdout || error.message}`)) : resolve(),
      );
    });
  await run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
  // fsync off: the test is about connections, not durability, and it keeps the restarts quick.
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=50`;
  const start = () => run('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'log'), '-w', '-t', '60', 'start']);
  const stop = (mode: string) => run('pg_ctl', ['-D', data, '-m', mode, '-w', '-t', '60', 'stop']);
  await start();
  let destroyed = false;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async restart(mode = 'fast') {
      await stop(mode);
      await start();
    },
    async outage(downMs, mode = 'immediate') {
      await stop(mode);
      await new Promise((r) => setTimeout(r, downMs));
      await start();
    },
    destroy() {
      if (destroyed) return;
      destroyed = true;
      spawnSync(join(found.bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop'], spawnOptions);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
