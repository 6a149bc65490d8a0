// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BoardView as Board, SettingsView as Settings } from '../../src-main/shared/ipc';
import { BoardView } from '../../src-renderer/components/board/BoardView';
import { HistoryView } from '../../src-renderer/components/history/HistoryView';
import { SettingsView } from '../../src-renderer/components/settings/SettingsView';
import { StatusBar } from '../../src-renderer/components/StatusBar';
import { useBoard } from '../../src-renderer/stores/board';
import { useHistory } from '../../src-renderer/stores/history';
import { useSettings } from '../../src-renderer/stores/settings';
import { installDom } from './dom';
import { callsTo, fail, reset, respond } from './fakeApi';
import { job, status } from './fixtures';

vi.mock('../../src-renderer/services/api', async () => (await import('./fakeApi')).apiModule);

beforeAll(() => installDom());
beforeEach(() => {
  reset();
  useBoard.setState({ board: null, cohort: undefined, protocolYear: undefined, problem: null });
  useSettings.setState({ view: null, problem: null, saved: false, test: null });
  useHistory.setState({ total: 0, rows: [], loaded: false, query: '' });
});
afterEach(() => cleanup());

const SETTINGS: Settings = {
  settings: {
    nasPath: null,
    cohort: 'UW - Seattle',
    site: 'Seattle',
    protocolYear: 2025,
    patientPolicy: { mode: 'strict', threshold: 0 },
    definitionsDir: null,
    retentionDays: 30,
    watchedFolders: [],
  },
  cohorts: ['Fenway', 'UW - Seattle'],
  outbox: '/home/me/.config/Courier/outbox',
  watchProblems: [],
  limits: { protocolYear: { min: 2000, max: 2100 } },
};

function board(): Board {
  const row = (
    table: string,
    label: string,
    status: Board['tables'][number]['status'],
    extra = {},
  ) => ({
    table,
    label,
    status,
    files: 0,
    rows: null,
    patients: null,
    reason: null,
    jobs: [],
    ...extra,
  });
  return {
    cohort: 'UW - Seattle',
    protocolYear: 2025,
    tables: [
      row('patient', 'Patient Record', 'saved locally', {
        files: 1,
        rows: 150,
        patients: 150,
        jobs: ['p'],
      }),
      row('laboratory', 'Laboratory', 'problems', { files: 1, rows: 20, jobs: ['l'] }),
      row('diagnosis', 'Diagnosis', 'missing'),
      row('geography', 'Geography', 'not available', { reason: 'Not collected at this site.' }),
    ],
    unknownPatientIds: 3,
    queue: 0,
  };
}

describe('the submission board', () => {
  it('shows every table with its status, counts and the cross-table summary', async () => {
    respond('board.get', () => board());
    respond('settings.get', () => SETTINGS);
    render(<BoardView />);
    const table = await screen.findByRole('table', { name: 'Tables of the submission' });
    const patient = within(table).getByRole('row', { name: /Patient Record/ });
    expect(patient.textContent).toContain('Saved locally');
    expect(patient.textContent).toContain('150');
    expect(within(table).getByRole('row', { name: /Laboratory/ }).textContent).toContain(
      'Problems',
    );
    expect(within(table).getByRole('row', { name: /Geography/ }).textContent).toContain(
      'Not collected at this site.',
    );
    expect(
      screen.getByText('3 patient IDs in other tables are not in the patient table'),
    ).toBeTruthy();
  });

  it('marks a missing table not available, with a reason', async () => {
    respond('board.get', () => board());
    respond('settings.get', () => SETTINGS);
    respond('board.notAvailable', () => board());
    render(<BoardView />);
    fireEvent.click(await screen.findByRole('button', { name: 'Mark Diagnosis as not available' }));
    const save = screen.getByRole('button', { name: 'Save' }) as HTMLButtonElement;
    // A grey Save says why.
    expect(save.disabled).toBe(true);
    expect(screen.getByText(/at least 5 characters/)).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Why is Diagnosis not available?'), {
      target: { value: 'No such data here.' },
    });
    fireEvent.click(save);
    await waitFor(() =>
      expect(callsTo('board.notAvailable')).toEqual([
        {
          cohort: 'UW - Seattle',
          protocolYear: 2025,
          table: 'diagnosis',
          reason: 'No such data here.',
        },
      ]),
    );
  });
});

