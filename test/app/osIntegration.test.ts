import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { diagnosticsText } from '../../src-main/app/diagnostics';
import { FileOpener, pathsFromArgv } from '../../src-main/app/openFiles';
import { trayStatus } from '../../src-main/app/tray';
import { Presence } from '../../src-main/core/presence';
import { settingsSchema } from '../../src-main/shared/settings';
import type { StatusView } from '../../src-main/shared/views';

vi.mock('electron', async () => (await import('./fakeElectron')).electronModule);

const dir = mkdtempSync(join(tmpdir(), 'courier-os-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const status = (q: Partial<StatusView['queue']> = {}): StatusView => ({
  nas: { state: 'online' } as StatusView['nas'],
  queue: { waiting: 0, running: 0, pushQueued: 0, ready: 0, ...q },
});

describe('files handed over by the system', () => {
  it('takes the file arguments only (not the program, the app folder or switches)', () => {
    expect(pathsFromArgv(['/opt/Courier/courier-desktop', '/data/lab.csv'], '/', false)).toEqual([
      '/data/lab.csv',
    ]);
    expect(
      pathsFromArgv(
        [
          '/usr/bin/electron',
          '.',
          '--inspect=0',
          'data/lab.csv',
          '--original-process-start-time=1',
        ],
        '/home/me',
        true,
      ),
    ).toEqual(['/home/me/data/lab.csv']);
    expect(pathsFromArgv(['/opt/Courier/courier-desktop', '--hidden'], '/', false)).toEqual([]);
  });

  it('keeps files opened before the service is ready, and says what could not be queued', async () => {
    const opener = new FileOpener();
    await opener.open(['/a.csv']);
    const granted: string[][] = [];
    const notices: string[] = [];
    const added: string[][] = [];
    opener.ready({
      grant: (p) => granted.push(p),
      add: (p) => {
        added.push(p);
        return Promise.resolve({ queued: [], refused: [{ path: p[0]!, reason: 'gone' }] });
      },
      reveal: () => {},
      notice: (m) => notices.push(m),
      log: () => {},
    });
    await vi.waitFor(() => expect(notices).toEqual(['/a.csv: gone']), { timeout: 30_000 });
    expect(granted).toEqual([['/a.csv']]);
    expect(added).toEqual([['/a.csv']]);
  });
});

describe('the tray', () => {
  it('says what Courier is doing in a few words', () => {
    expect(trayStatus({ status: status(), watchedFolders: 0, watchingPaused: false })).toBe(
      'Courier: nothing to do',
    );
    expect(
      trayStatus({
        status: status({ running: 1, waiting: 2, pushQueued: 1 }),
        watchedFolders: 2,
        watchingPaused: false,
      }),
    ).toBe('Courier: checking a file, 2 waiting, 1 file to send, watching 2 folders');
    expect(trayStatus({ status: status(), watchedFolders: 1, watchingPaused: true })).toBe(
      'Courier: watching paused',
    );
  });
});

describe('Copy Diagnostics', () => {
  it('gives versions, system and settings, never a path or a name', () => {
    const secret = join(dir, 'Dr Jane Doe', 'NAS share');
    const settings = settingsSchema.parse({
      nasPath: secret,
      definitionsDir: secret,
      cohort: 'UW - Seattle',
      site: 'Harborview clinic',
      protocolYear: 2025,
      watchedFolders: [{ path: secret, autoPush: true }],
    });
    const text = diagnosticsText({
      version: '1.2.3',
      versions: { ...process.versions, electron: '39.8.10', chrome: '142.0' },
      settings,
      status: status({ waiting: 1 }),
      watchProblems: 1,
      defaultHome: true,
      packaged: true,
    });
    expect(text).toContain('Courier 1.2.3 (installed build)');
    expect(text).toContain('Electron 39.8.10');
    expect(text).toContain(`(${process.platform}, ${process.arch})`);
    expect(text).toContain('watched folders: 1 (1 sending automatically, 0 polled, 1 not found)');
    expect(text).toContain('NAS folder: set');
    for (const leak of ['Jane', 'NAS share', 'Harborview', dir]) expect(text).not.toContain(leak);
  });
});

describe('whether a source is still there', () => {
  it('answers at once from memory and tells when the answer changed', async () => {
    const file = join(dir, 'source.csv');
    writeFileSync(file, 'a\n');
    let changes = 0;
    const presence = new Presence(() => changes++, 0);
    expect(presence.present(file)).toBe(false); // not known yet: never waits to find out
    await vi.waitFor(() => expect(changes).toBe(1), { timeout: 30_000 });
    expect(presence.present(file)).toBe(true);
    rmSync(file);
    // Each question (a list being fetched again) looks again once the answer is older than
    // maxAge (here 0), answering the last one meanwhile.
    await vi.waitFor(
      () => {
        presence.present(file);
        expect(changes).toBe(2);
      },
      { timeout: 30_000 },
    );
    expect(presence.present(file)).toBe(false);
  });
});
