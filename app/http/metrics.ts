// Prometheus metrics (prom-client): process defaults plus what an operator of a chat bot watches.
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

export interface Metrics {
  registry: Registry;
  httpRequests: Counter<'method' | 'route' | 'status'>;
  httpDuration: Histogram<'method' | 'route'>;
  databaseUp: Gauge;
}

/** Delivery health: outbox messages by status, platform and error class, read from the database at scrape time. */
export function registerOutboxGauge(
  metrics: Metrics,
  read: () => Promise<{ status: string; platform: string | null; lastErrorClass: string | null; n: number }[]>,
): void {
  new Gauge({
    name: 'leerkans_outbox_messages',
    help: 'Proactive messages in the outbox by status, platform and last error class',
    labelNames: ['status', 'platform', 'error_class'],
    registers: [metrics.registry],
    async collect() {
      this.reset();
      for (const row of await read()) {
        this.set(
          { status: row.status, platform: row.platform ?? 'none', error_class: row.lastErrorClass ?? 'none' },
          row.n,
        );
      }
    },
  });
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'leerkans_' });
  return {
    registry,
    httpRequests: new Counter({
      name: 'leerkans_http_requests_total',
      help: 'HTTP requests by method, route and status',
      labelNames: ['method', 'route', 'status'],
      registers: [registry],
    }),
    httpDuration: new Histogram({
      name: 'leerkans_http_request_duration_seconds',
      help: 'HTTP request duration by method and route',
      labelNames: ['method', 'route'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 3, 10],
      registers: [registry],
    }),
    databaseUp: new Gauge({
      name: 'leerkans_database_up',
      help: '1 when the last database check succeeded',
      registers: [registry],
    }),
  };
}
