// A fake Slack Web API on 127.0.0.1 that speaks Slack's wire format: POST /api/<method> with a form-encoded or JSON
// body and a bearer token, answered `{ok:true,...}` or `{ok:false,error}` (HTTP 200), or 429 with Retry-After, or a
// 5xx. The real WebClient is pointed at it through SLACK_API_URL. Every call is recorded for the tests to inspect.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const FAKE_BOT_TOKEN = 'xoxb-0000000000-test-token';
export const FAKE_TEAM_ID = 'T0LEERKANS';
export const FAKE_BOT_USER_ID = 'U0BOT00001';
export const FAKE_BOT_ID = 'B0BOT00001';

export interface FakeSlackUser {
  id: string;
  email?: string;
  name?: string;
  locale?: string;
  isBot?: boolean;
  deleted?: boolean;
}

export interface SlackCall {
  method: string;
  /** Form fields as sent; JSON-valued fields (blocks, view) are parsed. */
  args: Record<string, unknown>;
  token: string | undefined;
  at: number;
  /** What the fake answered (absent for a scripted failure). */
  response?: Record<string, unknown>;
}

/** A scripted answer for the next call(s) of a method. */
export type FakeFailure =
  | { kind: 'error'; error: string }
  | { kind: 'ratelimited'; retryAfterSeconds: number }
  | { kind: 'http'; status: number }
  /** Close the connection without an answer (a network error for the client). */
  | { kind: 'drop' }
  /** Hold the answer this long, then answer normally (a client with a shorter timeout sees a timeout). */
  | { kind: 'hang'; ms: number };

/** Decides a call's fate per request (a throttling or flaky platform, a user who blocked the bot). */
export type FakeSlackRule = (call: { method: string; args: Record<string, unknown> }) => FakeFailure | undefined;

export interface FakeSlackApi {
  /** For SLACK_API_URL, e.g. http://127.0.0.1:PORT/api/ */
  readonly url: string;
  readonly calls: SlackCall[];
  callsTo(method: string): SlackCall[];
  addUser(user: FakeSlackUser): void;
  /** The next `times` calls to `method` fail this way. */
  fail(method: string, failure: FakeFailure, times?: number): void;
  /** Consulted for every call before the scripted failures; undefined → go on as usual. */
  intercept(rule: FakeSlackRule | undefined): void;
  /** Delays every answer to `method` (e.g. a slow views.open). */
  delay(method: string, ms: number): void;
  /** Resolves when `method` has been called at least `count` times (rejects after timeoutMs). */
  waitFor(method: string, count?: number, timeoutMs?: number): Promise<SlackCall[]>;
  reset(): void;
  close(): Promise<void>;
}

const JSON_FIELDS = new Set(['blocks', 'view', 'attachments', 'metadata']);

