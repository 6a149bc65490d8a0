/**
 * Jobs as the window lists them: ledger records and queued files turned into views, the
 * inbox and history pages, and where each job's report and patient table are.
 */
import { existsSync } from 'node:fs';
import type { Progress, Stage } from '../../shared/report';
import { overrideBlock, sendBlock } from '../../shared/sendable';
import type { InboxFacets, InboxFilter, JobOrigin, JobView, Page } from '../../shared/views';
import { errorWords, jobStateWords, rowsWords, submissionWords } from '../../shared/words';
import { EN, type Translate } from '../../shared/i18n/translate';
import { CourierError } from '../errors';
import type { Presence } from '../presence';
import type { JobQueue, QueueItem } from '../intake/queue';
import type { JobRecord, Ledger } from '../ledger/ledger';
import type { InboxMarks } from './inboxMarks';
import type { ProgressTracker } from './progress';
import { reportPathOf } from './reports';

export function jobView(
  j: JobRecord,
  extra: {
    progress: Progress | null;
    origin: JobOrigin | null;
    duplicateOfName: string | null;
    hasReport: boolean;
    /** The source file was there when last looked at (never a blocking check). */
    sourcePresent: boolean;
    removed?: boolean;
  },
  t: Translate = EN,
): JobView {
  const hasArtifact = j.artifact !== null && existsSync(j.artifact.path);
  const removed = extra.removed ?? false;
  const rules = {
    name: j.source.name,
    stage: j.stage,
    table: j.table,
    cohort: j.cohort,
    protocolYear: j.protocolYear,
    hasArtifact,
  };
  return {
    id: j.id,
    pending: false,
    name: j.source.name,
    bytes: j.source.bytes,
    table: j.table,
    cohort: j.cohort,
    protocolYear: j.protocolYear,
    stage: j.stage,
    error: errorWords(j.error ?? j.push.lastError, t),
    rows: j.rows,
    rowsRejected: j.rowsRejected,
    issues: j.issues,
    duplicateOf: j.duplicateOf,
    duplicateOfName: extra.duplicateOfName,
    override: j.override,
    createdAt: j.createdAt,
    pushedAt: j.pushedAt,
    push: {
      local: j.push.local,
      dest: j.push.dest,
      attempts: j.push.attempts,
      lastError: j.push.lastError,
      nextAttemptAt: j.push.nextAttemptAt,
    },
    progress: extra.progress,
    origin: extra.origin,
    hasReport: extra.hasReport,
    canReingest: extra.sourcePresent,
    state: jobStateWords(j, t),
    hasArtifact,
    sendBlock: sendBlock(rules, t),
    overrideBlock:
      j.stage === 'blocked' ? overrideBlock({ ...rules, converted: j.artifact !== null }, t) : null,
    removed,
    // A file that is not a table (a PDF) has no rows to speak of.
    rowsText:
      j.rows === null || (j.table === null && j.rows === 0)
        ? null
        : rowsWords(j.rows, j.rowsRejected, t),
    submission: submissionWords(j.cohort, j.protocolYear, t),
  };
}

/** A file still waiting for its turn. */
export function pendingView(item: QueueItem, t: Translate = EN): JobView {
  return {
    id: item.key,
    pending: true,
    name: item.name,
    bytes: item.bytes,
    table: item.table,
    cohort: item.cohort,
    protocolYear: item.protocolYear,
    stage: 'queued',
    error: null,
    rows: null,
    rowsRejected: null,
    issues: null,
    duplicateOf: null,
    duplicateOfName: null,
    override: null,
    createdAt: item.queuedAt,
    pushedAt: null,
    push: { local: false, dest: null, attempts: 0, lastError: null, nextAttemptAt: null },
    progress: null,
    origin: item.origin,
    hasReport: false,
    canReingest: false,
    state: jobStateWords(
      { stage: 'queued', push: { local: false, lastError: null }, override: null },
      t,
    ),
    hasArtifact: false,
    sendBlock: sendBlock({ ...item, stage: 'queued', hasArtifact: false }, t),
    overrideBlock: null,
    removed: false,
    rowsText: null,
    submission: submissionWords(item.cohort, item.protocolYear, t),
  };
}

