import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runJob } from '../../src-main/core/jobs/runJob';
import { definitions, tempDir } from '../helpers/env';

/**
 * A corpus of bad and strange files, built here. For each: the right issue codes, no crash,
 * no hang (every job is bounded by the test timeout), and rows == rowsStored + rowsRejected.
 */
interface Case {
  name: string;
  content: () => string | Uint8Array;
  /** --table to use; default `any`. */
  table?: string | null;
  /** Codes that must be reported. */
  codes: string[];
  /** The job ends failed (not CSV, unreadable) rather than with a report of the data. */
  stage?: string;
}

const PATIENT =
  'cohortPatientId,birthSex,presentSex,birthYear,race,hispanic,enrollDate,lastActivityDate,deathDate,deathDateSource,subSiteID,hivNegative,BirthCountry,transgendered,LastNDIDate';
const LAB =
  'cohortPatientId,testName,result,units,normalMin,normalMax,interpretation,resultDate,source';
const bytes = (...parts: (string | number[])[]): Buffer =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p))));
const random = (n: number, seed = 7): Buffer => {
  const b = Buffer.alloc(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    b[i] = x & 0xff;
  }
  return b;
};

const CASES: Case[] = [
  { name: 'zero-bytes.csv', content: () => '', codes: ['empty-file'] },
  { name: 'blank-lines-only.csv', content: () => '\n\n\r\n', codes: ['empty-file'] },
  { name: 'header-only.csv', content: () => 'a,b,c\n', codes: [] },
  { name: 'random-binary.csv', content: () => random(5000), codes: ['not-csv'] },
  {
    name: 'book.csv',
    content: () => bytes([0x50, 0x4b, 0x03, 0x04], '\0\0\0\0[Content_Types].xml xl/workbook.xml'),
    codes: ['not-csv'],
  },
  {
    name: 'old-excel.csv',
    content: () =>
      bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], random(600).toString('latin1')),
    codes: ['not-csv'],
  },
  {
    name: 'report.csv',
    content: () => '%PDF-1.7\n%âãÏÓ\n1 0 obj\n<< /Type /Catalog >>\nendobj\n',
    codes: ['not-csv'],
  },
  {
    name: 'picture.csv',
    content: () =>
      bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], random(200).toString('latin1')),
    codes: ['not-csv'],
  },
  {
    name: 'compressed.csv',
    content: () => bytes([0x1f, 0x8b, 0x08, 0x00], random(300).toString('latin1')),
    codes: ['not-csv'],
  },
  {
    name: 'page.csv',
    content: () => '<!DOCTYPE html><html><body><table><tr><td>1</td></tr></table></body></html>\n',
    codes: ['not-csv'],
  },
  {
    name: 'archive.csv',
    content: () => bytes([0x50, 0x4b, 0x03, 0x04], 'data/lab.csv'),
    codes: ['not-csv'],
  },
  { name: 'bom.csv', content: () => '\uFEFFa,b\n1,2\n', codes: ['bom'] },
  {
    name: 'utf16le-bom.csv',
    content: () => bytes([0xff, 0xfe], Buffer.from('a,b\nZoë,2\n', 'utf16le').toString('latin1')),
    codes: ['encoding'],
  },
  {
    name: 'utf16le-nobom.csv',
    content: () => Buffer.from('name,city\nAna,Montréal\nBo,Québec\n', 'utf16le'),
    codes: ['encoding'],
  },
  {
    name: 'utf16be.csv',
    content: () =>
      Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('a,b\n1,2\n', 'utf16le').swap16()]),
    codes: ['encoding'],
  },
  {
    name: 'cp1252.csv',
    content: () => bytes('name,note\n', [0x4a, 0x6f, 0x73, 0xe9], ',', [0x93], 'x', [0x94], '\n'),
    codes: ['encoding'],
  },
  {
    name: 'latin1.csv',
    content: () => bytes('name\n', [0x4a, 0x6f, 0x73, 0xe9], '\n'),
    codes: ['encoding'],
  },
  {
    name: 'bad-byte-at-end.csv',
    content: () => bytes('name\nZoë\nAna', [0xff]),
    codes: ['invalid-encoding'],
  },
  { name: 'crlf.csv', content: () => 'a,b\r\n1,2\r\n', codes: ['line-endings'] },
  { name: 'cr-only.csv', content: () => 'a,b\r1,2\r3,4\r', codes: ['line-endings'] },
  { name: 'mixed-endings.csv', content: () => 'a,b\n1,2\r\n3,4\r5,6\n', codes: ['line-endings'] },
  { name: 'nul.csv', content: () => 'a,b\n1,x\u0000y\n', codes: ['nul-byte'] },
  {
    name: 'control.csv',
    content: () => 'a,b\n1,bell\u0007\n2,esc\u001b\n',
    codes: ['control-char'],
  },
  { name: 'semicolon.csv', content: () => 'a;b;c\n1;2,5;3\n', codes: ['delimiter'] },
  { name: 'tab.csv', content: () => 'a\tb\tc\n1\t2\t3\n', codes: ['delimiter'] },
  { name: 'pipe.csv', content: () => 'a|b|c\n1|2|3\n', codes: ['delimiter'] },
  {
    name: 'wide-100k.csv',
    content: () => Array.from({ length: 100_000 }, (_, i) => `c${i}`).join(',') + '\n1,2\n',
    codes: ['too-many-columns'],
  },
  { name: 'blank-header.csv', content: () => 'a,,c\n1,2,3\n', codes: ['blank-header'] },
  { name: 'duplicate-header.csv', content: () => 'id,ID,x\n1,2,3\n', codes: ['duplicate-header'] },
  { name: 'ragged.csv', content: () => 'a,b\n1,2\n3,4,5\n6\n', codes: ['ragged-row'] },
  { name: 'unclosed.csv', content: () => 'a,b\n1,"open\n2,3\n', codes: ['unclosed-quote'] },
  { name: 'stray.csv', content: () => 'a,b\n1,x"y\n2,"q"z\n', codes: ['stray-quote'] },
  { name: 'blank-row.csv', content: () => 'a,b\n1,2\n\n3,4\n', codes: ['blank-row'] },
  {
    name: 'single-50mb-line.csv',
    content: () => 'a,b\n1,' + 'x'.repeat(50 * 1024 * 1024) + '\n',
    codes: [],
  },
  {
    name: 'nested-quotes.csv',
    content: () => 'a,b\n1,"' + '""'.repeat(100_000) + '"\n2,"""x"""\n',
    codes: [],
  },
  // Odd runs of quotes on every line: valid RFC 4180 only by pairing lines; any reading is
  // fine as long as nothing crashes, hangs or goes missing.
  {
    name: 'deep-broken-quotes.csv',
    content: () => 'a,b\n' + '1,"""""""\n'.repeat(2000),
    codes: [],
  },
  { name: 'truncated.csv', content: () => 'a,b,c\n1,2,3\n4,"five', codes: ['unclosed-quote'] },
  { name: 'truncated-fields.csv', content: () => 'a,b,c\n1,2,3\n4,5', codes: ['ragged-row'] },
  {
    name: 'mystery-table.csv',
    content: () => 'foo,bar\n1,2\n',
    table: null,
    codes: ['table-unknown'],
  },
  {
    name: 'lab-missing.csv',
    content: () => 'cohortPatientId,testName,result,resultDate\n1,A,1,2020-01-01\n',
    table: 'laboratory',
    codes: ['missing-column'],
  },
  {
    name: 'lab-extra.csv',
    content: () => `${LAB},note\n1,A,1,u,1,2,,2020-01-01,L1,x\n`,
    table: 'laboratory',
    codes: ['extra-column', 'no-patient-table'],
  },
  {
    name: 'lab-renamed.csv',
    content: () => `${LAB.toUpperCase()}\n1,A,1,u,1,2,,2020-01-01,L1\n`,
    table: 'laboratory',
    codes: ['renamed-column'],
  },
  {
    name: 'patient-values.csv',
    content: () =>
      [
        PATIENT,
        '1,Female,,19x0,White,No,2010-01-05,2024-06-01,,,,,,,',
        '2,female,,1850,Martian,Perhaps,2010-02-30,2024-06-01,,,,,,,',
        '2,Female,,1970,White,No,2010-01-05,2009-06-01,2030-01-01,,,,,,',
        ',Female,,1970,White,No,2010-01-05,2024-06-01,,,,,,,',
      ].join('\n') + '\n',
    table: 'patient',
    codes: [
      'type',
      'range',
      'allowed-values',
      'case-mismatch',
      'date-format',
      'duplicate-id',
      'required',
      'required-when',
      'date-order',
      'future-date',
    ],
  },
  {
    name: 'med-order.csv',
    content: () =>
      'cohortPatientId,medicationName,startDate,stopDate,form,strength,units,route,sig,source\n1,abacavir,2020-05-01,2020-01-01,,,,,2BID,M1\n',
    table: 'medication',
    codes: ['date-order'],
  },
  {
    name: 'lab-recommended.csv',
    content: () => `${LAB}\n1,A,1,u,,,,2020-01-01,L1\n`,
    table: 'laboratory',
    codes: ['recommended'],
  },
  { name: 'path with spaces and ñon-ÄSCII — données.csv', content: () => 'a,b\n1,2\n', codes: [] },
];

