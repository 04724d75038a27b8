// What a failed call to the Bot Connector means for the outbox: try again later (with how long to wait) or give
// up, per Microsoft's Bot Connector error documentation. Teams answers errors as `{ error: { code, message } }`; botbuilder surfaces them
// as a RestError with `statusCode`, the response headers (Retry-After) and the body.
import type { Delivery } from '../../bot/core/types.js';

export type FailedDelivery = Extract<Delivery, { ok: false }>;

export interface ErrorRule {
  status: number;
  /** Teams' `error.code`; undefined matches any code for this status. */
  code?: string;
  retry: boolean;
  /** Short, stable words for the admin's delivery-health view. */
  meaning: string;
  /** Wait when the response carries no Retry-After (retryable rules only). */
  defaultWaitMs?: number;
}

/** Most specific first: a rule with a code wins over the status-only rule. */
export const TEAMS_ERROR_RULES: readonly ErrorRule[] = [
  { status: 429, retry: true, meaning: 'throttled', defaultWaitMs: 2_000 },
  { status: 412, retry: true, meaning: 'precondition failed (concurrent update)', defaultWaitMs: 1_000 },
  { status: 500, retry: true, meaning: 'connector error', defaultWaitMs: 5_000 },
  { status: 502, retry: true, meaning: 'bad gateway', defaultWaitMs: 5_000 },
  { status: 503, retry: true, meaning: 'service unavailable', defaultWaitMs: 5_000 },
  { status: 504, retry: true, meaning: 'gateway timeout', defaultWaitMs: 5_000 },
  { status: 403, code: 'ConversationBlockedByUser', retry: false, meaning: 'the user blocked the bot' },
  { status: 403, code: 'BotNotInConversationRoster', retry: false, meaning: 'the app is not installed for the user' },
  { status: 403, code: 'BotDisabledByAdmin', retry: false, meaning: 'the tenant admin disabled the bot' },
  { status: 403, code: 'ForbiddenOperationException', retry: false, meaning: 'the bot may not post here' },
  { status: 403, retry: false, meaning: 'forbidden' },
  { status: 404, code: 'ConversationNotFound', retry: false, meaning: 'the conversation no longer exists' },
  { status: 404, retry: false, meaning: 'not found' },
  { status: 413, code: 'MessageSizeTooBig', retry: false, meaning: 'the message is too large' },
  { status: 413, retry: false, meaning: 'the message is too large' },
  { status: 400, retry: false, meaning: 'bad request' },
  { status: 401, retry: false, meaning: 'the bot credentials were refused' },
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
  if (info.status === undefined) {
    if (info.network) return { ok: false, retryAfterMs: NETWORK_WAIT_MS, reason: `network: ${firstLine}` };
    // No HTTP status: our bug or a credential failure, not the person. Retrying (bounded by the outbox) is safer
    // than marking them unreachable.
    return { ok: false, retryAfterMs: NETWORK_WAIT_MS, reason: `unexpected: ${firstLine}` };
  }
  const rule =
    TEAMS_ERROR_RULES.find((r) => r.status === info.status && r.code !== undefined && r.code === info.code) ??
    TEAMS_ERROR_RULES.find((r) => r.status === info.status && r.code === undefined);
  const label = `${info.status}${info.code ? ` ${info.code}` : ''}`;
  if (rule?.retry) {
    const wait = Math.min(info.retryAfterMs ?? rule.defaultWaitMs ?? NETWORK_WAIT_MS, MAX_RETRY_AFTER_MS);
    return { ok: false, retryAfterMs: wait, reason: `${label}: ${rule.meaning}` };
  }
  if (rule) return { ok: false, terminal: true, reason: `${label}: ${rule.meaning}` };
  // Statuses the table does not name: other 5xx are the service's trouble, other 4xx are ours.
  if (info.status >= 500)
    return { ok: false, retryAfterMs: info.retryAfterMs ?? NETWORK_WAIT_MS, reason: `${label}: ${firstLine}` };
  return { ok: false, terminal: true, reason: `${label}: ${firstLine}` };
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
