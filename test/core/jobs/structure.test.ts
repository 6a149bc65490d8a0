import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Issue, Report } from '../../../src-main/shared/report';
import { parseCsv } from '../../../src-main/core/csv/parse';
import { RecordKind } from '../../../src-main/core/csv/tokenizer';
import { ingest, readTable, tempDir } from '../../helpers/env';

let dir: string;
let cleanup: () => void;
beforeAll(() => {
  ({ dir, cleanup } = tempDir());
});
afterAll(() => cleanup());

function issue(report: Report | null, code: string): Issue | undefined {
  return report?.issues.find((i) => i.code === code);
}

function expectInvariant(report: Report | null): void {
  expect(report).not.toBeNull();
  expect(report!.rows).toBe(report!.rowsStored + report!.rowsRejected);
}

/** Every cell of the source, as parsed independently, equals the artifact's (`--table any`). */
async function expectLossless(path: string, source: string, artifact: string): Promise<void> {
  const parsed = parseCsv(source.replace(/^\uFEFF/, ''));
  const data = await readTable(artifact, 'SELECT * FROM data ORDER BY _line');
  const rejected = await readTable(artifact, 'SELECT * FROM _rejected_rows ORDER BY _line');
  const good = parsed.records.filter((r) => r.kind === RecordKind.good);
  const bad = parsed.records.filter(
    (r) => r.kind !== RecordKind.good && r.kind !== RecordKind.blank,
  );
  expect(data.length).toBe(good.length);
  expect(rejected.map((r) => r._line)).toEqual(bad.map((r) => r.line));
  const header = parsed.header!;
  good.forEach((rec, k) => {
    const row = data[k]!;
    expect(row._line).toBe(rec.line);
    header.forEach((_h, i) => {
      const col = Object.keys(row)[i]!;
      const want = rec.values![i] ?? '';
      expect(row[col] ?? '', `${path} line ${rec.line} column ${col}`).toBe(want);
    });
  });
}