export async function startFakeSlackApi(options: { token?: string } = {}): Promise<FakeSlackApi> {
  const token = options.token ?? FAKE_BOT_TOKEN;
  const calls: SlackCall[] = [];
  const users = new Map<string, FakeSlackUser>();
  const failures = new Map<string, FakeFailure[]>();
  const delays = new Map<string, number>();
  const waiters: (() => void)[] = [];
  let rule: FakeSlackRule | undefined;
  let tsCounter = 0;
  let viewCounter = 0;

  const answer = (method: string, args: Record<string, unknown>): Record<string, unknown> => {
    switch (method) {
      case 'auth.test':
        return {
          ok: true,
          url: 'https://leerkans-test.slack.com/',
          team: 'Leerkans Test',
          user: 'leerkans',
          team_id: FAKE_TEAM_ID,
          user_id: FAKE_BOT_USER_ID,
          bot_id: FAKE_BOT_ID,
          is_enterprise_install: false,
        };
      case 'users.info': {
        const user = users.get(String(args.user));
        if (!user) return { ok: false, error: 'user_not_found' };
        return {
          ok: true,
          user: {
            id: user.id,
            team_id: FAKE_TEAM_ID,
            name: user.name?.toLowerCase().replaceAll(' ', '.') ?? user.id,
            deleted: user.deleted ?? false,
            real_name: user.name ?? '',
            tz: 'Europe/Brussels',
            is_bot: user.isBot ?? false,
            ...(args.include_locale === 'true' && user.locale ? { locale: user.locale } : {}),
            profile: {
              real_name: user.name ?? '',
              display_name: user.name ?? '',
              ...(user.email ? { email: user.email } : {}),
            },
          },
        };
      }
      case 'conversations.open': {
        const userId = String(args.users ?? '');
        if (!users.has(userId)) return { ok: false, error: 'user_not_found' };
        return { ok: true, channel: { id: dmChannelFor(userId) } };
      }
      case 'chat.postMessage': {
        tsCounter += 1;
        const ts = `1760000000.${String(tsCounter).padStart(6, '0')}`;
        return {
          ok: true,
          channel: args.channel,
          ts,
          message: { type: 'message', text: args.text, user: FAKE_BOT_USER_ID, bot_id: FAKE_BOT_ID, ts },
        };
      }
      case 'chat.update':
        return { ok: true, channel: args.channel, ts: args.ts, text: args.text };
      case 'views.open':
      case 'views.publish':
      case 'views.update':
        viewCounter += 1;
        return { ok: true, view: { id: `V${String(viewCounter).padStart(8, '0')}`, ...(args.view as object) } };
      default:
        return { ok: false, error: 'unknown_method' };
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const match = /^\/api\/([\w.]+)$/.exec(url.pathname);
    if (req.method !== 'POST' || !match) {
      send(res, 404, { ok: false, error: 'unknown_method' });
      return;
    }
    const method = match[1]!;
    const raw = await readAll(req);
    const args = parseArgs(raw, req.headers['content-type'] ?? '');
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const given = bearer ?? (typeof args.token === 'string' ? args.token : undefined);
    delete args.token;
    const call: SlackCall = { method, args, token: given, at: Date.now() };

    // A call is recorded once answered (or dropped), so a test sees it together with its response.
    res.on('close', () => {
      calls.push(call);
      for (const w of waiters.splice(0)) w();
    });
    const wait = delays.get(method);
    if (wait) await new Promise((r) => setTimeout(r, wait));
    let failure = rule?.({ method, args }) ?? failures.get(method)?.shift();
    if (failure?.kind === 'hang') {
      await new Promise((r) => setTimeout(r, (failure as { ms: number }).ms));
      failure = undefined;
    }
    if (failure) {
      if (failure.kind === 'drop') {
        req.socket.destroy();
        return;
      }
      if (failure.kind === 'ratelimited') {
        res.setHeader('retry-after', String(failure.retryAfterSeconds));
        send(res, 429, { ok: false, error: 'ratelimited' });
        return;
      }
      if (failure.kind === 'http') {
        send(res, failure.status, `<html>${failure.status}</html>`);
        return;
      }
      send(res, 200, { ok: false, error: failure.error });
      return;
    }
    if (given !== token) {
      send(res, 200, { ok: false, error: given ? 'invalid_auth' : 'not_authed' });
      return;
    }
    call.response = answer(method, args);
    send(res, 200, call.response);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => send(res, 500, { ok: false, error: String(error) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  const callsTo = (method: string) => calls.filter((c) => c.method === method);
  return {
    url: `http://127.0.0.1:${port}/api/`,
    calls,
    callsTo,
    addUser: (user) => {
      users.set(user.id, user);
    },
    fail: (method, failure, times = 1) => {
      const queue = failures.get(method) ?? [];
      for (let i = 0; i < times; i++) queue.push(failure);
      failures.set(method, queue);
    },
    intercept: (r) => {
      rule = r;
    },
    delay: (method, ms) => {
      delays.set(method, ms);
    },
    async waitFor(method, count = 1, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (callsTo(method).length < count) {
        const left = deadline - Date.now();
        if (left <= 0)
          throw new Error(`fake Slack: expected ${count} ${method} call(s), got ${callsTo(method).length}`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, Math.min(left, 100));
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
      return callsTo(method);
    },
    reset: () => {
      calls.length = 0;
      failures.clear();
      delays.clear();
      rule = undefined;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The DM channel id the fake gives a user (stable, so tests can predict it). */
export const dmChannelFor = (userId: string) => `D${userId.slice(1)}`;

function parseArgs(raw: string, contentType: string): Record<string, unknown> {
  if (contentType.startsWith('application/json')) return raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    args[key] = JSON_FIELDS.has(key) ? safeJson(value) : value;
  }
  return args;
}

function safeJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, {
    'content-type': typeof body === 'string' ? 'text/html' : 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

async function readAll(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
