// The CLI's end of the control channel: finds the server that owns the embedded database (its lock file) and hands
// it a command; the answer is printed as if the command had run here.
import { request } from 'node:http';
import type { ControlEndpoint } from '../../db/data-dir-lock.js';
import { readLock } from '../../db/data-dir-lock.js';
import { COMMAND_PATH, type CommandRequest, type CommandResponse } from './protocol.js';

/** The server cannot be reached although its process lives (it is stopping, or hung). */
export class ControlUnreachableError extends Error {
  override readonly name = 'ControlUnreachableError';
}

export type Owner = { pid: number; control: ControlEndpoint } | undefined;

/**
 * The live server owning dataDir and its control endpoint; undefined when nobody owns it. A server that is still
 * opening the database has not published its endpoint yet: wait for it (up to waitMs) rather than fail. Another
 * CLI command holding the directory is not waited for.
 */
export async function findOwner(dataDir: string, waitMs = 60_000): Promise<Owner> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const lock = readLock(dataDir);
    if (!lock) return undefined;
    if (lock.control) return { pid: lock.pid, control: lock.control };
    if (lock.role === 'cli') {
      throw new ControlUnreachableError(
        `The embedded database in ${dataDir} is in use by another leerkans command (process ${lock.pid}); try again when it has finished`,
      );
    }
    if (Date.now() > deadline) {
      throw new ControlUnreachableError(
        `The embedded database in ${dataDir} is in use by process ${lock.pid}, which takes no commands; stop that process first`,
      );
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

export function sendCommand(endpoint: ControlEndpoint, body: CommandRequest): Promise<CommandResponse> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        ...(endpoint.socketPath ? { socketPath: endpoint.socketPath } : { host: endpoint.host, port: endpoint.port }),
        method: 'POST',
        path: COMMAND_PATH,
        headers: {
          authorization: `Bearer ${endpoint.token}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(payload),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if (res.statusCode !== 200) {
            reject(
              new ControlUnreachableError(`the running server refused the command (HTTP ${res.statusCode}): ${text}`),
            );
            return;
          }
          try {
            resolve(JSON.parse(text) as CommandResponse);
          } catch {
            reject(new ControlUnreachableError('the running server sent an unreadable answer'));
          }
        });
      },
    );
    req.on('error', (error: NodeJS.ErrnoException) =>
      reject(new ControlUnreachableError(`cannot reach the running server: ${error.code ?? error.message}`)),
    );
    req.end(payload);
  });
}
