// A fake Bot Connector service (the Bot Framework's channel side, as Teams runs it) on 127.0.0.1: it records
// every call the bot makes (replies, new messages, updates, created conversations), answers member look-ups
// like Teams does (TeamsChannelAccount with email and UPN), fails on request (429 with Retry-After, 5xx,
// 403/404 with Teams' error codes), and serves an OpenID configuration with a signing key so tests can mint
// real Bot Framework JWTs without the network.
import { generateKeyPairSync, type KeyObject, randomUUID, createSign } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What Teams answers for GET /v3/conversations/{id}/members/{userId}. */
export interface TeamsMember {
  id: string;
  name: string;
  aadObjectId: string;
  email?: string;
  userPrincipalName?: string;
  tenantId: string;
  givenName?: string;
  surname?: string;
  userRole?: 'user' | 'guest' | 'anonymous';
}

export type CallKind = 'send' | 'reply' | 'update' | 'delete' | 'create' | 'member' | 'other';

export interface RecordedCall {
  kind: CallKind;
  method: string;
  path: string;
  conversationId?: string;
  activityId?: string;
  /** The parsed JSON body (an Activity, ConversationParameters), or undefined. */
  body: Record<string, unknown> | undefined;
  authorization?: string;
  /** Status the fake answered with. */
  status: number;
  at: number;
}

export interface Failure {
  status: number;
  headers?: Record<string, string>;
  /** Teams' error body: `{ error: { code, message } }`. */
  code?: string;
  message?: string;
  /** How many matching calls fail (default 1); Infinity for "until cleared". */
  times?: number;
  /** Which calls fail (default: every call but OpenID/JWKS). */
  match?: (call: { kind: CallKind; conversationId?: string }) => boolean;
  /** Close the socket instead of answering (a network error). */
  destroy?: boolean;
}

/** Decides a call's fate per request: a failure, a hold before the normal answer, or undefined for as usual. */
export type ConnectorRule = (call: {
  kind: CallKind;
  conversationId?: string;
  body: Record<string, unknown> | undefined;
}) => Failure | { hangMs: number } | undefined;

export interface FakeBotConnector {
  /** The serviceUrl to put in activities, with a trailing slash as Teams sends it. */
  readonly serviceUrl: string;
  /** OpenID metadata URL for `ToBotFromChannelOpenIdMetadataUrl`. */
  readonly openIdMetadataUrl: string;
  readonly calls: RecordedCall[];
  /** Activities the bot sent (new messages and replies), in order. */
  sent(): Record<string, unknown>[];
  updates(): RecordedCall[];
  addMember(member: TeamsMember): void;
  fail(failure: Failure): void;
  clearFailures(): void;
  /** Consulted for every call (but OpenID/JWKS) before the scripted failures. */
  intercept(rule: ConnectorRule | undefined): void;
  /** Milliseconds each answer is held back (latency of the real service). */
  latencyMs: number;
  /** Signs a Bot Framework channel token with the published key (or with `key`, e.g. one nobody published). */
  signToken(claims: Record<string, unknown>, opts?: { kid?: string; key?: KeyObject }): string;
  /** A valid channel token for `appId` and this serviceUrl. */
  channelToken(appId: string, extra?: Record<string, unknown>): string;
  waitFor<T>(probe: () => T | undefined | false, timeoutMs?: number): Promise<T>;
  reset(): void;
  close(): Promise<void>;
}

const b64url = (input: Buffer | string) => Buffer.from(input).toString('base64url');

