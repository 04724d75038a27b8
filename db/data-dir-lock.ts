// One process owns the embedded database's data directory. The lock file (owner-only, mode 0600) records who owns
// it and where that owner listens for commands, so the CLI can hand its command to the running server instead of
// opening the database a second time.
import { closeSync, mkdirSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** Where the owner takes commands: a Unix socket path, or loopback TCP; always with a bearer token. */
export interface ControlEndpoint {
  socketPath?: string;
  host?: string;
  port?: number;
  token: string;
}

export interface LockInfo {
  pid: number;
  startedAt: string;
  /** The server takes commands once it has published `control`; a CLI command holds the directory briefly. */
  role?: 'server' | 'cli';
  control?: ControlEndpoint;
}

export class DataDirLockedError extends Error {
  override readonly name = 'DataDirLockedError';
  constructor(
    readonly dataDir: string,
    readonly owner: LockInfo,
  ) {
    super(
      `The embedded database in ${dataDir} is in use by process ${owner.pid}` +
        (owner.control ? '' : ' (which takes no commands); stop that process first'),
    );
  }
}

const lockPath = (dataDir: string) => join(dataDir, 'leerkans.lock');

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** The live owner of the data directory, or undefined when nobody (alive) holds it. */
export function readLock(dataDir: string): LockInfo | undefined {
  try {
    const info = JSON.parse(readFileSync(lockPath(dataDir), 'utf8')) as LockInfo;
    return isAlive(info.pid) && info.pid !== process.pid ? info : undefined;
  } catch {
    return undefined;
  }
}

export interface DataDirLock {
  /** Records where the owner takes commands, for other processes. */
  update(info: Partial<LockInfo>): void;
  release(): void;
}

export function acquireLock(dataDir: string, role?: LockInfo['role']): DataDirLock {
  mkdirSync(dataDir, { recursive: true });
  const path = lockPath(dataDir);
  let info: LockInfo = { pid: process.pid, startedAt: new Date().toISOString(), ...(role ? { role } : {}) };
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      writeSync(fd, JSON.stringify(info));
      closeSync(fd);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 2) throw error;
      const owner = readLock(dataDir);
      if (owner) throw new DataDirLockedError(dataDir, owner);
      // The previous owner died without cleaning up (kill -9, power loss): its lock is stale.
      try {
        unlinkSync(path);
      } catch {
        // Another process removed it first; the next attempt decides.
      }
    }
  }
  let released = false;
  return {
    update(partial) {
      info = { ...info, ...partial };
      // Written aside and renamed, so a reader never sees half a file (and the token never lies around readable).
      const tmp = `${path}.${process.pid}.tmp`;
      const fd = openSync(tmp, 'w', 0o600);
      writeSync(fd, JSON.stringify(info));
      closeSync(fd);
      renameSync(tmp, path);
    },
    release() {
      if (released) return;
      released = true;
      try {
        unlinkSync(path);
      } catch {
        // Already gone.
      }
    },
  };
}
