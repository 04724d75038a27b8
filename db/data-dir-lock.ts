// One process owns the embedded database's data directory. The lock file records who owns it and where its
// socket listens, so a second process (the CLI) can reach the same database instead of opening it twice.
import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export interface LockInfo {
  pid: number;
  startedAt: string;
  /** Where the owner serves the database over the PostgreSQL protocol, when it does. */
  socket?: { host: string; port: number };
}

export class DataDirLockedError extends Error {
  override readonly name = 'DataDirLockedError';
  constructor(
    readonly dataDir: string,
    readonly owner: LockInfo,
  ) {
    super(
      `The embedded database in ${dataDir} is in use by process ${owner.pid}` +
        (owner.socket ? '' : ' (which does not share it); stop that process first'),
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
  /** Records where the database is served, for other processes. */
  update(info: Partial<LockInfo>): void;
  release(): void;
}

export function acquireLock(dataDir: string): DataDirLock {
  mkdirSync(dataDir, { recursive: true });
  const path = lockPath(dataDir);
  let info: LockInfo = { pid: process.pid, startedAt: new Date().toISOString() };
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(path, 'wx');
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
      const fd = openSync(path, 'w');
      writeSync(fd, JSON.stringify(info));
      closeSync(fd);
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
