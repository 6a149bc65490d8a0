/** One file's report: the banner, the actions, the issues by severity, the column charts. */
import { useEffect } from 'react';
import type { Severity } from '../../../src-main/shared/ipc';
import { exportReport } from '../../services/exports';
import { useApp } from '../../stores/app';
import { useReport } from '../../stores/report';
import { SECTIONS } from '../../sections';
import { useSettings } from '../../stores/settings';
import { bytes, count, when } from '../../words';
import { FixedSection } from './fix/FixedSection';
import { RecipeSection } from './fix/RecipeSection';
import { IssueList } from './IssueList';
import { ProfileCharts } from './ProfileCharts';
import { ReportActions } from './ReportActions';
import { StatusBanner } from './StatusBanner';

export function ReportView({ id }: { id: string }) {
  const r = useReport();
  const { section, closeReport } = useApp();
  const back = SECTIONS.find((s) => s.id === section)?.label ?? 'Inbox';
  const settings = useSettings((s) => s.view?.settings ?? null);
  const assignTo =
    settings?.cohort && settings.protocolYear
      ? `${settings.cohort} · ${settings.protocolYear}`
      : null;

  useEffect(() => {
    void useReport.getState().open(id);
    if (!useSettings.getState().view) void useSettings.getState().load();
  }, [id]);

  const job = r.job;
  const report = r.view?.report;
  const exportAs = (kind: 'html' | 'json' | 'issue-lines', issue?: number): void => {
    void exportReport(id, kind, issue).then((res) =>
      r.setNotice({ tone: res.ok ? 'info' : 'error', text: res.message }),
    );
  };

  return (
    <div className="page">
      <button type="button" className="link-button back-link" onClick={closeReport}>
        ← Back to {back}
      </button>
      <div className="page-head">
        <h2 id="page-title">{job?.name ?? 'Report'}</h2>
        {job && (
          <p className="page-summary">
            {[
              report?.table ?? job.table ?? 'table not recognised',
              job.submission,
              job.rowsText,
              bytes(job.bytes),
              `added ${when(job.createdAt)}`,
            ]
              .filter((x) => x !== null && x !== undefined)
              .join(' · ')}
          </p>
        )}
      </div>
      {!job && !r.problem && <p className="quiet">Loading…</p>}
      {job && !report && (
        <div className="notice notice-info" role="status">
          {job.state}. {r.problem}
        </div>
      )}
      {!job && r.problem && (
        <div className="notice notice-error" role="alert">
          {r.problem}
        </div>
      )}
      {job && report && (
        <>
          <StatusBanner banner={r.view!.banner} detail={bannerDetail(job, report.counts)} />
          <ReportActions
            job={job}
            assignTo={assignTo}
            busy={r.busy}
            commands={{
              send: () => void r.push(),
              override: (reason) => r.override(reason),
              reingest: () => void r.reingest(),
              exportAs: (kind) => exportAs(kind),
            }}
          />
          {r.notice && (
            <div className={`notice notice-${r.notice.tone}`} role="status">
              {r.notice.text}
            </div>
          )}
          <FixedSection jobId={job.id} report={report} />
          <RecipeSection jobId={job.id} report={report} />
          <IssueList
            jobId={job.id}
            issues={r.issues}
            onMore={(sev: Severity) => void r.more(sev)}
            onExport={(index) => exportAs('issue-lines', index)}
          />
          <ProfileCharts profile={report.profile} />
        </>
      )}
    </div>
  );
}

function bannerDetail(
  job: {
    override: { reason: string; by: string } | null;
    push: { lastError: string | null };
    stage: string;
    error: string | null;
  },
  counts: Record<Severity, { issues: number; rows: number; rowsAtLeast?: boolean }>,
): string {
  if (job.stage === 'failed') return job.error ?? '';
  if (job.override) return `Override by ${job.override.by}: “${job.override.reason}”`;
  if (job.stage === 'push-queued' && job.push.lastError) return job.push.lastError;
  // Distinct rows (main counts them: a row with two problems is one row).
  const rows = counts.error.rows
    ? `${counts.error.rowsAtLeast ? 'at least ' : ''}${count(counts.error.rows, 'row')} with errors`
    : counts.error.issues
      ? 'the whole file'
      : null;
  const parts = [
    counts.error.issues ? rows : null,
    counts.warning.issues ? count(counts.warning.issues, 'warning') : null,
    counts.info.issues ? count(counts.info.issues, 'note') : null,
  ].filter(Boolean);
  return parts.join(' · ');
}
