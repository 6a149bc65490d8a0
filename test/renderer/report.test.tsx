// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { IssueView, JobView } from '../../src-main/shared/ipc';
import { ReportView } from '../../src-renderer/components/report/ReportView';
import { installDom } from './dom';
import { callsTo, fail, reset, respond } from './fakeApi';
import { job, reportView } from './fixtures';

vi.mock('../../src-renderer/services/api', async () => (await import('./fakeApi')).apiModule);

beforeAll(() => installDom());
beforeEach(() => reset());
afterEach(() => cleanup());

const DATE_ISSUE: IssueView = {
  index: 0,
  code: 'date-format',
  severity: 'error',
  column: 'resultDate',
  count: 64,
  lines: Array.from({ length: 50 }, (_, i) => i + 2),
  examples: ['2021-13-45'],
  message:
    '64 values in "resultDate" are not a real date written YYYY-MM-DD (lines 2, 3, 4 and others).',
  hint: 'Write dates as YYYY-MM-DD (for example 2024-03-31) and check the day exists; see line 2.',
};

function serve(j: JobView, issues: IssueView[]): void {
  respond('report.get', () => reportView(j, issues.filter((i) => i.severity === 'error').length));
  respond('jobs.get', () => j);
  respond('report.issues', ((a: { severity: string }) => {
    const items = issues.filter((i) => i.severity === a.severity);
    return { total: items.length, offset: 0, items };
  }) as never);
}