const OPEN: ReadonlySet<Stage> = new Set([
  'queued',
  'scanning',
  'converting',
  'checking',
  'ready',
  'push-queued',
  'pushing',
  'blocked',
]);
const RECENT_MS = 24 * 3600_000;

/** In the inbox: open jobs, and anything that started or was sent in the last day. */
export function inInbox(j: JobRecord, now = Date.now()): boolean {
  if (OPEN.has(j.stage)) return true;
  const recent = (iso: string | null): boolean => iso !== null && now - Date.parse(iso) < RECENT_MS;
  return recent(j.createdAt) || recent(j.pushedAt);
}

/**
 * Does a job match the history search? Every word must be found in what the history shows of
 * it, in the window's language: its name, table, cohort and year, its state ("Problems to
 * fix", "Envoyé au NAS", "Removed"), and its marks (duplicate, override); its id too.
 */
export function matches(j: JobRecord, query: string, t: Translate = EN): boolean {
  const words = query.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const hay = [
    j.id,
    j.source.name,
    j.table ?? t('search.noTable'),
    submissionWords(j.cohort, j.protocolYear, t),
    jobStateWords(j, t),
    j.duplicateOf ? t('search.duplicate') : '',
    j.override ? t('search.override') : '',
  ]
    .join(' ')
    .toLocaleLowerCase();
  return words.every((w) => hay.includes(w));
}

/** The submission key the inbox filters by: "cohort|year". */
export function submissionKey(cohort: string | null, protocolYear: number | null): string {
  return `${cohort ?? ''}|${protocolYear ?? ''}`;
}

const STATUS_STAGES: Record<NonNullable<InboxFilter['status']>, ReadonlySet<Stage> | null> = {
  all: null,
  working: new Set(['queued', 'scanning', 'converting', 'checking', 'push-queued', 'pushing']),
  problems: new Set(['blocked', 'failed']),
  ready: new Set(['ready']),
  sent: new Set(['pushed']),
};

/** Does a job (or a waiting file, as `stage: 'queued'`) pass the inbox's filter? */
export function passes(
  j: { stage: Stage; table: string | null; cohort: string | null; protocolYear: number | null },
  f: InboxFilter,
): boolean {
  const stages = STATUS_STAGES[f.status ?? 'all'];
  if (stages && !stages.has(j.stage)) return false;
  if (f.table && j.table !== f.table) return false;
  if (f.submission && submissionKey(j.cohort, j.protocolYear) !== f.submission) return false;
  return true;
}

/** One page of `items` (already in display order), views built for that page only. */
export function page<T>(
  items: readonly T[],
  offset: number,
  limit: number,
  view: (item: T) => JobView,
): Page<JobView> {
  return {
    total: items.length,
    offset,
    items: items.slice(offset, offset + limit).map(view),
  };
}

export class JobListing {
  constructor(
    private readonly home: string,
    private readonly ledger: Ledger,
    private readonly queue: JobQueue,
    private readonly progress: ProgressTracker,
    /** How jobs of this process came in (drop, watch, upload, re-ingest). */
    readonly origins: Map<string, JobOrigin>,
    /** Whether a job's source is still there (for "check again"), answered without waiting. */
    private readonly sources: Presence,
    /** The jobs taken out of the inbox. */
    readonly marks: InboxMarks,
    /** Main's words in the language in use now. */
    private readonly words: () => Translate = () => EN,
  ) {}

  view(j: JobRecord): JobView {
    const original = j.duplicateOf ? this.ledger.exact(j.duplicateOf) : null;
    return jobView(
      j,
      {
        progress: this.progress.get(j.id),
        origin: this.origins.get(j.id) ?? null,
        duplicateOfName: original?.source.name ?? null,
        // Skipped duplicates show their original's report; failed jobs the one kept for them.
        hasReport: this.reportPath(j) !== null,
        sourcePresent: this.sources.present(j.source.path),
        removed: this.marks.has(j.id),
      },
      this.words(),
    );
  }