let dir: string;
let cleanup: () => void;
beforeAll(() => {
  ({ dir, cleanup } = tempDir('courier-corpus-'));
});
afterAll(() => cleanup());

async function run(path: string, table: string | null) {
  return runJob(path, {
    home: join(dir, 'home'),
    definitions: await definitions(),
    table,
    keepArtifact: true,
    threads: 2,
  });
}

describe('the hostile-input corpus', () => {
  it('has at least 40 files', () => {
    expect(CASES.length + 3).toBeGreaterThanOrEqual(40);
  });

  for (const c of CASES) {
    it(`${c.name}: ${c.codes.join(', ') || 'no issue'}`, async () => {
      const path = join(dir, c.name);
      writeFileSync(path, c.content());
      const r = await run(path, c.table === undefined ? 'any' : c.table);
      expect(r.report, r.error ?? '').not.toBeNull();
      const rep = r.report!;
      const codes = new Set(rep.issues.map((i) => i.code));
      for (const code of c.codes)
        expect(codes.has(code as never), `${code} in ${[...codes].join(',')}`).toBe(true);
      if (c.codes.length === 0) expect(rep.issues.filter((i) => i.severity !== 'info')).toEqual([]);
      expect(rep.rows).toBe(rep.rowsStored + rep.rowsRejected);
      for (const i of rep.issues) {
        expect(i.message.length).toBeGreaterThan(10);
        expect(i.hint.length).toBeGreaterThan(5);
        expect(i.lines.length).toBeLessThanOrEqual(50);
      }
    }, 120_000);
  }

  it('follows a symlink to a CSV', async () => {
    const target = join(dir, 'target.csv');
    writeFileSync(target, 'a,b\n1,2\n');
    const link = join(dir, 'link.csv');
    symlinkSync(target, link);
    const r = await run(link, 'any');
    expect(r.report!.rowsStored).toBe(1);
  });

  it('refuses a FIFO and a folder with a plain message, without hanging', async () => {
    const fifo = join(dir, 'named-pipe.fifo.csv');
    execFileSync('mkfifo', [fifo]);
    const r = await run(fifo, 'any');
    expect(r.stage).toBe('failed');
    expect(r.error).toContain('not a regular file');
    const folder = join(dir, 'folder.csv');
    mkdirSync(folder);
    const r2 = await run(folder, 'any');
    expect(r2.stage).toBe('failed');
    expect(r2.error).toContain('not a regular file');
  });

  /** Runs a job on a big file and does `act` to it once, while the scan is under way. */
  async function whileScanning(name: string, rows: number, act: (path: string) => void) {
    const path = join(dir, name);
    writeFileSync(path, 'a,b\n' + '1,2\n'.repeat(rows));
    let done = false;
    const r = await runJob(path, {
      home: join(dir, 'home'),
      definitions: await definitions(),
      table: 'any',
      keepArtifact: false,
      onProgress: (p) => {
        if (!done && p.stage === 'scanning' && p.done > 0 && p.done < p.total) {
          done = true;
          act(path);
        }
      },
    });
    expect(done).toBe(true);
    return r;
  }

  it('says so when the file grows while it is read', async () => {
    const r = await whileScanning('growing.csv', 8_000_000, (path) =>
      writeFileSync(path, '3,4\n', { flag: 'a' }),
    );
    expect(r.stage).toBe('failed');
    expect(r.error).toContain('changed while Courier was reading it');
  }, 120_000);

  it('copes with a file deleted while it is read: no crash, no hang, nothing left behind', async () => {
    const r = await whileScanning('deleted.csv', 8_000_000, (path) => unlinkSync(path));
    // An open file stays readable after unlink on POSIX: the job finishes with every record,
    // or fails with a plain reason; it never loses records silently.
    if (r.report) expect(r.report.rows).toBe(r.report.rowsStored + r.report.rowsRejected);
    else expect(r.error).toBeTruthy();
    expect(['ready', 'failed']).toContain(r.stage);
  }, 120_000);

  it('leaves no staging behind after the whole corpus', () => {
    expect(readdirSync(join(dir, 'home', 'workspace', 'staging'))).toEqual([]);
  });
});
