import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ColumnProfile } from '../../../src-main/shared/report';
import { ingest, tempDir } from '../../helpers/env';

let dir: string;
let cleanup: () => void;
beforeAll(() => {
  ({ dir, cleanup } = tempDir());
});
afterAll(() => cleanup());

const HEADER =
  'cohortPatientId,birthSex,presentSex,birthYear,race,hispanic,enrollDate,lastActivityDate,deathDate,deathDateSource,subSiteID,hivNegative,BirthCountry,transgendered,LastNDIDate';

/** Twelve patients with known values, and one birth year that is not a year. */
function patients(): string {
  const sexes = ['Female', 'Male', 'Female', 'Female'];
  const races = ['White', 'Black', 'Black', 'Asian'];
  const rows = Array.from({ length: 12 }, (_, i) => {
    const year = i === 11 ? 'nineteen' : String(1950 + i * 5); // 1950 … 2000
    const month = String((i % 3) + 1).padStart(2, '0');
    return `P${i},${sexes[i % 4]},,${year},${races[i % 4]},No,2020-${month}-15,2021-01-01,,,00${i % 2},,,,`;
  });
  return `${HEADER}\n${rows.join('\n')}\n`;
}

describe('the profile of a report', () => {
  let byName: Map<string, ColumnProfile>;
  beforeAll(async () => {
    const r = await ingest(dir, 'patient.csv', patients(), { table: 'patient' });
    byName = new Map(r.report!.profile.map((p) => [p.name, p]));
  });

  it('counts filled cells and exact distinct values, and never shows ID values', () => {
    const id = byName.get('cohortPatientId')!;
    expect(id).toMatchObject({ filledPct: 100, distinct: 12, min: null, max: null });
    expect(id.top).toBeUndefined();
    expect(byName.get('presentSex')).toMatchObject({ filledPct: 0, distinct: 0 });
    // 11 of 12 birth years are years; the twelfth is kept as invalid text, not counted.
    expect(byName.get('birthYear')).toMatchObject({ filledPct: 91.7, distinct: 11 });
  });

  it('gives coded columns their most frequent values, most frequent first', () => {
    expect(byName.get('birthSex')!.top).toEqual([
      { value: 'Female', count: 9 },
      { value: 'Male', count: 3 },
    ]);
    expect(byName.get('race')!.top).toEqual([
      { value: 'Black', count: 6 },
      { value: 'Asian', count: 3 },
      { value: 'White', count: 3 },
    ]);
    // A short free-text column is charted too, with its leading zeros.
    expect(byName.get('subSiteID')!.top).toEqual([
      { value: '000', count: 6 },
      { value: '001', count: 6 },
    ]);
  });

  it('gives dates a month histogram and numbers ten buckets labelled by their smallest value', () => {
    expect(byName.get('enrollDate')).toMatchObject({ min: '2020-01-15', max: '2020-03-15' });
    expect(byName.get('enrollDate')!.histogram).toEqual([
      { bucket: '2020-01', count: 4 },
      { bucket: '2020-02', count: 4 },
      { bucket: '2020-03', count: 4 },
    ]);
    const years = byName.get('birthYear')!;
    expect(years).toMatchObject({ min: '1950', max: '2000' });
    // 1950 … 2000 by fives into ten buckets of 5 years; 2000 joins the last one.
    expect(years.histogram).toEqual([
      { bucket: '1950', count: 1 },
      { bucket: '1955', count: 1 },
      { bucket: '1960', count: 1 },
      { bucket: '1965', count: 1 },
      { bucket: '1970', count: 1 },
      { bucket: '1975', count: 1 },
      { bucket: '1980', count: 1 },
      { bucket: '1985', count: 1 },
      { bucket: '1990', count: 1 },
      { bucket: '1995', count: 2 },
    ]);
  });

  it('gives a number column with a single value one bucket', async () => {
    const one = `${HEADER}\nP1,Male,,1970,White,No,2020-01-01,2021-01-01,,,,,,,\nP2,Male,,1970,White,No,2020-01-01,2021-01-01,,,,,,,\n`;
    const r = await ingest(dir, 'one.csv', one, { table: 'patient' });
    const years = r.report!.profile.find((p) => p.name === 'birthYear')!;
    expect(years.histogram).toEqual([{ bucket: '1970', count: 2 }]);
  });
});
