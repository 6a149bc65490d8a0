/**
 * Calls `fn` at most once per `ms` (progress events: ≤ 10 a second a job). A call with
 * `force` (stage changes, completion) always goes through.
 */
export function throttle<T>(fn: (v: T) => void, ms: number): (v: T, force?: boolean) => void {
  let last = -Infinity;
  return (v, force = false) => {
    const now = performance.now();
    if (force || now - last >= ms) {
      last = now;
      fn(v);
    }
  };
}
