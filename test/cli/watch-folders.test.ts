/**
 * What a watched folder meets at a site (issue 15 items 8 to 11), through real `courier watch`
 * services and real chokidar: same-size rewrites that keep their mtime, a folder removed and
 * recreated, symbolic link loops, system files, unreadable files, names with a newline.
 */
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  mkdirSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { history, service, sleep, stop, until } from '../helpers/courierProcess';
import { tempDir } from '../helpers/env';
import { labText, variant } from '../helpers/labFiles';

let dir: string;
let cleanup: () => void;
let lab: string;
beforeAll(async () => {
  ({ dir, cleanup } = tempDir('courier-folders-'));
  chmodSync(dir, 0o755);
  lab = await labText(dir, 20);
});
afterAll(() => cleanup());

const watchArgs = (inbox: string, ...more: string[]) => [
  'watch',
  inbox,
  '--stable',
  '300ms',
  '--cohort',
  'UW - Seattle',
  '--year',
  '2025',
  ...more,
];

function setup(name: string): { home: string; inbox: string } {
  const home = join(dir, `home-${name}`);
  const inbox = join(dir, `inbox-${name}`);
  mkdirSync(inbox);
  return { home, inbox };
}

const finished = (lines: string[]) => lines.filter((l) => /^\S+ \d{14}-[0-9a-f]{8} "/.test(l));

describe('watched folders at a site', () => {
  it('takes a same-size rewrite that kept its mtime (cp -p), and hashes when only details changed', async () => {
    const { home, inbox } = setup('cp');
    const w = service(home, watchArgs(inbox));
    await until(() => w.lines.some((l) => l.includes('watching')), 60_000, w.lines);
    const file = join(inbox, 'lab.csv');
    writeFileSync(file, variant(lab, 'A'));
    await until(() => finished(w.lines).length === 1, 60_000, w.lines);
    // Other bytes, the same size and mtime, copied over it in place as `cp -p` does.
    const other = join(dir, 'other.csv');
    writeFileSync(other, variant(lab, 'B'));
    const before = statSync(file);
    execFileSync('touch', ['-r', file, other]);
    expect(statSync(other).size).toBe(before.size);
    execFileSync('cp', ['-p', other, file]);
    expect(statSync(file).mtimeMs).toBe(before.mtimeMs);
    await until(() => finished(w.lines).length === 2, 60_000, w.lines);
    // Only its details change (ctime): hashed, the same bytes, not taken again.
    chmodSync(file, 0o640);
    await until(
      () => w.lines.some((l) => l.includes('changed its details but not its bytes')),
      60_000,
      w.lines,
    );
    expect(await stop(w)).toBe(0);
    const jobs = history(home);
    expect(jobs).toHaveLength(2);
    expect(jobs[1]!.source.sha256).not.toBe(jobs[0]!.source.sha256);
    expect(jobs[1]!.supersedes).toBe(jobs[0]!.id);
  }, 90_000);

  it('says at once when the folder is removed, takes files at once when it is back, and exits 2 when it stays away', async () => {
    const { home, inbox } = setup('gone');
    const w = service(home, watchArgs(inbox, '--missing-grace', '3s'));
    await until(() => w.lines.some((l) => l.includes('watching')), 60_000, w.lines);
    renameSync(inbox, `${inbox}-renamed`);
    await until(
      () => w.lines.some((l) => l.includes(`the watched folder ${inbox} is gone`)),
      60_000,
      w.lines,
    );
    // Recreated: watched again, and a file in it is taken without waiting for a rescan.
    mkdirSync(inbox);
    await until(() => w.lines.some((l) => l.includes(`${inbox} is back`)), 60_000, w.lines);
    writeFileSync(join(inbox, 'lab.csv'), lab);
    await until(() => finished(w.lines).length === 1, 60_000, w.lines);
    // Removed for good: the service ends with exit code 2 for systemd to restart it.
    rmSync(inbox, { recursive: true });
    const end = await w.exited;
    expect(end.code).toBe(2);
    expect(w.lines.some((l) => l.includes('did not come back'))).toBe(true);
  }, 90_000);

  it('never follows symbolic links in --recursive: one job for one file despite two loops', async () => {
    const { home, inbox } = setup('loops');
    mkdirSync(join(inbox, 'a', 'b'), { recursive: true });
    writeFileSync(join(inbox, 'a', 'b', 'lab.csv'), lab);
    symlinkSync('..', join(inbox, 'a', 'b', 'up'));
    symlinkSync(inbox, join(inbox, 'a', 'root'));
    // And a link out of the tree, to a file elsewhere.
    writeFileSync(join(dir, 'outside.csv'), variant(lab, 'out'));
    symlinkSync(join(dir, 'outside.csv'), join(inbox, 'outside.csv'));
    const w = service(home, watchArgs(inbox, '--recursive'));
    await until(() => finished(w.lines).length >= 1, 60_000, w.lines);
    await sleep(3000);
    expect(await stop(w)).toBe(0);
    expect(history(home).map((j) => j.source.path)).toEqual([join(inbox, 'a', 'b', 'lab.csv')]);
  }, 90_000);

  it('ignores system files, keeps native watching for an unreadable file, and writes one line per event', async () => {
    // Root reads any file whatever its mode: the service runs as `nobody` (setpriv).
    const { home, inbox } = setup('nobody');
    mkdirSync(home);
    for (const d of [home, inbox]) chownSync(d, 65534, 65534);
    // Two files `nobody` may not read: one of mode 000, one only its owner (root) may read,
    // which native watching cannot watch (EACCES).
    const locked = join(inbox, 'locked.csv');
    writeFileSync(locked, variant(lab, 'locked'));
    chmodSync(locked, 0o000);
    const owned = join(inbox, 'owned.csv');
    writeFileSync(owned, variant(lab, 'owned'));
    chmodSync(owned, 0o600);
    for (const n of ['Thumbs.db', 'desktop.ini', '.DS_Store', 'ehthumbs.db'])
      writeFileSync(join(inbox, n), 'system');
    const w = service(home, watchArgs(inbox), {
      wrap: ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', '--'],
      env: { HOME: home },
    });
    await until(() => w.lines.some((l) => l.includes('watching')), 60_000, w.lines);
    const unreadable = (f: string) =>
      w.lines.some((l) => l.includes(`${JSON.stringify(f)} cannot be read (no permission)`));
    await until(() => unreadable(locked) && unreadable(owned));
    // A newline in a name must not make a line of its own in the log.
    writeFileSync(join(inbox, 'lab\nfake 00:00 line.csv'), lab);
    await until(() => finished(w.lines).length === 1, 60_000, w.lines);
    chmodSync(locked, 0o644);
    chmodSync(owned, 0o644);
    await until(() => finished(w.lines).length === 3, 60_000, w.lines);
    expect(await stop(w)).toBe(0);
    expect(w.lines.some((l) => l.includes('polling instead'))).toBe(false);
    for (const l of w.lines) expect(l).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(w.lines.some((l) => l.includes('"lab\\nfake 00:00 line.csv"'))).toBe(true);
    const names = history(home)
      .map((j) => j.source.name)
      .sort();
    expect(names).toEqual(['lab\nfake 00:00 line.csv', 'locked.csv', 'owned.csv']);
  }, 90_000);
});
