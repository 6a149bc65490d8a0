// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { InboxView } from '../../src-renderer/components/inbox/InboxView';
import { followInbox, useInbox } from '../../src-renderer/stores/inbox';
import { useStatus } from '../../src-renderer/stores/status';
import { installDom } from './dom';
import { callsTo, emit, reset, respond } from './fakeApi';
import { job, progress, status } from './fixtures';

vi.mock('../../src-renderer/services/api', async () => (await import('./fakeApi')).apiModule);
const added = vi.hoisted(() => ({ files: [] as File[] }));
vi.mock('../../src-renderer/services/files', () => ({
  addFiles: (files: File[]) => {
    added.files.push(...files);
    return Promise.resolve({ queued: files.map((_, i) => `pending:${i}`), refused: [] });
  },
  droppedFiles: (dt: DataTransfer) => Promise.resolve(Array.from(dt.files)),
}));

beforeAll(() => installDom());
beforeEach(() => {
  reset();
  added.files = [];
  useInbox.setState({
    total: 0,
    rows: [],
    loaded: false,
    problem: null,
    progress: {},
    dropNotice: null,
  });
});
afterEach(() => cleanup());

const JOBS = [
  job({
    id: 'pending:1',
    pending: true,
    stage: 'queued',
    name: 'waiting.csv',
    table: null,
    rows: null,
    issues: null,
    hasReport: false,
  }),
  job({
    id: 'run',
    stage: 'converting',
    name: 'running.csv',
    rows: null,
    issues: null,
    hasReport: false,
  }),
  job({ id: 'ok', stage: 'ready', name: 'ready.csv' }),
  job({
    id: 'bad',
    stage: 'blocked',
    name: 'dirty.csv',
    issues: { error: 3, warning: 1, info: 0 },
  }),
  job({
    id: 'sent',
    stage: 'pushed',
    name: 'sent.csv',
    push: { local: true, dest: '/out', attempts: 0, lastError: null, nextAttemptAt: null },
  }),
  job({
    id: 'nas',
    stage: 'pushed',
    name: 'nas.csv',
    push: { local: false, dest: '/nas', attempts: 0, lastError: null, nextAttemptAt: null },
  }),
  job({
    id: 'broken',
    stage: 'failed',
    name: 'scan.pdf',
    error: 'This is a PDF document, not a CSV file.',
    hasReport: false,
  }),
];

function row(name: string): HTMLElement {
  return screen.getByRole('article', { name: new RegExp(`^${name.replace('.', '\\.')}`) });
}

