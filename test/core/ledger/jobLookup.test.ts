import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobIdError } from '../../../src-main/core/ledger/jobLookup';
import { Ledger } from '../../../src-main/core/ledger/ledger';
import { tempDir } from '../../helpers/env';

let dir: string;
let cleanup: () => void;
let ledger: Ledger;
const IDS = [
  '20260102030405-aaaa1111',
  '20260102030405-bbbb2222',
  '20260102030406-cccc3333',
  '20260102030407-dddd0001',
  '20260102030407-dddd0002',
  '20260102030407-dddd0003',
  '20260102030407-dddd0004',
  '20260102030407-dddd0005',
];
beforeAll(() => {
  ({ dir, cleanup } = tempDir());
  ledger = new Ledger(join(dir, 'home'));
  IDS.forEach((id, i) =>
    ledger.append({
      type: 'job',
      id,
      at: '2026-01-02T03:04:05.000Z',
      pid: 1,
      source: { name: `file${i}.csv`, path: `/x/file${i}.csv`, bytes: 1 },
      table: null,
      cohort: null,
      protocolYear: null,
      site: null,
    }),
  );
});
afterAll(() => cleanup());

function lookupError(id: string): JobIdError {
  try {
    ledger.job(id);
  } catch (e) {
    if (e instanceof JobIdError) return e;
    throw e;
  }
  throw new Error(`ledger.job(${JSON.stringify(id)}) did not throw`);
}

describe('finding a job by its id', () => {
  it('takes the exact id, or an unambiguous beginning of it', () => {
    expect(ledger.job(IDS[1]!)?.source.name).toBe('file1.csv');
    expect(ledger.job('20260102030406')?.id).toBe(IDS[2]);
    expect(ledger.job('20260102030405-b')?.id).toBe(IDS[1]);
    expect(ledger.job('20270101')).toBeNull();
  });

  it("never matches an id's end", () => {
    expect(ledger.job('bbbb2222')).toBeNull();
    expect(ledger.job('5-bbbb2222')).toBeNull();
    expect(ledger.job('-cccc3333')).toBeNull();
  });

  it('refuses an empty or too short id', () => {
    expect(lookupError('')).toMatchObject({ code: 'not-found', message: 'No job id was given.' });
    expect(lookupError('  ').code).toBe('not-found');
    const short = lookupError('2026');
    expect(short.code).toBe('not-found');
    expect(short.message).toContain('at least its first 6 characters');
  });

  it('names the candidates, newest first and a few only, of a beginning several ids share', () => {
    const two = lookupError('20260102030405');
    expect(two.code).toBe('ambiguous');
    expect(two.candidates.map((c) => c.id)).toEqual([IDS[1], IDS[0]]);
    expect(two.message).toBe(
      `"20260102030405" is the beginning of 2 job ids: ${IDS[1]} (file1.csv), ${IDS[0]} (file0.csv). Give more of the id.`,
    );
    const five = lookupError('20260102030407-dddd');
    expect(five.candidates).toHaveLength(5);
    expect(five.message).toContain(`${IDS[7]} (file7.csv), ${IDS[6]} (file6.csv), ${IDS[5]}`);
    expect(five.message).toContain('and 2 more');
    expect(five.message).not.toContain(IDS[4]!);
  });
});
