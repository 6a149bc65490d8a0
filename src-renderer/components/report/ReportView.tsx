/** One file's report: the banner, the actions, the issues by severity, the column charts. */
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Severity } from '../../../src-main/shared/ipc';
import { bytes, when } from '../../i18n/format';
import { locale, t } from '../../i18n/i18n';
import { exportReport } from '../../services/exports';
import { useApp } from '../../stores/app';
import { useReport } from '../../stores/report';
import { useSettings } from '../../stores/settings';
import { FixedSection } from './fix/FixedSection';
import { RecipeSection } from './fix/RecipeSection';
import { IssueList } from './IssueList';
import { ProfileCharts } from './ProfileCharts';
import { ReportComparison } from './ReportComparison';
import { ReportActions } from './ReportActions';
import { StatusBanner } from './StatusBanner';

export function ReportView({ id }: { id: string }) {
  const { t } = useTranslation();
  const r = useReport();
  const { section, closeReport } = useApp();
  const back = t(`sections.${section}.label`);
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
        {t('report.back', { section: back })}
      </button>
      <div className="page-head">
        <h2 id="page-title">{job?.name ?? t('route.report')}</h2>
        {job && (
          <p className="page-summary">
            {[
              report?.table ?? job.table ?? t('report.noTable'),
              job.submission,
              job.rowsText,
              bytes(job.bytes),
              t('report.added', { when: when(job.createdAt) }),
            ]
              .filter((x) => x !== null && x !== undefined)
              .join(' · ')}
          </p>
        )}
      </div>
      {!job && !r.problem && <p className="quiet">{t('app.loading')}</p>}
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
          <ReportComparison
            cohort={job.cohort}
            protocolYear={job.protocolYear}
            table={report.table ?? job.table}
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
  if (job.override)
    return t('report.overrideBy', { by: job.override.by, reason: job.override.reason });
  if (job.stage === 'push-queued' && job.push.lastError) return job.push.lastError;
  // Distinct rows (main counts them: a row with two problems is one row).
  const n = counts.error.rows;
  const rows = n
    ? t('report.rowsWithErrors', {
        count: n,
        rows: counts.error.rowsAtLeast
          ? t('report.atLeast', { count: n })
          : n.toLocaleString(locale()),
      })
    : counts.error.issues
      ? t('report.wholeFile')
      : null;
  const parts = [
    counts.error.issues ? rows : null,
    counts.warning.issues ? t('report.warnings', { count: counts.warning.issues }) : null,
    counts.info.issues ? t('report.notes', { count: counts.info.issues }) : null,
  ].filter(Boolean);
  return parts.join(' · ');
}
