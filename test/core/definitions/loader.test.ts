import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DefinitionError,
  bundledDefinitionsDir,
  loadDefinitions,
} from '../../../src-main/core/definitions/loader';
import { NAACCORD_TABLES } from '../../helpers/env';

const TABLES = NAACCORD_TABLES;

/** A minimal valid definition to vary in the error tests. */
function table(name: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    formatVersion: 1,
    table: name,
    label: name,
    files: 'multiple',
    order: 17,
    variables: [{ name: 'cohortPatientId', type: 'id' }],
    ...extra,
  };
}

/** The DefinitionError thrown by loading `dirs`, for asserting on its message. */
async function loadError(dirs: string[]): Promise<DefinitionError> {
  const err: unknown = await loadDefinitions(dirs).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DefinitionError);
  return err as DefinitionError;
}

describe('bundled NA-ACCORD definitions', () => {
  it('load: all 16 tables, in submission order', async () => {
    const set = await loadDefinitions([bundledDefinitionsDir()]);
    expect(set.tables.size).toBe(16);
    expect(set.ordered().map((t) => t.table)).toEqual(TABLES);
    expect(set.ordered().map((t) => t.order)).toEqual(TABLES.map((_, i) => i + 1));
    expect(
      set
        .ordered()
        .filter((t) => t.files === 'single')
        .map((t) => t.table),
    ).toEqual(['patient']);
  });

  it('patient has its 15 variables in order, with its rules', async () => {
    const patient = (await loadDefinitions([bundledDefinitionsDir()])).get('patient');
    expect(patient?.variables.map((v) => v.name)).toEqual([
      'cohortPatientId',
      'birthSex',
      'presentSex',
      'birthYear',
      'race',
      'hispanic',
      'enrollDate',
      'lastActivityDate',
      'deathDate',
      'deathDateSource',
      'subSiteID',
      'hivNegative',
      'BirthCountry',
      'transgendered',
      'LastNDIDate',
    ]);
    const v = new Map(patient?.variables.map((x) => [x.name, x]));
    expect(v.get('cohortPatientId')?.unique).toBe(true);
    expect(v.get('birthYear')).toMatchObject({
      type: 'year',
      range: { min: 1900, max: 'currentYear' },
    });
    expect(v.get('presentSex')?.forbiddenWhen).toEqual([
      { column: 'birthSex', is: 'present', severity: 'warning' },
    ]);
    expect(v.get('deathDateSource')).toMatchObject({
      optional: true,
      requiredWhen: [{ column: 'deathDate', is: 'present' }],
      forbiddenWhen: [{ column: 'deathDate', is: 'absent', severity: 'error' }],
    });
    expect(v.get('hispanic')?.booleanValues?.unknown).toContain('unk');
    expect(v.get('transgendered')?.booleanValues?.unknown).toBeUndefined();
    // Defaults are filled in by the schema.
    expect(v.get('race')?.optional).toBe(false);
  });

  it('every other table links cohortPatientId to the patient table; every date refuses the future', async () => {
    const set = await loadDefinitions([bundledDefinitionsDir()]);
    for (const def of set.ordered()) {
      const pid = def.variables[0];
      expect(pid?.name).toBe('cohortPatientId');
      if (def.table !== 'patient')
        expect(pid?.inTable).toEqual({ table: 'patient', column: 'cohortPatientId' });
      for (const v of def.variables.filter((x) => x.type === 'date'))
        expect(v.noFuture, `${def.table}.${v.name}`).toBe(true);
    }
  });

  it('spot checks of the domain facts', async () => {
    const set = await loadDefinitions([bundledDefinitionsDir()]);
    const get = (t: string, n: string) => set.get(t)?.variables.find((v) => v.name === n);
    expect(get('laboratory', 'normalMin')).toMatchObject({ optional: true, recommended: true });
    expect(get('medication', 'stopDate')?.notBefore).toEqual([
      { column: 'startDate', severity: 'warning' },
    ]);
    expect(get('hospitalization', 'dischargeDate')?.notBefore).toEqual([
      { column: 'admitDate', severity: 'warning' },
    ]);
    expect(get('census', 'pTractCollege')?.range).toEqual({ min: 0, max: 1 });
    expect(get('census', 'censusTract')?.type).toBe('string');
    expect(get('risk_factor', 'risk')?.values).toHaveLength(15);
    expect(get('encounter', 'encounterType')?.description).toContain('Telemedicine – Video');
    expect(get('encounter', 'encounterInsType3')?.codes).toContain('99 = Unknown');
    expect(get('geography', 'stateProvApprox')).toMatchObject({
      type: 'enum',
      values: ['Y'],
      optional: true,
    });
    expect(set.get('census')?.variables).toHaveLength(18);
  });
});

