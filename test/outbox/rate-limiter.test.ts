// The outbox's rate limiter on a fake clock: never more than the configured rate in any one-second window, with the
// burst going back to back, and each key on its own.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createRateLimiter } from '../../bot/outbox/rate-limiter.js';

/** The most instants that fall in one window [t, t + 1000). */
const busiestSecond = (instants: number[]): number =>
  Math.max(...instants.map((t) => instants.filter((u) => u >= t && u < t + 1000).length));

/** Takes `n` sends under `key` one after another, returning when each was let through. */
async function takeAll(limiter: ReturnType<typeof createRateLimiter>, key: string, n: number): Promise<number[]> {
  const at: number[] = [];
  for (let i = 0; i < n; i++) {
    const taken = limiter.take(key);
    await vi.runAllTimersAsync();
    await taken;
    at.push(Date.now());
  }
  return at;
}

describe('rate limiter', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: new Date('2026-12-01T08:00:00Z') });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it.each([
    { rate: 5, burst: 2 },
    { rate: 10, burst: 3 },
    { rate: 1, burst: 3 },
    { rate: 40, burst: 40 },
  ])('lets at most $rate through in any second (burst $burst)', async ({ rate, burst }) => {
    const limiter = createRateLimiter(rate, burst);
    const at = await takeAll(limiter, 'slack:T1', rate * 4 + 3);
    expect(busiestSecond(at)).toBeLessThanOrEqual(rate);
    // The sustained rate is not throttled below what was configured (the window is a little over a second).
    expect(at.at(-1)! - at[0]!).toBeLessThan(((at.length - 1) / rate) * 1000 * 1.1 + 1000);
    // The burst goes at once.
    expect(at.slice(0, Math.min(burst, rate)).every((t) => t === at[0])).toBe(true);
  });

  it('counts each key on its own', async () => {
    const limiter = createRateLimiter(2, 2);
    const a = await takeAll(limiter, 'teams:A', 2);
    const b = await takeAll(limiter, 'teams:B', 2);
    expect(a[1]).toBe(a[0]);
    expect(b[0]).toBe(a[0]);
    expect(b[1]).toBe(a[0]);
  });
});
