import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { SettingsStore } from '../../src-main/core/settings/settings';

// electron-store reads a few things from `electron` in the main process: fake only those.
vi.mock('electron', () => ({
  default: {
    app: { getPath: () => tmpdir(), getVersion: () => '0.0.0-test', on: () => {} },
    ipcMain: { on: () => {}, handle: () => {} },
    shell: {},
  },
}));

const home = mkdtempSync(join(tmpdir(), 'courier-settings-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('desktop settings (electron-store)', () => {
  it('reads and writes the same config.json as the command line (conf)', async () => {
    const { electronSettings } = await import('../../src-main/app/settings');
    const desktop = new SettingsStore(home, electronSettings(home));
    desktop.update({
      cohort: 'UW - Seattle',
      protocolYear: 2025,
      patientPolicy: { mode: 'permissive', threshold: 5 },
    });
    const cli = new SettingsStore(home);
    expect(cli.get()).toMatchObject({
      cohort: 'UW - Seattle',
      protocolYear: 2025,
      patientPolicy: { mode: 'permissive', threshold: 5 },
    });
    cli.update({ site: 'Harborview' });
    expect(new SettingsStore(home, electronSettings(home)).get().site).toBe('Harborview');
    expect(JSON.parse(readFileSync(join(home, 'config.json'), 'utf8'))).toMatchObject({
      site: 'Harborview',
    });
  });
});
