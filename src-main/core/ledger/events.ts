import type { Stage } from '../../shared/report';

/** What the ledger remembers of a job's report: counts and codes, never cell values. */
export interface ResultSummary {
  status: 'pass' | 'warn' | 'fail';
  table: string | null;
  rows: number;
  rowsStored: number;
  rowsRejected: number;
  issues: { error: number; warning: number; info: number };
  /** Header as read from the source (after the cohort mapping), for header-mismatch. */
  header: string[];
  patientIds: { distinct: number; unknown: number } | null;
}

export type LedgerEvent =
  | {
      type: 'job';
      id: string;
      at: string;
      pid: number;
      source: { name: string; path: string; bytes: number; mtimeMs?: number };
      table: string | null;
      cohort: string | null;
      protocolYear: number | null;
      site: string | null;
    }
  | { type: 'stage'; id: string; at: string; stage: Stage; error?: string | null }
  | {
      type: 'result';
      id: string;
      at: string;
      sha256: string;
      summary: ResultSummary | null;
      reportPath: string | null;
      artifact: { path: string; bytes: number; sha256: string } | null;
      /** Contract 2 `_meta` / manifest fields known when the artifact was written. */
      meta: Record<string, unknown> | null;
      duplicateOf: string | null;
      supersedes: string | null;
    }
  | { type: 'override'; id: string; at: string; by: string; reason: string }
  | {
      type: 'pushed';
      id: string;
      at: string;
      dest: string;
      local: boolean;
      files: { artifact: string; manifest: string };
      already: boolean;
    }
  | {
      type: 'push-failed';
      id: string;
      at: string;
      attempt: number;
      code: string;
      message: string;
      nextAttemptAt: string | null;
    }
  | { type: 'artifact-removed'; id: string; at: string; reason: string }
  | {
      type: 'not-available';
      at: string;
      cohort: string | null;
      protocolYear: number | null;
      table: string;
      reason: string | null;
      /** The table is expected after all: the mark is withdrawn. */
      cleared?: boolean;
    };

/** An audit record: file operations with hashes, never contents. */
export interface AuditEvent {
  at: string;
  op: 'read' | 'staged' | 'converted' | 'pushed' | 'deleted' | 'override';
  jobId: string;
  file?: string;
  bytes?: number;
  sha256?: string;
  detail?: string;
}
