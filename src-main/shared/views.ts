/**
 * What the IPC channels answer: plain, JSON-safe views of main's state (numbers and ISO date
 * strings; no bigint, no Date). Part of the contract: grows by addition only.
 */
import type { Banner } from './banner';
import type { Lang, LanguageChoice } from './i18n/lang';
import type { IssueScope } from './issueScope';
import type { WatchedFolderSetting } from './settings';
import type { ColumnProfile, FixRule, Issue, Progress, Report, Stage } from './report';

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
  /** The source file is still there (a browser upload is kept until sent or removed). */
  canReingest: boolean;
  /** The state in words, as every screen shows it (shared/words.ts); history searches it. */
  state: string;
  /** Its converted DuckDB file is on this computer, ready to be sent. */
  hasArtifact: boolean;
  /** Why it cannot be sent now (shared/sendable.ts), or null when _Send_ can send it. */
  sendBlock: string | null;
  /** Why it cannot be sent despite its problems, or null when an override is possible. */
  overrideBlock: string | null;
  /** Taken out of the inbox by the coordinator (still in the history). */
  removed: boolean;
  /** Where its data rows are: "150 rows", "150 rows (147 stored, 3 not readable)"; null before. */
  rowsText: string | null;
  /** Its submission in words: "UW - Seattle · 2025", "no cohort or protocol year". */
  submission: string;
}

/** The inbox's filters (all optional: everything). */
export interface InboxFilter {
  /** `working`: waiting or being checked; `problems`: problems or failed; `ready`; `sent`. */
  status?: 'all' | 'working' | 'problems' | 'ready' | 'sent';
  table?: string | null;
  /** "cohort|year" as `InboxFacets.submissions` lists it. */
  submission?: string | null;
}

/** What the inbox can be filtered by: the tables and submissions of the jobs in it. */
export interface InboxFacets {
  tables: string[];
  submissions: { key: string; label: string }[];
}

export interface AddResult {
  /** Ids of the queued files (`pending:<n>`). */
  queued: string[];
  /** Paths that were not taken, each with the reason in plain words. */
  refused: { path: string; reason: string }[];
}

/** What one job's push did, in plain words. */
export interface PushResult {
  id: string;
  name: string;
  /** `refused`: it could not be sent (no cohort or year, no converted file, problems...). */
  status: 'pushed' | 'already-pushed' | 'failed' | 'waiting' | 'refused';
  message: string;
  /** Its submission in words ("UW - Seattle · 2025"), where the window needs to tell files apart. */
  submission?: string;
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
  /** Each job's own outcome: every notice the window shows comes from these. */
  results?: PushResult[];
  /** Ready jobs left out because they have no cohort or no protocol year. */
  unassigned?: number;
}

/** What _Send all ready_ would send, for its confirmation. */
export interface PushPlan {
  /** Where it goes: the NAS folder, or the local outbox. */
  dest: string;
  local: boolean;
  files: number;
  /** The files by submission: "14 files → UW - Seattle · 2025". */
  groups: { cohort: string; protocolYear: number; files: number }[];
  /** Ready files that will not be sent, each with the reason. */
  left: { id: string; name: string; reason: string }[];
}

/** One affected line of an issue with the value at fault (local only: never pushed). */
export interface IssueLine {
  line: number;
  /** The offending value as the file has it; null where the issue has no single cell. */
  value: string | null;
  /** Unknown patient IDs: the nearest ID of the patient table, where one is close. */
  nearest: string | null;
}

/** A report without its issues (paged separately), with the counts the banner needs. */
export interface ReportView {
  job: JobView;
  /** The first thing the report says (shared/banner.ts). */
  banner: Banner;
  report: Omit<Report, 'issues' | 'profile'> & {
    /**
     * Issues by severity: number of distinct problems, and distinct data rows affected (a row
     * with two problems counts once; whole-file and header findings are no row).
     * `rowsAtLeast`: the count is a lower bound (some lines could not be listed).
     */
    counts: Record<
      'error' | 'warning' | 'info',
      { issues: number; rows: number; rowsAtLeast?: boolean }
    >;
    profile: ColumnProfile[];
  };
}

/** An issue with its position in the report (for the "every line" export). */
export interface IssueView extends Issue {
  index: number;
  /** What it is about: data rows, the header, or the whole file (then it counts no row). */
  scope?: IssueScope;
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
    /**
     * Every version of the table in this submission, newest first: those counted for the
     * table (`current`, the jobs above) and the earlier ones, folded away as its history.
     */
    versions?: TableVersion[];
  }[];
  /** Distinct patient IDs of the other tables missing from the patient table (summed). */
  unknownPatientIds: number;
  queue: number;
  /** The latest declaration of this submission made from here, and whether it changed since. */
  declaration?: DeclarationState | null;
}

