// The local playground as a real surface of the core: the browser page picks a roster person and chats as
// them; text and card actions become `Inbound` events for `bot.handle`, and every `Outbound` (a reply, or a
// proactive message through `surface.send`) is rendered to the same Adaptive Card JSON Teams gets and pushed
// to the person's Server-Sent Events stream. The core has no special path for it.
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import type { Bot } from '../../bot/core/bot.js';
import type {
  Delivery,
  Inbound,
  MessageRef,
  Outbound,
  PlatformIdentity,
  Recipient,
  Surface,
} from '../../bot/core/types.js';
import type { Logger } from '../../bot/log/logger.js';
import { renderAdaptiveCard } from '../../cards/adaptive.js';
import { otherPlatform } from '../shared/deliver.js';
import { renderWithFallback } from '../shared/render.js';
import { BodyTooLargeError, type Route, readBody, sendJson } from '../shared/route.js';
import type { SurfaceAdapter } from '../shared/surface.js';
import { PlaygroundHub } from './hub.js';
import { actionBody, eventsQuery, messageBody } from './schemas.js';

export interface WebAdapterOptions {
  bot: Bot;
  logger: Logger;
  /**
   * Answer playground requests from other machines too. Off by default: the playground lets anyone chat as
   * any roster person, so it only answers loopback requests addressed to a local host name (which also
   * stops DNS-rebinding pages from reading it).
   */
  allowRemote?: boolean;
  /** Serve the page and its API (default true); off (LEERKANS_PLAYGROUND=off) only the outbox's surface remains. */
  serve?: boolean;
  /** Largest request body accepted by the playground API; default 64 KiB. */
  maxBodyBytes?: number;
  /** Messages kept per person for replay on (re)connect; default 200. */
  backlogSize?: number;
  now?: () => Date;
}

export interface WebAdapter extends SurfaceAdapter {
  readonly routes: Route[];
  /** Ends the open event streams; call before stopping the HTTP server, which waits for open requests. */
  close(): void;
}

const PLATFORM = 'web' as const;
const TENANT = 'local';
const DEFAULT_MAX_BODY = 64 * 1024;
const publicDir = fileURLToPath(new URL('./public/', import.meta.url));
const require = createRequire(import.meta.url);

const CONTENT_TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  svg: 'image/svg+xml',
};

