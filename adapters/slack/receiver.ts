// A Bolt Receiver that is one of our HTTP routes (POST /slack/events on the shared server) instead of a server
// of its own, in the manner of bolt-js's HTTPReceiver: read the raw body (size-limited), verify the signature,
// answer url_verification and ssl_check, then hand Bolt a ReceiverEvent whose ack() writes the HTTP response.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import type { App, Receiver, ReceiverEvent } from '@slack/bolt';
import { BodyTooLargeError, type Route, readBody } from '../shared/route.js';
import type { Logger } from '../../bot/log/logger.js';
import { ACK_TIMEOUT_MS, createHttpAck } from './http-ack.js';
import { verifySlackSignature } from './verify-signature.js';

export const SLACK_EVENTS_PATH = '/slack/events';
/** Slack payloads are small; a view with 100 full blocks stays well under this. */
export const SLACK_MAX_BODY_BYTES = 1024 * 1024;

export interface RouteReceiverOptions {
  signingSecret: string;
  logger: Logger;
  path?: string;
  maxBodyBytes?: number;
  ackTimeoutMs?: number;
  /** Injectable clock for the timestamp check (tests). */
  now?: () => number;
  /** When true, verified requests get 503 instead of being acknowledged (the adapter's backlog is full). */
  busy?: () => boolean;
}

export class EmptySigningSecretError extends Error {
  override readonly name = 'EmptySigningSecretError';
  constructor() {
    super(
      'Slack: SLACK_SIGNING_SECRET is empty. Refusing to serve /slack/events without verifying signatures; ' +
        'copy the Signing Secret from your Slack app (Basic Information → App Credentials).',
    );
  }
}

export class RouteReceiver implements Receiver {
  readonly route: Route;
  private app: App | undefined;
  private readonly signingSecret: string;
  private readonly log: Logger;
  private readonly maxBodyBytes: number;
  private readonly ackTimeoutMs: number;
  private readonly now: () => number;
  private readonly busy: () => boolean;

  constructor(options: RouteReceiverOptions) {
    // Never accept unsigned traffic because of a blank variable.
    if (!options.signingSecret || options.signingSecret.trim() === '') throw new EmptySigningSecretError();
    this.signingSecret = options.signingSecret;
    this.log = options.logger;
    this.maxBodyBytes = options.maxBodyBytes ?? SLACK_MAX_BODY_BYTES;
    this.ackTimeoutMs = options.ackTimeoutMs ?? ACK_TIMEOUT_MS;
    this.now = options.now ?? Date.now;
    this.busy = options.busy ?? (() => false);
    this.route = {
      method: 'POST',
      path: options.path ?? SLACK_EVENTS_PATH,
      handle: (req, res) => this.handle(req, res),
    };
  }

  init(app: App): void {
    this.app = app;
  }

  // The shared HTTP server owns listening and shutdown; these only satisfy the Receiver interface.
  async start(): Promise<void> {}
  async stop(): Promise<void> {}

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const declared = Number(req.headers['content-length']);
    let raw: string;
    try {
      if (declared > this.maxBodyBytes) throw new BodyTooLargeError('declared body too large');
      raw = await readBody(req, this.maxBodyBytes);
    } catch (error) {
      if (!(error instanceof BodyTooLargeError)) throw error;
      this.log.warn({ event: 'slack.body_too_large', limit: this.maxBodyBytes }, 'Slack request body too large');
      res.setHeader('connection', 'close');
      reply(res, 413);
      return;
    }

    const verdict = verifySlackSignature({
      signingSecret: this.signingSecret,
      body: raw,
      signature: header(req, 'x-slack-signature'),
      timestamp: header(req, 'x-slack-request-timestamp'),
      nowMs: this.now(),
    });
    if (!verdict.ok) {
      this.log.warn({ event: 'slack.signature_refused', reason: verdict.reason }, 'Slack request refused');
      reply(res, 401);
      return;
    }

    let body: Record<string, unknown>;
    try {
      body = parseBody(raw, header(req, 'content-type') ?? '');
    } catch (error) {
      this.log.warn({ event: 'slack.malformed_body', err: error }, 'Slack request body could not be parsed');
      reply(res, 400);
      return;
    }

    // Both are signed like everything else (checked above), so neither can smuggle an event past verification.
    if (body.ssl_check === '1') {
      reply(res, 200);
      return;
    }
    if (body.type === 'url_verification') {
      reply(res, 200, { challenge: typeof body.challenge === 'string' ? body.challenge : '' });
      return;
    }
    if (!this.app || this.busy()) {
      // Not ready, or too much acknowledged work waiting: Slack redelivers events after a 503.
      this.log.warn({ event: 'slack.busy', ready: Boolean(this.app) }, 'Slack request refused with 503');
      reply(res, 503);
      return;
    }

    const ack = createHttpAck(
      res,
      () => this.log.error({ event: 'slack.ack_timeout', ms: this.ackTimeoutMs }, 'Slack request not acknowledged'),
      this.ackTimeoutMs,
    );
    const event: ReceiverEvent = {
      body,
      ack: ack.fn,
      ...optionalNumber('retryNum', header(req, 'x-slack-retry-num')),
      ...optional('retryReason', header(req, 'x-slack-retry-reason')),
    };
    try {
      await this.app.processEvent(event);
    } catch (error) {
      this.log.error({ event: 'slack.process_failed', err: error }, 'Bolt failed to process a Slack request');
    }
    // Nothing acknowledged it (a payload type nobody listens to): still answer, so Slack neither retries nor
    // shows the person an error.
    ack.settle();
  }
}

/** Slack sends events as JSON, interactivity as a form with a `payload` JSON field, commands as a plain form. */
export function parseBody(raw: string, contentType: string): Record<string, unknown> {
  if (contentType.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
    const form = parseQuery(raw);
    if (typeof form.payload === 'string') return asObject(JSON.parse(form.payload));
    const flat: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(form)) flat[k] = Array.isArray(v) ? v[0] : v;
    return flat;
  }
  return asObject(JSON.parse(raw));
}

function asObject(value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('body is not an object');
  return value as Record<string, unknown>;
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function reply(res: ServerResponse, status: number, body?: unknown): void {
  if (res.headersSent) return;
  if (body === undefined) {
    res.writeHead(status, { 'content-length': 0 });
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

const optional = <K extends string>(key: K, value: string | undefined) =>
  (value === undefined ? {} : { [key]: value }) as Partial<Record<K, string>>;

const optionalNumber = <K extends string>(key: K, value: string | undefined) => {
  const n = value === undefined ? Number.NaN : Number.parseInt(value, 10);
  return (Number.isNaN(n) ? {} : { [key]: n }) as Partial<Record<K, number>>;
};