describe('structure and encoding, end to end through the workers and DuckDB', () => {
  it('keeps IDs as text and stores every cell verbatim', async () => {
    const src = 'cohortPatientId,note\n0042,"a, b"\n007,"say ""hi"""\n00123,\n';
    const r = await ingest(dir, 'ids.csv', src, { table: 'any' });
    expect(r.stage).toBe('ready');
    expectInvariant(r.report);
    await expectLossless('ids.csv', src, r.artifact!.path);
    const data = await readTable(
      r.artifact!.path,
      'SELECT cohortPatientId FROM data ORDER BY _line',
    );
    expect(data.map((d) => d.cohortPatientId)).toEqual(['0042', '007', '00123']);
  });

  it('numbers lines right after quoted newlines (normalizing path)', async () => {
    const src = 'a,b\n1,"two\nlines"\n2,x\n3,"three\r\nline\nfield"\n4,y\n';
    const r = await ingest(dir, 'qnl.csv', src, { table: 'any' });
    expectInvariant(r.report);
    const data = await readTable(r.artifact!.path, 'SELECT a, _line FROM data ORDER BY _line');
    expect(data).toEqual([
      { a: '1', _line: 2 },
      { a: '2', _line: 4 },
      { a: '3', _line: 5 },
      { a: '4', _line: 8 },
    ]);
    await expectLossless('qnl.csv', src, r.artifact!.path);
  });

  it('reports ragged rows, unclosed and stray quotes at their lines and keeps them verbatim', async () => {
    const src = [
      'id,name,value',
      '1,ok,10',
      '2,too,many,fields',
      '3,"open quote,30',
      '4,fine,40',
      '5,bad"quote,50',
      '6,"closed"tail,60',
      '7,short',
      '8,last,80',
      '',
    ].join('\n');
    const r = await ingest(dir, 'broken.csv', src, { table: 'any' });
    const rep = r.report!;
    expectInvariant(rep);
    expect(rep.rows).toBe(8);
    expect(rep.rowsRejected).toBe(5);
    expect(issue(rep, 'ragged-row')?.lines).toEqual([3, 8]);
    expect(issue(rep, 'unclosed-quote')?.lines).toEqual([4]);
    expect(issue(rep, 'stray-quote')?.lines).toEqual([6, 7]);
    expect(rep.status).toBe('fail');
    expect(r.stage).toBe('blocked');
    const rejected = await readTable(
      r.artifact!.path,
      'SELECT * FROM _rejected_rows ORDER BY _line',
    );
    expect(rejected).toEqual([
      { _line: 3, raw: '2,too,many,fields' },
      { _line: 4, raw: '3,"open quote,30' },
      { _line: 6, raw: '5,bad"quote,50' },
      { _line: 7, raw: '6,"closed"tail,60' },
      { _line: 8, raw: '7,short' },
    ]);
    const data = await readTable(r.artifact!.path, 'SELECT id, _line FROM data ORDER BY _line');
    expect(data).toEqual([
      { id: '1', _line: 2 },
      { id: '4', _line: 5 },
      { id: '8', _line: 9 },
    ]);
  });

  it('an unclosed quote near the top does not swallow the rest of the file', async () => {
    const rows = Array.from({ length: 200 }, (_, i) => `${i + 3},row${i}`);
    const src = ['id,v', '1,"never closed', ...rows, ''].join('\n');
    const r = await ingest(dir, 'swallow.csv', src, { table: 'any' });
    expectInvariant(r.report);
    expect(r.report!.rowsStored).toBe(200);
    expect(issue(r.report, 'unclosed-quote')?.lines).toEqual([2]);
  });

  it('handles a BOM, CRLF line ends and blank rows', async () => {
    const src = '\uFEFFa,b\r\n1,2\r\n\r\n3,4\r\n';
    const r = await ingest(dir, 'bom.csv', src, { table: 'any' });
    const rep = r.report!;
    expectInvariant(rep);
    expect(rep.file.encoding).toBe('utf-8-bom');
    expect(rep.file.lineEnding).toBe('crlf');
    expect(issue(rep, 'bom')?.severity).toBe('info');
    expect(issue(rep, 'line-endings')?.severity).toBe('info');
    expect(issue(rep, 'blank-row')?.lines).toEqual([3]);
    const data = await readTable(r.artifact!.path, 'SELECT * FROM data ORDER BY _line');
    expect(data).toEqual([
      { a: '1', b: '2', _line: 2 },
      { a: '3', b: '4', _line: 4 },
    ]);
  });

  it('reads mixed and CR-only line endings with a warning', async () => {
    const mixed = await ingest(dir, 'mixed.csv', 'a,b\n1,2\r\n3,4\r5,6\n', { table: 'any' });
    expect(mixed.report!.file.lineEnding).toBe('mixed');
    expect(issue(mixed.report, 'line-endings')?.severity).toBe('warning');
    expect(mixed.report!.rowsStored).toBe(3);
    const cr = await ingest(dir, 'cr.csv', 'a,b\r1,2\r3,4\r', { table: 'any' });
    expect(cr.report!.file.lineEnding).toBe('cr');
    const data = await readTable(cr.artifact!.path, 'SELECT a, _line FROM data ORDER BY _line');
    expect(data).toEqual([
      { a: '1', _line: 2 },
      { a: '3', _line: 3 },
    ]);
  });

  it('converts Windows-1252 and names it', async () => {
    // "café" and a curly apostrophe (0x92) in Windows-1252.
    const bytes = Buffer.concat([
      Buffer.from('name,note\n'),
      Buffer.from([0x63, 0x61, 0x66, 0xe9]),
      Buffer.from(',it'),
      Buffer.from([0x92]),
      Buffer.from('s\n'),
    ]);
    const r = await ingest(dir, 'cp1252.csv', bytes, { table: 'any' });
    expect(r.report!.file.encoding).toBe('windows-1252');
    expect(issue(r.report, 'encoding')?.severity).toBe('warning');
    const data = await readTable(r.artifact!.path, 'SELECT * FROM data');
    expect(data[0]).toMatchObject({ name: 'café', note: 'it’s' });
  });

  it('converts ISO-8859-1 when no Windows-only bytes occur', async () => {
    const bytes = Buffer.concat([
      Buffer.from('name\n'),
      Buffer.from([0x4a, 0x6f, 0x73, 0xe9]),
      Buffer.from('\n'),
    ]);
    const r = await ingest(dir, 'latin1.csv', bytes, { table: 'any' });
    expect(r.report!.file.encoding).toBe('iso-8859-1');
    const data = await readTable(r.artifact!.path, 'SELECT * FROM data');
    expect(data[0]).toMatchObject({ name: 'José' });
  });

  it('converts UTF-16 with and without a BOM', async () => {
    const text = 'name,city\nZoë,Montréal\n"two\nlines",x\nlast,y\n';
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const r1 = await ingest(dir, 'u16le.csv', le, { table: 'any' });
    expect(r1.report!.file.encoding).toBe('utf-16le');
    expectInvariant(r1.report);
    const d1 = await readTable(r1.artifact!.path, 'SELECT * FROM data ORDER BY _line');
    expect(d1).toEqual([
      { name: 'Zoë', city: 'Montréal', _line: 2 },
      { name: 'two\nlines', city: 'x', _line: 3 },
      { name: 'last', city: 'y', _line: 5 },
    ]);
    const be = Buffer.from(text, 'utf16le').swap16();
    const r2 = await ingest(dir, 'u16be.csv', be, { table: 'any' });
    expect(r2.report!.file.encoding).toBe('utf-16be');
    expect(r2.report!.rowsStored).toBe(3);
  });

  it('flags invalid UTF-8 in an otherwise UTF-8 file at its line', async () => {
    const bytes = Buffer.concat([
      Buffer.from('name\nZoë\nok\n'),
      Buffer.from([0x41, 0xff, 0x42]),
      Buffer.from('\n'),
    ]);
    const r = await ingest(dir, 'badutf8.csv', bytes, { table: 'any' });
    expect(r.report!.file.encoding).toBe('utf-8');
    expect(issue(r.report, 'invalid-encoding')?.lines).toEqual([4]);
    expectInvariant(r.report);
  });

  it('reports NUL bytes and control characters at their lines', async () => {
    const r = await ingest(dir, 'nul.csv', 'a,b\n1,x\u0000y\n2,ok\n3,bell\u0007\n', {
      table: 'any',
    });
    expect(issue(r.report, 'nul-byte')?.lines).toEqual([2]);
    expect(issue(r.report, 'control-char')?.lines).toEqual([4]);
    expectInvariant(r.report);
    expect(r.report!.rowsStored).toBe(3);
  });

  it('reports an empty file and accepts a header-only file', async () => {
    const empty = await ingest(dir, 'empty.csv', '', { table: 'any' });
    expect(empty.report!.issues.map((i) => i.code)).toEqual(['empty-file']);
    expect(empty.report!.rows).toBe(0);
    expect(empty.report!.status).toBe('fail');
    const headerOnly = await ingest(dir, 'header.csv', 'a,b,c\n', { table: 'any' });
    expect(headerOnly.report!.rows).toBe(0);
    expect(headerOnly.report!.status).toBe('pass');
    expect(headerOnly.stage).toBe('ready');
  });

  it('recognises an xlsx and a PNG named .csv', async () => {
    const xlsx = Buffer.concat([
      Buffer.from([0x50, 0x4b, 0x03, 0x04]),
      Buffer.alloc(26),
      Buffer.from('[Content_Types].xml xl/workbook.xml'),
    ]);
    const r1 = await ingest(dir, 'sheet.csv', xlsx, { table: 'any' });
    expect(issue(r1.report, 'not-csv')?.message).toContain('Excel workbook (.xlsx)');
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      Buffer.alloc(100, 7),
    ]);
    const r2 = await ingest(dir, 'image.csv', png, { table: 'any' });
    expect(issue(r2.report, 'not-csv')?.message).toContain('PNG image');
    expect(r2.report!.status).toBe('fail');
  });

  it('detects semicolon, tab and pipe delimiters', async () => {
    for (const [d, name] of [
      [';', 'semi'],
      ['\t', 'tab'],
      ['|', 'pipe'],
    ] as const) {
      const r = await ingest(dir, `${name}.csv`, `a${d}b${d}c\n1${d}2,5${d}3\n4${d}5${d}6\n`, {
        table: 'any',
      });
      expect(r.report!.file.delimiter).toBe(d);
      expect(issue(r.report, 'delimiter')?.severity).toBe('warning');
      const data = await readTable(r.artifact!.path, 'SELECT b FROM data ORDER BY _line');
      expect(data.map((x) => x.b)).toEqual(['2,5', '5']);
    }
  });

  it('stores a 10 MB field intact', async () => {
    const big = 'x'.repeat(10 * 1024 * 1024);
    const r = await ingest(dir, 'bigfield.csv', `id,blob\n1,${big}\n2,"${big}"\n3,small\n`, {
      table: 'any',
    });
    expectInvariant(r.report);
    const data = await readTable(
      r.artifact!.path,
      'SELECT id, length(blob) AS n, _line FROM data ORDER BY _line',
    );
    expect(data).toEqual([
      { id: '1', n: big.length, _line: 2 },
      { id: '2', n: big.length, _line: 3 },
      { id: '3', n: 5, _line: 4 },
    ]);
  });

  it('makes blank and repeated header names unique under --table any, and reports them', async () => {
    const r = await ingest(dir, 'hdr.csv', 'a,,A,b\n1,2,3,4\n', { table: 'any' });
    expect(r.report!.columns.map((c) => c.name)).toEqual(['a', 'column_2', 'A_2', 'b']);
    expect(issue(r.report, 'blank-header')).toBeDefined();
    expect(issue(r.report, 'duplicate-header')?.examples).toEqual(['A']);
  });

  it('reports a NUL byte in a header name as a control character on line 1', async () => {
    const r = await ingest(dir, 'nul-header.csv', 'a,b\u0000c,d\n1,2,3\n', { table: 'any' });
    const c = issue(r.report, 'control-char');
    expect(c).toMatchObject({ lines: [1], count: 1 });
    expect(c!.examples[0]).toMatch(/^column 2 /);
    expect(c!.message).toMatch(/header \(line 1\)/);
    expectInvariant(r.report);
  });

  it('leaves no staging files behind', async () => {
    const staging = join(dir, 'home', 'workspace', 'staging');
    expect(readdirSync(staging)).toEqual([]);
  });
});
