/**
 * The choices around a fix, as pure functions: which fixes a `courier fix` asks for (proposals,
 * rules without params, a code map from a CSV, and the mistakes said plainly), and a saved
 * recipe matched against a new file's report (applied where the proposal asks for what it
 * does, refused with the reason where it differs or the column is gone).
 */
import { describe, expect, it } from 'vitest';
import { chooseFixes, readCodeMap } from '../../../src-main/core/jobs/fixRequests';
import { matchRecipe } from '../../../src-main/core/jobs/recipeMatch';
import type { Recipe } from '../../../src-main/core/jobs/recipes';
import { fixTag } from '../../../src-main/core/jobs/fixTag';
import type { Issue, Report } from '../../../src-main/shared/report';

function issue(code: string, column: string, fix?: Issue['fix']): Issue {
  return {
    code,
    severity: 'error',
    column,
    count: 2,
    lines: [2, 3],
    examples: [],
    message: '',
    hint: '',
    ...(fix ? { fix } : {}),
  } as Issue;
}

function report(issues: Issue[], columns = ['enrollDate', 'deathDate', 'race', 'note']): Report {
  return {
    issues,
    columns: columns.map((name) => ({ name, source: name, type: 'string' })),
  } as unknown as Report;
}

const dates = issue('date-pattern', 'enrollDate', {
  rule: 'iso-date',
  column: 'enrollDate',
  params: { from: 'DDMONYYYY' },
  cells: 2,
});
const na = issue('missing-code', 'deathDate', {
  rule: 'missing-to-empty',
  column: 'deathDate',
  params: { codes: ['NA'] },
  cells: 1,
});

describe('chooseFixes', () => {
  it('takes the proposals named, all of them, rules without params, and code maps', () => {
    const r = report([dates, na]);
    expect(chooseFixes(r, { apply: ['iso-date:enrollDate'], all: false, maps: [] })).toEqual([
      { rule: 'iso-date', column: 'enrollDate', params: { from: 'DDMONYYYY' } },
    ]);
    expect(chooseFixes(r, { apply: [], all: true, maps: [] }).map((f) => f.rule)).toEqual([
      'iso-date',
      'missing-to-empty',
    ]);
    expect(chooseFixes(r, { apply: ['drop-column:note'], all: false, maps: [] })).toEqual([
      { rule: 'drop-column', column: 'note', params: {} },
    ]);
  });

  it('says plainly what is wrong with a request', () => {
    const r = report([dates]);
    expect(() => chooseFixes(r, { apply: ['shout:race'], all: false, maps: [] })).toThrow(
      /expected RULE:COLUMN/,
    );
    expect(() =>
      chooseFixes(r, { apply: ['missing-to-empty:race'], all: false, maps: [] }),
    ).toThrow(/proposes no missing-to-empty fix for "race". Proposals: iso-date:enrollDate/);
    expect(() => chooseFixes(r, { apply: [], all: false, maps: ['race'] })).toThrow(
      /expected COLUMN=FILE.csv/,
    );
  });
});

describe('readCodeMap', () => {
  it('reads two columns, with or without a from,to header', () => {
    expect(readCodeMap('from,to\nH1,Yes\n"H,0",No\n', 'm.csv')).toEqual({ H1: 'Yes', 'H,0': 'No' });
    expect(readCodeMap('\uFEFFH1,Yes\r\nH0,No\r\n', 'm.csv')).toEqual({ H1: 'Yes', H0: 'No' });
  });

  it('refuses a row of another width, a code mapped twice, an empty map', () => {
    expect(() => readCodeMap('H1,Yes\nH0\n', 'm.csv')).toThrow(
      /m.csv, line 2: expected two columns/,
    );
    expect(() => readCodeMap('H1,Yes\nH1,No\n', 'm.csv')).toThrow(/"H1" is mapped twice/);
    expect(() => readCodeMap('from,to\n', 'm.csv')).toThrow(/the code map is empty/);
  });
});

describe('matchRecipe', () => {
  const recipe: Recipe = {
    recipeVersion: 1,
    cohort: 'UW - Seattle',
    table: 'patient',
    auto: true,
    savedAt: '2026-12-01T00:00:00.000Z',
    fromJob: null,
    fixes: [
      { rule: 'iso-date', column: 'enrollDate', params: { from: 'DDMONYYYY' } },
      { rule: 'missing-to-empty', column: 'deathDate', params: { codes: ['NA', '.'] } },
      { rule: 'map-values', column: 'race', params: { map: { W: 'White' } } },
      { rule: 'drop-column', column: 'extra', params: {} },
    ],
  };

  it('proposes what the file asks for, and only where the file finds something', () => {
    const m = matchRecipe(
      recipe,
      report(
        [dates, na, issue('allowed-values', 'race')],
        ['enrollDate', 'deathDate', 'race', 'extra'],
      ),
    );
    expect(m.fixes.map((f) => `${f.rule}:${f.column}`)).toEqual([
      'iso-date:enrollDate',
      'missing-to-empty:deathDate',
      'map-values:race',
    ]);
    expect(m.outcome).toMatchObject({ auto: true, applied: [], refused: [] });
  });

  it('refuses a fix whose column is gone or whose proposal differs, saying why', () => {
    const us = issue('date-pattern', 'enrollDate', {
      rule: 'iso-date',
      column: 'enrollDate',
      params: { from: 'MM/DD/YYYY' },
      cells: 2,
    });
    const nine = issue('missing-code', 'deathDate', {
      rule: 'missing-to-empty',
      column: 'deathDate',
      params: { codes: ['999'] },
      cells: 1,
    });
    const m = matchRecipe(recipe, report([us, nine], ['enrollDate', 'deathDate']));
    expect(m.fixes).toEqual([]);
    expect(m.outcome.refused).toEqual([
      {
        rule: 'iso-date',
        column: 'enrollDate',
        reason: expect.stringContaining(
          'now written MM/DD/YYYY; the recipe was made for DDMONYYYY',
        ),
      },
      { rule: 'missing-to-empty', column: 'deathDate', reason: expect.stringContaining('999') },
      { rule: 'map-values', column: 'race', reason: 'the file has no column "race".' },
      { rule: 'drop-column', column: 'extra', reason: 'the file has no column "extra".' },
    ]);
  });
});

describe('fixTag', () => {
  it('names the same fixes alike and other fixes otherwise', () => {
    const a = [{ rule: 'trim' as const, column: 'id', params: {} }];
    expect(fixTag(a)).toMatch(/^fix-[0-9a-f]{8}$/);
    expect(fixTag(a)).toBe(fixTag([{ rule: 'trim', column: 'id', params: {} }]));
    expect(fixTag(a)).not.toBe(fixTag([{ rule: 'trim', column: 'id2', params: {} }]));
    expect(fixTag([])).toBeNull();
  });
});
