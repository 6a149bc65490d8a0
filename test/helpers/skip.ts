/**
 * Why a test did not run, recorded in its task meta: vitest writes it to
 * test-output/vitest.json, where scripts/check-skips.mjs reads it (a failure in CI, a notice
 * locally). A test that may be skipped must say why through these helpers.
 */
import type { TestContext } from 'vitest';

export interface SkipReason {
  /** What is missing, e.g. "Chromium not found at /usr/bin/chromium". */
  why: string;
  /** The tests concerned, plural, e.g. "browser tests". */
  what: string;
  /** What to do about it, e.g. "apt-get install -y chromium". */
  fix: string;
}

declare module '@vitest/runner' {
  interface TaskMeta {
    skip?: SkipReason;
  }
}

/** Options for a `describe` that is skipped, with its reason, when `reason` is not null. */
export function skipSuiteIf(reason: SkipReason | null): {
  skip: boolean;
  meta: { skip?: SkipReason };
} {
  return reason ? { skip: true, meta: { skip: reason } } : { skip: false, meta: {} };
}

/** Skips the running test, its reason recorded. */
export function skipTest(ctx: TestContext, reason: SkipReason): never {
  ctx.task.meta.skip = reason;
  return ctx.skip(reason.why);
}
