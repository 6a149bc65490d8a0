import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CourierService, ExportTarget } from '../../../src-main/core/service';
import { exportReport } from '../../../src-main/core/service';
import { tempDir } from '../../helpers/env';
import { openService, sampleFiles } from './helpers';

let dir: string;
let cleanup: () => void;
let service: CourierService;
let files: { patient: string; laboratory: string };

beforeAll(async () => {
  ({ dir, cleanup } = tempDir('courier-lines-'));
  files = await sampleFiles(join(dir, 'data'), 120);
  service = await openService(join(dir, 'home'));
  service.settings.update({ cohort: 'UW - Seattle', protocolYear: 2025 });
  service.grant([join(dir, 'data')]);
});
afterAll(async () => {
  await service.close();
  cleanup();
});

const saveTo =
  (path: string): ExportTarget =>
  () =>
    Promise.resolve({ path, done: (note) => ({ kind: 'saved' as const, path, note }) });

/** Checks `text` as `name`, then exports every line of its issue `code`. */
async function linesOf(
  name: string,
  text: string,
  code: string,
): Promise<{ lines: number[]; note: string | null }> {
  const path = join(dir, 'data', name);
  writeFileSync(path, text);
  await service.addPaths([path]);
  await service.idle();
  const job = service.history(name, 0, 1).items[0]!;
  const issues = await service.issues(job.id, 0, 100);
  const issue = issues.items.find((i) => i.code === code);
  if (!issue)
    throw new Error(`no ${code} issue in ${JSON.stringify(issues.items.map((i) => i.code))}`);
  const out = join(dir, `${name}.${code}.csv`);
  const r = await exportReport(
    service,
    { id: job.id, kind: 'issue-lines', issue: issue.index },
    saveTo(out),
  );
  const rows = readFileSync(out, 'utf8').trimEnd().split('\n').slice(1);
  return {
    lines: rows.map((r) => Number(r.split(',')[0])),
    note: r.kind === 'saved' ? r.note : null,
  };
}

function labLines(): string[] {
  return readFileSync(files.laboratory, 'utf8').trimEnd().split('\n');
}

