// The v0 request verifier: Slack's documented example, replay window in both directions, malformed headers.
import { describe, expect, it } from 'vitest';
import { signSlackRequest, verifySlackSignature } from '../../adapters/slack/verify-signature.js';

// The worked example from Slack's "Verifying requests from Slack" page.
const DOC_SECRET = '8f742231b10e8888abcd99yyyzzz85a5';
const DOC_TIMESTAMP = '1531420618';
const DOC_BODY =
  'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
const DOC_SIGNATURE = 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503';
const DOC_NOW = Number(DOC_TIMESTAMP) * 1000;

describe('verifySlackSignature', () => {
  it("accepts Slack's documented example and computes the same signature", () => {
    expect(signSlackRequest(DOC_SECRET, DOC_TIMESTAMP, DOC_BODY)).toBe(DOC_SIGNATURE);
    expect(
      verifySlackSignature({
        signingSecret: DOC_SECRET,
        body: DOC_BODY,
        signature: DOC_SIGNATURE,
        timestamp: DOC_TIMESTAMP,
        nowMs: DOC_NOW,
      }),
    ).toEqual({ ok: true });
  });

  const base = { signingSecret: DOC_SECRET, body: DOC_BODY, signature: DOC_SIGNATURE, timestamp: DOC_TIMESTAMP };
  const refused = (patch: Partial<Parameters<typeof verifySlackSignature>[0]>) =>
    verifySlackSignature({ ...base, nowMs: DOC_NOW, ...patch });

  it.each([
    ['a changed body', { body: `${DOC_BODY}&x=1` }, /mismatch/],
    ['another secret', { signingSecret: 'another-secret' }, /mismatch/],
    ['a missing signature', { signature: undefined }, /missing X-Slack-Signature/],
    ['a missing timestamp', { timestamp: undefined }, /missing X-Slack-Request-Timestamp/],
    ['a timestamp that is not a number', { timestamp: '12ab' }, /malformed/],
    ['an unknown signature version', { signature: DOC_SIGNATURE.replace('v0=', 'v1=') }, /malformed/],
    ['a truncated signature', { signature: DOC_SIGNATURE.slice(0, 40) }, /malformed/],
    ['an empty secret', { signingSecret: '' }, /no signing secret/],
    ['a request signed 5 min 1 s ago', { nowMs: DOC_NOW + 301_000 }, /five minutes/],
    ['a request signed 5 min 1 s in the future', { nowMs: DOC_NOW - 301_000 }, /five minutes/],
  ])('refuses %s', (_name, patch, reason) => {
    const verdict = refused(patch);
    expect(verdict.ok).toBe(false);
    expect(verdict.ok ? '' : verdict.reason).toMatch(reason);
  });

  it('accepts a request signed just under five minutes ago, and upper-case hex', () => {
    expect(refused({ nowMs: DOC_NOW + 299_000 })).toEqual({ ok: true });
    expect(refused({ signature: `v0=${DOC_SIGNATURE.slice(3).toUpperCase()}` })).toEqual({ ok: true });
  });
});
