// One HTTP server for everything (adapters, playground, health, metrics), with graceful shutdown:
// stop taking connections, let in-flight requests finish (bounded), then report.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../../bot/log/logger.js';
import type { Metrics } from './metrics.js';
import { BodyTooLargeError, type Route, sendJson } from '../../adapters/shared/route.js';

export interface HttpServer {
  readonly server: Server;
  readonly port: number;
  /** Stops accepting requests and waits (up to timeoutMs) for in-flight ones. */
  stop(timeoutMs?: number): Promise<void>;
}

const match = (route: Route, method: string, path: string) =>
  route.method === method &&
  (route.path.endsWith('*') ? path.startsWith(route.path.slice(0, -1)) : route.path === path);

export async function startHttpServer(options: {
  port: number;
  host?: string;
  routes: () => readonly Route[];
  logger: Logger;
  metrics: Metrics;
}): Promise<HttpServer> {
  const { logger, metrics } = options;
  let inFlight = 0;
  let stopping = false;
  let drained: (() => void) | undefined;

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const method = req.method ?? 'GET';
    const route = options.routes().find((r) => match(r, method, path));
    const label = route?.path ?? 'unmatched';
    const endTimer = metrics.httpDuration.startTimer({ method, route: label });
    inFlight++;
    res.on('close', () => {
      endTimer();
      metrics.httpRequests.inc({ method, route: label, status: String(res.statusCode) });
      inFlight--;
      if (inFlight === 0) drained?.();
    });
    if (stopping) res.setHeader('connection', 'close');
    if (!route) {
      sendJson(res, 404, { error: 'not_found', path });
      return;
    }
    try {
      await route.handle(req, res);
    } catch (error) {
      if (error instanceof BodyTooLargeError) {
        if (!res.headersSent) sendJson(res, 413, { error: 'payload_too_large' });
        return;
      }
      logger.error({ err: error, route: label }, 'request failed');
      if (!res.headersSent) sendJson(res, 500, { error: 'internal_error' });
      else res.end();
    }
  };

  const server = createServer((req, res) => void handle(req, res));
  // A client that stalls its headers or body must not hold a connection forever.
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    server,
    port,
    async stop(timeoutMs = 10_000) {
      stopping = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      if (inFlight > 0) {
        const done = new Promise<void>((resolve) => {
          drained = resolve;
        });
        const timedOut = await Promise.race([
          done.then(() => false),
          new Promise<boolean>((r) => setTimeout(() => r(true), timeoutMs).unref()),
        ]);
        if (timedOut) logger.warn({ inFlight }, 'shutdown: in-flight requests did not finish in time');
      }
      server.closeAllConnections();
      await closed;
    },
  };
}
