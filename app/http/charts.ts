// GET /charts/<token>.png: a digest or progress chart. The token is the only key (unguessable, expiring); an
// unknown, expired or no longer allowed token gets 404, so a link reveals nothing about what exists.
import { chartPngForToken } from '../../bot/digest/charts.js';
import type { Logger } from '../../bot/log/logger.js';
import type { Config } from '../../bot/config/env.js';
import type { Db } from '../../db/db.js';
import { type Route, sendText } from '../../adapters/shared/route.js';

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

/**
 * Where chart links point: PUBLIC_URL, or the local server when only the playground runs. Slack and Teams fetch
 * images themselves (Slack refuses a whole message whose image it cannot download), so with a chat platform
 * configured and no PUBLIC_URL, cards go out without a chart.
 */
export const chartBaseUrl = (
  config: Pick<Config, 'PUBLIC_URL' | 'PORT' | 'SLACK_BOT_TOKEN' | 'MicrosoftAppId'>,
  port: number = config.PORT,
): string | undefined => {
  if (config.PUBLIC_URL) return config.PUBLIC_URL;
  if (config.SLACK_BOT_TOKEN || config.MicrosoftAppId) return undefined;
  return `http://localhost:${port}`;
};
