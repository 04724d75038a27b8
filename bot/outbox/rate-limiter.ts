// Per key, at most `ratePerSecond` sends in any one-second window (measured over a slightly longer one), and a token bucket that lets up to `burst` of them
// go back to back. Platforms publish per-workspace (Slack ≈1/s) and per-app (Teams ≈50/s, we keep 40) limits and
// count over sliding windows: a bucket alone would allow burst + rate in one second. Waiting here is cheaper than a
// 429 there.

export interface RateLimiter {
  /** Resolves when a send under `key` may go. */
  take(key: string): Promise<void>;
}

interface KeyState {
  tokens: number;
  at: number;
  /** Times of the sends in the last second, oldest first (from `head` on). */
  sent: number[];
  head: number;
}

// A little over a second: requests that leave a full second apart may arrive closer together after network jitter,
// and the platform counts what arrives.
const WINDOW_MS = 1050;

export function createRateLimiter(ratePerSecond: number, burst: number, now: () => number = Date.now): RateLimiter {
  const perWindow = Math.max(1, Math.floor(ratePerSecond));
  const keys = new Map<string, KeyState>();
  const stateOf = (key: string, t: number): KeyState => {
    const s = keys.get(key) ?? { tokens: burst, at: t, sent: [], head: 0 };
    s.tokens = Math.min(burst, s.tokens + ((t - s.at) / 1000) * ratePerSecond);
    s.at = t;
    while (s.head < s.sent.length && s.sent[s.head]! <= t - WINDOW_MS) s.head++;
    if (s.head > 1024) {
      s.sent = s.sent.slice(s.head);
      s.head = 0;
    }
    keys.set(key, s);
    return s;
  };
  return {
    async take(key) {
      for (;;) {
        const t = now();
        const s = stateOf(key, t);
        const inWindow = s.sent.length - s.head;
        if (s.tokens >= 1 && inWindow < perWindow) {
          s.tokens -= 1;
          s.sent.push(t);
          return;
        }
        const forToken = s.tokens >= 1 ? 0 : ((1 - s.tokens) / ratePerSecond) * 1000;
        const forWindow = inWindow < perWindow ? 0 : s.sent[s.head]! + WINDOW_MS - t;
        await new Promise((r) => setTimeout(r, Math.max(1, Math.ceil(Math.max(forToken, forWindow)))));
      }
    },
  };
}
