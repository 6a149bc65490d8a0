import { describe, expect, it } from 'vitest';
import { backoff, BACKOFF_BASE_MS, BACKOFF_CAP_MS } from '../../../src-main/core/push/backoff';
import {
  cohortSlug,
  destinationPaths,
  distinctCohortSlug,
  safeName,
} from '../../../src-main/core/push/layout';

const SHA = 'ABCDEF0123456789' + '0'.repeat(48);

describe('cohortSlug', () => {
  it('follows the design example', () => {
    expect(cohortSlug('UT Southwestern / Parkland, Dallas TX')).toBe(
      'ut-southwestern-parkland-dallas-tx',
    );
  });

  it('keeps letters, digits, - and _, collapses and trims the rest', () => {
    expect(cohortSlug('UW - Seattle')).toBe('uw-seattle');
    expect(cohortSlug('  Johns_Hopkins  (JHU)  ')).toBe('johns_hopkins-jhu');
    expect(cohortSlug('Zürich')).toBe('zurich');
    expect(cohortSlug('--a--b--')).toBe('a-b');
  });

  it('puts no cohort under unassigned, and a name of which nothing survives under its hash', () => {
    expect(cohortSlug(null)).toBe('unassigned');
    expect(cohortSlug('')).toBe('unassigned');
    expect(cohortSlug(' / ')).toMatch(/^cohort-[0-9a-f]{8}$/);
    // Two names of which nothing survives get two folders, not one `unassigned/`.
    expect(cohortSlug('北京协和')).toMatch(/^cohort-[0-9a-f]{8}$/);
    expect(cohortSlug('🏥')).toMatch(/^cohort-[0-9a-f]{8}$/);
    expect(cohortSlug('北京协和')).not.toBe(cohortSlug('🏥'));
  });

  it('transliterates accents, and spells NFC and NFD one way', () => {
    const nfc = 'Cohorte médicale de Montréal';
    expect(cohortSlug(nfc)).toBe('cohorte-medicale-de-montreal');
    expect(cohortSlug(nfc.normalize('NFD'))).toBe(cohortSlug(nfc));
    expect(cohortSlug('Straße Ærø Łódź')).toBe('strasse-aero-lodz');
  });

  it('gives a cohort that must not share a folder its slug and a hash', () => {
    const d = distinctCohortSlug('UW - Seattle');
    expect(d).toMatch(/^uw-seattle-[0-9a-f]{8}$/);
    expect(distinctCohortSlug('UW: Seattle')).not.toBe(d);
  });
});

describe('safeName', () => {
  it('keeps case', () => {
    expect(safeName('Lab 2025 (final)')).toBe('Lab-2025-final');
    expect(safeName('a__b--c')).toBe('a__b-c');
  });

  it('never returns an empty name', () => {
    expect(safeName('...')).toBe('source');
  });
});

describe('destinationPaths', () => {
  it('builds <root>/<cohort>/<year>/<table>/<name>-<sha12>.(duckdb|json)', () => {
    const p = destinationPaths('/nas', {
      cohort: 'UT Southwestern / Parkland, Dallas TX',
      protocolYear: 2025,
      table: 'laboratory',
      sourceName: 'lab_2025.csv',
      sourceSha256: SHA,
    });
    expect(p).toEqual({
      dir: '/nas/ut-southwestern-parkland-dallas-tx/2025/laboratory',
      artifact:
        '/nas/ut-southwestern-parkland-dallas-tx/2025/laboratory/lab_2025-abcdef012345.duckdb',
      manifest:
        '/nas/ut-southwestern-parkland-dallas-tx/2025/laboratory/lab_2025-abcdef012345.json',
      base: 'lab_2025-abcdef012345',
    });
  });

  it('fills missing parts and never leaves the root', () => {
    const p = destinationPaths('/nas', {
      cohort: null,
      protocolYear: null,
      table: null,
      sourceName: 'C:\\exports\\Lab File.v2.csv',
      sourceSha256: SHA,
    });
    expect(p.dir).toBe('/nas/unassigned/no-year/unknown');
    expect(p.base).toBe('Lab-File-v2-abcdef012345');
    const q = destinationPaths('/nas', {
      cohort: '../..',
      protocolYear: 2025,
      table: '../etc',
      sourceName: '../../passwd',
      sourceSha256: SHA,
    });
    expect(q.dir).toMatch(/^\/nas\/cohort-[0-9a-f]{8}\/2025\/etc$/);
    expect(q.base).toBe('passwd-abcdef012345');
  });

  it('rejects a digest that is not hex', () => {
    expect(() =>
      destinationPaths('/nas', {
        cohort: null,
        protocolYear: null,
        table: null,
        sourceName: 'a.csv',
        sourceSha256: 'not-a-hash',
      }),
    ).toThrow(/hex/);
  });
});

describe('backoff', () => {
  it('grows exponentially from 5 s to a 15 min cap, with full jitter', () => {
    const top = (): number => 1 - Number.EPSILON;
    expect(backoff(0, () => 0)).toBe(0);
    expect(backoff(0, top)).toBe(BACKOFF_BASE_MS - 1);
    expect(backoff(1, top)).toBe(2 * BACKOFF_BASE_MS - 1);
    expect(backoff(3, () => 0.5)).toBe(4 * BACKOFF_BASE_MS);
    expect(backoff(50, top)).toBe(BACKOFF_CAP_MS - 1);
    expect(backoff(1e9, top)).toBe(BACKOFF_CAP_MS - 1);
    expect(backoff(-3, top)).toBe(BACKOFF_BASE_MS - 1);
    for (let i = 0; i < 100; i++) {
      const ms = backoff(i % 12);
      expect(ms).toBeGreaterThanOrEqual(0);
      expect(ms).toBeLessThan(BACKOFF_CAP_MS);
    }
  });
});
