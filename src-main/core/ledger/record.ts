import type { Stage } from '../../shared/report';
import type { ResultSummary } from './events';

/**
 * One job as the ledger knows it (history, status, push queue). The ledger hands out frozen
 * records (see fold.ts): read them, never change them.
 */
export interface JobRecord {
  id: string;
  pid: number;
  /** When the owning process started (see owner.ts); null in journals of earlier versions. */
  proc: string | null;
  source: {
    name: string;
    path: string;
    bytes: number;
    sha256: string | null;
    mtimeMs?: number;
    /** Device, inode, size, mtime and ctime when the job began (watch/identity.ts). */
    identity?: string;
  };
  table: string | null;
  cohort: string | null;
  protocolYear: number | null;
  site: string | null;
  stage: Stage;
  error: string | null;
  summary: ResultSummary | null;
  rows: number | null;
  rowsRejected: number | null;
  issues: { error: number; warning: number; info: number } | null;
  reportPath: string | null;
  artifact: { path: string; bytes: number; sha256: string } | null;
  meta: Record<string, unknown> | null;
  duplicateOf: string | null;
  /** The artifact file name of the version this job replaces (the manifest's `supersedes`). */
  supersedes: string | null;
  /** The job this one is a newer version of. */
  supersedesJob: string | null;
  override: { by: string; reason: string; at: string } | null;
  createdAt: string;
  pushedAt: string | null;
  push: {
    dest: string | null;
    local: boolean;
    files: { artifact: string; manifest: string } | null;
    attempts: number;
    lastError: string | null;
    nextAttemptAt: string | null;
    /** An automatic push waits until then, in case a newer version arrives; null: no wait. */
    graceUntil: string | null;
  };
}

/** Stages of a job whose artifact counts for its submission. */
export const KEPT_STAGES: ReadonlySet<Stage> = new Set([
  'ready',
  'blocked',
  'push-queued',
  'pushing',
  'pushed',
]);

export const TERMINAL_STAGES: ReadonlySet<Stage> = new Set([
  'ready',
  'blocked',
  'failed',
  'cancelled',
  'skipped',
  'pushed',
  'push-queued',
]);
