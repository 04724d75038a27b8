// POST /api/messages on Node's own request/response. The body is read with a size limit, the token is checked
// before anything else happens (a refused request has no effect), and the turn runs through botbuilder's
// `processActivity`; an invoke's answer (the updated card) becomes the HTTP response. Authentication failures
// are answered here with 401 and logged through pino, instead of botbuilder's `process`, which needs an
// Express-style response and writes errors to the console.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CloudAdapter, type InvokeResponse, type TurnContext } from 'botbuilder';
import type { Logger } from '../../bot/log/logger.js';
import { type Route, readBody, sendJson } from '../shared/route.js';
import { type AuthenticateRequestResult, authFailureStatus, type TeamsActivity, type TeamsAuth } from './auth.js';
import type { TurnQueue } from './turn-queue.js';

/** Teams activities are far smaller (a message is capped near 100 KB); this bounds memory per request. */
export const MAX_ACTIVITY_BYTES = 256 * 1024;

/** CloudAdapter with its turn runner public: the route authenticates first, then runs the turn. */
export class TeamsCloudAdapter extends CloudAdapter {
  runTurn(
    authenticated: AuthenticateRequestResult,
    activity: TeamsActivity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(authenticated, activity, logic);
  }
}

export interface MessagesRouteOptions {
  adapter: TeamsCloudAdapter;
  auth: TeamsAuth;
  logger: Logger;
  run(context: TurnContext): Promise<void>;
  isStopping(): boolean;
  maxBodyBytes?: number;
  /**
   * Message activities are answered 200 at once and their turn runs from this queue, replying through the Bot
   * Connector (as Slack acks first); invokes and `expectReplies` stay in the request. Without it, every turn
   * runs before the answer.
   */
  queue?: TurnQueue;
}

/** A message activity whose answer may come through the connector after the ack (not an invoke, no expectReplies). */
export const acknowledgeFirst = (activity: TeamsActivity): boolean =>
  activity.type === 'message' && activity.deliveryMode !== 'expectReplies';

export function messagesRoute(options: MessagesRouteOptions): Route {
  const { adapter, auth, logger } = options;
  const limit = options.maxBodyBytes ?? MAX_ACTIVITY_BYTES;
  return {
    method: 'POST',
    path: '/api/messages',
    async handle(req: IncomingMessage, res: ServerResponse) {
      if (options.isStopping()) {
        // The Bot Service retries a 503, on another instance if there is one.
        sendJson(res, 503, { error: 'stopping' });
        return;
      }
      const activity = parseActivity(await readBody(req, limit));
      if (!activity) {
        sendJson(res, 400, { error: 'bad_request', message: 'expected a Bot Framework activity (JSON with a type)' });
        return;
      }
      const header = req.headers.authorization ?? '';
      let authenticated: AuthenticateRequestResult;
      try {
        authenticated = await auth.authenticate(activity, header);
      } catch (error) {
        const status = authFailureStatus(error);
        logger.warn(
          { event: 'teams.auth_refused', status, reason: (error as Error).message, hasToken: header !== '' },
          status === 401 ? 'refused an unauthenticated Bot Framework request' : 'could not verify the request token',
        );
        sendJson(res, status, { error: status === 401 ? 'unauthorized' : 'auth_unavailable' });
        return;
      }
      const queue = options.queue;
      if (queue && acknowledgeFirst(activity)) {
        if (queue.full) {
          logger.warn({ event: 'teams.backlog_full', size: queue.size }, 'refused a message: too many turns waiting');
          sendJson(res, 503, { error: 'busy' });
          return;
        }
        res.writeHead(200).end();
        queue.push(activity.conversation.id, async () => {
          await adapter.runTurn(authenticated, activity, (context) => options.run(context));
        });
        return;
      }
      const invoke = await adapter.runTurn(authenticated, activity, (context) => options.run(context));
      const status = invoke?.status ?? 200;
      if (invoke?.body === undefined) {
        res.writeHead(status).end();
        return;
      }
      sendJson(res, status, invoke.body);
    },
  };
}

/** JSON with a string `type`, a serviceUrl, a conversation and a sender; the dates botbuilder expects as Date objects are converted as its `process` does. */
function parseActivity(raw: string): TeamsActivity | undefined {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const a = value as Record<string, unknown>;
  if (typeof a.type !== 'string' || !a.type) return undefined;
  // Every turn needs these to answer at all (and teams-ai keys its turn state on them).
  const idOf = (v: unknown) => (v && typeof v === 'object' ? (v as { id?: unknown }).id : undefined);
  if (typeof a.serviceUrl !== 'string' || typeof idOf(a.conversation) !== 'string' || typeof idOf(a.from) !== 'string')
    return undefined;
  for (const [field, raw] of [
    ['timestamp', 'rawTimestamp'],
    ['localTimestamp', 'rawLocalTimestamp'],
    ['expiration', 'rawExpiration'],
  ] as const) {
    if (typeof a[field] === 'string') {
      a[raw] = a[field];
      a[field] = new Date(a[field] as string);
    }
  }
  return a as unknown as TeamsActivity;
}
