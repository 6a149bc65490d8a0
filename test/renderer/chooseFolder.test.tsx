// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FolderPurpose, SettingsView as Settings } from '../../src-main/shared/ipc';
import { SettingsView } from '../../src-renderer/components/settings/SettingsView';
import { useSettings } from '../../src-renderer/stores/settings';
import { installDom } from './dom';
import { callsTo, reset, respond } from './fakeApi';

vi.mock('../../src-renderer/services/api', async () => (await import('./fakeApi')).apiModule);

const SETTINGS: Settings = {
  settings: {
    nasPath: null,
    cohort: 'UW - Seattle',
    site: null,
    protocolYear: 2025,
    patientPolicy: { mode: 'strict', threshold: 0 },
    definitionsDir: null,
    retentionDays: 30,
    watchedFolders: [
      {
        path: '',
        cohort: null,
        protocolYear: null,
        autoPush: false,
        recursive: false,
        moveFinished: false,
        polling: false,
      },
    ],
  },
  cohorts: ['UW - Seattle'],
  outbox: '/home/me/.config/Courier/outbox',
  watchProblems: [],
  limits: { protocolYear: { min: 2000, max: 2100 } },
};

beforeAll(() => installDom());
beforeEach(() => {
  reset();
  useSettings.setState({ view: null, problem: null, saved: false, test: null });
  respond('settings.get', () => SETTINGS);
});
afterEach(() => {
  cleanup();
  delete window.courier;
});

describe('choosing folders in the settings', () => {
  it('offers the system’s picker in the desktop app, for the NAS, definitions and watched folders', async () => {
    const asked: FolderPurpose[] = [];
    const chosen: Record<FolderPurpose, string> = {
      nas: '/mnt/naaccord',
      definitions: '/home/me/defs',
      watched: '/home/me/exports',
    };
    window.courier = {
      invoke: () => Promise.reject(new Error('not used')),
      on: () => () => undefined,
      pickFolder: (purpose) => {
        asked.push(purpose);
        return Promise.resolve(chosen[purpose]);
      },
    };
    render(<SettingsView />);
    fireEvent.click(await screen.findByRole('button', { name: 'Choose the NAS folder' }));
    await waitFor(() =>
      expect((screen.getByLabelText('NAS folder') as HTMLInputElement).value).toBe('/mnt/naaccord'),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Choose the definitions folder' }));
    await waitFor(() =>
      expect(
        (screen.getByLabelText('Definitions folder (optional)') as HTMLInputElement).value,
      ).toBe('/home/me/defs'),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Choose folder 1' }));
    await waitFor(() =>
      expect((screen.getByRole('textbox', { name: 'Folder 1' }) as HTMLInputElement).value).toBe(
        '/home/me/exports',
      ),
    );
    expect(asked).toEqual(['nas', 'definitions', 'watched']);
    // A chosen NAS folder is tested like a typed one before it can be saved.
    respond('settings.testNas', () => ({
      ok: true,
      state: 'ready' as const,
      message: 'Courier’s share: ready.',
      path: '/mnt/naaccord',
    }));
    fireEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    await screen.findByText('Courier’s share: ready.');
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    await waitFor(() => expect(callsTo('settings.update')).toHaveLength(1));
    expect(callsTo('settings.update')[0]).toMatchObject({
      patch: {
        nasPath: '/mnt/naaccord',
        definitionsDir: '/home/me/defs',
        watchedFolders: [{ path: '/home/me/exports' }],
      },
    });
  });

  it('leaves a field alone when the picker is cancelled', async () => {
    let answered = false;
    window.courier = {
      invoke: () => Promise.reject(new Error('not used')),
      on: () => () => undefined,
      pickFolder: () => {
        answered = true;
        return Promise.resolve(null);
      },
    };
    render(<SettingsView />);
    fireEvent.change(await screen.findByLabelText('NAS folder'), { target: { value: '/mnt/x' } });
    fireEvent.click(screen.getByRole('button', { name: 'Choose the NAS folder' }));
    await waitFor(() => expect(answered).toBe(true));
    await Promise.resolve();
    expect((screen.getByLabelText('NAS folder') as HTMLInputElement).value).toBe('/mnt/x');
  });

  it('shows no picker in browser mode', async () => {
    render(<SettingsView />);
    await screen.findByLabelText('NAS folder');
    expect(screen.queryByRole('button', { name: /^Choose/ })).toBeNull();
  });
});
