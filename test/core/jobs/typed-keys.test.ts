import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recheckUnknownIds } from '../../../src-main/core/convert/recheckIds';
import type { DefinitionSet } from '../../../src-main/core/definitions/loader';
import { bundledDefinitionsDir, loadDefinitions } from '../../../src-main/core/definitions/loader';
import { DEFAULT_POLICY } from '../../../src-main/core/precheck/crossTable';
import type { Report } from '../../../src-main/shared/report';
import { ingest, tempDir } from '../../helpers/env';

let dir: string;
let cleanup: () => void;
let defs: DefinitionSet;
beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  // A consortium's own table whose keys are numbers: a unique visit number, and patient IDs
  // typed as integers that must still exist in the (text) patient table.
  const own = join(dir, 'definitions');
  mkdirSync(own);
  writeFileSync(
    join(own, 'visit.json'),
    JSON.stringify({
      formatVersion: 1,
      table: 'visit',
      label: 'Visits',
      files: 'multiple',
      order: 17,
      variables: [
        {
          name: 'cohortPatientId',
          type: 'integer',
          inTable: { table: 'patient', column: 'cohortPatientId' },
        },
        { name: 'visitNo', type: 'integer', unique: true },
      ],
    }),
  );
  defs = await loadDefinitions([bundledDefinitionsDir(), own]);
});
afterAll(() => cleanup());

const PATIENTS = `cohortPatientId,birthSex,presentSex,birthYear,race,hispanic,enrollDate,lastActivityDate,deathDate,deathDateSource,subSiteID,hivNegative,BirthCountry,transgendered,LastNDIDate
1,Female,,1970,White,No,2010-01-05,2024-06-01,,,,,,,
2,Male,,1971,Black,No,2010-01-05,2024-06-01,,,,,,,
`;

function find(report: Report | null, code: string) {
  return report?.issues.find((i) => i.code === code);
}

describe('unique and cross-table checks on typed columns', () => {
  it('compares numbers as numbers for uniqueness and IDs as text against the patient table', async () => {
    const home = join(dir, 'home');
    const p = await ingest(dir, 'patient.csv', PATIENTS, { home, definitions: defs });
    expect(p.stage).toBe('ready');
    const visits = 'cohortPatientId,visitNo\n1,10\n2,11\n9,10\n2,x\n1, \n1,010\n';
    const r = await ingest(dir, 'visit.csv', visits, {
      home,
      definitions: defs,
      table: 'visit',
      patientsArtifact: p.artifact!.path,
    });
    expect(r.stage).toBe('blocked');
    // Line 4 repeats 10; line 7's 010 is the same number. "x" is a type finding, the blank
    // on line 6 is no value: neither is a repeat.
    expect(find(r.report, 'duplicate-id')).toMatchObject({ count: 2, lines: [4, 7] });
    expect(find(r.report, 'type')).toMatchObject({ column: 'visitNo', lines: [5] });
    // Patient 9 is not in the patient table; the ID itself is never shown.
    const unknown = find(r.report, 'unknown-patient-id')!;
    expect(unknown).toMatchObject({ count: 1, distinct: 1, lines: [4], examples: [] });
    expect(r.report!.patientIds).toBeNull();

    // The same check again later, against the same patient table, finds the same.
    const again = await recheckUnknownIds({
      artifact: r.artifact!.path,
      patients: p.artifact!.path,
      column: 'cohortPatientId',
      columnType: 'integer',
      patientColumn: 'cohortPatientId',
      policy: DEFAULT_POLICY,
    });
    expect(again.distinct).toBe(1);
    expect(again.issue?.lines).toEqual([4]);
  });
});
