import { win32 } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { partialPath } from '../../../src-main/core/push/atomic';
import {
  MAX_SLUG,
  MAX_STEM,
  MAX_TABLE,
  cohortSlug,
  destinationPaths,
} from '../../../src-main/core/push/layout';
import { lockPath } from '../../../src-main/core/push/noReplace';
import { HELD_OPEN_DELAYS_MS, whileHeldOpen } from '../../../src-main/core/push/retry';
import {
  MAX_FILE_PATH,
  windowsNameProblem,
  windowsPathProblem,
  windowsRootProblem,
} from '../../../src-main/core/push/windows';

/**
 * Windows' rules, by construction: no Windows here, so the rules are pure functions and the
 * layout is checked against them with `path.win32`.
 */

const SHA = 'abcdef0123456789'.repeat(4);
const key = (over: Partial<Parameters<typeof destinationPaths>[1]> = {}) => ({
  cohort: 'UT Southwestern / Parkland, Dallas TX',
  protocolYear: 2025,
  table: 'laboratory',
  sourceName: 'lab_2025.csv',
  sourceSha256: SHA,
  ...over,
});

describe('names Windows refuses', () => {
  it('knows the device names, with or without an extension, in any case', () => {
    for (const name of ['CON', 'prn', 'Aux', 'nul', 'COM1', 'com9', 'LPT1', 'lpt9', 'COM0', 'COM¹'])
      expect(windowsNameProblem(name)).toMatch(/reserved device name/);
    for (const name of ['con.txt', 'NUL.duckdb', 'aux.tar.gz', 'LPT3.json'])
      expect(windowsNameProblem(name)).toMatch(/reserved device name/);
    for (const name of ['CONSOLE', 'con-abcdef012345.duckdb', 'aux_', 'com10', 'lpt', 'nul_1'])
      expect(windowsNameProblem(name)).toBeNull();
  });

  it('knows forbidden characters and trailing dots and spaces', () => {
    for (const ch of ['<', '>', ':', '"', '/', '\\', '|', '?', '*', '\u0001'])
      expect(windowsNameProblem(`a${ch}b`)).toMatch(/does not allow/);
    expect(windowsNameProblem('report.')).toMatch(/ends with a dot or a space/);
    expect(windowsNameProblem('report ')).toMatch(/ends with a dot or a space/);
    expect(windowsNameProblem('')).not.toBeNull();
    expect(windowsNameProblem('lab_2025-abcdef012345.duckdb')).toBeNull();
  });
});