  /** The ledger's record of a job, or a plain "not found". */
  job(id: string): JobRecord {
    const j = this.ledger.exact(id);
    if (!j) throw new CourierError('not-found', 'Courier has no record of this file.');
    return j;
  }

  /** The ledger's job for a queued file once it started (null before). */
  ledgerJobOf(item: QueueItem): JobRecord | null {
    if (item.jobId) return this.ledger.exact(item.jobId);
    const all = this.ledger.jobs();
    for (let i = all.length - 1; i >= 0; i--) {
      const j = all[i]!;
      if (j.createdAt < item.queuedAt) break;
      if (j.pid === process.pid && j.source.path === item.path) return j;
    }
    return null;
  }

  /** The jobs the inbox holds: open and recent ones the coordinator has not removed. */
  inboxJobs(now = Date.now()): JobRecord[] {
    return this.ledger.jobs().filter((j) => inInbox(j, now) && !this.marks.has(j.id));
  }

  /**
   * The inbox in the order files are processed, so the file being checked stays in view: the
   * running file first, then those waiting in their turn, then every other job newest first.
   * `all`: every job, newest first.
   */
  list(
    view: 'inbox' | 'all',
    offset: number,
    limit: number,
    filter: InboxFilter = {},
  ): Page<JobView> {
    const jobs = view === 'all' ? this.ledger.jobs() : this.inboxJobs();
    const running = this.queue.running();
    const runningJob = running ? this.ledgerJobOf(running) : null;
    const first: (QueueItem | JobRecord)[] = [];
    if (running) first.push(runningJob ?? running);
    first.push(...this.queue.pending());
    const rest = [...jobs].reverse().filter((j) => j.id !== runningJob?.id);
    const rows = [...first, ...rest].filter((r) =>
      'key' in r ? passes({ ...r, stage: 'queued' }, filter) : passes(r, filter),
    );
    const t = this.words();
    return page(rows, offset, limit, (r) => ('key' in r ? pendingView(r, t) : this.view(r)));
  }

  /** The tables and submissions of the inbox's jobs, for its filters. */
  facets(): InboxFacets {
    const items: { table: string | null; cohort: string | null; protocolYear: number | null }[] = [
      ...this.inboxJobs(),
      ...this.queue.pending(),
    ];
    const running = this.queue.running();
    if (running) items.push(running);
    const tables = new Set<string>();
    const subs = new Map<string, string>();
    const t = this.words();
    for (const j of items) {
      if (j.table) tables.add(j.table);
      subs.set(
        submissionKey(j.cohort, j.protocolYear),
        submissionWords(j.cohort, j.protocolYear, t),
      );
    }
    return {
      tables: [...tables].sort(),
      submissions: [...subs]
        .map(([key, label]) => ({ key, label }))
        .sort((a, b) => a.label.localeCompare(b.label)),
    };
  }

  get(id: string): JobView {
    const running = this.queue.running();
    const t = this.words();
    if (running?.key === id && !this.ledgerJobOf(running)) return pendingView(running, t);
    const waiting = this.queue.pending().find((i) => i.key === id);
    return waiting ? pendingView(waiting, t) : this.view(this.job(id));
  }

  /** Every job ever processed whose words match `query`, newest first. */
  history(query: string, offset: number, limit: number): Page<JobView> {
    const t = this.words();
    const jobs = [...this.ledger.jobs()].reverse().filter((j) => matches(j, query, t));
    return page(jobs, offset, limit, (j) => this.view(j));
  }

  reportPath(j: JobRecord): string | null {
    return reportPathOf(this.home, j, (x) => this.ledger.exact(x));
  }

  /** The patient artifact a job was checked against: its submission's latest before it. */
  patientsFor(j: JobRecord): string | null {
    if (j.table === 'patient') return null;
    const before = this.ledger.jobs().filter((x) => x.id !== j.id && x.createdAt <= j.createdAt);
    return this.ledger.latestPatientArtifact(j.cohort, j.protocolYear, before);
  }
}
