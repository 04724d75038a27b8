// Slack Web API failures → the core's Delivery, with its scope (see DeliveryScope in bot/core/types.ts): the
// person, this message, or the app's installation when a retry will not help; `transient` with Retry-After for a
// 429, and for 5xx and network trouble. The reason (`slack:<error>`) is only for logs and the outbox row.
import { webApi } from '@slack/bolt';
import type { DeliveryFailure, DeliveryScope } from '../../bot/core/types.js';

export type Failure = DeliveryFailure;

/** What a terminal error is about: the person, this one message, or the app's installation. */
export type TerminalScope = Exclude<DeliveryScope, 'transient'>;

/** Slack `error` codes that will not succeed on a retry. Anything not listed here is retried (bounded by the outbox). */
export const TERMINAL_SLACK_ERRORS: Readonly<Record<string, TerminalScope>> = {
  // The person or their DM cannot be reached.
  not_in_channel: 'recipient',
  channel_not_found: 'recipient',
  is_archived: 'recipient',
  user_not_found: 'recipient',
  users_not_found: 'recipient',
  user_not_visible: 'recipient',
  user_disabled: 'recipient',
  cannot_dm_bot: 'recipient',
  messages_tab_disabled: 'recipient',
  restricted_action: 'recipient',
  // The message itself is wrong, or the one it should replace is gone.
  invalid_blocks: 'message',
  invalid_blocks_format: 'message',
  msg_too_long: 'message',
  no_text: 'message',
  invalid_arguments: 'message',
  invalid_arg_name: 'message',
  invalid_form_data: 'message',
  invalid_json: 'message',
  json_not_object: 'message',
  message_not_found: 'message',
  cant_update_message: 'message',
  edit_window_closed: 'message',
  // The installation: token, scopes or workspace.
  account_inactive: 'app',
  invalid_auth: 'app',
  not_authed: 'app',
  token_revoked: 'app',
  token_expired: 'app',
  missing_scope: 'app',
  no_permission: 'app',
  not_allowed_token_type: 'app',
  team_access_not_granted: 'app',
  ekm_access_denied: 'app',
  org_login_required: 'app',
};

/** Slack `error` codes that mean "try again later" even with HTTP 200. */
const RETRYABLE_SLACK_ERRORS = new Set([
  'ratelimited',
  'rate_limited',
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
  'team_added_to_org',
]);

/** Used when Slack rate-limits without saying for how long. */
export const DEFAULT_RATE_LIMIT_MS = 30_000;

// @slack/web-api through Bolt's re-export: it is Bolt's dependency, not ours, so its version always matches.
const { WebAPIHTTPError, WebAPIPlatformError, WebAPIRateLimitedError, WebAPIRequestError } = webApi;

const retry = (reason: string, retryAfterMs?: number): Failure =>
  retryAfterMs === undefined
    ? { ok: false, scope: 'transient', reason }
    : { ok: false, scope: 'transient', retryAfterMs, reason };
/** Slack rate-limits the workspace: the outbox holds it for the wait. */
const throttled = (reason: string, retryAfterMs: number): Failure => ({
  ok: false,
  scope: 'transient',
  retryAfterMs,
  throttled: true,
  reason,
});
const terminal = (scope: TerminalScope, reason: string): Failure => ({ ok: false, scope, reason });

/** Maps anything a WebClient call can throw to a failed Delivery. */
export function deliveryFromError(error: unknown): Failure {
  if (error instanceof WebAPIRateLimitedError) return throttled('slack:ratelimited (429)', error.retryAfter * 1000);
  if (error instanceof WebAPIPlatformError) return fromSlackError(error.data.error);
  if (error instanceof WebAPIHTTPError) return fromHttpStatus(error.statusCode, error.headers);
  if (error instanceof WebAPIRequestError) return retry(`slack:network (${error.original.message})`);
  const message = error instanceof Error ? error.message : String(error);
  // The WebClient throws a plain Error for a 429 whose Retry-After it cannot read.
  if (/rate limit|retry header/i.test(message)) return throttled('slack:ratelimited (429)', DEFAULT_RATE_LIMIT_MS);
  return retry(`slack:unexpected (${message})`);
}

export function fromSlackError(code: string): Failure {
  const scope = Object.hasOwn(TERMINAL_SLACK_ERRORS, code) ? TERMINAL_SLACK_ERRORS[code] : undefined;
  if (scope) return terminal(scope, `slack:${code}`);
  if (code === 'ratelimited' || code === 'rate_limited') return throttled(`slack:${code}`, DEFAULT_RATE_LIMIT_MS);
  if (RETRYABLE_SLACK_ERRORS.has(code)) return retry(`slack:${code}`);
  return retry(`slack:${code} (unknown error, retried)`);
}

export function fromHttpStatus(status: number, headers: Record<string, string> = {}): Failure {
  if (status === 429) {
    const seconds = Number(headers['retry-after'] ?? headers['Retry-After']);
    return throttled(
      'slack:http_429',
      Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : DEFAULT_RATE_LIMIT_MS,
    );
  }
  if (status >= 500 || status === 408) return retry(`slack:http_${status}`);
  // 400/401/403/404 from the API host: a wrong SLACK_API_URL or a proxy refusing us; retrying will not help.
  return terminal('app', `slack:http_${status}`);
}

/** The Slack error code when a call failed because Slack refused the token or installation (e.g. invalid_auth). */
export function refusedTokenError(error: unknown): string | undefined {
  if (!(error instanceof WebAPIPlatformError)) return undefined;
  const code = error.data.error;
  return fromSlackError(code).scope === 'app' ? code : undefined;
}
