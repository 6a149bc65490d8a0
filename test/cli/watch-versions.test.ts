/**
 * A new file at a watched path is a new version (issue 15 item 2): a writer that pauses longer
 * than the stability window, and a corrected export saved under the same name, through real
 * `courier watch` services. Only the current version counts and is sent; the manifest says
 * which artifact it supersedes.
 */
import { appendFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src-main/shared/report';
import { courier, history, service, stop, until } from '../helpers/courierProcess';
import { tempDir } from '../helpers/env';
import { dataRows, labText, variant } from '../helpers/labFiles';

let dir: string;
let cleanup: () => void;
let lab: string;
beforeAll(async () => {
  ({ dir, cleanup } = tempDir('courier-versions-'));
  lab = await labText(dir, 60);
});
afterAll(() => cleanup());

const SUBMISSION = ['--cohort', 'UW - Seattle', '--year', '2025'];

function manifests(nas: string): Record<string, unknown>[] {
  const folder = join(nas, 'uw-seattle', '2025', 'laboratory');
  return readdirSync(folder)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(join(folder, f), 'utf8')) as Record<string, unknown>);
}

function labStatus(home: string): { files: number; rows: number | null; status: string } {
  const r = courier(home, 'status', '--json', ...SUBMISSION);
  const board = JSON.parse(r.stdout) as {
    tables: { table: string; files: number; rows: number | null; status: string }[];
  };
  return board.tables.find((t) => t.table === 'laboratory')!;
}

function report(home: string, id: string): Report {
  const folder = join(home, 'artifacts', id);
  const file = readdirSync(folder).find((f) => f.endsWith('.report.json'))!;
  return JSON.parse(readFileSync(join(folder, file), 'utf8')) as Report;
}

describe('versions of a watched file', () => {
  it('a writer that pauses: the first part is not sent, the whole file replaces it', async () => {
    const home = join(dir, 'home-pause');
    const inbox = join(dir, 'inbox-pause');
    const nas = join(dir, 'nas-pause');
    mkdirSync(inbox);
    mkdirSync(nas);
    const w = service(home, [
      'watch',
      inbox,
      '--push',
      '--dest',
      nas,
      '--stable',
      '300ms',
      '--grace',
      '8s',
      ...SUBMISSION,
    ]);
    await until(() => w.lines.some((l) => l.includes('watching')));
    const file = join(inbox, 'lab.csv');
    const lines = lab.split('\n');
    const half = lines.slice(0, 31).join('\n') + '\n';
    writeFileSync(file, half);
    // The first part is taken and ready; its push waits out the grace period.
    await until(() => w.lines.some((l) => / ready: sent at /.test(l)));
    appendFileSync(file, lab.slice(half.length));
    await until(() => w.lines.some((l) => / pushed: sent to /.test(l)));
    await until(() => w.lines.some((l) => / not sent: a newer version of "lab.csv"/.test(l)));
    expect(await stop(w)).toBe(0);

    const jobs = history(home);
    expect(jobs.map((j) => j.stage)).toEqual(['ready', 'pushed']);
    const [first, whole] = jobs as [(typeof jobs)[0], (typeof jobs)[0]];
    expect(whole.supersedes).toBe(first.id);
    expect(first.supersededBy).toBe(whole.id);
    const sent = manifests(nas);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.rows).toBe(dataRows(lab));
    expect(sent[0]!.supersedes).toMatch(/^lab-[0-9a-f]{12}\.duckdb$/);
    const notice = report(home, whole.id).issues.find((i) => i.code === 'possible-new-version');
    expect(notice?.message).toContain('The earlier file was incomplete');
    expect(labStatus(home)).toMatchObject({ files: 1, rows: dataRows(lab), status: 'sent' });
  }, 120_000);

  it('a corrected export under the same name replaces the sent one, in every table', async () => {
    const home = join(dir, 'home-fix');
    const inbox = join(dir, 'inbox-fix');
    const nas = join(dir, 'nas-fix');
    mkdirSync(inbox);
    mkdirSync(nas);
    const w = service(home, [
      'watch',
      inbox,
      '--push',
      '--dest',
      nas,
      '--stable',
      '300ms',
      '--grace',
      '300ms',
      '--move-finished',
      ...SUBMISSION,
    ]);
    await until(() => w.lines.some((l) => l.includes('watching')));
    writeFileSync(join(inbox, 'lab.csv'), lab);
    await until(() => w.lines.some((l) => l.includes('moved "lab.csv"')));
    // Corrected: its first row dropped and another added, so other bytes of another size (the
    // notice no longer needs the same size), not a continuation of the first file.
    const [header, , ...rest] = lab.split('\n');
    const corrected = variant([header, ...rest].join('\n'), 'fix');
    writeFileSync(join(inbox, 'lab.csv'), corrected);
    await until(() => w.lines.filter((l) => l.includes('moved "lab.csv"')).length === 2);
    await until(() => w.lines.filter((l) => / pushed: sent to /.test(l)).length === 2);
    expect(await stop(w)).toBe(0);

    expect(readdirSync(join(inbox, 'done')).sort()).toEqual(['lab (2).csv', 'lab.csv']);
    const [first, second] = history(home);
    expect(second!.supersedes).toBe(first!.id);
    const sent = manifests(nas);
    expect(sent).toHaveLength(2);
    const bySource = (sha: string | null) =>
      sent.find((m) => (m.source as { sha256: string }).sha256 === sha)!;
    const newer = bySource(second!.source.sha256);
    const older = bySource(first!.source.sha256);
    expect(newer.supersedes).not.toBeNull();
    expect(newer.supersedes).toBe((older.artifact as { file: string }).file);
    const notice = report(home, second!.id).issues.find((i) => i.code === 'possible-new-version');
    expect(notice?.message).toContain('replaces "lab.csv"');
    expect(notice?.message).not.toContain('incomplete');
    expect(labStatus(home)).toMatchObject({ files: 1, rows: dataRows(corrected) });
    expect(second!.source.bytes).not.toBe(first!.source.bytes);
  }, 120_000);
});
