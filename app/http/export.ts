// GET /export/<token>.json: a person's own export, through the link "mijn gegevens" / "my data" gave them. The
// token is the only key (unguessable, valid for minutes); anything else gets 404, so a link reveals nothing.
import { exportForToken } from '../../bot/privacy/export-link.js';
import type { Logger } from '../../bot/log/logger.js';
import type { Db } from '../../db/db.js';
import { type Route, sendText } from '../../adapters/shared/route.js';

export function exportRoutes(db: Db, logger: Logger, now: () => Date = () => new Date()): Route[] {
  return [
    {
      method: 'GET',
      path: '/export/*',
      async handle(req, res) {
        const match = /^\/export\/([A-Za-z0-9_-]+)\.json$/.exec(new URL(req.url ?? '/', 'http://x').pathname);
        try {
          const at = now();
          const data = match ? await exportForToken(db, match[1]!, at) : undefined;
          if (!data) {
            sendText(res, 404, 'not found');
            return;
          }
          const body = JSON.stringify(data, null, 2);
          res.writeHead(200, {
            'content-type': 'application/json; charset=utf-8',
            'content-length': Buffer.byteLength(body),
            'content-disposition': `attachment; filename="leerkans-${at.toISOString().slice(0, 10)}.json"`,
            // Personal data: never kept by a cache or proxy.
            'cache-control': 'no-store',
            'x-content-type-options': 'nosniff',
          });
          res.end(body);
        } catch (error) {
          logger.error({ err: error, event: 'export.failed' }, 'export download failed');
          sendText(res, 500, 'export unavailable');
        }
      },
    },
  ];
}
