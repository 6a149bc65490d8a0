/**
 * `courier fix` end to end through the real command: a new job from the artifact, the whole
 * precheck again (no issue of the fixed kinds left on those lines), `_fixes` holding exactly
 * the changed cells with their originals, every source cell rebuilt from the fixed artifact
 * plus `_fixes`, the source file untouched, the unfixed job superseded (only the fixed one is
 * sent), the manifest on the NAS (a real folder) listing the fixes, and `courier unfix`.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src-main/shared/report';
import { openHome } from '../../src-main/core/home';
import { courier } from '../helpers/cli';
import { listFiles, readTable, tempDir } from '../helpers/env';
import {
  PATIENT_COLUMNS,
  patientIds,
  patientRow,
  sasDate,
  writeExport,
} from '../helpers/toolExports';

let dir: string;
let cleanup: () => void;
beforeAll(() => {
  ({ dir, cleanup } = tempDir('courier-fixcli-'));
});
afterAll(() => cleanup());

const COLUMNS = [...PATIENT_COLUMNS, 'note'];
const ids = patientIds(12);
const day = (i: number): string => `2010-0${(i % 9) + 1}-1${i % 10}`;

/** A SAS-like patient export: DATE9 dates, an NA, a lower-case race, a local code, an extra column. */
function writePatients(path: string): number[] {
  const e = writeExport(
    COLUMNS,
    ids.map((id, i) =>
      patientRow(id, {
        enrollDate: i % 2 === 0 ? sasDate(day(i)) : '2010-01-01',
        deathDate: i === 3 ? 'NA' : null,
        race: i === 5 ? 'white' : 'White',
        hispanic: i === 7 ? 'H1' : 'No',
        note: i === 9 ? 'seen twice' : null,
      }),
    ),
    { delimiter: ',', eol: '\n', missing: '' },
  );
  writeFileSync(path, e.text);
  return e.lines;
}

const sha = (p: string): string => createHash('sha256').update(readFileSync(p)).digest('hex');
const json = (out: string): Report => JSON.parse(out.trim().split('\n').at(-1)!) as Report;
const history = (home: string): Record<string, any>[] =>
  courier(home, 'history', '--json')
    .stdout.trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, any>);