describe('the file report', () => {
  it('says how many problems block sending, grouped by severity with lines and hints', async () => {
    serve(job({ id: 'bad', stage: 'blocked', name: 'lab.csv' }), [
      DATE_ISSUE,
      {
        ...DATE_ISSUE,
        index: 1,
        code: 'blank-row',
        severity: 'warning',
        column: null,
        count: 2,
        lines: [7, 9],
        examples: [],
        message: '2 blank lines inside the data.',
        hint: 'Remove them.',
      },
    ]);
    render(<ReportView id="bad" />);
    const banner = await screen.findByTestId('status-banner');
    expect(banner.textContent).toContain('1 problem to fix before sending');
    const errors = screen.getByRole('region', { name: /Must be fixed before sending \(1 error\)/ });
    expect(errors.textContent).toContain('Lines 2, 3, 4');
    expect(errors.textContent).toContain('(first 50 of 64)');
    expect(errors.textContent).toContain('Write dates as YYYY-MM-DD');
    // The export says what the file holds before it is saved.
    fireEvent.click(within(errors).getByRole('button', { name: 'Export all 64 lines (CSV)…' }));
    expect(within(errors).getByText(/value at fault and the whole source line/)).toBeTruthy();
    expect(within(errors).getByRole('button', { name: 'Save the CSV' })).toBeTruthy();
    const warnings = screen.getByRole('region', { name: /Worth checking \(1 warning\)/ });
    expect(warnings.textContent).toContain('Lines 7, 9');
    // A blocked file cannot simply be sent.
    expect(screen.queryByRole('button', { name: 'Send' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Send anyway…' })).toBeTruthy();
  });

  it('needs a reason of a few words to override, and records it', async () => {
    const blocked = job({ id: 'bad', stage: 'blocked' });
    serve(blocked, [DATE_ISSUE]);
    respond('jobs.override', () =>
      job({
        id: 'bad',
        stage: 'ready',
        override: { by: 'me', reason: 'Fixed centrally.', at: 'x' },
      }),
    );
    render(<ReportView id="bad" />);
    fireEvent.click(await screen.findByRole('button', { name: 'Send anyway…' }));
    const form = screen.getByRole('form', { name: 'Send despite the problems' });
    const submit = within(form).getByRole('button', { name: 'Record the override' });
    fireEvent.change(within(form).getByRole('textbox'), { target: { value: 'ok' } });
    expect((submit as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(within(form).getByRole('textbox'), { target: { value: 'Fixed centrally.' } });
    fireEvent.click(submit);
    await screen.findByText('Override recorded: this file may now be sent.');
    expect(callsTo('jobs.override')).toEqual([{ id: 'bad', reason: 'Fixed centrally.' }]);
  });

  it('shows main’s refusal in plain words', async () => {
    serve(job({ id: 'bad', stage: 'blocked' }), [DATE_ISSUE]);
    respond('jobs.override', () =>
      fail('lab.csv is not blocked (it is ready): there is nothing to override.'),
    );
    render(<ReportView id="bad" />);
    fireEvent.click(await screen.findByRole('button', { name: 'Send anyway…' }));
    fireEvent.change(screen.getByRole('textbox'), { target: { value: 'A good reason.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Record the override' }));
    await screen.findByText(/nothing to override/);
  });

  it('reads "Ready to send" for a clean file, and sends it', async () => {
    serve(job({ id: 'ok', stage: 'ready' }), []);
    respond('jobs.push', () => ({
      dest: '/o',
      local: true,
      reachable: true,
      pushed: 1,
      failed: 0,
      waiting: 0,
      message: null,
      results: [{ id: 'ok', name: 'patient.csv', status: 'pushed' as const, message: 'saved' }],
    }));
    render(<ReportView id="ok" />);
    expect((await screen.findByTestId('status-banner')).textContent).toContain('Ready to send');
    expect(screen.getByText('No problems found in this file.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Send to UW - Seattle · 2025' }));
    await screen.findByText('Saved locally (no NAS configured).');
    expect(callsTo('jobs.push')).toEqual([{ ids: ['ok'] }]);
  });

  it('says "not sent" when the job was not among those sent, never "sent"', async () => {
    serve(job({ id: 'ok', stage: 'ready' }), []);
    respond('jobs.push', () => ({
      dest: '/o',
      local: false,
      reachable: true,
      pushed: 0,
      failed: 0,
      waiting: 0,
      message: null,
      results: [],
    }));
    render(<ReportView id="ok" />);
    fireEvent.click(await screen.findByRole('button', { name: 'Send to UW - Seattle · 2025' }));
    await screen.findByText(/^Not sent: this file was not among those sent\./);
    expect(screen.queryByText('Sent to the NAS.')).toBeNull();
  });

  it('offers no override for a file that cannot be sent, and says why', async () => {
    serve(
      job({
        id: 'pdf',
        stage: 'blocked',
        name: 'scan.pdf',
        table: null,
        hasArtifact: false,
        overrideBlock:
          'scan.pdf is not a data table Courier recognises, so it cannot be sent, even with an override.',
      }),
      [],
    );
    render(<ReportView id="pdf" />);
    expect((await screen.findByTestId('action-why')).textContent).toMatch(
      /cannot be sent, even with an override/,
    );
    expect(screen.queryByRole('button', { name: 'Send anyway…' })).toBeNull();
  });

  it('never calls a file in the local outbox "sent"', async () => {
    const local = job({
      id: 'l',
      stage: 'pushed',
      push: { local: true, dest: '/o', attempts: 0, lastError: null, nextAttemptAt: null },
    });
    serve(local, []);
    render(<ReportView id="l" />);
    const banner = await screen.findByTestId('status-banner');
    expect(banner.textContent).toContain('Saved locally (no NAS configured)');
    expect(banner.textContent).not.toMatch(/sent/i);
  });

  it('draws the column profile as charts with text for screen readers', async () => {
    serve(job({ id: 'ok', stage: 'ready' }), []);
    render(<ReportView id="ok" />);
    await screen.findByRole('heading', { name: 'Columns' });
    expect(screen.getByRole('figure', { name: /How filled each column is/ })).toBeTruthy();
    expect(
      screen.getByRole('table', { name: 'Filled percentage per column' }).textContent,
    ).toContain('57.3%');
    expect(
      screen.getByRole('figure', {
        name: /interpretation: 2 most frequent values; the commonest is High/,
      }),
    ).toBeTruthy();
    expect(
      screen.getByRole('figure', {
        name: /resultDate: Dates by month from 1996-10-01 to 2024-11-02/,
      }),
    ).toBeTruthy();
  });

  it('shows the job while it has no report yet', async () => {
    respond('report.get', () =>
      fail('This file has no report yet: it is still waiting or being checked.'),
    );
    respond('jobs.get', () => job({ id: 'r', stage: 'checking', name: 'big.csv' }));
    render(<ReportView id="r" />);
    await waitFor(() =>
      expect(screen.getByRole('status').textContent).toContain(
        'Checking. This file has no report yet',
      ),
    );
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('big.csv');
  });
});