describe('user definition folders', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'courier-defs-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const put = (name: string, json: unknown) =>
    writeFile(join(dir, name), JSON.stringify(json, null, 2));

  it('replace a bundled table and add a new one', async () => {
    const lab = JSON.parse(
      await readFile(join(bundledDefinitionsDir(), 'laboratory.json'), 'utf8'),
    ) as {
      variables: unknown[];
    };
    await put('laboratory.json', { ...lab, variables: lab.variables.slice(0, 3) });
    await put('vaccination.json', table('vaccination', { label: 'Vaccinations' }));
    const set = await loadDefinitions([bundledDefinitionsDir(), dir]);
    expect(set.tables.size).toBe(17);
    expect(set.get('laboratory')?.variables).toHaveLength(3);
    expect(set.sources.get('laboratory')).toBe(join(dir, 'laboratory.json'));
    expect(set.ordered().at(-1)?.table).toBe('vaccination');
  });

  it('a wrong type names the file and the field path', async () => {
    const bad = table('laboratory');
    bad.variables = [
      { name: 'cohortPatientId', type: 'id' },
      { name: 'testName', type: 'string' },
      { name: 'result', type: 'string' },
      { name: 'units', type: 'text' },
    ];
    await put('laboratory.json', bad);
    const err = await loadError([dir]);
    expect(err.message).toContain(
      'laboratory.json: variables[3].type: expected one of id, string, enum',
    );
    expect(err.message).toContain('(got "text")');
    expect(err.problems[0]?.file).toBe(join(dir, 'laboratory.json'));
  });

  it('misspelt, missing and malformed fields are said in plain words', async () => {
    await put('a.json', table('a', { variables: [{ name: 'x', type: 'string', optinal: true }] }));
    await put('b.json', { formatVersion: 1, table: 'b', files: 'single', order: 1, variables: [] });
    await put(
      'c.json',
      table('c', { variables: [{ name: 'y', type: 'year', range: { max: 'thisYear' } }] }),
    );
    await writeFile(join(dir, 'd.json'), '{ "formatVersion": 1, ');
    const { message } = await loadError([dir]);
    expect(message).toContain(
      'a.json: variables[0]: unknown field "optinal" (did you mean "optional"?)',
    );
    expect(message).toContain('b.json: label: is missing (expected a text)');
    expect(message).toContain('b.json: variables: must have at least 1 item(s)');
    expect(message).toContain(
      'c.json: variables[0].range.max: expected a number or "currentYear" (got "thisYear")',
    );
    expect(message).toMatch(/^d\.json: is not valid JSON/m);
  });

  it('refuses a condition on an unknown column', async () => {
    await put(
      'e.json',
      table('e', {
        variables: [
          { name: 'cohortPatientId', type: 'id' },
          { name: 'deathDate', type: 'date', optional: true },
          {
            name: 'deathDateSource',
            type: 'string',
            requiredWhen: [{ column: 'deathdate', is: 'present' }],
          },
        ],
      }),
    );
    const { message } = await loadError([dir]);
    expect(message).toBe(
      'e.json: variables[2].requiredWhen[0].column: no variable named "deathdate" in this table; did you mean "deathDate"?',
    );
  });

  it('refuses other semantic mistakes', async () => {
    await put(
      'f.json',
      table('f', {
        variables: [
          {
            name: 'cohortPatientId',
            type: 'id',
            inTable: { table: 'patient', column: 'cohortPatientId' },
          },
          { name: 'CohortPatientID', type: 'string' },
          { name: 'kind', type: 'enum' },
          { name: 'n', type: 'number', range: { min: 5, max: 1 } },
          { name: 'start', type: 'string' },
          {
            name: 'stop',
            type: 'date',
            notBefore: [{ column: 'start' }],
            forbiddenWhen: [{ column: 'nope', is: 'absent' }],
          },
          {
            name: 'flag',
            type: 'boolean',
            values: ['Yes', 'Oui'],
            booleanValues: { true: ['yes'], false: ['no'] },
          },
        ],
      }),
    );
    await put('wrongname.json', table('g'));
    const { message } = await loadError([dir]);
    expect(message.split('\n')).toEqual([
      'f.json: variables[1].name: "CohortPatientID" is already used by variables[0] (names are compared without regard to case)',
      'f.json: variables[2].values: "kind" is an enum and needs a list of allowed values',
      'f.json: variables[3].range: min (5) is greater than max (1)',
      'f.json: variables[5].forbiddenWhen[0].column: no variable named "nope" in this table',
      'f.json: variables[5].notBefore[0].column: "start" is not a date',
      'f.json: variables[6].values: "Oui" is not a spelling booleanValues accepts for "flag"',
      'wrongname.json: table: is "g" but the file is named wrongname.json; name the file g.json',
    ]);
  });

  it('refuses a link to a table or column that does not exist', async () => {
    await put(
      'h.json',
      table('h', {
        variables: [
          { name: 'cohortPatientId', type: 'id', inTable: { table: 'patient', column: 'id' } },
        ],
      }),
    );
    await put(
      'k.json',
      table('k', {
        variables: [{ name: 'pid', type: 'id', inTable: { table: 'patients', column: 'pid' } }],
      }),
    );
    expect((await loadError([bundledDefinitionsDir(), dir])).message.split('\n')).toEqual([
      'h.json: variables[0].inTable.column: table "patient" has no variable "id"',
      'k.json: variables[0].inTable.table: there is no table "patients"',
    ]);
  });

  it('a missing folder is an error, not an empty set', async () => {
    const { message } = await loadError([join(dir, 'nope')]);
    expect(message).toContain('folder not found');
  });
});