export async function startFakeBotConnector(): Promise<FakeBotConnector> {
  const calls: RecordedCall[] = [];
  const members = new Map<string, TeamsMember>();
  let failures: (Failure & { left: number })[] = [];
  let rule: ConnectorRule | undefined;
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = `fake-${randomUUID().slice(0, 8)}`;
  let created = 0;
  let base = '';

  const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    const payload = body === undefined ? '' : JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    res.end(payload);
  };

  const classify = (method: string, parts: string[]): Pick<RecordedCall, 'kind' | 'conversationId' | 'activityId'> => {
    // parts: ['v3', 'conversations', id?, 'activities' | 'members', id?]
    const conversationId = parts[2] ? decodeURIComponent(parts[2]) : undefined;
    const tail = parts[4] ? decodeURIComponent(parts[4]) : undefined;
    if (parts.length === 2 && method === 'POST') return { kind: 'create' };
    if (parts[3] === 'activities') {
      if (method === 'POST' && !tail) return { kind: 'send', conversationId };
      if (method === 'POST') return { kind: 'reply', conversationId, activityId: tail };
      if (method === 'PUT') return { kind: 'update', conversationId, activityId: tail };
      if (method === 'DELETE') return { kind: 'delete', conversationId, activityId: tail };
    }
    if (parts[3] === 'members' && method === 'GET' && tail) return { kind: 'member', conversationId, activityId: tail };
    return { kind: 'other', conversationId };
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', base);
    const method = req.method ?? 'GET';
    if (url.pathname === '/.well-known/openidconfiguration') {
      json(res, 200, {
        issuer: 'https://api.botframework.com',
        authorization_endpoint: `${base}/v1/auth`,
        jwks_uri: `${base}/keys`,
        id_token_signing_alg_values_supported: ['RS256'],
        token_endpoint_auth_methods_supported: ['private_key_jwt'],
      });
      return;
    }
    if (url.pathname === '/keys') {
      const jwk = publicKey.export({ format: 'jwk' });
      json(res, 200, {
        keys: [{ kty: 'RSA', use: 'sig', kid, n: jwk.n, e: jwk.e, endorsements: ['msteams', 'emulator'] }],
      });
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    let body: Record<string, unknown> | undefined;
    try {
      body = raw ? (JSON.parse(raw) as Record<string, unknown>) : undefined;
    } catch {
      body = undefined;
    }
    const parts = url.pathname.split('/').filter(Boolean);
    const what = classify(method, parts);
    const call: RecordedCall = {
      ...what,
      method,
      path: url.pathname,
      body,
      status: 200,
      at: Date.now(),
      ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
    };
    calls.push(call);
    if (api.latencyMs > 0) await new Promise((r) => setTimeout(r, api.latencyMs));

    const decided = rule?.({ ...what, body });
    if (decided && 'hangMs' in decided) await new Promise((r) => setTimeout(r, decided.hangMs));
    const scripted = failures.find((f) => f.left > 0 && (f.match ? f.match(what) : true));
    const failure = decided && !('hangMs' in decided) ? { ...decided, left: 1 } : scripted;
    if (failure) {
      failure.left--;
      call.status = failure.status;
      if (failure.destroy) {
        req.socket.destroy();
        return;
      }
      json(
        res,
        failure.status,
        { error: { code: failure.code ?? 'ServiceError', message: failure.message ?? `fake ${failure.status}` } },
        failure.headers,
      );
      return;
    }

    switch (what.kind) {
      case 'send':
      case 'reply':
        json(res, 200, { id: `act-${randomUUID()}` });
        return;
      case 'update':
        json(res, 200, { id: what.activityId });
        return;
      case 'delete':
        json(res, 200, {});
        return;
      case 'create': {
        created++;
        json(res, 201, { id: `a:created-${created}-${randomUUID().slice(0, 8)}`, serviceUrl: api.serviceUrl });
        return;
      }
      case 'member': {
        const userId = what.activityId ?? '';
        const member = members.get(userId) ?? [...members.values()].find((m) => m.aadObjectId === userId);
        if (!member) {
          call.status = 404;
          json(res, 404, { error: { code: 'MemberNotFoundInConversation', message: 'The member was not found.' } });
          return;
        }
        json(res, 200, member);
        return;
      }
      default:
        call.status = 404;
        json(res, 404, { error: { code: 'NotFound', message: `no fake route for ${method} ${url.pathname}` } });
    }
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) json(res, 500, { error: { code: 'FakeFailed', message: String(error) } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const signToken = (claims: Record<string, unknown>, opts: { kid?: string; key?: KeyObject } = {}) => {
    const header = b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: opts.kid ?? kid }));
    const payload = b64url(JSON.stringify(claims));
    const signer = createSign('RSA-SHA256');
    signer.update(`${header}.${payload}`);
    return `${header}.${payload}.${b64url(signer.sign(opts.key ?? privateKey))}`;
  };

  const api: FakeBotConnector = {
    serviceUrl: `${base}/`,
    openIdMetadataUrl: `${base}/.well-known/openidconfiguration`,
    calls,
    latencyMs: 0,
    sent: () =>
      calls.filter((c) => (c.kind === 'send' || c.kind === 'reply') && c.status < 300).map((c) => c.body ?? {}),
    updates: () => calls.filter((c) => c.kind === 'update' && c.status < 300),
    addMember(member) {
      members.set(member.id, member);
    },
    fail(failure) {
      failures.push({ ...failure, left: failure.times ?? 1 });
    },
    clearFailures() {
      failures = [];
    },
    intercept(r) {
      rule = r;
    },
    signToken,
    channelToken(appId, extra = {}) {
      const now = Math.floor(Date.now() / 1000);
      return signToken({
        iss: 'https://api.botframework.com',
        aud: appId,
        serviceurl: api.serviceUrl,
        nbf: now - 10,
        iat: now - 10,
        exp: now + 3600,
        ...extra,
      });
    },
    async waitFor(probe, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const value = probe();
        if (value !== undefined && value !== false) return value as never;
        if (Date.now() > deadline) throw new Error('fake bot connector: condition not met in time');
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    reset() {
      calls.length = 0;
      failures = [];
      rule = undefined;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return api;
}
