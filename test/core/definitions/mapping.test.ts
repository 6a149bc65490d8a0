import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DefinitionError } from '../../../src-main/core/definitions/loader';
import {
  applyCohortMapping,
  cohortGroup,
  loadCohortMappings,
  parseCohortMappings,
} from '../../../src-main/core/definitions/mapping';

const CNICS = [
  'CWRU',
  'Fenway',
  'JHHCC',
  'UA - Birmingham',
  'UCSD',
  'UNC - Chapel Hill',
  'UW - Seattle',
  'Vanderbilt',
];

describe('bundled cohort registry', () => {
  it('lists every cohort with its kind and the CNICS group', async () => {
    const m = await loadCohortMappings();
    expect(m.cohorts).toHaveLength(23);
    expect(m.cohorts.filter((c) => c.kind === 'interval').map((c) => c.name)).toEqual([
      'ALIVE',
      'MACS/WIHS Combined Cohort Study (MWCCS)',
      'SCOPE',
    ]);
    expect(m.groups.CNICS?.cohorts).toEqual(CNICS);
    expect(cohortGroup(m, 'uw - seattle ')).toBe('CNICS');
    expect(cohortGroup(m, 'HOPS')).toBeNull();
  });
});

describe('applyCohortMapping', () => {
  it('renames CNICS headers in every table, and site in patient only', () => {
    const header = ['sitePatientId', 'siteRecordId', 'site', 'birthYear'];
    expect(applyCohortMapping(header, 'patient', 'UW - Seattle')).toEqual({
      header: ['cohortPatientId', 'recordId', 'subSiteID', 'birthYear'],
      renamed: [
        { from: 'sitePatientId', to: 'cohortPatientId' },
        { from: 'siteRecordId', to: 'recordId' },
        { from: 'site', to: 'subSiteID' },
      ],
    });
    expect(applyCohortMapping(header, 'laboratory', 'Vanderbilt').header).toEqual([
      'cohortPatientId',
      'recordId',
      'site',
      'birthYear',
    ]);
    expect(applyCohortMapping(header, null, 'CWRU').header[2]).toBe('site');
  });

  it('matches header cells and cohort names regardless of case and spaces', () => {
    const { header, renamed } = applyCohortMapping([' SITEPATIENTID', 'x'], 'diagnosis', 'fenway');
    expect(header).toEqual(['cohortPatientId', 'x']);
    expect(renamed).toEqual([{ from: ' SITEPATIENTID', to: 'cohortPatientId' }]);
  });

  it('passes other cohorts, and no cohort, through untouched', () => {
    const header = ['sitePatientId', 'site'];
    expect(applyCohortMapping(header, 'patient', 'HOPS')).toEqual({ header, renamed: [] });
    expect(applyCohortMapping(header, 'patient', null)).toEqual({ header, renamed: [] });
    expect(applyCohortMapping(header, 'patient', 'HOPS').header).not.toBe(header);
  });

  it('does not create a duplicate header when the target is already there', () => {
    const { header, renamed } = applyCohortMapping(
      ['cohortPatientId', 'sitePatientId'],
      'diagnosis',
      'UCSD',
    );
    expect(header).toEqual(['cohortPatientId', 'sitePatientId']);
    expect(renamed).toEqual([]);
  });

  it('uses a registry passed in', () => {
    const m = parseCohortMappings(
      JSON.stringify({
        formatVersion: 1,
        groups: { X: { cohorts: ['A'], renames: { medication: { med: 'medicationName' } } } },
        cohorts: [{ name: 'A', kind: 'clinical' }],
      }),
      'x.json',
    );
    expect(applyCohortMapping(['med'], 'medication', 'A', m).header).toEqual(['medicationName']);
    expect(applyCohortMapping(['med'], 'diagnosis', 'A', m).header).toEqual(['med']);
  });
});

describe('registry mistakes', () => {
  const parseError = (json: unknown): string => {
    try {
      parseCohortMappings(JSON.stringify(json), 'cohorts.json');
    } catch (err) {
      expect(err).toBeInstanceOf(DefinitionError);
      return (err as Error).message;
    }
    throw new Error('expected a DefinitionError');
  };

  it('names the file and field', () => {
    expect(
      parseError({ formatVersion: 1, groups: {}, cohorts: [{ name: 'A', kind: 'other' }] }),
    ).toBe('cohorts.json: cohorts[0].kind: expected one of clinical, interval (got "other")');
  });

  it('refuses a group cohort missing from the list, or in two groups', () => {
    const message = parseError({
      formatVersion: 1,
      groups: {
        G: { cohorts: ['A', 'B'], renames: {} },
        H: { cohorts: ['a'], renames: {} },
      },
      cohorts: [{ name: 'A', kind: 'clinical' }],
    });
    expect(message.split('\n')).toEqual([
      'cohorts.json: groups.G.cohorts[1]: "B" is not in the cohorts list',
      'cohorts.json: groups.H.cohorts[0]: "a" is already in group G',
    ]);
  });

  it('loads a registry file from disk', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'courier-map-'));
    try {
      const file = join(dir, 'cohorts.json');
      await writeFile(file, JSON.stringify({ formatVersion: 1, groups: {}, cohorts: [] }));
      await expect(loadCohortMappings(file)).resolves.toEqual({
        formatVersion: 1,
        groups: {},
        cohorts: [],
      });
      await writeFile(file, '{');
      await expect(loadCohortMappings(file)).rejects.toThrow(/^cohorts\.json: is not valid JSON/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
