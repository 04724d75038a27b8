// Slack request signing (v0): X-Slack-Signature = "v0=" + hex(HMAC-SHA256(secret, "v0:" + timestamp + ":" + raw body)).
// Our own small verifier rather than Bolt's verifySlackRequest: it also refuses timestamps from the future, never
// throws on a missing header, and returns a reason we can log. Every request is verified, ssl_check included.
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Slack's replay window: a request signed more than five minutes away from our clock is refused. */
export const MAX_CLOCK_SKEW_SECONDS = 5 * 60;

export interface SignatureInput {
  signingSecret: string;
  /** The raw request body exactly as received (the signature covers the bytes, not a re-serialisation). */
  body: string;
  signature: string | undefined;
  timestamp: string | undefined;
  nowMs?: number;
}

export type SignatureVerdict = { ok: true } | { ok: false; reason: string };

export function verifySlackSignature(input: SignatureInput): SignatureVerdict {
  if (!input.signingSecret) return { ok: false, reason: 'no signing secret configured' };
  const { signature, timestamp } = input;
  if (!signature) return { ok: false, reason: 'missing X-Slack-Signature' };
  if (!timestamp) return { ok: false, reason: 'missing X-Slack-Request-Timestamp' };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'malformed X-Slack-Request-Timestamp' };
  const nowSeconds = Math.floor((input.nowMs ?? Date.now()) / 1000);
  if (Math.abs(nowSeconds - Number(timestamp)) > MAX_CLOCK_SKEW_SECONDS) {
    return { ok: false, reason: 'X-Slack-Request-Timestamp is more than five minutes away from now' };
  }
  const match = /^v0=([0-9a-f]{64})$/i.exec(signature);
  if (!match) return { ok: false, reason: 'malformed X-Slack-Signature (expected v0=<64 hex>)' };
  const expected = signSlackRequest(input.signingSecret, timestamp, input.body);
  // Both sides are 32-byte digests here, so timingSafeEqual compares in constant time without a length leak.
  const given = Buffer.from(match[1]!.toLowerCase(), 'hex');
  const ours = Buffer.from(expected.slice(3), 'hex');
  return timingSafeEqual(given, ours) ? { ok: true } : { ok: false, reason: 'signature mismatch' };
}

/** The v0 signature for a body; tests and the benchmark use it to build genuine requests. */
export function signSlackRequest(signingSecret: string, timestamp: string | number, body: string): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}
