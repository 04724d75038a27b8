// What a failed call to the Bot Connector means for the outbox, per Microsoft's Bot Connector error documentation:
// its scope (see DeliveryScope in bot/core/types.ts) — the person, this message, the app, or `transient` with how
// long to wait. Teams answers errors as `{ error: { code, message } }`; botbuilder surfaces them as a RestError
// with `statusCode`, the response headers (Retry-After) and the body.
import type { DeliveryFailure, DeliveryScope } from '../../bot/core/types.js';

export type FailedDelivery = DeliveryFailure;

export interface ErrorRule {
  status: number;
  /** Teams' `error.code`; undefined matches any code for this status. */
  code?: string;
  scope: DeliveryScope;
  /** Short, stable words for the admin's delivery-health view. */
  meaning: string;
  /** Wait when the response carries no Retry-After (transient rules only). */
  defaultWaitMs?: number;
}

/** Most specific first: a rule with a code wins over the status-only rule. */
export const TEAMS_ERROR_RULES: readonly ErrorRule[] = [
  { status: 429, scope: 'transient', meaning: 'throttled', defaultWaitMs: 2_000 },
  { status: 412, scope: 'transient', meaning: 'precondition failed (concurrent update)', defaultWaitMs: 1_000 },
  { status: 500, scope: 'transient', meaning: 'connector error', defaultWaitMs: 5_000 },
  { status: 502, scope: 'transient', meaning: 'bad gateway', defaultWaitMs: 5_000 },
  { status: 503, scope: 'transient', meaning: 'service unavailable', defaultWaitMs: 5_000 },
  { status: 504, scope: 'transient', meaning: 'gateway timeout', defaultWaitMs: 5_000 },
  { status: 403, code: 'ConversationBlockedByUser', scope: 'recipient', meaning: 'the user blocked the bot' },
  {
    status: 403,
    code: 'BotNotInConversationRoster',
    scope: 'recipient',
    meaning: 'the app is not installed for the user',
  },
  // Tenant-wide: every person there is unreachable until the admin allows the app again, and none of them did it.
  { status: 403, code: 'BotDisabledByAdmin', scope: 'app', meaning: 'the tenant admin disabled the bot' },
  { status: 403, code: 'ForbiddenOperationException', scope: 'recipient', meaning: 'the bot may not post here' },
  { status: 403, scope: 'recipient', meaning: 'forbidden' },
  { status: 404, code: 'ConversationNotFound', scope: 'recipient', meaning: 'the conversation no longer exists' },
  { status: 404, scope: 'recipient', meaning: 'not found' },
  { status: 413, code: 'MessageSizeTooBig', scope: 'message', meaning: 'the message is too large' },
  { status: 413, scope: 'message', meaning: 'the message is too large' },
  { status: 400, scope: 'message', meaning: 'bad request' },
  { status: 401, scope: 'app', meaning: 'the bot credentials were refused' },
];

/** Socket-level failures: the request may not have arrived, so it is safe and useful to try again. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'REQUEST_SEND_ERROR',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
]);
const NETWORK_WAIT_MS = 5_000;
/** A Retry-After larger than this is still honoured, but capped so a bogus header cannot park a message for days. */
const MAX_RETRY_AFTER_MS = 15 * 60_000;

export interface ConnectorErrorInfo {
  status?: number;
  code?: string;
  message: string;
  retryAfterMs?: number;
  network: boolean;
}

/** Pulls status, Teams error code, Retry-After and network-ness out of whatever botbuilder threw. */
export function describeConnectorError(error: unknown, now = Date.now()): ConnectorErrorInfo {
  const e = (error ?? {}) as Record<string, unknown>;
  const response = (e.response ?? {}) as Record<string, unknown>;
  const status = numberOr(e.statusCode) ?? numberOr(e.status) ?? numberOr(response.status);
  const body = parseBody(response.bodyAsText) ?? parseBody(response.parsedBody) ?? parseBody(e.body);
  const code =
    body?.code ?? (typeof e.code === 'string' && !NETWORK_CODES.has(e.code) ? (e.code as string) : undefined);
  const retryAfter = header(response.headers, 'retry-after');
  const errno = typeof e.code === 'string' ? e.code : undefined;
  const causeCode = typeof (e.cause as { code?: unknown })?.code === 'string' ? (e.cause as { code: string }).code : '';
  const network =
    status === undefined &&
    (NETWORK_CODES.has(errno ?? '') ||
      NETWORK_CODES.has(causeCode) ||
      e.name === 'AbortError' ||
      e.name === 'TimeoutError' ||
      e.name === 'FetchError');
  const info: ConnectorErrorInfo = {
    message: body?.message ?? (typeof e.message === 'string' ? e.message : String(error)),
    network,
  };
  if (status !== undefined) info.status = status;
  if (code) info.code = code;
  const wait = parseRetryAfter(retryAfter, now);
  if (wait !== undefined) info.retryAfterMs = wait;
  return info;
}

/** The outbox's view of a failed send. */
export function classifyTeamsError(error: unknown, now = Date.now()): FailedDelivery {
  const info = describeConnectorError(error, now);
  const firstLine = info.message.split('\n')[0]!.slice(0, 200);
  const transient = (reason: string, waitMs: number): FailedDelivery => ({
    ok: false,
    scope: 'transient',
    retryAfterMs: Math.min(waitMs, MAX_RETRY_AFTER_MS),
    // The Bot Connector throttles the bot per tenant: the outbox holds that tenant for the wait.
    ...(info.status === 429 ? { throttled: true } : {}),
    reason,
  });
  if (info.status === undefined) {
    if (info.network) return transient(`network: ${firstLine}`, NETWORK_WAIT_MS);
    // No HTTP status: our bug or a credential failure, not the person. Retrying (bounded by the outbox) is safer
    // than marking them unreachable.
    return transient(`unexpected: ${firstLine}`, NETWORK_WAIT_MS);
  }
  const rule =
    TEAMS_ERROR_RULES.find((r) => r.status === info.status && r.code !== undefined && r.code === info.code) ??
    TEAMS_ERROR_RULES.find((r) => r.status === info.status && r.code === undefined);
  const label = `${info.status}${info.code ? ` ${info.code}` : ''}`;
  if (rule?.scope === 'transient') {
    return transient(`${label}: ${rule.meaning}`, info.retryAfterMs ?? rule.defaultWaitMs ?? NETWORK_WAIT_MS);
  }
  if (rule) return { ok: false, scope: rule.scope, reason: `${label}: ${rule.meaning}` };
  // Statuses the table does not name: other 5xx are the service's trouble, other 4xx mean our request was wrong.
  if (info.status >= 500) return transient(`${label}: ${firstLine}`, info.retryAfterMs ?? NETWORK_WAIT_MS);
  return { ok: false, scope: 'message', reason: `${label}: ${firstLine}` };
}

/** Retry-After is either delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

const numberOr = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

function header(headers: unknown, name: string): string | undefined {
  if (!headers || typeof headers !== 'object') return undefined;
  const h = headers as { get?: (n: string) => unknown } & Record<string, unknown>;
  const value = typeof h.get === 'function' ? h.get(name) : (h[name] ?? h[name.toLowerCase()]);
  return typeof value === 'string' ? value : undefined;
}

function parseBody(body: unknown): { code?: string; message?: string } | undefined {
  let value = body;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  if (!value || typeof value !== 'object') return undefined;
  const error = (value as { error?: unknown }).error;
  if (!error || typeof error !== 'object') return undefined;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return {
    ...(typeof code === 'string' ? { code } : {}),
    ...(typeof message === 'string' ? { message } : {}),
  };
}
