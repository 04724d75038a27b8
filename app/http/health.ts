// GET /healthz (200 with database status, 503 when the database does not answer) and GET /metrics.
import type { Db } from '../../db/db.js';
import type { Metrics } from './metrics.js';
import { type Route, sendJson, sendText } from '../../adapters/shared/route.js';

// Generous: on the embedded database the check waits its turn behind a running transaction (an import, a busy
// turn) on a shared 2-core machine; a 503 should mean the database is stuck, not that it was briefly busy.
const CHECK_TIMEOUT_MS = 10_000;

export function healthRoutes(db: Db, metrics: Metrics, extra: () => Record<string, unknown> = () => ({})): Route[] {
  return [
    {
      method: 'GET',
      path: '/healthz',
      async handle(_req, res) {
        const started = Date.now();
        try {
          await Promise.race([
            db.query('SELECT 1'),
            new Promise((_, reject) =>
              setTimeout(() => reject(new Error('database check timed out')), CHECK_TIMEOUT_MS).unref(),
            ),
          ]);
          metrics.databaseUp.set(1);
          sendJson(res, 200, {
            status: 'ok',
            database: { ok: true, kind: db.kind, latencyMs: Date.now() - started },
            ...extra(),
          });
        } catch (error) {
          metrics.databaseUp.set(0);
          sendJson(res, 503, {
            status: 'degraded',
            database: { ok: false, kind: db.kind, error: (error as Error).message },
          });
        }
      },
    },
    {
      method: 'GET',
      path: '/metrics',
      async handle(_req, res) {
        sendText(res, 200, await metrics.registry.metrics(), metrics.registry.contentType);
      },
    },
  ];
}
