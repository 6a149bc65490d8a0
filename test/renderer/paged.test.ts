/**
 * The inbox's and the history's page loading: a list change announced while a page is still
 * loading asks for that page again, instead of dropping its answer and leaving its rows
 * "Loading…" for good (what a thousand-job inbox scrolled to its end showed).
 */
import { describe, expect, it } from 'vitest';
import type { JobView, Page, Result } from '../../src-main/shared/ipc';
import { emptyPaged, PageLoader, type PagedState } from '../../src-renderer/stores/paged';

const TOTAL = 1000;
const job = (i: number) => ({ id: `j${i}`, name: `file-${i}.csv` }) as unknown as JobView;

describe('PageLoader', () => {
  it('asks again for a page that was loading when the list changed', async () => {
    let state: PagedState = emptyPaged;
    const waiting: (() => void)[] = [];
    const fetch = (offset: number, limit: number): Promise<Result<Page<JobView>>> =>
      new Promise((resolve) =>
        waiting.push(() =>
          resolve({
            ok: true,
            value: {
              total: TOTAL,
              offset,
              items: Array.from({ length: Math.min(limit, TOTAL - offset) }, (_, k) =>
                job(offset + k),
              ),
            } as unknown as Page<JobView>,
          }),
        ),
      );
    const loader = new PageLoader(
      fetch,
      () => state,
      (s) => (state = { ...state, ...s }),
    );
    const far = loader.ensure(950, 999); // page 9, still loading…
    const changed = loader.refresh(); // …when main says the list changed
    while (waiting.length) waiting.shift()!();
    await Promise.all([far, changed]);
    while (waiting.length) waiting.shift()!();
    await new Promise((r) => setTimeout(r, 0));
    expect(state.rows[999]?.name).toBe('file-999.csv');
    expect(state.total).toBe(TOTAL);
  });
});
