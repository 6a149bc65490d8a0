/** First retry waits up to this long. */
export const BACKOFF_BASE_MS = 5_000;
/** No retry waits longer than this. */
export const BACKOFF_CAP_MS = 15 * 60_000;

/**
 * Delay before retry number `attempt` (0 for the first retry), in ms: capped exponential
 * backoff with full jitter, `rand() * min(cap, base * 2^attempt)`.
 *
 * Full jitter spreads the retries of many queued jobs (or many sites after a NAS outage)
 * instead of having them hit the NAS in step.
 */
export function backoff(attempt: number, rand: () => number = Math.random): number {
  const n = Number.isFinite(attempt) ? Math.max(0, Math.floor(attempt)) : 0;
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.min(n, 30));
  const r = Math.min(Math.max(rand(), 0), 1);
  return Math.floor(r * ceiling);
}