describe('every affected line of an issue', () => {
  it('finds ragged rows by reading the source again', async () => {
    const lines = labLines();
    const ragged: number[] = [];
    for (let i = 1; i <= 60; i++) {
      lines[i] += ',extra';
      ragged.push(i + 1);
    }
    const r = await linesOf('ragged.csv', lines.join('\n') + '\n', 'ragged-row');
    expect(r).toEqual({ lines: ragged, note: null });
  });

  it('finds them in _rejected_rows once the source is gone', async () => {
    const lines = labLines();
    for (let i = 1; i <= 55; i++) lines[i] += ',extra';
    const path = join(dir, 'data', 'gone.csv');
    writeFileSync(path, lines.join('\n') + '\n');
    await service.addPaths([path]);
    await service.idle();
    rmSync(path);
    const job = service.history('gone.csv', 0, 1).items[0]!;
    const issue = (await service.issues(job.id, 0, 100)).items.find(
      (i) => i.code === 'ragged-row',
    )!;
    const out = join(dir, 'gone-lines.csv');
    await exportReport(
      service,
      { id: job.id, kind: 'issue-lines', issue: issue.index },
      saveTo(out),
    );
    expect(readFileSync(out, 'utf8').trimEnd().split('\n')).toHaveLength(56);
  });

  it('finds blank lines between records', async () => {
    const lines = labLines();
    const out: string[] = [lines[0]!];
    const blanks: number[] = [];
    for (let i = 1; i < lines.length; i++) {
      out.push(lines[i]!);
      if (i <= 60) {
        out.push('');
        blanks.push(out.length);
      }
    }
    const r = await linesOf('blanks.csv', out.join('\n') + '\n', 'blank-row');
    expect(r.lines).toEqual(blanks);
  });

  it('finds unknown patient IDs against the submission’s patient table', async () => {
    await service.addPaths([files.patient]);
    await service.idle();
    const lines = labLines();
    const unknown: number[] = [];
    for (let i = 1; i <= 58; i++) {
      lines[i] = lines[i]!.replace(/^[^,]*/, `ZZ${i}`);
      unknown.push(i + 1);
    }
    const r = await linesOf('unknown.csv', lines.join('\n') + '\n', 'unknown-patient-id');
    expect(r.lines).toEqual(unknown);
  });

  it('finds required values missing, from the raw text rebuilt out of the artifact', async () => {
    const lines = labLines();
    const header = lines[0]!.split(',');
    const at = header.indexOf('testName');
    const missing: number[] = [];
    for (let i = 1; i <= 57; i++) {
      const cells = lines[i]!.split(',');
      cells[at] = '';
      lines[i] = cells.join(',');
      missing.push(i + 1);
    }
    const r = await linesOf('required.csv', lines.join('\n') + '\n', 'required');
    expect(r.lines).toEqual(missing);
  });

  it('finds the dates of a tool’s pattern, apart from the other broken dates', async () => {
    const lines = labLines();
    const at = lines[0]!.split(',').indexOf('resultDate');
    const sas: number[] = [];
    for (let i = 1; i <= 56; i++) {
      const cells = lines[i]!.split(',');
      const [y, m, d] = cells[at]!.split('-');
      const mon = [
        'JAN',
        'FEB',
        'MAR',
        'APR',
        'MAY',
        'JUN',
        'JUL',
        'AUG',
        'SEP',
        'OCT',
        'NOV',
        'DEC',
      ];
      cells[at] = i % 7 === 0 ? '2021-13-45' : `${d}${mon[Number(m) - 1]}${y}`;
      lines[i] = cells.join(',');
      if (i % 7 !== 0) sas.push(i + 1);
    }
    const r = await linesOf('sas-dates.csv', lines.join('\n') + '\n', 'date-pattern');
    expect(r).toEqual({ lines: sas, note: null });
  });

  it('finds IDs whose zeros were lost, and leaves them out of the unknown IDs', async () => {
    await service.addPaths([files.patient]);
    await service.idle();
    const lines = labLines();
    const zeros: number[] = [];
    const unknown: number[] = [];
    for (let i = 1; i <= 110; i++) {
      if (i % 2) {
        lines[i] = lines[i]!.replace(/^P0*/, '');
        zeros.push(i + 1);
      } else {
        lines[i] = lines[i]!.replace(/^[^,]*/, `Q${i}`);
        unknown.push(i + 1);
      }
    }
    const text = lines.join('\n') + '\n';
    expect(await linesOf('zeros.csv', text, 'id-leading-zeros-lost')).toEqual({
      lines: zeros,
      note: null,
    });
    // Other bytes (a trailing newline), so that it is not skipped as a duplicate.
    expect((await linesOf('zeros2.csv', `${text}\n`, 'unknown-patient-id')).lines).toEqual(unknown);
  });

  it('finds missing-value codes', async () => {
    const lines = labLines();
    const at = lines[0]!.split(',').indexOf('units');
    const coded: number[] = [];
    for (let i = 1; i <= 54; i++) {
      const cells = lines[i]!.split(',');
      cells[at] = i % 2 ? 'NA' : '.';
      lines[i] = cells.join(',');
      coded.push(i + 1);
    }
    const r = await linesOf('codes.csv', lines.join('\n') + '\n', 'missing-code');
    expect(r.lines).toEqual(coded);
  });

  it('finds a broken header at line 1 with the broken rows, and skips a sep= line', async () => {
    const lines = labLines();
    const stray: number[] = [1];
    lines[0] = lines[0]!.replace('units', '"units"x');
    for (let i = 1; i <= 52; i++) {
      lines[i] += '"q';
      stray.push(i + 1);
    }
    const r = await linesOf('header-quote.csv', lines.join('\n') + '\n', 'stray-quote');
    expect(r.lines).toEqual(stray);

    const sep = labLines();
    const ragged: number[] = [];
    for (let i = 1; i <= 53; i++) {
      sep[i] += ',extra';
      ragged.push(i + 2);
    }
    const s = await linesOf('sep-ragged.csv', `sep=,\n${sep.join('\n')}\n`, 'ragged-row');
    expect(s).toEqual({ lines: ragged, note: null });
  });
});
