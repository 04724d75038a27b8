// Shared by the benchmarks: percentiles and a loopback HTTP server for a set of routes.
import { createMetrics } from '../app/http/metrics.js';
import type { Route } from '../app/http/route.js';
import { type HttpServer, startHttpServer } from '../app/http/server.js';
import { silentLogger } from '../bot/log/logger.js';

/** The p-th percentile of an ascending list (nearest rank); NaN for an empty list. */
export const percentile = (sorted: number[], p: number): number =>
  sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

export const serve = (routes: Route[]): Promise<HttpServer> =>
  startHttpServer({ port: 0, host: '127.0.0.1', routes: () => routes, logger: silentLogger, metrics: createMetrics() });
