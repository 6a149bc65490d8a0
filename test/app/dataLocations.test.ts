import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openHome } from '../../src-main/core/home';
import { MOVED_NOTE, moveHomeOnce, repointJournal } from '../../src-main/core/homeMove';
import { defaultHome, resolveHome, roamingHome, sessionDataDir } from '../../src-main/core/paths';

const dir = mkdtempSync(join(tmpdir(), 'courier-locations-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('where the data lives', () => {
  it('is local on Windows (not the roaming profile), the usual places elsewhere', () => {
    const env = {
      LOCALAPPDATA: 'C:\\Users\\me\\AppData\\Local',
      APPDATA: 'C:\\Users\\me\\AppData\\Roaming',
    };
    expect(defaultHome('win32', env)).toBe(join(env.LOCALAPPDATA, 'Courier'));
    expect(roamingHome(env)).toBe(join(env.APPDATA, 'Courier'));
    expect(defaultHome('darwin', {})).toBe(
      join(homedir(), 'Library', 'Application Support', 'Courier'),
    );
    expect(defaultHome('linux', { XDG_CONFIG_HOME: '/x/config' })).toBe('/x/config/Courier');
    expect(defaultHome('linux', {})).toBe(join(homedir(), '.config', 'Courier'));
  });

  it('keeps Chromium’s caches apart from Courier’s data', () => {
    for (const platform of ['win32', 'darwin', 'linux']) {
      const env = { LOCALAPPDATA: '/l', XDG_CACHE_HOME: '/c', XDG_CONFIG_HOME: '/k' };
      const cache = sessionDataDir(platform, env);
      expect(cache, platform).not.toBe(defaultHome(platform, env));
    }
    expect(sessionDataDir('linux', { XDG_CACHE_HOME: '/c' })).toBe('/c/Courier');
    expect(sessionDataDir('darwin', {})).toBe(join(homedir(), 'Library', 'Caches', 'Courier'));
  });

  it('is the same for the app and the command: COURIER_HOME, else the default', () => {
    const saved = process.env.COURIER_HOME;
    try {
      delete process.env.COURIER_HOME;
      expect(resolveHome(null)).toBe(defaultHome());
      process.env.COURIER_HOME = '/srv/courier';
      expect(resolveHome(null)).toBe('/srv/courier');
      expect(resolveHome('/explicit')).toBe('/explicit');
    } finally {
      if (saved === undefined) delete process.env.COURIER_HOME;
      else process.env.COURIER_HOME = saved;
    }
  });
});

describe('moving an earlier data folder once', () => {
  /** A data folder as Courier 0.1 left it, with a real job in its ledger. */
  async function oldFolder(root: string): Promise<string> {
    const home = join(root, 'Roaming', 'Courier');
    const { ledger, settings } = openHome(home);
    settings.update({ cohort: 'UW - Seattle', protocolYear: 2025 });
    mkdirSync(join(home, 'artifacts', 'job1'), { recursive: true });
    writeFileSync(join(home, 'artifacts', 'job1', 'lab.duckdb'), 'artifact bytes');
    mkdirSync(join(home, 'reports'), { recursive: true });
    writeFileSync(join(home, 'reports', 'job1.report.json'), '{}');
    // Chromium's own files of the old desktop app stay where they are.
    mkdirSync(join(home, 'Local Storage'));
    const text = JSON.stringify({
      v: 1,
      type: 'job',
      artifact: { path: join(home, 'artifacts', 'job1', 'lab.duckdb') },
      reportPath: join(home, 'reports', 'job1.report.json'),
    });
    writeFileSync(join(home, 'ledger.jsonl'), `${text}\n`, { flag: 'a' });
    void ledger;
    return home;
  }

  it('moves ledger, artifacts, reports and settings, re-pointing the ledger’s paths', async () => {
    const root = join(dir, 'a');
    const from = await oldFolder(root);
    const to = join(root, 'Local', 'Courier');
    expect(moveHomeOnce(from, to)).toBe(true);
    expect(readFileSync(join(to, 'artifacts', 'job1', 'lab.duckdb'), 'utf8')).toBe(
      'artifact bytes',
    );
    expect(existsSync(join(to, 'reports', 'job1.report.json'))).toBe(true);
    const journal = readFileSync(join(to, 'ledger.jsonl'), 'utf8');
    expect(journal).toContain(JSON.stringify(join(to, 'artifacts', 'job1', 'lab.duckdb')));
    expect(journal).not.toContain(JSON.stringify(from).slice(1, -1) + '/');
    expect(existsSync(join(from, 'ledger.jsonl'))).toBe(false);
    expect(existsSync(join(from, 'Local Storage'))).toBe(true);
    expect(readFileSync(join(from, MOVED_NOTE), 'utf8')).toContain(to);
    // The moved folder opens, with its settings.
    const opened = openHome(to);
    expect(opened.settings.get()).toMatchObject({ cohort: 'UW - Seattle', protocolYear: 2025 });
    // Once: a second run (the app after the command) changes nothing.
    expect(moveHomeOnce(from, to)).toBe(false);
  });

  it('never mixes two folders: nothing moves when the new place already has data', async () => {
    const root = join(dir, 'b');
    const from = await oldFolder(root);
    const to = join(root, 'Local', 'Courier');
    openHome(to);
    writeFileSync(join(to, 'ledger.jsonl'), '');
    expect(moveHomeOnce(from, to)).toBe(false);
    expect(existsSync(join(from, 'ledger.jsonl'))).toBe(true);
  });

  it('finishes a move that was cut short', async () => {
    const root = join(dir, 'c');
    const from = await oldFolder(root);
    const to = join(root, 'Local', 'Courier');
    // As if the process died after moving the artifacts, before the journals.
    mkdirSync(to, { recursive: true });
    renameSync(join(from, 'artifacts'), join(to, 'artifacts'));
    expect(moveHomeOnce(from, to)).toBe(true);
    expect(existsSync(join(to, 'ledger.jsonl'))).toBe(true);
    expect(existsSync(join(to, 'reports', 'job1.report.json'))).toBe(true);
    expect(existsSync(join(to, 'artifacts', 'job1', 'lab.duckdb'))).toBe(true);
  });

  it('re-points Windows paths as JSON writes them, and only whole folder names', () => {
    const from = 'C:\\Users\\me\\AppData\\Roaming\\Courier';
    const to = 'C:\\Users\\me\\AppData\\Local\\Courier';
    const line = JSON.stringify({ p: `${from}\\artifacts\\x.duckdb`, q: `${from}X\\other` });
    const moved = JSON.parse(repointJournal(line, from, to, '\\')) as { p: string; q: string };
    expect(moved.p).toBe(`${to}\\artifacts\\x.duckdb`);
    expect(moved.q).toBe(`${from}X\\other`);
  });
});