describe('courier fix', () => {
  it('makes a new job from the artifact, records every changed cell, and sends only it', async () => {
    const home = join(dir, 'home');
    const src = join(dir, 'patient.csv');
    const lines = writePatients(src);
    const map = join(dir, 'hispanic.csv');
    writeFileSync(map, 'from,to\nH1,Yes\nH0,No\n');
    const srcSha = sha(src);
    const sub = ['--cohort', 'UW - Seattle', '--year', '2025'];

    const ing = courier(home, 'ingest', '--json', '--table', 'patient', ...sub, src);
    const before = json(ing.stdout);
    expect(before.job, ing.stderr).toMatch(/^\d{14}-[0-9a-f]{8}$/);
    const codes = before.issues.map((i) => `${i.code} ${i.column}`);
    expect(codes).toEqual(
      expect.arrayContaining([
        'date-pattern enrollDate',
        'missing-code deathDate',
        'case-mismatch race',
      ]),
    );
    const proposals = before.issues.filter((i) => i.fix).map((i) => `${i.fix!.rule}:${i.column}`);
    expect(proposals).toEqual(
      expect.arrayContaining([
        'iso-date:enrollDate',
        'missing-to-empty:deathDate',
        'case-to-documented:race',
      ]),
    );

    // A column the file lacks, an unknown rule: usage errors, and no job recorded.
    expect(courier(home, 'fix', before.job!, '--apply', 'trim:nope').code).toBe(2);
    expect(courier(home, 'fix', before.job!, '--apply', 'shout:race').code).toBe(2);
    expect(courier(home, 'fix', before.job!).code).toBe(2);
    expect(history(home)).toHaveLength(1);

    const fx = courier(
      home,
      'fix',
      before.job!,
      '--json',
      '--apply',
      'iso-date:enrollDate',
      '--apply',
      'missing-to-empty:deathDate',
      '--apply',
      'case-to-documented:race',
      '--map',
      `hispanic=${map}`,
      '--apply',
      'drop-column:note',
    );
    const after = json(fx.stdout);
    expect(after.job).toMatch(/^\d{14}-[0-9a-f]{8}$/);
    expect(after.job).not.toBe(before.job);
    expect(after.fixedFrom?.job).toBe(before.job);
    expect(after.fixes).toEqual([
      { rule: 'iso-date', column: 'enrollDate', params: { from: 'DDMONYYYY' }, cells: 6 },
      { rule: 'missing-to-empty', column: 'deathDate', params: { codes: ['NA'] }, cells: 1 },
      { rule: 'case-to-documented', column: 'race', params: {}, cells: 1 },
      { rule: 'drop-column', column: 'note', params: {}, cells: 1 },
      {
        rule: 'map-values',
        column: 'hispanic',
        params: { map: { H1: 'Yes', H0: 'No' } },
        cells: 1,
      },
    ]);
    // The whole precheck ran again: none of the fixed kinds is left on those columns.
    const left = after.issues.map((i) => `${i.code} ${i.column}`);
    for (const gone of [
      'date-pattern enrollDate',
      'date-format enrollDate',
      'missing-code deathDate',
      'case-mismatch race',
      'invalid-value hispanic',
      'extra-column note',
    ])
      expect(left).not.toContain(gone);
    expect(after.status).not.toBe('fail');
    expect(after.file.sha256).toBe(srcSha);
    expect(sha(src)).toBe(srcSha);

    const jobs = history(home);
    expect(jobs.find((j) => j.id === after.job)!.supersedes).toBe(before.job);
    expect(jobs.find((j) => j.id === before.job)!.supersededBy).toBe(after.job);
    const ledger = openHome(home).ledger;
    const fixed = ledger.job(after.job!)!;
    const unfixed = ledger.job(before.job!)!;
    expect(fixed.meta!.fixedFrom).toBe(unfixed.artifact!.sha256);
    expect(fixed.meta!.fixes).toEqual(after.fixes);
    const db = fixed.artifact!.path;

    // _fixes: exactly the changed cells, each with its original.
    const f = await readTable(db, 'SELECT * FROM _fixes ORDER BY _line, "column"');
    expect(f).toEqual(
      [
        ...[0, 2, 4, 6, 8, 10].map((i) => ({
          _line: lines[i],
          column: 'enrollDate',
          original: sasDate(day(i)),
          fixed: day(i),
          rule: 'iso-date',
        })),
        {
          _line: lines[3],
          column: 'deathDate',
          original: 'NA',
          fixed: '',
          rule: 'missing-to-empty',
        },
        {
          _line: lines[5],
          column: 'race',
          original: 'white',
          fixed: 'White',
          rule: 'case-to-documented',
        },
        { _line: lines[7], column: 'hispanic', original: 'H1', fixed: 'Yes', rule: 'map-values' },
        {
          _line: lines[9],
          column: 'note',
          original: 'seen twice',
          fixed: null,
          rule: 'drop-column',
        },
      ].sort((a, b) => a._line! - b._line! || a.column.localeCompare(b.column)),
    );
    const meta = await readTable(
      db,
      "SELECT key, value FROM _meta WHERE key IN ('fixes', 'fixedFrom') ORDER BY key",
    );
    // _meta keeps text as it is and everything else as JSON.
    const value = (v: unknown): unknown => (/^[[{]/.test(String(v)) ? JSON.parse(String(v)) : v);
    expect(meta.map((r) => [r.key, value(r.value)])).toEqual([
      ['fixedFrom', unfixed.artifact!.sha256],
      ['fixes', after.fixes],
    ]);

    // Lossless: every source cell from the fixed artifact plus _fixes.
    const cols = (await readTable(db, 'DESCRIBE data')).map((c) => String(c.column_name));
    const data = await readTable(
      db,
      `SELECT ${cols.map((c) => `"${c}"::VARCHAR AS "${c}"`).join(', ')} FROM data`,
    );
    const invalid = await readTable(db, 'SELECT * FROM _invalid_cells');
    const cell = (line: number, column: string): string => {
      const fix = f.find((x) => x._line === line && x.column === column);
      if (fix) return String(fix.original);
      const bad = invalid.find((x) => x._line === line && x.column === column);
      if (bad) return String(bad.raw);
      const v = data.find((x) => x._line === String(line))![column];
      return v === null || v === undefined ? '' : String(v);
    };
    const rows = readFileSync(src, 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => l.split(','));
    let checked = 0;
    rows.slice(1).forEach((fields, i) =>
      rows[0]!.forEach((column, k) => {
        expect(cell(i + 2, column), `line ${i + 2} ${column}`).toBe(fields[k] ?? '');
        checked++;
      }),
    );
    expect(checked).toBe(ids.length * COLUMNS.length);

    // Undo: the unfixed job counts again; fixing it again makes a third job.
    const undo = courier(home, 'unfix', after.job!);
    expect(undo.code, undo.stderr).toBe(0);
    expect(undo.stderr).toContain(`job ${before.job} counts again`);
    expect(history(home).find((j) => j.id === after.job)!.stage).toBe('cancelled');
    expect(courier(home, 'unfix', after.job!).code).toBe(2);
    const again = json(
      courier(
        home,
        'fix',
        before.job!,
        '--json',
        '--all',
        '--map',
        `hispanic=${map}`,
        '--apply',
        'drop-column:note',
      ).stdout,
    );
    expect(again.status).not.toBe('fail');
    expect(again.fixes!.map((x) => `${x.rule}:${x.column}`)).toEqual(
      expect.arrayContaining(['iso-date:enrollDate', 'missing-to-empty:deathDate']),
    );
    // The unfixed job, replaced, cannot be fixed again; the fixed one can.
    expect(courier(home, 'fix', before.job!, '--all').stderr).toContain(
      `replaced by job ${again.job}`,
    );

    // Sent: only the current, fixed job; its manifest on the NAS lists the fixes.
    const nas = join(dir, 'nas');
    mkdirSync(nas);
    const push = courier(home, 'push', '--dest', nas);
    expect(push.code, push.stderr).toBe(0);
    const sent = listFiles(nas).filter((p) => !p.startsWith('.'));
    const manifests = sent.filter((p) => p.endsWith('.json'));
    expect(manifests).toHaveLength(1);
    expect(sent.filter((p) => p.endsWith('.duckdb'))).toHaveLength(1);
    expect(manifests[0]).toMatch(/-fix-[0-9a-f]{8}\.json$/);
    const m = JSON.parse(readFileSync(join(nas, manifests[0]!), 'utf8')) as Record<string, any>;
    expect(m.fixes).toEqual(again.fixes);
    expect(m.fixedFrom).toBe(unfixed.artifact!.sha256);
    expect(m.supersedes).toMatch(/\.duckdb$/);
    expect(JSON.stringify(m)).not.toContain('seen twice');
    const state = history(home);
    expect(state.find((j) => j.id === again.job)!.stage).toBe('pushed');
    expect(state.find((j) => j.id === before.job)!.stage).not.toBe('pushed');
    // Sent already: Courier never removes it from the NAS, so it cannot be undone.
    expect(courier(home, 'unfix', again.job!).stderr).toContain('sent already');
    expect(sha(src)).toBe(srcSha);
  }, 300_000); // a dozen courier processes, each converting a file
});