describe('the board, withdrawing a mark', () => {
  it('withdraws the not-available mark of a table', async () => {
    respond('board.get', () => board());
    respond('settings.get', () => SETTINGS);
    respond('board.available', () => board());
    render(<BoardView />);
    fireEvent.click(
      await screen.findByRole('button', { name: 'Withdraw the not-available mark of Geography' }),
    );
    await waitFor(() =>
      expect(callsTo('board.available')).toEqual([
        { cohort: 'UW - Seattle', protocolYear: 2025, table: 'geography' },
      ]),
    );
  });
});

describe('the history', () => {
  it('lists every file with duplicates marked, and searches through main', async () => {
    respond('history.search', ((a: { query: string }) => {
      const all = [
        job({
          id: 'd',
          name: 'patient.csv',
          stage: 'skipped',
          duplicateOf: 'p',
          duplicateOfName: 'patient.csv',
        }),
        job({ id: 'p', name: 'patient.csv', stage: 'ready' }),
      ];
      const items = a.query ? all.filter((j) => j.duplicateOf) : all;
      return { total: items.length, offset: 0, items };
    }) as never);
    render(<HistoryView />);
    await screen.findByText('Duplicate of patient.csv');
    expect(screen.getByText('2 files')).toBeTruthy();
    fireEvent.change(screen.getByRole('searchbox', { name: 'Search the history' }), {
      target: { value: 'duplicate' },
    });
    await screen.findByText('1 file');
    expect(callsTo('history.search').at(-1)).toEqual({ query: 'duplicate', offset: 0, limit: 100 });
  });
});

describe('the settings', () => {
  it('tests the NAS folder and shows the answer', async () => {
    respond('settings.get', () => SETTINGS);
    respond('settings.testNas', () => ({
      ok: false,
      state: 'not-a-share' as const,
      message: 'This folder already holds other files.',
    }));
    render(<SettingsView />);
    fireEvent.change(await screen.findByLabelText('NAS folder'), { target: { value: '/mnt/nas' } });
    fireEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    await screen.findByText('This folder already holds other files.');
    expect(callsTo('settings.testNas')).toEqual([{ path: '/mnt/nas' }]);
  });

  it('saves a draft, and shows a refusal in plain words', async () => {
    respond('settings.get', () => SETTINGS);
    respond('settings.update', () =>
      fail('Courier cannot use that definitions folder: it does not exist.'),
    );
    render(<SettingsView />);
    fireEvent.change(await screen.findByLabelText('Site', { exact: true }), {
      target: { value: 'Harborview' },
    });
    fireEvent.click(screen.getByRole('radio', { name: /Permissive/ }));
    fireEvent.change(screen.getByLabelText('Most unknown IDs accepted as a warning'), {
      target: { value: '12' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Add a watched folder' }));
    fireEvent.change(screen.getByRole('textbox', { name: 'Folder 1' }), {
      target: { value: '/data/exports' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    await screen.findByText(/cannot use that definitions folder/);
    const [sent] = callsTo('settings.update') as { patch: Record<string, unknown> }[];
    expect(sent?.patch).toMatchObject({
      site: 'Harborview',
      patientPolicy: { mode: 'permissive', threshold: 12 },
      watchedFolders: [{ path: '/data/exports', autoPush: false }],
    });
  });
});

describe('the status bar', () => {
  it('says where files go, and the queue', () => {
    const { rerender } = render(<StatusBar info={null} connection="open" status={status()} />);
    expect(screen.getByTestId('status-nas').textContent).toBe(
      'No NAS configured: files are saved locally',
    );
    rerender(
      <StatusBar
        info={null}
        connection="open"
        status={status(
          { state: 'online', path: '/mnt/nas' },
          { waiting: 2, running: 1, pushQueued: 0, ready: 3 },
        )}
      />,
    );
    expect(screen.getByTestId('status-nas').textContent).toBe('NAS online');
    expect(screen.getByTestId('status-queue').textContent).toBe(
      'Queue: checking 1 file, 2 waiting, 3 ready to send',
    );
    rerender(
      <StatusBar
        info={null}
        connection="lost"
        status={status({ state: 'offline', path: '/mnt/nas', message: 'The NAS is not mounted.' })}
      />,
    );
    expect(screen.getByTestId('status-nas').textContent).toContain('NAS offline');
    expect(screen.getByTestId('status-nas').textContent).toContain('The NAS is not mounted.');
    expect(screen.getByRole('status').textContent).toBe('Connection lost: reconnecting…');
  });
});
