import type { Stage } from '../../shared/report';
import type { ResultSummary } from './events';

/**
 * One job as the ledger knows it (history, status, push queue). The ledger hands out frozen
 * records (see fold.ts): read them, never change them.
 */
export interface JobRecord {
  id: string;
  pid: number;
  source: { name: string; path: string; bytes: number; sha256: string | null; mtimeMs?: number };
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
  supersedes: string | null;
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
