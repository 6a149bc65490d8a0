/**
 * The report in French: every issue code has its French message and hint, and the reports the
 * real rules write (generated dirty tables, broken files) come out in French with every code,
 * field and number unchanged and nothing left untranslated or unfilled.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ISSUE_CODES, type Report } from '../../src-main/shared/report';
import { hasTemplate, localizeReport } from '../../src-main/shared/i18n/localize';
import { runJob } from '../../src-main/core/jobs/runJob';
import { generateSample } from '../../src-main/core/sample/generate';
import { definitions, ingest, tempDir } from '../helpers/env';

/** The codes docs/contracts.md adds (2026-11-30), whether or not this branch finds them yet. */
const ANNOUNCED = [
  'date-pattern',
  'missing-code',
  'decimal-comma',
  'thousands-separator',
  'id-leading-zeros-lost',
  'id-scientific-notation',
  'id-whitespace',
  'sep-line',
  'synonym',
  'possible-phi',
  'field-too-large',
  'fewer-rows',
  'patients-lost',
  'coverage-gap',
  'distribution-shift',
];

describe('a French template for every issue code', () => {
  it('has a message and a hint for each code of ISSUE_CODES', () => {
    const missing = ISSUE_CODES.filter((c) => !hasTemplate(c));
    expect(missing, 'codes without a French message and hint (issues.fr.ts)').toEqual([]);
  });

  it('has them for the codes the contracts announce too', () => {
    expect(ANNOUNCED.filter((c) => !hasTemplate(c))).toEqual([]);
  });
});

let dir: string;
let cleanup: () => void;
const reports: Report[] = [];

beforeAll(async () => {
  ({ dir, cleanup } = tempDir('courier-i18n-'));
  const defs = await definitions();
  await generateSample({
    tables: ['patient', 'laboratory', 'medication', 'diagnosis', 'mortality'],
    rows: 200,
    seed: 11,
    errors: 0.12,
    outDir: join(dir, 'dirty'),
    definitions: defs,
  });
  const run = (table: string, patientsArtifact: string | null) =>
    runJob(join(dir, 'dirty', `${table}.csv`), {
      home: join(dir, 'home'),
      definitions: defs,
      keepArtifact: table === 'patient',
      threads: 2,
      patientsArtifact,
    });
  const patient = await run('patient', null);
  reports.push(patient.report!);
  for (const t of ['laboratory', 'medication', 'diagnosis', 'mortality'])
    reports.push((await run(t, patient.artifact!.path)).report!);
  // Files broken the ways exports break: structure, encoding, header.
  const broken: [string, string | Uint8Array, string | null][] = [
    ['ragged.csv', 'a,b,c\n1,2,3\n4,5\n6,"7,8\n9,1"0,2\n\n3,4,5\n', 'any'],
    ['semi.csv', 'a;b;c\r\n1;2;3\r\n', 'any'],
    ['bom.csv', '\ufeffa,,a\n1,2,3\n', 'any'],
    ['latin.csv', Buffer.from('a,b\ncaf\xe9,\x93x\x94\n', 'latin1'), 'any'],
    ['empty.csv', '', 'any'],
    ['pdf.csv', '%PDF-1.7\n%\xe2\xe3\n', null],
    ['unknown.csv', 'foo,bar,baz\n1,2,3\n', null],
    ['lab_cols.csv', 'cohortPatientId,testName,extraThing\nP000001,CD4,1\n', 'laboratory'],
  ];
  mkdirSync(join(dir, 'broken'));
  for (const [name, content, table] of broken)
    reports.push((await ingest(join(dir, 'broken'), name, content, { table })).report!);
}, 240_000);
afterAll(() => cleanup());

describe('reports the rules wrote, in French', () => {
  it('found a wide range of codes to translate', () => {
    const codes = new Set(reports.flatMap((r) => r.issues.map((i) => i.code)));
    expect(codes.size).toBeGreaterThanOrEqual(18);
    if (process.env.COURIER_SHOW_FR)
      for (const r of reports)
        for (const i of localizeReport(r, 'fr').issues)
          console.log(`${i.code}\n  ${i.message}\n  ${i.hint}`);
  });

  it('changes only message and hint, and writes every one in French', () => {
    const english: string[] = [];
    for (const report of reports) {
      const fr = localizeReport(report, 'fr');
      expect(fr.issues).toHaveLength(report.issues.length);
      report.issues.forEach((en, k) => {
        const out = fr.issues[k]!;
        const { message: _m, hint: _h, ...fields } = en;
        const { message, hint, ...frFields } = out;
        expect(frFields, en.code).toEqual(fields);
        for (const text of [message, hint]) {
          expect(text, `${en.code}: ${text}`).not.toMatch(/\{\{|\}\}|undefined|«\s*»/);
          // null and NaN are missing-value codes a file may hold (missing-code quotes them).
          for (const word of ['null', 'NaN'])
            if (!`${en.message} ${en.hint}`.includes(word))
              expect(text, `${en.code}: ${text}`).not.toContain(word);
          expect(text.trim().length, en.code).toBeGreaterThan(5);
        }
        // Nothing of the English sentence left: a French sentence has French words.
        if (message === en.message || / the | is | are | rows? /.test(message))
          english.push(`${en.code}: ${message}`);
        // The numbers a coordinator acts on are the same.
        for (const line of en.lines.slice(0, 3))
          if (/\blines? \d/.test(en.message)) expect(message, en.code).toContain(String(line));
      });
      expect(localizeReport(report, 'en')).toBe(report);
    }
    expect(english, 'messages still in English').toEqual([]);
  });

  it('keeps the details only the English text had: values, ranges, partner columns', () => {
    const all = reports.flatMap((r) => {
      const fr = localizeReport(r, 'fr');
      return r.issues.map((en, k) => ({ en, fr: fr.issues[k]! }));
    });
    for (const { en, fr } of all) {
      if (en.code === 'allowed-values' && /^Allowed values/.test(en.hint)) {
        const values = en.hint.split(': ')[1]!.replace(/\.$/, '');
        expect(fr.hint).toContain(values);
      }
      if (en.code === 'range') {
        const bound = /(?:between|at least|at most) (\S+?)[ )]/.exec(en.message)![1]!;
        expect(fr.message).toContain(bound);
      }
      if (['required-when', 'forbidden-when', 'date-order'].includes(en.code)) {
        const other = [...en.message.matchAll(/"([^"]*)"/g)][1]![1]!;
        expect(fr.message).toContain(`«\u00a0${other}\u00a0»`);
      }
    }
  });

  it('writes French numbers and lines', () => {
    const fr = localizeReport(
      {
        file: { encoding: 'utf-8' },
        table: 'laboratory',
        issues: [
          {
            code: 'required',
            severity: 'error',
            column: 'resultDate',
            count: 12345,
            lines: [4, 7, 9, 12],
            examples: [],
            message: 'x',
            hint: 'y',
          },
        ],
      } as unknown as Report,
      'fr',
    );
    expect(fr.issues[0]!.message).toBe(
      '12\u00a0345 lignes n’ont pas de valeur pour «\u00a0resultDate\u00a0», qui est obligatoire (lignes 4, 7, 9 et autres).',
    );
    expect(fr.issues[0]!.hint).toContain('à commencer par la ligne 4');
  });
});
