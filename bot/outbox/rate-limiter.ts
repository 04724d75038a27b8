// A token bucket per key: `ratePerSecond` sustained with bursts up to `burst`. Platforms publish per-workspace
// (Slack ≈1/s) and per-app (Teams ≈50/s, we keep 40) limits; waiting here is cheaper than a 429 there.

export interface RateLimiter {
  /** Resolves when a send under `key` may go. */
  take(key: string): Promise<void>;
}

export function createRateLimiter(ratePerSecond: number, burst: number, now: () => number = Date.now): RateLimiter {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const refill = (key: string) => {
    const t = now();
    const b = buckets.get(key) ?? { tokens: burst, at: t };
    b.tokens = Math.min(burst, b.tokens + ((t - b.at) / 1000) * ratePerSecond);
    b.at = t;
    buckets.set(key, b);
    return b;
  };
  return {
    async take(key) {
      for (;;) {
        const b = refill(key);
        if (b.tokens >= 1) {
          b.tokens -= 1;
          return;
        }
        await new Promise((r) => setTimeout(r, Math.ceil(((1 - b.tokens) / ratePerSecond) * 1000)));
      }
    },
  };
}