describe('the inbox', () => {
  it('says how to start when nothing was added yet', async () => {
    respond('jobs.list', () => ({ total: 0, offset: 0, items: [] }));
    render(<InboxView />);
    await screen.findByText(/Nothing here yet/);
    expect(screen.getByRole('button', { name: 'Choose files…' })).toBeTruthy();
  });

  it('shows each job’s stage, progress and actions in plain words', async () => {
    respond('jobs.list', () => ({ total: JOBS.length, offset: 0, items: JOBS }));
    const off = followInbox();
    render(<InboxView />);
    await screen.findByText('ready.csv');
    emit('job.progress', progress({ jobId: 'run' }));
    await waitFor(() => expect(within(row('running.csv')).getByRole('progressbar')).toBeTruthy());
    const bar = within(row('running.csv')).getByRole('progressbar');
    expect(bar.getAttribute('aria-valuenow')).toBe('45');
    expect(bar.getAttribute('aria-valuetext')).toBe('Converting · 45% · 12 MB/s · about 20 s left');
    expect(
      within(row('running.csv')).getByRole('button', { name: 'Cancel running.csv' }),
    ).toBeTruthy();

    const steps = within(row('running.csv')).getByRole('list', { name: 'Stages' });
    const current = within(steps)
      .getAllByRole('listitem')
      .find((li) => li.getAttribute('aria-current') === 'step');
    expect(current?.textContent).toBe('Converting');

    expect(
      within(row('waiting.csv')).getByRole('button', { name: 'Cancel waiting.csv' }),
    ).toBeTruthy();
    const send = within(row('ready.csv')).getByRole('button', {
      name: 'Send ready.csv to UW - Seattle · 2025',
    });
    expect(send.textContent).toBe('Send to UW - Seattle · 2025');
    // Every row says its table, submission and rows.
    expect(row('dirty.csv').textContent).toContain('patient · UW - Seattle · 2025 · 150 rows');
    expect(row('dirty.csv').textContent).toContain('Problems to fix');
    expect(row('dirty.csv').textContent).toContain('3 problems');
    expect(row('sent.csv').textContent).toContain('Saved locally (no NAS configured)');
    expect(row('sent.csv').textContent).not.toContain('Sent to the NAS');
    expect(row('nas.csv').textContent).toContain('Sent to the NAS');
    expect(row('scan.pdf').textContent).toContain('This is a PDF document, not a CSV file.');
    off();
  });

  it('says "saved locally" as the last step while no NAS is configured', async () => {
    respond('jobs.list', () => ({ total: 1, offset: 0, items: [JOBS[2]!] }));
    useStatus.setState({ status: status() });
    render(<InboxView />);
    const steps = within(await screen.findByRole('article', { name: /^ready\.csv/ })).getByRole(
      'list',
      {
        name: 'Stages',
      },
    );
    expect(within(steps).getAllByRole('listitem').at(-1)?.textContent).toBe('Saved locally');
    useStatus.setState({ status: status({ state: 'online', path: '/mnt/nas' }) });
    await waitFor(() =>
      expect(within(steps).getAllByRole('listitem').at(-1)?.textContent).toBe('Sent'),
    );
    useStatus.setState({ status: null });
  });

  it('cancels and sends through main, then refetches', async () => {
    respond('jobs.list', () => ({ total: JOBS.length, offset: 0, items: JOBS }));
    respond('jobs.cancel', () => null);
    respond('jobs.push', () => ({
      dest: '/out',
      local: true,
      reachable: true,
      pushed: 1,
      failed: 0,
      waiting: 0,
      message: null,
      results: [{ id: 'ok', name: 'ready.csv', status: 'pushed' as const, message: 'saved' }],
    }));
    render(<InboxView />);
    await screen.findByText('ready.csv');
    fireEvent.click(screen.getByRole('button', { name: 'Cancel waiting.csv' }));
    await waitFor(() => expect(callsTo('jobs.cancel')).toEqual([{ id: 'pending:1' }]));
    fireEvent.click(screen.getByRole('button', { name: 'Send ready.csv to UW - Seattle · 2025' }));
    await screen.findByText('ready.csv: saved locally (no NAS configured).');
    expect(callsTo('jobs.push')).toEqual([{ ids: ['ok'] }]);
  });

  it('disables Send with the reason for a file without a cohort or year, and offers to assign it', async () => {
    const lost = job({ id: 'lost', name: 'lost.csv', cohort: null, protocolYear: null });
    respond('jobs.list', () => ({ total: 1, offset: 0, items: [lost] }));
    respond('jobs.reingest', () => ({ queued: ['pending:9'], refused: [] }));
    const { useSettings } = await import('../../src-renderer/stores/settings');
    useSettings.setState({
      view: {
        settings: {
          nasPath: null,
          cohort: 'Fenway',
          site: null,
          protocolYear: 2025,
          patientPolicy: { mode: 'strict', threshold: 0 },
          definitionsDir: null,
          retentionDays: 30,
          watchedFolders: [],
        },
        cohorts: ['Fenway'],
        outbox: '/o',
        watchProblems: [],
        limits: { protocolYear: { min: 2000, max: 2100 } },
      },
    });
    render(<InboxView />);
    const r = await screen.findByRole('article', { name: /^lost\.csv/ });
    const send = within(r).getByRole('button', { name: /^Send lost\.csv/ }) as HTMLButtonElement;
    expect(send.disabled).toBe(true);
    expect(r.textContent).toContain('no cohort or protocol year');
    expect(r.textContent).toContain('Courier sends nothing without both');
    fireEvent.click(
      within(r).getByRole('button', { name: 'Check lost.csv again for Fenway · 2025' }),
    );
    await waitFor(() => expect(callsTo('jobs.reingest')).toEqual([{ id: 'lost' }]));
    useSettings.setState({ view: null });
  });

  it('says "Cancelled" once for a cancelled file', async () => {
    const stopped = job({ id: 'c', stage: 'cancelled', name: 'stopped.csv', error: 'Cancelled.' });
    respond('jobs.list', () => ({ total: 1, offset: 0, items: [stopped] }));
    render(<InboxView />);
    const r = await screen.findByRole('article', { name: /^stopped\.csv: Cancelled/ });
    expect(r.textContent?.match(/Cancelled/g)).toHaveLength(1);
  });

  it('takes dropped files and says what happened', async () => {
    respond('jobs.list', () => ({ total: 0, offset: 0, items: [] }));
    render(<InboxView />);
    const file = new File(['a,b\n1,2\n'], 'lab.csv', { type: 'text/csv' });
    fireEvent.drop(screen.getByTestId('drop-zone'), { dataTransfer: { files: [file], items: [] } });
    await screen.findByText('1 file added to the queue.');
    expect(added.files.map((f) => f.name)).toEqual(['lab.csv']);
  });

  it('draws only a screenful of 1,000 jobs, loading pages as needed', async () => {
    const many = Array.from({ length: 1000 }, (_, i) =>
      job({ id: `j${i}`, name: `file-${i}.csv` }),
    );
    respond('jobs.list', ((a: { offset: number; limit: number }) => ({
      total: 1000,
      offset: a.offset,
      items: many.slice(a.offset, a.offset + a.limit),
    })) as never);
    render(<InboxView />);
    await screen.findByText('file-0.csv');
    const items = screen
      .getAllByRole('listitem', { hidden: false })
      .filter((li) => li.getAttribute('aria-setsize') === '1000');
    expect(items.length).toBeGreaterThan(3);
    expect(items.length).toBeLessThan(30);
    expect(screen.getByText('1,000 files')).toBeTruthy();
    // One page asked for, not the whole list.
    expect(callsTo('jobs.list')).toEqual([{ view: 'inbox', offset: 0, limit: 100 }]);
  });
});
