// GET /charts/<token>.png: a digest or progress chart. The token is the only key (unguessable, expiring); an
// unknown, expired or no longer allowed token gets 404, so a link reveals nothing about what exists.
import { chartPngForToken } from '../../bot/digest/charts.js';
import type { Logger } from '../../bot/log/logger.js';
import type { Db } from '../../db/db.js';
import { type Route, sendText } from './route.js';

export function chartRoutes(db: Db, logger: Logger, now: () => Date = () => new Date()): Route[] {
  return [
    {
      method: 'GET',
      path: '/charts/*',
      async handle(req, res) {
        const match = /^\/charts\/([A-Za-z0-9_-]+)\.png$/.exec(new URL(req.url ?? '/', 'http://x').pathname);
        try {
          const png = match ? await chartPngForToken(db, match[1]!, now()) : undefined;
          if (!png) {
            sendText(res, 404, 'not found');
            return;
          }
          res.writeHead(200, {
            'content-type': 'image/png',
            'content-length': png.length,
            // Private: the chart is about a person; a short cache spares re-rendering when a client re-fetches.
            'cache-control': 'private, max-age=300',
            'x-content-type-options': 'nosniff',
          });
          res.end(png);
        } catch (error) {
          logger.error({ err: error, event: 'chart.failed' }, 'chart rendering failed');
          sendText(res, 500, 'chart unavailable');
        }
      },
    },
  ];
}
