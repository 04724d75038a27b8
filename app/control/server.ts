// The server's end of the control channel: the CLI hands a command over and the server runs it in-process on the
// database it owns, so the embedded database (one PGlite session) never gets a second client. It listens on a
// Unix socket in the data directory (mode 0600) or, when that path is too long for a socket, on loopback TCP; both
// demand the random token that only the lock file (mode 0600) holds.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, unlinkSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import type { Config } from '../../bot/config/env.js';
import type { Logger } from '../../bot/log/logger.js';
import type { ControlEndpoint } from '../../db/data-dir-lock.js';
import type { Db } from '../../db/db.js';
import { readBody, sendJson } from '../../adapters/shared/route.js';
import { describeFailure } from '../cli/command.js';
import { executeCommand, resolveCommand } from '../cli/dispatch.js';
import { COMMAND_PATH, type CommandRequest, type CommandResponse, MAX_SOCKET_PATH_BYTES } from './protocol.js';

export interface ControlServerOptions {
  dataDir: string;
  db: Db;
  config: Config;
  logger: Logger;
  /** Commands wait for this (migrations, demo data) before they run. */
  ready: Promise<void>;
}

export interface ControlServer {
  endpoint: ControlEndpoint;
  /** Commands still running. */
  readonly running: number;
  close(): Promise<void>;
}

const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');

export async function startControlServer(options: ControlServerOptions): Promise<ControlServer> {
  const log = options.logger.child({ component: 'control' });
  const token = randomBytes(32).toString('hex');
  const expected = Buffer.from(`Bearer ${token}`);
  let running = 0;

  const authorised = (req: IncomingMessage): boolean => {
    const given = Buffer.from(req.headers.authorization ?? '');
    return given.length === expected.length && timingSafeEqual(given, expected);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'POST' || req.url !== COMMAND_PATH) return sendJson(res, 404, { error: 'not_found' });
    if (!authorised(req)) return sendJson(res, 401, { error: 'unauthorized' });
    let request: CommandRequest;
    try {
      const body = JSON.parse(await readBody(req, 64 * 1024)) as Partial<CommandRequest>;
      if (!isStringArray(body.argv) || typeof body.cwd !== 'string') throw new Error('expected { argv, cwd }');
      request = { argv: body.argv, cwd: body.cwd };
    } catch (error) {
      return sendJson(res, 400, { error: 'bad_request', message: (error as Error).message });
    }
    const stdout: string[] = [];
    const started = Date.now();
    running++;
    let answer: CommandResponse;
    try {
      await options.ready;
      const resolved = resolveCommand(request.argv);
      if (!resolved) throw new Error('no command given');
      await executeCommand(resolved, {
        db: options.db,
        config: options.config,
        out: (text) => stdout.push(text),
        cwd: request.cwd,
      });
      answer = { code: 0, stdout };
    } catch (error) {
      const failure = describeFailure(error);
      answer = { code: failure.code, stdout, error: failure.message };
    } finally {
      running--;
    }
    // The command name only: arguments may hold an email address.
    log.info(
      {
        event: 'cli.command',
        command: request.argv
          .filter((a) => !a.startsWith('-'))
          .slice(0, 2)
          .join(' '),
        code: answer.code,
        ms: Date.now() - started,
      },
      'ran a CLI command',
    );
    sendJson(res, 200, answer);
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      log.error({ err: error }, 'control request failed');
      if (!res.headersSent) sendJson(res, 500, { error: 'internal' });
      else res.destroy();
    });
  });

  const dataDir = resolve(options.dataDir);
  const socketPath = join(dataDir, 'control.sock');
  let endpoint: ControlEndpoint;
  if (Buffer.byteLength(socketPath) <= MAX_SOCKET_PATH_BYTES) {
    // We hold the data-directory lock, so a socket file here was left by a crashed owner.
    if (existsSync(socketPath)) unlinkSync(socketPath);
    // Created owner-only from the start (no window where others could connect), then made sure of.
    const umask = process.umask(0o177);
    try {
      await listen(server, socketPath);
    } finally {
      process.umask(umask);
    }
    chmodSync(socketPath, 0o600);
    endpoint = { socketPath, token };
  } else {
    await listen(server, { host: '127.0.0.1', port: 0 });
    endpoint = { host: '127.0.0.1', port: (server.address() as AddressInfo).port, token };
  }
  log.debug({ event: 'control.listening', socket: endpoint.socketPath ?? `127.0.0.1:${endpoint.port}` }, 'control');

  return {
    endpoint,
    get running() {
      return running;
    },
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeIdleConnections();
      }),
  };
}

const listen = (server: Server, at: string | { host: string; port: number }): Promise<void> =>
  new Promise((done, fail) => {
    server.once('error', fail);
    const cb = () => {
      server.off('error', fail);
      done();
    };
    if (typeof at === 'string') server.listen(at, cb);
    else server.listen(at.port, at.host, cb);
  });