/** A submission's latest declaration (`submission-<seq>.json`) as the board shows it. */
export interface DeclarationState {
  seq: number;
  at: string;
  complete: boolean;
  /** Written to the local outbox (no NAS configured). */
  local: boolean;
  /** A table was sent again, or a mark withdrawn, since: declaring again writes the next number. */
  changed: boolean;
}

/** What _Declare submission…_ did. */
export type DeclareView =
  | { declared: true; seq: number; path: string; complete: boolean; message: string }
  | { declared: false; missing: string[]; message: string };

/** One year's figures of one table in a comparison. */
export interface YearFiguresView {
  rows: number;
  patients: number | null;
  deaths: number | null;
  from: 'ledger' | 'nas';
  files: number;
}

/** One table of this year against another. */
export interface TableComparisonView {
  table: string;
  label: string;
  current: YearFiguresView | null;
  previous: YearFiguresView | null;
  rowsChangePct: number | null;
  patients: { lost: number; lostDied: number; added: number } | null;
  months: { column: string; months: { month: string; current: number; previous: number }[] }[];
  shares: { column: string; values: { value: string; current: number; previous: number }[] }[];
  findings: Issue[];
}

/** A submission against another year: counts and percentages only. */
export interface ComparisonView {
  cohort: string;
  protocolYear: number;
  withYear: number;
  tables: TableComparisonView[];
  problems: string[];
}

/** One version of a table in a submission, as the board's history shows it. */
export interface TableVersion {
  id: string;
  name: string;
  stage: Stage;
  /** The state in words ("Sent to the NAS", "Problems to fix"). */
  state: string;
  createdAt: string;
  pushedAt: string | null;
  rows: number | null;
  problems: number;
  /** Counted for the table now (else an earlier version). */
  current: boolean;
  hasReport: boolean;
  /** Pushed to the local outbox ("saved locally"), not the NAS (added 2026-12-01). */
  local?: boolean;
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
  /** The language chosen in Settings; `auto`: the computer's (added 2026-12-01). */
  language?: LanguageChoice;
  /** Seconds a ready file of an auto-send folder waits, for a newer version (added 2026-12-01). */
  autoPushGraceSec?: number;
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
  /**
   * The language main words everything in now (the setting, a launch `--lang`, or the
   * computer's locale): the window speaks it too and sets its page's `lang` (2026-12-01).
   */
  lang?: Lang;
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
  queue: {
    waiting: number;
    running: number;
    pushQueued: number;
    /** Ready jobs _Send all ready_ would send (with a cohort, a year and a converted file). */
    ready: number;
    /** Ready jobs that cannot go: no cohort or no protocol year. */
    unassigned?: number;
  };
}

export interface NasTest {
  /** Courier can use the folder as it is. */
  ok: boolean;
  /**
   * `new`: an existing empty folder without Courier's marker; it becomes the share only after
   * the coordinator confirms (`settings.setupNas`). `unsupported`: no safe way to add files.
   */
  state:
    | 'ready'
    | 'new'
    | 'unreachable'
    | 'not-a-share'
    | 'other-share'
    | 'not-writable'
    | 'unsupported';
  message: string;
  /** What kind of folder it is, in plain words ("SMB share via FUSE (rclone)", "local disk (ext4)"). */
  kind?: string | null;
  /** On a network file system (true), this computer's own disk (false), or unknown (null). */
  network?: boolean | null;
  /** The share's capabilities and how Courier commits there, one sentence each. */
  details?: string[];
}

/** What guided fixes would change (`fix.preview`): per fix, its cells and first values. */
/** What a code map of one column can be made of (`fix.mapChoices`). */
export interface MapChoicesView {
  column: string;
  /** Values found that the definition does not allow, most frequent first (count when known). */
  values: { value: string; count: number | null }[];
  /** The values the definition allows. */
  allowed: string[];
}

export interface FixPreviewView {
  fixes: {
    rule: FixRule;
    column: string;
    /** What the fix does, in plain words ("dates DDMONYYYY → YYYY-MM-DD"). */
    description: string;
    /** Cells it would change. */
    cells: number;
    /** The first changed cells by line (after null: the column is left out). */
    samples: { line: number; before: string; after: string | null }[];
    /** Why it would change nothing, when there is more to say. */
    note: string | null;
  }[];
}

/** A saved recipe as Settings lists it. */
export interface RecipeView {
  cohort: string | null;
  table: string;
  /** Applies itself to each new file of the table (else proposed first). */
  auto: boolean;
  savedAt: string;
  fixes: { rule: FixRule; column: string; description: string }[];
}