describe('the NAS layout on Windows', () => {
  it('builds paths under a drive letter and under a UNC path', () => {
    expect(destinationPaths('N:\\naaccord', key(), win32)).toEqual({
      dir: 'N:\\naaccord\\ut-southwestern-parkland-dallas-tx\\2025\\laboratory',
      artifact:
        'N:\\naaccord\\ut-southwestern-parkland-dallas-tx\\2025\\laboratory\\lab_2025-abcdef012345.duckdb',
      manifest:
        'N:\\naaccord\\ut-southwestern-parkland-dallas-tx\\2025\\laboratory\\lab_2025-abcdef012345.json',
      base: 'lab_2025-abcdef012345',
    });
    const unc = destinationPaths('\\\\nas\\naaccord', key(), win32);
    expect(unc.artifact).toBe(
      '\\\\nas\\naaccord\\ut-southwestern-parkland-dallas-tx\\2025\\laboratory\\lab_2025-abcdef012345.duckdb',
    );
    expect(win32.parse(unc.artifact).root).toBe('\\\\nas\\naaccord\\');
  });

  it('gives device names a "_", and leaves ordinary names as Contract 4 says', () => {
    expect(cohortSlug('AUX')).toBe('aux_');
    expect(cohortSlug('Com1')).toBe('com1_');
    expect(cohortSlug('nul.')).toBe('nul_');
    const p = destinationPaths(
      'N:\\x',
      key({ cohort: 'CON', table: 'prn', sourceName: 'NUL.csv' }),
      win32,
    );
    expect(p.dir).toBe('N:\\x\\con_\\2025\\prn_');
    expect(p.base).toBe('NUL-abcdef012345'); // a base name always ends with -<sha12>: never a device
    expect(cohortSlug('UW - Seattle')).toBe('uw-seattle');
    expect(destinationPaths('N:\\x', key({ sourceName: 'Lab 2025 (final).csv' }), win32).base).toBe(
      'Lab-2025-final-abcdef012345',
    );
  });

  it('shortens long names with a hash of the whole, so two stay apart', () => {
    const a = cohortSlug(`University of Somewhere ${'Very '.repeat(10)}Long Cohort A`);
    const b = cohortSlug(`University of Somewhere ${'Very '.repeat(10)}Long Cohort B`);
    expect(a.length).toBeLessThanOrEqual(MAX_SLUG);
    expect(a).toMatch(/^university-of-somewhere-very-v.*-[0-9a-f]{8}$/);
    expect(a).not.toBe(b);
    const long = destinationPaths(
      'N:\\x',
      key({ sourceName: `${'lab_results_'.repeat(10)}.csv` }),
      win32,
    );
    expect(long.base.length).toBeLessThanOrEqual(MAX_STEM + 13);
    expect(long.base).toMatch(/^lab_results_lab.*-[0-9a-f]{8}-abcdef012345$/);
  });

  it('never produces a name Windows refuses, nor a path too long under a short root (any input)', () => {
    const root = 'N:\\NA-ACCORD\\submissions\\site-uploads'; // a plausible share path
    fc.assert(
      fc.property(
        fc.option(fc.string({ unit: 'binary', maxLength: 120 })),
        fc.option(fc.integer({ min: -99999, max: 99999 })),
        fc.option(fc.string({ unit: 'binary', maxLength: 60 })),
        fc.string({ unit: 'binary', maxLength: 300 }),
        (cohort, protocolYear, table, sourceName) => {
          const p = destinationPaths(root, key({ cohort, protocolYear, table, sourceName }), win32);
          const rel = win32.relative(root, p.dir).split('\\');
          expect(rel).toHaveLength(3);
          expect(rel[0]!.length).toBeLessThanOrEqual(MAX_SLUG);
          expect(rel[2]!.length).toBeLessThanOrEqual(MAX_TABLE);
          const names = [...rel, win32.basename(p.artifact), win32.basename(p.manifest)];
          names.push(win32.basename(partialPath(p.artifact)), win32.basename(lockPath(p.manifest)));
          for (const n of names) expect(windowsNameProblem(n)).toBeNull();
          expect(
            windowsPathProblem({
              dir: p.dir,
              longestFile: win32.join(p.dir, `.${p.base}.duckdb.partial`),
            }),
          ).toBeNull();
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('Windows NAS roots', () => {
  it('accepts a drive letter with its backslash and a UNC path to a share', () => {
    for (const root of [
      'N:\\naaccord',
      'N:\\',
      'n:/naaccord/2025',
      '\\\\nas\\naaccord',
      '\\\\nas.example.org\\naaccord\\uploads',
      '\\\\?\\UNC\\nas\\naaccord',
      '\\\\?\\N:\\naaccord',
    ])
      expect(windowsRootProblem(root), root).toBeNull();
  });

  it('refuses, in plain words, what is not a full path to a folder', () => {
    expect(windowsRootProblem('N:')).toMatch(/current folder of drive N:.*N:\\naaccord/);
    expect(windowsRootProblem('N:naaccord')).toMatch(/current folder of drive N:/);
    expect(windowsRootProblem('\\\\nas')).toMatch(/names a server but no shared folder/);
    expect(windowsRootProblem('naaccord')).toMatch(/not a full Windows path/);
    expect(windowsRootProblem('\\\\nas\\aux')).toMatch(/"aux" cannot be used on Windows/);
    expect(windowsRootProblem('N:\\data\\q?')).toMatch(/"q\?" cannot be used/);
  });

  it('refuses paths beyond 260 characters unless long paths are enabled', () => {
    const root = `\\\\nas\\${'deeply-nested-folder\\'.repeat(8)}naaccord`;
    const p = destinationPaths(root, key(), win32);
    const longest = partialPath(p.artifact).replace(/\//g, '\\');
    expect(longest.length).toBeGreaterThan(MAX_FILE_PATH);
    expect(windowsPathProblem({ dir: p.dir, longestFile: longest })).toMatch(
      /longer than 260 characters.*shorter path/,
    );
    expect(windowsPathProblem({ dir: p.dir, longestFile: longest }, true)).toBeNull();
  });
});

describe('a file held open by another program', () => {
  const held = (code: string) => Object.assign(new Error(`${code}: held`), { code });

  it('is tried again with growing delays, then succeeds', async () => {
    const waits: number[] = [];
    let calls = 0;
    const r = await whileHeldOpen(
      async () => {
        if (++calls <= 2) throw held(calls === 1 ? 'EBUSY' : 'EPERM');
        return 'renamed';
      },
      { wait: async (ms) => void waits.push(ms) },
    );
    expect(r).toBe('renamed');
    expect(waits).toEqual(HELD_OPEN_DELAYS_MS.slice(0, 2));
  });

  it('is an error after a few tries (1.5 s in all)', async () => {
    const waits: number[] = [];
    let calls = 0;
    const err = await whileHeldOpen(
      async () => {
        calls++;
        throw held('EACCES');
      },
      { wait: async (ms) => void waits.push(ms) },
    ).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'EACCES' });
    expect(calls).toBe(HELD_OPEN_DELAYS_MS.length + 1);
    expect(waits).toEqual([...HELD_OPEN_DELAYS_MS]);
    expect(waits.reduce((a, b) => a + b, 0)).toBe(1500);
  });

  it('does not retry other errors', async () => {
    let calls = 0;
    const err = await whileHeldOpen(
      async () => {
        calls++;
        throw held('ENOENT');
      },
      { wait: async () => {} },
    ).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'ENOENT' });
    expect(calls).toBe(1);
  });
});
