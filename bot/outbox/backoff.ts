// When to try again: the platform's Retry-After when it gave one, otherwise exponential backoff with full
// jitter, bounded, so a flaky platform is not hammered and a long outage is retried for about a day.
export const MAX_ATTEMPTS = 10;
const BASE_MS = 5_000;
const CAP_MS = 60 * 60_000;

export function retryDelayMs(
  attempt: number,
  retryAfterMs: number | undefined,
  random: () => number = Math.random,
): number {
  if (retryAfterMs !== undefined && retryAfterMs > 0) return Math.min(retryAfterMs, CAP_MS);
  const ceiling = Math.min(CAP_MS, BASE_MS * 2 ** Math.max(0, attempt - 1));
  return Math.max(1_000, Math.floor(random() * ceiling));
}
