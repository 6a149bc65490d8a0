/**
 * Recipes through the real command: the fixes of a job saved for its cohort and table
 * (`courier fix --save-recipe`), proposed first in next year's report, applied by themselves
 * once the recipe is set to (`courier recipes auto`), refused where a column's proposal
 * differs from what the recipe was made for (the report says why), and given with
 * `ingest --recipe FILE` after an export and a removal.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src-main/shared/report';
import { courier } from '../helpers/cli';
import { tempDir } from '../helpers/env';
import {
  PATIENT_COLUMNS,
  patientIds,
  patientRow,
  sasDate,
  slashDate,
  writeExport,
} from '../helpers/toolExports';

let dir: string;
let cleanup: () => void;
beforeAll(() => {
  ({ dir, cleanup } = tempDir('courier-recipes-'));
});
afterAll(() => cleanup());

const day = (i: number): string => `2011-0${(i % 9) + 1}-${13 + (i % 15)}`;

/** A patient export of `n` rows whose enrollment dates are written by `date`, one NA death date. */
function write(name: string, n: number, date: (iso: string) => string, seed: number): string {
  const e = writeExport(
    PATIENT_COLUMNS,
    patientIds(n).map((id, i) =>
      patientRow(id, {
        birthYear: String(1950 + ((i + seed) % 40)),
        enrollDate: i % 2 === 0 ? date(day(i + seed)) : '2010-01-01',
        deathDate: i === 1 ? 'NA' : null,
      }),
    ),
    { delimiter: ',', eol: '\n', missing: '' },
  );
  const path = join(dir, name);
  writeFileSync(path, e.text);
  return path;
}

const report = (out: { stdout: string; stderr: string }): Report => {
  const last = out.stdout.trim().split('\n').at(-1);
  if (!last) throw new Error(out.stderr);
  return JSON.parse(last) as Report;
};

describe('recipes', () => {
  it('are saved, proposed next year, applied when asked to, and refused on a mismatch', () => {
    const home = join(dir, 'home');
    const as = (year: string) => [
      '--json',
      '--table',
      'patient',
      '--cohort',
      'UW - Seattle',
      '--year',
      year,
    ];

    const y1 = report(courier(home, 'ingest', ...as('2025'), write('p2025.csv', 20, sasDate, 0)));
    const fx = courier(home, 'fix', y1.job!, '--all', '--save-recipe', '--json');
    expect(fx.stderr).toContain('Recipe saved:');
    expect(existsSync(join(home, 'recipes', 'UW-Seattle--patient.json'))).toBe(true);
    const listed = courier(home, 'recipes', 'list', '--json').stdout.trim().split('\n');
    expect(listed).toHaveLength(1);
    const saved = JSON.parse(listed[0]!) as {
      auto: boolean;
      fixes: { rule: string; column: string }[];
    };
    expect(saved.auto).toBe(false);
    expect(saved.fixes.map((f) => `${f.rule}:${f.column}`)).toEqual(
      expect.arrayContaining(['iso-date:enrollDate', 'missing-to-empty:deathDate']),
    );

    // Next year: proposed first, nothing changed yet.
    const y2 = report(courier(home, 'ingest', ...as('2026'), write('p2026.csv', 30, sasDate, 3)));
    expect(y2.fixes).toBeUndefined();
    expect(y2.recipe?.proposed).toEqual(
      expect.arrayContaining([
        { rule: 'iso-date', column: 'enrollDate' },
        { rule: 'missing-to-empty', column: 'deathDate' },
      ]),
    );
    expect(y2.recipe?.applied).toEqual([]);
    expect(y2.issues.map((i) => i.code)).toContain('date-pattern');

    // Set to apply itself: a corrected re-export is fixed as it is ingested.
    expect(courier(home, 'recipes', 'auto', 'patient', 'on', '--cohort', 'UW - Seattle').code).toBe(
      0,
    );
    const y3 = report(courier(home, 'ingest', ...as('2026'), write('p2026.csv', 31, sasDate, 5)));
    expect(y3.fixedFrom).toBeDefined();
    expect(y3.recipe?.applied).toEqual(
      expect.arrayContaining([
        { rule: 'iso-date', column: 'enrollDate', cells: 16 },
        { rule: 'missing-to-empty', column: 'deathDate', cells: 1 },
      ]),
    );
    expect(y3.issues.map((i) => i.code)).not.toContain('date-pattern');

    // Dates now written MM/DD/YYYY: the recipe, made for DDMONYYYY, is refused for them.
    const us = (iso: string): string => slashDate(iso, false);
    const y4 = report(courier(home, 'ingest', ...as('2027'), write('p2027.csv', 20, us, 1)));
    expect(y4.recipe?.refused).toEqual([
      expect.objectContaining({ rule: 'iso-date', column: 'enrollDate' }),
    ]);
    expect(y4.recipe!.refused[0]!.reason).toContain('MM/DD/YYYY');
    expect(y4.recipe?.applied).toEqual([
      { rule: 'missing-to-empty', column: 'deathDate', cells: 1 },
    ]);
    expect(y4.issues.find((i) => i.code === 'date-pattern')?.column).toBe('enrollDate');

    // Exported, removed, given back with --recipe FILE.
    const file = join(dir, 'patient.recipe.json');
    expect(
      courier(home, 'recipes', 'export', 'patient', file, '--cohort', 'UW - Seattle').code,
    ).toBe(0);
    expect(courier(home, 'recipes', 'remove', 'patient', '--cohort', 'UW - Seattle').code).toBe(0);
    const y5 = report(courier(home, 'ingest', ...as('2028'), write('p2028.csv', 20, sasDate, 2)));
    expect(y5.recipe).toBeUndefined();
    const y6 = report(
      courier(home, 'ingest', ...as('2028'), '--recipe', file, write('p2028b.csv', 22, sasDate, 4)),
    );
    expect(y6.recipe?.applied.map((a) => a.rule)).toEqual(
      expect.arrayContaining(['iso-date', 'missing-to-empty']),
    );
    expect(courier(home, 'recipes', 'import', file).code).toBe(0);
    expect(courier(home, 'recipes', 'list').stdout).toContain(
      'UW - Seattle · patient · applies itself',
    );
    // A file that is not a recipe: a usage error that says so.
    const bad = courier(
      home,
      'ingest',
      ...as('2028'),
      '--recipe',
      write('x.csv', 2, sasDate, 0),
      file,
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('is not a Courier recipe');
  }, 300_000); // a dozen courier processes, each converting a file
});