export function createWebAdapter(options: WebAdapterOptions): WebAdapter {
  const { bot, logger } = options;
  const log = logger.child({ adapter: PLATFORM });
  const now = options.now ?? (() => new Date());
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const hub = new PlaygroundHub({ maxEntries: options.backlogSize ?? 200 });

  /** Renders one Outbound into the person's log: a new message, or an in-place replacement of a card. */
  const deliver = (email: string, out: Outbound): MessageRef => {
    const replaced =
      out.replaces?.platform === PLATFORM && sameEmail(out.replaces.channelId, email)
        ? hub.find(email, out.replaces.messageId)
        : undefined;
    if (out.replaces && !replaced) {
      // A replacement for a message this process never showed (e.g. after a restart): show it as new.
      log.debug({ event: 'web.replace_missing', messageId: out.replaces.messageId }, 'replaced message not found');
    }
    const id = replaced?.id ?? randomUUID();
    const at = now().toISOString();
    const { text, card } = renderWithFallback(PLATFORM, out, renderAdaptiveCard, log);
    hub.upsert(email, {
      id,
      from: 'bot',
      text,
      ...(card ? { card } : {}),
      at: replaced?.at ?? at,
      ...(replaced ? { updatedAt: at } : {}),
    });
    return { platform: PLATFORM, channelId: email, messageId: id };
  };

  const surface: Surface = {
    platform: PLATFORM,
    async send(to: Recipient, out: Outbound): Promise<Delivery> {
      const refused = otherPlatform(PLATFORM, to);
      if (refused) return refused;
      const email = to.userId.trim().toLowerCase();
      const message = deliver(email, out);
      // Without an open tab the message waits in the person's log and is replayed on the next connect;
      // the playground is local, so that counts as delivered.
      log.debug({ event: 'web.sent', live: hub.isConnected(email), messageId: message.messageId }, 'message sent');
      return { ok: true, message };
    },
  };

  const identify = async (email: string): Promise<PlatformIdentity> => {
    const person = (await bot.directory()).find((p) => sameEmail(p.email, email));
    // Unknown addresses go to the core too: it answers "not enrolled", which the playground should show.
    return {
      platform: PLATFORM,
      tenantId: TENANT,
      userId: email,
      email,
      ...(person ? { displayName: person.name } : {}),
    };
  };

  // The playground's "conversation reference" is the person's email: proactive messages (nudges, mentor
  // cards) reach them through `surface.send` on their event stream. Saved when a stream opens, and once per
  // process after the core has seen the person (it links the identity on first contact).
  const saved = new Set<string>();
  const saveReference = async (from: PlatformIdentity): Promise<void> => {
    try {
      await bot.saveReference(from, { channelId: from.userId });
    } catch (error) {
      saved.delete(from.userId);
      log.warn({ err: error, event: 'web.save_reference_failed' }, 'could not store the playground reference');
    }
  };

  const handleInbound = async (res: ServerResponse, email: string, inbound: Inbound): Promise<void> => {
    let outs: Outbound[];
    try {
      outs = await bot.handle(inbound);
    } catch (error) {
      log.error({ err: error, event: 'web.handle_failed', kind: inbound.kind }, 'the bot failed to handle a message');
      sendJson(res, 500, {
        error: 'bot_failed',
        message: 'The bot could not handle this message; see the server log.',
      });
      return;
    }
    const messages = outs.map((out) => deliver(email, out));
    sendJson(res, 200, { ok: true, messages });
    if (!saved.has(email)) {
      saved.add(email);
      await saveReference(inbound.from);
    }
  };

  const guard = (req: IncomingMessage, res: ServerResponse): boolean => {
    if (options.allowRemote || isLocalRequest(req)) return true;
    sendJson(res, 403, {
      error: 'forbidden',
      message: 'The playground only answers requests to localhost from this machine.',
    });
    return false;
  };

  const staticFile = (file: string, contentType: string): Route['handle'] => {
    return async (req, res) => {
      if (!guard(req, res)) return;
      const body = await readFile(file);
      res.writeHead(200, {
        'content-type': contentType,
        'content-length': body.length,
        'cache-control': 'no-cache',
        'x-content-type-options': 'nosniff',
      });
      res.end(body);
    };
  };

  const routes: Route[] = [
    {
      method: 'GET',
      path: '/',
      handle: async (req, res) => {
        if (!guard(req, res)) return;
        const html = await readFile(`${publicDir}index.html`, 'utf8');
        res.writeHead(200, {
          'content-type': CONTENT_TYPES.html!,
          'cache-control': 'no-cache',
          'x-content-type-options': 'nosniff',
          'referrer-policy': 'no-referrer',
          // Scripts only from here; the adaptivecards renderer sets inline styles, so styles may be inline.
          'content-security-policy':
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: https:; connect-src 'self'; frame-ancestors 'none'",
        });
        res.end(html);
      },
    },
    {
      method: 'GET',
      path: '/playground/assets/*',
      handle: async (req, res) => {
        if (!guard(req, res)) return;
        const name = new URL(req.url ?? '/', 'http://localhost').pathname.slice('/playground/assets/'.length);
        // A flat whitelist of names: no slashes, no dot-dot, a known extension.
        const match = /^[a-z0-9][a-z0-9_-]*\.(js|css|svg)$/i.exec(name);
        const contentType = match ? CONTENT_TYPES[match[1]!.toLowerCase()] : undefined;
        if (!contentType) {
          sendJson(res, 404, { error: 'not_found' });
          return;
        }
        try {
          await staticFile(`${publicDir}${name}`, contentType)(req, res);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
          sendJson(res, 404, { error: 'not_found' });
        }
      },
    },
    {
      method: 'GET',
      path: '/playground/adaptivecards.js',
      handle: staticFile(require.resolve('adaptivecards/dist/adaptivecards.min.js'), CONTENT_TYPES.js!),
    },
    {
      method: 'GET',
      path: '/playground/adaptivecards.css',
      handle: staticFile(require.resolve('adaptivecards/dist/adaptivecards.css'), CONTENT_TYPES.css!),
    },
    {
      method: 'GET',
      path: '/playground/people',
      handle: async (req, res) => {
        if (!guard(req, res)) return;
        const people = await bot.directory();
        sendJson(res, 200, {
          people: people.map((p) => ({ name: p.name, email: p.email, roles: p.roles, locale: p.locale })),
        });
      },
    },
    {
      method: 'GET',
      path: '/playground/events',
      handle: async (req, res) => {
        if (!guard(req, res)) return;
        const query = Object.fromEntries(new URL(req.url ?? '/', 'http://localhost').searchParams);
        const parsed = eventsQuery.safeParse(query);
        if (!parsed.success) {
          badRequest(res, parsed.error);
          return;
        }
        hub.connect(parsed.data.person, res);
        // The stream is open; a failing roster lookup must not end it.
        try {
          const from = await identify(parsed.data.person);
          if (from.displayName) await saveReference(from);
        } catch (error) {
          log.warn({ err: error, event: 'web.identify_failed' }, 'could not look the person up in the roster');
        }
      },
    },
    {
      method: 'POST',
      path: '/playground/messages',
      handle: async (req, res) => {
        if (!guard(req, res)) return;
        const body = await readJson(req, res, messageBody, maxBody);
        if (!body) return;
        const from = await identify(body.personEmail);
        // What the person wrote goes into their log too, under the client's key, so other tabs and a reload
        // show it; the sending tab recognises its own optimistic bubble by that key.
        hub.upsert(body.personEmail, { id: body.key, from: 'person', text: body.text, at: now().toISOString() });
        await handleInbound(res, body.personEmail, { kind: 'text', from, text: body.text, key: `web:${body.key}` });
      },
    },
    {
      method: 'POST',
      path: '/playground/actions',
      handle: async (req, res) => {
        if (!guard(req, res)) return;
        const body = await readJson(req, res, actionBody, maxBody);
        if (!body) return;
        const from = await identify(body.personEmail);
        const inbound: Inbound = {
          kind: 'action',
          from,
          verb: body.verb,
          data: body.data,
          inputs: body.inputs,
          key: `web:${body.key}`,
          ...(body.messageId
            ? { message: { platform: PLATFORM, channelId: body.personEmail, messageId: body.messageId } }
            : {}),
        };
        await handleInbound(res, body.personEmail, inbound);
      },
    },
  ];

  const close = () => hub.close();
  return {
    name: PLATFORM,
    routes: options.serve === false ? [] : routes,
    surface,
    // Nothing to connect; stopping ends the open event streams (in-flight turns belong to the HTTP server).
    start: async () => undefined,
    stop: async () => close(),
    close,
  };
}

