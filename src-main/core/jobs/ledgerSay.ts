/**
 * What the ledger says of a file once its hash, table and header are known: a duplicate of
 * bytes another job has (skipped unless forced), the earlier version it supersedes, a possible
 * new version of a file of the same name, a header that differs from the table's other files.
 */
import type { Issue, Report } from '../../shared/report';
import type { JobRecord } from '../ledger/ledger';
import { KEPT_STAGES } from '../ledger/ledger';
import { makeIssue, sortIssues } from '../precheck/issue';
import type { DetectInfo, LedgerSay } from './runJob';
import { reportStatus } from './status';
import type { VersionContext } from './versions';
import { previousVersion, versionIssue } from './versions';

/** The submission a file belongs to, and what the ledger held before it. */
export interface LedgerContext extends VersionContext {
  force: boolean;
}

/** The ledger's say, plus the job with the same bytes and the version replaced (if any). */
export interface LedgerJudgement extends LedgerSay {
  duplicate: JobRecord | null;
  /** The job this file is a newer version of. */
  supersedesJob: string | null;
}

function when(iso: string): string {
  return new Date(iso).toISOString().slice(0, 16).replace('T', ' ');
}

const newestFirst = (jobs: readonly JobRecord[]): JobRecord[] => [...jobs].reverse();

/**
 * Judges a file against the ledger (see the module comment). `holder` is the job that has
 * these bytes by the ledger's claims (ledger.claimBytes): a kept one, or one under way that
 * claimed them first; the file is then a duplicate, skipped unless forced.
 */
export async function judgeAgainstLedger(
  ctx: LedgerContext,
  info: DetectInfo,
  holder: JobRecord | null = null,
): Promise<LedgerJudgement> {
  const duplicate =
    holder ??
    newestFirst(ctx.earlier).find(
      (j) => j.source.sha256 === info.sha256 && KEPT_STAGES.has(j.stage),
    ) ??
    null;
  if (duplicate && !ctx.force) return { skip: true, duplicate, supersedesJob: null };
  const issues: Issue[] = [];
  if (duplicate) issues.push(duplicateIssue(duplicate, true));
  const version = await previousVersion(ctx, info);
  const sameName = version?.samePath ? null : possibleNewVersion(ctx, info);
  if (version) issues.push(versionIssue(version));
  if (sameName) issues.push(sameName);
  const mismatch = headerMismatch(ctx, info);
  if (mismatch) issues.push(mismatch);
  return {
    issues,
    supersedes: version?.artifactName ?? null,
    duplicate,
    supersedesJob: version?.earlier.id ?? null,
  };
}

/** The same name as an earlier file, other content: probably its new version. */
function possibleNewVersion(ctx: LedgerContext, info: DetectInfo): Issue | null {
  const sameName = newestFirst(ctx.earlier).find(
    (j) =>
      j.source.name === info.name && j.source.sha256 !== null && j.source.sha256 !== info.sha256,
  );
  if (!sameName) return null;
  return makeIssue('possible-new-version', 'info', {
    count: 1,
    lines: [],
    message: `A file with the same name was ingested on ${when(sameName.createdAt)} with other content: this looks like a new version of it.`,
    hint: 'If it replaces the earlier file, make sure only one of them is sent.',
  });
}

/** Another file of the same multi-file table in this submission, with another header. */
function headerMismatch(ctx: LedgerContext, info: DetectInfo): Issue | null {
  if (info.table === null || info.table === 'patient' || info.table === 'any') return null;
  const first = ctx.earlier.find(
    (j) =>
      j.table === info.table &&
      j.cohort === ctx.cohort &&
      j.protocolYear === ctx.protocolYear &&
      KEPT_STAGES.has(j.stage) &&
      j.summary,
  );
  if (!first?.summary) return null;
  const norm = (h: readonly string[]): string =>
    h.map((x) => x.trim().toLowerCase()).join('\u0000');
  if (norm(first.summary.header) === norm(info.header)) return null;
  return makeIssue('header-mismatch', 'warning', {
    count: 1,
    lines: [1],
    examples: [first.source.name],
    message: `The header differs from the earlier ${info.table} file "${first.source.name}" of this submission.`,
    hint: 'All files of one table should have the same columns in the same order. Compare the two headers.',
  });
}

export function duplicateIssue(j: JobRecord, reingested: boolean): Issue {
  return makeIssue('duplicate-file', 'warning', {
    count: 1,
    lines: [],
    examples: [j.source.name],
    message: `These exact bytes were ingested before, on ${when(j.createdAt)}, as "${j.source.name}"${j.table ? ` (${j.table})` : ''}.${reingested ? ' Ingested again as asked.' : ' Skipped, so no rows are doubled.'}`,
    hint: reingested
      ? 'Make sure only one of the two copies is sent, or the rows will count twice.'
      : 'Nothing to do. To ingest it again anyway, use --force (or "Re-ingest" in the window).',
  });
}

/** A skipped duplicate's report: the earlier report of the same bytes, plus the warning. */
export function skippedReport(earlier: Report, j: JobRecord): Report {
  const issues = sortIssues([...earlier.issues, duplicateIssue(j, false)]);
  return { ...earlier, issues, status: reportStatus(issues) };
}
