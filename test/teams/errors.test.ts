// The scope table for Bot Connector failures, on errors shaped like the ones botbuilder throws
// (a RestError with statusCode, the response headers and the raw body).
import { describe, expect, it } from 'vitest';
import { classifyTeamsError, parseRetryAfter, TEAMS_ERROR_RULES } from '../../adapters/teams/errors.js';

const restError = (status: number, code?: string, headers: Record<string, string> = {}) => {
  const body = JSON.stringify({ error: { code: code ?? 'ServiceError', message: `failed with ${status}` } });
  const error = Object.assign(new Error(`failed with ${status}`), {
    name: 'RestError',
    statusCode: status,
    code,
    response: {
      status,
      bodyAsText: body,
      headers: { get: (name: string) => headers[name.toLowerCase()] },
    },
  });
  return error;
};

describe('classifyTeamsError', () => {
  it.each([
    [403, 'ConversationBlockedByUser', 'recipient', 'the user blocked the bot'],
    [403, 'BotNotInConversationRoster', 'recipient', 'the app is not installed for the user'],
    [403, 'BotDisabledByAdmin', 'app', 'the tenant admin disabled the bot'],
    [403, 'ForbiddenOperationException', 'recipient', 'the bot may not post here'],
    [404, 'ConversationNotFound', 'recipient', 'the conversation no longer exists'],
    [413, 'MessageSizeTooBig', 'message', 'the message is too large'],
    [400, 'BadArgument', 'message', 'bad request'],
    [401, 'Unauthorized', 'app', 'the bot credentials were refused'],
  ])('%i %s is about the %s', (status, code, scope, meaning) => {
    expect(classifyTeamsError(restError(status, code))).toEqual({
      ok: false,
      scope,
      reason: `${status} ${code}: ${meaning}`,
    });
  });

  it('honours Retry-After on 429, in seconds or as an HTTP date', () => {
    expect(classifyTeamsError(restError(429, undefined, { 'retry-after': '7' }))).toMatchObject({
      ok: false,
      retryAfterMs: 7000,
    });
    const now = Date.parse('2026-12-01T10:00:00Z');
    const date = new Date(now + 30_000).toUTCString();
    expect(classifyTeamsError(restError(429, undefined, { 'retry-after': date }), now)).toMatchObject({
      retryAfterMs: 30_000,
    });
    expect(classifyTeamsError(restError(429))).toMatchObject({ scope: 'transient', retryAfterMs: 2000 });
  });

  it.each([412, 500, 502, 503, 504, 507])('%i is transient', (status) => {
    const delivery = classifyTeamsError(restError(status));
    expect(delivery).toMatchObject({ ok: false, scope: 'transient' });
    expect((delivery as { retryAfterMs: number }).retryAfterMs).toBeGreaterThan(0);
  });

  it('treats socket errors and failures without a status (our bug, a credential problem) as retryable', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
    expect(classifyTeamsError(refused)).toMatchObject({ ok: false, scope: 'transient', retryAfterMs: 5000 });
    const sendError = Object.assign(new Error('socket hang up'), { name: 'RestError', code: 'REQUEST_SEND_ERROR' });
    expect(classifyTeamsError(sendError)).toMatchObject({ ok: false, retryAfterMs: 5000 });
    const unexpected = classifyTeamsError(new TypeError('x is undefined'));
    expect(unexpected).toMatchObject({ ok: false, scope: 'transient', retryAfterMs: 5000 });
  });

  it('caps an absurd Retry-After and reads unknown 4xx as a refused message', () => {
    expect(classifyTeamsError(restError(503, undefined, { 'retry-after': '999999' }))).toMatchObject({
      retryAfterMs: 15 * 60_000,
    });
    expect(classifyTeamsError(restError(409, 'Conflict'))).toMatchObject({ scope: 'message' });
  });

  it('has a rule for every status the Bot Connector documents', () => {
    const statuses = new Set(TEAMS_ERROR_RULES.map((r) => r.status));
    for (const s of [400, 401, 403, 404, 412, 413, 429, 502, 503, 504]) expect(statuses.has(s)).toBe(true);
    expect(parseRetryAfter('1.5')).toBe(1500);
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});
