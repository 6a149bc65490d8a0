/**
 * A long list kept as main has it: the total and the pages the window has looked at, loaded
 * a page at a time as rows scroll into view, and reloaded (only those pages) when main says
 * the list changed. Never the whole list in the store.
 */
import type { JobView, Page, Result } from '../../src-main/shared/ipc';

export const PAGE_SIZE = 100;

export interface PagedState {
  total: number;
  /** Rows by index; a hole is a row not loaded yet. */
  rows: (JobView | undefined)[];
  loaded: boolean;
  problem: string | null;
}

export const emptyPaged: PagedState = { total: 0, rows: [], loaded: false, problem: null };

type Fetch = (offset: number, limit: number) => Promise<Result<Page<JobView>>>;

/** Page loading shared by the inbox and the history. */
export class PageLoader {
  private readonly pages = new Set<number>();
  private readonly inflight = new Map<number, Promise<void>>();
  private generation = 0;

  constructor(
    private fetchPage: Fetch,
    private readonly get: () => PagedState,
    private readonly set: (s: Partial<PagedState>) => void,
  ) {}

  /** Loads the pages covering rows [start, end] that are not loaded yet. */
  async ensure(start: number, end: number): Promise<void> {
    const first = Math.floor(Math.max(0, start) / PAGE_SIZE);
    const last = Math.floor(Math.max(0, end) / PAGE_SIZE);
    const work: Promise<void>[] = [];
    for (let p = first; p <= last; p++) if (!this.pages.has(p)) work.push(this.load(p));
    await Promise.all(work);
  }

  /** Reloads every page seen so far (main said the list changed). */
  async refresh(): Promise<void> {
    // Pages still loading count as seen: their answer is from before the change and is
    // dropped, so they must be asked for again (else their rows stay "Loading…").
    const asked = new Set([...this.pages, ...this.inflight.keys()]);
    const seen = asked.size ? [...asked] : [0];
    this.generation++;
    await Promise.all(seen.map((p) => this.load(p, true)));
  }

  /** Forgets everything and loads the first page (a new search). */
  async reset(fetchPage?: Fetch): Promise<void> {
    if (fetchPage) this.fetchPage = fetchPage;
    this.pages.clear();
    this.inflight.clear();
    this.generation++;
    this.set({ rows: [], total: 0, loaded: false });
    await this.load(0, true);
  }

  private load(page: number, force = false): Promise<void> {
    const running = this.inflight.get(page);
    if (running && !force) return running;
    const generation = this.generation;
    const task = this.fetchPage(page * PAGE_SIZE, PAGE_SIZE).then((reply) => {
      if (this.inflight.get(page) === task) this.inflight.delete(page);
      if (generation !== this.generation && !force) return;
      if (!reply.ok) {
        this.set({ problem: reply.error.message, loaded: true });
        return;
      }
      this.pages.add(page);
      const { total, items } = reply.value;
      const rows = this.get().rows.slice(0, total);
      rows.length = total;
      items.forEach((item, i) => (rows[page * PAGE_SIZE + i] = item));
      this.set({ total, rows, loaded: true, problem: null });
    });
    this.inflight.set(page, task);
    return task;
  }
}
