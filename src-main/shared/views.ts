/**
 * What the IPC channels answer: plain, JSON-safe views of main's state (numbers and ISO date
 * strings; no bigint, no Date). Part of the contract: grows by addition only.
 */
import type { Banner } from './banner';
import type { WatchedFolderSetting } from './settings';
import type { ColumnProfile, Issue, Progress, Report, Stage } from './report';

/** How a job came in. */
export type JobOrigin = 'drop' | 'watch' | 'upload' | 'reingest';

/** One page of a long list, and how long the whole list is. */
export interface Page<T> {
  total: number;
  offset: number;
  items: T[];
}

/** One job as the window shows it (inbox, history, report header). */
export interface JobView {
  /** The ledger's id, or `pending:<n>` while the file waits for its turn. */
  id: string;
  /** Waiting in the queue: not started, not in the ledger yet. */
  pending: boolean;
  name: string;
  bytes: number;
  table: string | null;
  cohort: string | null;
  protocolYear: number | null;
  stage: Stage;
  /** Why the job failed, or why its push is waiting, in plain words. */
  error: string | null;
  rows: number | null;
  rowsRejected: number | null;
  issues: { error: number; warning: number; info: number } | null;
  /** The earlier job with the same bytes, and its file name. */
  duplicateOf: string | null;
  duplicateOfName: string | null;
  override: { by: string; reason: string; at: string } | null;
  createdAt: string;
  pushedAt: string | null;
  push: {
    /** Pushed to the local outbox: "saved locally (no NAS configured)", never "sent". */
    local: boolean;
    dest: string | null;
    attempts: number;
    lastError: string | null;
    nextAttemptAt: string | null;
  };
  /** Live progress while running. */
  progress: Progress | null;
  origin: JobOrigin | null;
  hasReport: boolean;
  /** The source file is still there (uploads are removed after their job). */
  canReingest: boolean;
}

export interface AddResult {
  /** Ids of the queued files (`pending:<n>`). */
  queued: string[];
  /** Paths that were not taken, each with the reason in plain words. */
  refused: { path: string; reason: string }[];
}

export interface PushView {
  dest: string;
  /** The local outbox: "saved locally (no NAS configured)". */
  local: boolean;
  reachable: boolean;
  pushed: number;
  failed: number;
  waiting: number;
  message: string | null;
}

/** A report without its issues (paged separately), with the counts the banner needs. */
export interface ReportView {
  job: JobView;
  /** The first thing the report says (shared/banner.ts). */
  banner: Banner;
  report: Omit<Report, 'issues' | 'profile'> & {
    /** Issues by severity: number of distinct problems, and rows affected. */
    counts: Record<'error' | 'warning' | 'info', { issues: number; rows: number }>;
    profile: ColumnProfile[];
  };
}

/** An issue with its position in the report (for the "every line" export). */
export interface IssueView extends Issue {
  index: number;
}

/** Where an export went; `note` says, in plain words, when it is incomplete. */
export type ExportResult =
  | { kind: 'saved'; path: string; note: string | null }
  | { kind: 'download'; url: string; fileName: string; note: string | null }
  | { kind: 'cancelled' };

export type TableStatus =
  'missing' | 'in progress' | 'problems' | 'ready' | 'sent' | 'saved locally' | 'not available';

/** The submission board (cohort and protocol year). */
export interface BoardView {
  cohort: string | null;
  protocolYear: number | null;
  tables: {
    table: string;
    label: string;
    status: TableStatus;
    files: number;
    rows: number | null;
    patients: number | null;
    reason: string | null;
    jobs: string[];
  }[];
  /** Distinct patient IDs of the other tables missing from the patient table (summed). */
  unknownPatientIds: number;
  queue: number;
}

/** A watched folder as the settings hold it (see shared/settings.ts). */
export type WatchedFolderView = WatchedFolderSetting;

export interface SettingsData {
  nasPath: string | null;
  cohort: string | null;
  site: string | null;
  protocolYear: number | null;
  patientPolicy: { mode: 'strict' | 'permissive'; threshold: number };
  definitionsDir: string | null;
  retentionDays: number;
  watchedFolders: WatchedFolderView[];
}

export interface SettingsView {
  settings: SettingsData;
  /** The consortium's cohorts (resources/mappings/cohorts.json). */
  cohorts: string[];
  /** Where files go until a NAS is configured. */
  outbox: string;
  /** Watched folders that could not be watched, with the reason. */
  watchProblems: { path: string; message: string }[];
  /** The bounds the settings' values must keep (inputs show them; main enforces them). */
  limits: { protocolYear: { min: number; max: number } };
}

export type NasState = 'not-configured' | 'online' | 'offline';

export interface NasStatus {
  state: NasState;
  path: string | null;
  /** Why it is offline, in plain words. */
  message: string | null;
  checkedAt: string | null;
}

export interface StatusView {
  nas: NasStatus;
  /** Files waiting for their turn, being checked, waiting for the NAS, and ready to send. */
  queue: { waiting: number; running: number; pushQueued: number; ready: number };
}

export interface NasTest {
  ok: boolean;
  state: 'ready' | 'new' | 'unreachable' | 'not-a-share' | 'other-share' | 'not-writable';
  message: string;
}
