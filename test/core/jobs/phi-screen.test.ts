import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Issue } from '../../../src-main/shared/report';
import type { JobResult } from '../../../src-main/core/jobs/runJob';
import { ingest, tempDir } from '../../helpers/env';

let dir: string;
let cleanup: () => void;
beforeAll(() => {
  ({ dir, cleanup } = tempDir());
});
afterAll(() => cleanup());

const HEADER =
  'cohortPatientId,medicationName,startDate,stopDate,form,strength,units,route,sig,source,MRN,Notes';

/** A sig (or a note, or a start date) with an identifier of each kind, at known lines. */
const PLANTED: { line: number; column: string; kind: string; cell: string; secret: string }[] = [
  {
    line: 3,
    column: 'sig',
    kind: 'name',
    cell: 'per Dr. Alvarez: 1 tab PO daily',
    secret: 'Alvarez',
  },
  {
    line: 4,
    column: 'sig',
    kind: 'phone',
    cell: '1 tab PO BID; call (410) 555-0187',
    secret: '555-0187',
  },
  { line: 5, column: 'sig', kind: 'ssn', cell: 'SSN 123-45-6789 on file', secret: '123-45-6789' },
  {
    line: 6,
    column: 'sig',
    kind: 'email',
    cell: 'sent to maria.gonzalez@example.org',
    secret: 'maria.gonzalez',
  },
  {
    line: 7,
    column: 'sig',
    kind: 'url',
    cell: 'see https://portal.example.org/p/88231',
    secret: 'portal.example.org',
  },
  {
    line: 8,
    column: 'sig',
    kind: 'ip-address',
    cell: 'login from 192.168.10.24',
    secret: '192.168.10.24',
  },
  {
    line: 9,
    column: 'sig',
    kind: 'street-address',
    cell: 'mail to 4417 Peachtree Rd',
    secret: 'Peachtree',
  },
  { line: 10, column: 'sig', kind: 'record-number', cell: 'old MRN: A7730021', secret: '7730021' },
  {
    line: 11,
    column: 'Notes',
    kind: 'name',
    cell: 'daughter Xiomara Kraska aware',
    secret: 'Kraska',
  },
  // A typed column's text that did not fit (kept in _invalid_cells) is screened too.
  { line: 12, column: 'startDate', kind: 'phone', cell: '410-555-0123', secret: '555-0123' },
];

/** Clean rows with the clinical vocabulary that looks like names, and the planted rows. */
function medication(): string {
  const clean = [
    'Abacavir',
    'Hemoglobin A1c',
    'Kaposi sarcoma',
    'Pneumocystis pneumonia',
    'Hodgkin lymphoma',
    'Epstein-Barr virus',
    'Addison disease',
    'Dr. visit',
  ];
  const rows: string[] = [];
  const row = (sig: string, start = '2020-01-01', mrn = '', notes = ''): string =>
    `P1,abacavir,${start},,,,mg,,"${sig}",M1,${mrn},"${notes}"`;
  rows.push(row('1 tab PO daily', '2020-01-01', 'A1234567')); // line 2: an MRN
  for (let line = 3; line <= 12; line++) {
    const p = PLANTED.find((x) => x.line === line)!;
    if (p.column === 'sig') rows.push(row(p.cell));
    else if (p.column === 'Notes') rows.push(row('1 tab PO daily', '2020-01-01', '', p.cell));
    else rows.push(row('1 tab PO daily', p.cell));
  }
  for (const c of clean) rows.push(row(c, '2020-01-01', '', c)); // lines 13-20
  return `${HEADER}\n${rows.join('\n')}\n`;
}

const phi = (r: JobResult): Issue[] => r.report!.issues.filter((i) => i.code === 'possible-phi');

describe('the identifier screen in a job', () => {
  let blocked: JobResult;
  beforeAll(async () => {
    blocked = await ingest(dir, 'medication.csv', medication(), { table: 'medication' });
  });

  it('finds every kind at its lines, one issue per column and kind', () => {
    for (const p of PLANTED) {
      const issue = phi(blocked).find((i) => i.column === p.column && i.kind === p.kind);
      expect(issue, `${p.kind} in ${p.column}`).toBeDefined();
      expect(issue!.lines).toContain(p.line);
      expect(issue!.severity).toBe('error');
    }
    const mrn = phi(blocked).find((i) => i.column === 'MRN');
    expect(mrn).toMatchObject({ kind: 'identifier-column', lines: [2], count: 1 });
    expect(mrn!.fix?.rule).toBe('drop-column');
    expect(phi(blocked).find((i) => i.column === 'sig' && i.kind === 'phone')!.fix).toMatchObject({
      rule: 'redact',
      params: { kinds: ['phone'] },
    });
    expect(blocked.report!.status).toBe('fail');
  });

  it('flags no clean line (the clinical vocabulary is no person)', () => {
    for (const i of phi(blocked)) expect(i.lines.filter((l) => l >= 13)).toEqual([]);
  });

  it('shows masked examples only, in the issues, the other issues and the profile', () => {
    const text = JSON.stringify(blocked.report);
    for (const p of PLANTED) expect(text, p.secret).not.toContain(p.secret);
    expect(text).not.toContain('A1234567');
    const ssn = phi(blocked).find((i) => i.kind === 'ssn')!;
    expect(ssn.examples).toEqual(['***-**-6789']);
    const phone = phi(blocked).find((i) => i.column === 'sig' && i.kind === 'phone')!;
    expect(phone.examples).toEqual(['***-***-0187']);
  });

  it('makes them warnings with phiPolicy warn', async () => {
    const warned = await ingest(dir, 'medication-warn.csv', medication(), {
      table: 'medication',
      phiPolicy: 'warn',
    });
    expect(phi(warned).length).toBe(phi(blocked).length);
    expect(phi(warned).every((i) => i.severity === 'warning')).toBe(true);
  });
});
