/** File names as coordinators make them: long, accented, with a newline; one name everywhere. */
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { courier, sampleTable } from '../helpers/cli';
import { tempDir } from '../helpers/env';

let dir: string;
let cleanup: () => void;
let lab: string;

beforeAll(async () => {
  ({ dir, cleanup } = tempDir('courier-names-'));
  lab = await sampleTable(join(dir, 'sample'), 'laboratory', 20, 5);
});
afterAll(() => cleanup());

function filesUnder(root: string, ext: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith(ext))
    .map((e) => e.name);
}

describe('odd file names', () => {
  it('ingests and sends a 247-byte accented name under one short name, here and on the NAS', () => {
    const home = join(dir, 'home-long');
    const nas = join(dir, 'nas-long');
    mkdirSync(nas);
    const name = `${'é'.repeat(120)}lab.csv`;
    expect(Buffer.byteLength(name)).toBe(247);
    const file = join(dir, name);
    copyFileSync(lab, file);
    const r = courier(
      home,
      'ingest',
      '--cohort',
      'Cohorte médicale de Montréal',
      '--year',
      '2025',
      '--out',
      join(dir, 'out-long'),
      '--push',
      '--dest',
      nas,
      file,
    );
    expect(r.stderr).not.toMatch(/ENAMETOOLONG/);
    expect(r.code).toBe(0);
    const local = filesUnder(join(home, 'artifacts'), '.duckdb');
    const out = filesUnder(join(dir, 'out-long'), '.duckdb');
    const sent = filesUnder(join(nas, 'cohorte-medicale-de-montreal'), '.duckdb');
    expect(local).toHaveLength(1);
    expect(local[0]!.length).toBeLessThanOrEqual(48 + 13 + 7);
    expect(out).toEqual(local);
    expect(sent).toEqual(local);
  });

  it('prints a name with a newline on one line, escaped', () => {
    const home = join(dir, 'home-newline');
    const file = join(dir, 'lab\nPASS fake.csv');
    copyFileSync(lab, file);
    const r = courier(home, 'precheck', '--table', 'laboratory', file);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('lab\\nPASS fake.csv');
    expect(r.stderr.split('\n').some((l) => l.startsWith('PASS fake.csv'))).toBe(false);
    expect(basename(file)).toContain('\n');
  });
});