/** Reads, parses and validates a JSON body; answers 400/413/415 itself and returns undefined on failure. */
async function readJson<T extends z.ZodTypeAny>(
  req: IncomingMessage,
  res: ServerResponse,
  schema: T,
  limit: number,
): Promise<z.output<T> | undefined> {
  const contentType = req.headers['content-type'] ?? '';
  // Requiring JSON also makes a cross-site form post need a CORS preflight, which the server never grants.
  if (!/^application\/json\b/i.test(contentType)) {
    sendJson(res, 415, { error: 'unsupported_media_type', message: 'expected content-type: application/json' });
    return undefined;
  }
  const declared = Number(req.headers['content-length']);
  let raw: string;
  try {
    if (declared > limit) throw new BodyTooLargeError(`request body is larger than ${limit} bytes`);
    raw = await readBody(req, limit);
  } catch (error) {
    if (!(error instanceof BodyTooLargeError)) throw error;
    res.setHeader('connection', 'close');
    sendJson(res, 413, { error: 'payload_too_large', message: `the request body must be at most ${limit} bytes` });
    return undefined;
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    sendJson(res, 400, {
      error: 'invalid_json',
      message: `the request body is not valid JSON: ${(error as Error).message}`,
    });
    return undefined;
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    badRequest(res, parsed.error);
    return undefined;
  }
  return parsed.data;
}

function badRequest(res: ServerResponse, error: z.ZodError): void {
  const issues = error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  const first = issues[0];
  sendJson(res, 400, {
    error: 'invalid_request',
    message: first ? `${first.path || 'body'}: ${first.message}` : 'invalid request',
    issues,
  });
}

const sameEmail = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

function isLocalRequest(req: IncomingMessage): boolean {
  const remote = req.socket.remoteAddress ?? '';
  const loopback = remote === '::1' || remote.startsWith('127.') || remote.startsWith('::ffff:127.');
  let host = '';
  try {
    host = new URL(`http://${req.headers.host ?? ''}`).hostname;
  } catch {
    return false;
  }
  const localName = host === 'localhost' || host.endsWith('.localhost') || host === '[::1]' || host.startsWith('127.');
  return loopback && localName;
}
