/**
 * The report slice: one job's report (header, counts, profile) and its issues, a page at a
 * time per severity. Refetched when main says that job changed (pushed, overridden...).
 */
import { create } from 'zustand';
import type { IssueView, JobView, ReportView, Severity } from '../../src-main/shared/ipc';
import { t } from '../i18n/i18n';
import { invoke, on } from '../services/api';

const ISSUE_PAGE = 100;

export interface IssueGroup {
  total: number;
  items: IssueView[];
}

export interface ReportSlice {
  id: string | null;
  view: ReportView | null;
  /** The job, also while it has no report yet. */
  job: JobView | null;
  issues: Record<Severity, IssueGroup>;
  problem: string | null;
  /** The last action's outcome, in words. */
  notice: { tone: 'info' | 'error'; text: string } | null;
  busy: boolean;
  open(id: string): Promise<void>;
  reload(): Promise<void>;
  more(severity: Severity): Promise<void>;
  push(): Promise<void>;
  override(reason: string): Promise<boolean>;
  reingest(): Promise<void>;
  setNotice(notice: ReportSlice['notice']): void;
  /** A notice for the report about to open (an action that opens another job's report). */
  noticeFor(id: string, notice: NonNullable<ReportSlice['notice']>): void;
  /** The notice waiting for that report. */
  carried: { id: string; notice: NonNullable<ReportSlice['notice']> } | null;
}

const noIssues = (): Record<Severity, IssueGroup> => ({
  error: { total: 0, items: [] },
  warning: { total: 0, items: [] },
  info: { total: 0, items: [] },
});

export const useReport = create<ReportSlice>()((set, get) => {
  async function loadGroup(id: string, severity: Severity, offset: number): Promise<void> {
    const reply = await invoke('report.issues', { id, severity, offset, limit: ISSUE_PAGE });
    if (!reply.ok || get().id !== id) return;
    set((s) => ({
      issues: {
        ...s.issues,
        [severity]: {
          total: reply.value.total,
          items:
            offset === 0 ? reply.value.items : [...s.issues[severity].items, ...reply.value.items],
        },
      },
    }));
  }
  return {
    id: null,
    view: null,
    job: null,
    issues: noIssues(),
    problem: null,
    notice: null,
    busy: false,
    carried: null,
    async open(id) {
      const carried = get().carried;
      set({
        id,
        view: null,
        job: null,
        issues: noIssues(),
        problem: null,
        notice: carried?.id === id ? carried.notice : null,
        carried: null,
      });
      await get().reload();
    },
    async reload() {
      const id = get().id;
      if (!id) return;
      const reply = await invoke('report.get', { id });
      if (get().id !== id) return;
      if (!reply.ok) {
        // No report yet (still running) or gone: show the job itself.
        const job = await invoke('jobs.get', { id });
        set({
          view: null,
          job: job.ok ? job.value : null,
          problem: job.ok ? reply.error.message : job.error.message,
        });
        return;
      }
      set({ view: reply.value, job: reply.value.job, problem: null });
      await Promise.all(
        (['error', 'warning', 'info'] as const).map((sev) => loadGroup(id, sev, 0)),
      );
    },
    async more(severity) {
      const id = get().id;
      if (id) await loadGroup(id, severity, get().issues[severity].items.length);
    },
    async push() {
      const id = get().id;
      if (!id) return;
      set({ busy: true });
      const reply = await invoke('jobs.push', { ids: [id] });
      set({ busy: false });
      // The notice is this job's own result, never the run's.
      if (!reply.ok) set({ notice: { tone: 'error', text: reply.error.message } });
      else {
        const mine = reply.value.results?.find((x) => x.id === id);
        if (mine?.status === 'pushed' || mine?.status === 'already-pushed')
          set({
            notice: {
              tone: 'info',
              text: t(
                reply.value.local
                  ? 'notices.localSaved'
                  : mine.status === 'already-pushed'
                    ? 'notices.alreadyThere'
                    : 'notices.sent',
              ),
            },
          });
        else
          set({
            notice: {
              tone: 'error',
              text: mine
                ? t(
                    mine.status === 'waiting' || mine.status === 'failed'
                      ? 'notices.retries'
                      : 'notices.notSent',
                    { message: mine.message },
                  )
                : (reply.value.message ?? t('notices.notAmong')),
            },
          });
      }
      await get().reload();
    },
    async override(reason) {
      const id = get().id;
      if (!id) return false;
      const reply = await invoke('jobs.override', { id, reason });
      if (!reply.ok) {
        set({ notice: { tone: 'error', text: reply.error.message } });
        return false;
      }
      set({ notice: { tone: 'info', text: t('notices.overrideRecorded') } });
      await get().reload();
      return true;
    },
    async reingest() {
      const id = get().id;
      if (!id) return;
      const reply = await invoke('jobs.reingest', { id });
      set({
        notice: reply.ok
          ? { tone: 'info', text: t('notices.queuedAgainInbox') }
          : { tone: 'error', text: reply.error.message },
      });
    },
    setNotice(notice) {
      set({ notice });
    },
    noticeFor(id, notice) {
      set({ carried: { id, notice } });
    },
  };
});

export function followReport(): () => void {
  return on('jobs.changed', ({ ids }) => {
    const id = useReport.getState().id;
    if (id && (ids.length === 0 || ids.includes(id))) void useReport.getState().reload();
  });
}
