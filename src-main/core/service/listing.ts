/**
 * Jobs as the window lists them: ledger records and queued files turned into views, the
 * inbox and history pages, and where each job's report and patient table are.
 */
import type { JobOrigin, JobView, Page } from '../../shared/views';
import type { JobRecord } from '../ledger/ledger';
import { CourierError } from '../errors';
import { jobView, pendingView } from './jobViews';
import { inInbox, matches, page } from './lists';
import type { ProgressTracker } from './progress';
import type { JobQueue, QueueItem } from './queue';
import { reportPathOf } from './reports';
import type { JobSnapshot } from './snapshot';

/** Stages whose artifact counts for the submission. */
const KEPT = new Set(['ready', 'blocked', 'push-queued', 'pushing', 'pushed']);

export class JobListing {
  constructor(
    private readonly home: string,
    private readonly snapshot: JobSnapshot,
    private readonly queue: JobQueue,
    private readonly progress: ProgressTracker,
    /** How jobs of this process came in (drop, watch, upload, re-ingest). */
    readonly origins: Map<string, JobOrigin>,
  ) {}

  view(j: JobRecord): JobView {
    const original = j.duplicateOf ? this.snapshot.get(j.duplicateOf) : null;
    return jobView(j, {
      progress: this.progress.get(j.id),
      origin: this.origins.get(j.id) ?? null,
      duplicateOfName: original?.source.name ?? null,
      // Skipped duplicates show their original's report; failed jobs the one kept for them.
      hasReport: this.reportPath(j) !== null,
    });
  }

  /** The ledger's record of a job, or a plain "not found". */
  job(id: string): JobRecord {
    const j = this.snapshot.get(id);
    if (!j) throw new CourierError('not-found', 'Courier has no record of this file.');
    return j;
  }

  /** The ledger's job for a queued file once it started (null before). */
  ledgerJobOf(item: QueueItem): JobRecord | null {
    if (item.jobId) return this.snapshot.get(item.jobId);
    const all = this.snapshot.all();
    for (let i = all.length - 1; i >= 0; i--) {
      const j = all[i]!;
      if (j.createdAt < item.queuedAt) break;
      if (j.pid === process.pid && j.source.path === item.path) return j;
    }
    return null;
  }

  /** The inbox (waiting files, then open and recent jobs) or every job; newest first. */
  list(view: 'inbox' | 'all', offset: number, limit: number): Page<JobView> {
    const now = Date.now();
    const jobs = this.snapshot.all().filter((j) => view === 'all' || inInbox(j, now));
    const waiting = [...this.queue.pending()].reverse();
    // The running file shows as waiting until the ledger has its job (a moment after it starts).
    const running = this.queue.running();
    if (running && !this.ledgerJobOf(running)) waiting.push(running);
    const rows: (QueueItem | JobRecord)[] = [...waiting, ...[...jobs].reverse()];
    return page(rows, offset, limit, (r) => ('key' in r ? pendingView(r) : this.view(r)));
  }

  get(id: string): JobView {
    const running = this.queue.running();
    if (running?.key === id && !this.ledgerJobOf(running)) return pendingView(running);
    const waiting = this.queue.pending().find((i) => i.key === id);
    return waiting ? pendingView(waiting) : this.view(this.job(id));
  }

  /** Every job ever processed whose words match `query`, newest first. */
  history(query: string, offset: number, limit: number): Page<JobView> {
    const jobs = [...this.snapshot.all()].reverse().filter((j) => matches(j, query));
    return page(jobs, offset, limit, (j) => this.view(j));
  }

  reportPath(j: JobRecord): string | null {
    return reportPathOf(this.home, j, (x) => this.snapshot.get(x));
  }

  /** The patient artifact a job was checked against: its submission's latest before it. */
  patientsFor(j: JobRecord): string | null {
    if (j.table === 'patient') return null;
    const all = this.snapshot.all();
    for (let i = all.length - 1; i >= 0; i--) {
      const x = all[i]!;
      if (x.id === j.id || x.createdAt > j.createdAt) continue;
      if (
        x.table === 'patient' &&
        x.cohort === j.cohort &&
        x.protocolYear === j.protocolYear &&
        KEPT.has(x.stage) &&
        x.artifact
      )
        return x.artifact.path;
    }
    return null;
  }
}
