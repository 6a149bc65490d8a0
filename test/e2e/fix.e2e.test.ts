/**
 * Guided fixes in the window (browser mode, real Chromium): an issue with a proposal has
 * Fix…, whose preview shows the changed values (line, before → after) and the number of
 * cells; Apply opens the fixed job's report with its "Fixed by Courier" section; the changed
 * cells export as CSV; Undo goes back to the unfixed job. Screenshots at each step.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserMode } from '../../src-main/core/server/browserMode';
import {
  PATIENT_COLUMNS,
  patientIds,
  patientRow,
  sasDate,
  writeExport,
} from '../helpers/toolExports';
import { axe } from './axe';
import { browserSuite, launch, nav, openApp, serve, shot } from './harness';
import { expectFrameHolds } from './world';

const ids = patientIds(40);
const day = (i: number): string => `2010-0${(i % 9) + 1}-1${i % 10}`;

/** The screen passes axe-core with no serious or critical violation (issue 22). */
async function noSeriousAxe(page: Page, screen: string): Promise<void> {
  const found = await axe(page, screen);
  expect(found.filter((f) => f.impact === 'serious' || f.impact === 'critical')).toEqual([]);
}

describe('guided fixes in the window', browserSuite, () => {
  let dir: string;
  let mode: BrowserMode;
  let browser: Browser;
  let page: Page;
  let problems: string[];
  let lines: number[];
  let file: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'courier-e2e-fix-'));
    await mkdir(path.join(dir, 'data'));
    file = path.join(dir, 'data', 'patient_sas.csv');
    // Every other enrollment date written by SAS (DDMONYYYY): 20 cells to fix.
    const e = writeExport(
      PATIENT_COLUMNS,
      ids.map((id, i) =>
        patientRow(id, { enrollDate: i % 2 === 0 ? sasDate(day(i)) : '2010-01-01' }),
      ),
      { delimiter: ',', eol: '\n', missing: '' },
    );
    writeFileSync(file, e.text);
    lines = e.lines;
    mode = await serve(path.join(dir, 'home'));
    mode.service.settings.update({ cohort: 'UW - Seattle', protocolYear: 2025 });
    mode.service.grant([file]);
    await mode.service.addPaths([file]);
    await mode.service.idle();
    browser = await launch();
    ({ page, problems } = await openApp(browser, mode.server.url, { bypassCSP: true }));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await mode?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('previews the fix, applies it, and shows the fixed report', async () => {
    const source = readFileSync(file);
    await page
      .getByRole('article', { name: /^patient_sas\.csv/ })
      .getByRole('button', { name: 'Open the report of patient_sas.csv' })
      .click();
    const issue = page.locator('li.issue', { hasText: 'date-pattern' });
    await issue.getByRole('button', { name: 'Fix…' }).click();
    const dialog = page.getByTestId('fix-dialog');
    await dialog.getByText('20 cells would change.').waitFor();
    const rows = dialog.getByRole('table', { name: 'Changed values' }).locator('tbody tr');
    expect(await rows.count()).toBe(20);
    expect(await rows.first().innerText()).toBe(`${lines[0]}\t${sasDate(day(0))}\t→\t${day(0)}`);
    await dialog.getByRole('checkbox', { name: /Also save as the recipe for patient/ }).check();
    await shot(page, 'fix-1-preview');
    await noSeriousAxe(page, 'fix-1-preview');

    await dialog.getByRole('button', { name: 'Apply' }).click();
    const fixed = page.getByRole('region', { name: 'Fixed by Courier' });
    await fixed.waitFor({ timeout: 60_000 });
    expect(await fixed.innerText()).toContain('enrollDate');
    expect(await fixed.innerText()).toContain('20 cells');
    expect(await page.locator('li.issue', { hasText: 'date-pattern' }).count()).toBe(0);
    await expectFrameHolds(page, 'the fixed report');
    await shot(page, 'fix-2-fixed-report', 1100);
    await noSeriousAxe(page, 'fix-2-fixed-report');

    // The changed cells, each with its original, as a download on this computer.
    const download = page.waitForEvent('download');
    await fixed.getByRole('button', { name: 'Export changed cells (CSV)' }).click();
    const csv = readFileSync(await (await download).path(), 'utf8')
      .trim()
      .split('\n');
    expect(csv[0]).toBe('line,column,rule,original,fixed');
    expect(csv).toHaveLength(21);
    expect(csv[1]).toBe(`${lines[0]},enrollDate,iso-date,${sasDate(day(0))},${day(0)}`);

    await fixed.getByRole('button', { name: 'Undo' }).click();
    await page.getByText('Undone: this is the unfixed file again').waitFor();
    expect(await page.getByRole('region', { name: 'Fixed by Courier' }).count()).toBe(0);
    expect(await page.locator('li.issue', { hasText: 'date-pattern' }).count()).toBe(1);
    await shot(page, 'fix-3-undone');
    expect(readFileSync(file).equals(source)).toBe(true);
    expect(problems).toEqual([]);
  }, 120_000);

  it('lists the saved recipe in Settings, sets it to apply itself, and exports it', async () => {
    await nav(page, 'Settings');
    const recipe = page.getByRole('listitem', { name: 'patient · UW - Seattle' });
    await recipe.waitFor();
    expect(await recipe.innerText()).toContain('DDMONYYYY');
    // The box shows the saved state: it turns once main has saved it.
    const autocheck = recipe.getByRole('checkbox', { name: 'Apply by itself to each new file' });
    await autocheck.click();
    await expect.poll(() => autocheck.isChecked()).toBe(true);
    await expect
      .poll(
        () =>
          mode.service.ledger &&
          readFileSync(path.join(dir, 'home', 'recipes', 'UW-Seattle--patient.json'), 'utf8'),
      )
      .toContain('"auto": true');
    const download = page.waitForEvent('download');
    await recipe.getByRole('button', { name: 'Export…' }).click();
    const text = readFileSync(await (await download).path(), 'utf8');
    expect(JSON.parse(text)).toMatchObject({ recipeVersion: 1, table: 'patient', auto: true });
    await page.getByRole('heading', { name: 'Recipes' }).scrollIntoViewIfNeeded();
    await shot(page, 'fix-4-settings-recipes');
    await noSeriousAxe(page, 'fix-4-settings-recipes');
    expect(problems).toEqual([]);
  }, 60_000);

  it('proposes the saved recipe in the next file’s report, and applies it on request', async () => {
    const recipe = page.getByRole('listitem', { name: 'patient · UW - Seattle' });
    // The box shows the saved state: it turns once main has saved it.
    const autouncheck = recipe.getByRole('checkbox', { name: 'Apply by itself to each new file' });
    await autouncheck.click();
    await expect.poll(() => autouncheck.isChecked()).toBe(false);
    await expect
      .poll(() =>
        readFileSync(path.join(dir, 'home', 'recipes', 'UW-Seattle--patient.json'), 'utf8'),
      )
      .toContain('"auto": false');
    const next = path.join(dir, 'data', 'patient_next.csv');
    writeFileSync(
      next,
      writeExport(
        PATIENT_COLUMNS,
        ids.slice(0, 30).map((id, i) =>
          patientRow(id, {
            birthYear: '1980',
            enrollDate: i % 3 === 0 ? sasDate(day(i)) : '2011-01-01',
          }),
        ),
        { delimiter: ',', eol: '\n', missing: '' },
      ).text,
    );
    mode.service.grant([next]);
    await mode.service.addPaths([next]);
    await mode.service.idle();
    await nav(page, 'Inbox');
    await page
      .getByRole('article', { name: /^patient_next\.csv/ })
      .getByRole('button', { name: 'Open the report of patient_next.csv' })
      .click();
    const section = page.getByRole('region', { name: 'Recipe for patient' });
    await section.waitFor();
    expect(await section.innerText()).toContain('Dates to YYYY-MM-DD · column enrollDate');
    await shot(page, 'fix-5-recipe-proposed');
    await noSeriousAxe(page, 'fix-5-recipe-proposed');
    await section.getByRole('button', { name: 'Apply the recipe' }).click();
    const fixed = page.getByRole('region', { name: 'Fixed by Courier' });
    await fixed.waitFor({ timeout: 60_000 });
    expect(await fixed.innerText()).toContain('10 cells');
    expect(await page.getByRole('region', { name: 'Recipe for patient' }).innerText()).toContain(
      'Applied by your saved recipe.',
    );
    await shot(page, 'fix-6-recipe-applied');
    expect(problems).toEqual([]);
  }, 120_000);

  it('maps a cohort’s own codes to the allowed values, made in the window', async () => {
    const codes = path.join(dir, 'data', 'patient_codes.csv');
    // A cohort's local race codes: 1 for White, 2 for Black.
    writeFileSync(
      codes,
      writeExport(
        PATIENT_COLUMNS,
        ids.map((id, i) => patientRow(id, { race: i % 4 === 0 ? '2' : '1' })),
        { delimiter: ',', eol: '\n', missing: '' },
      ).text,
    );
    mode.service.grant([codes]);
    await mode.service.addPaths([codes]);
    await mode.service.idle();
    await nav(page, 'Inbox');
    await page
      .getByRole('article', { name: /^patient_codes\.csv/ })
      .getByRole('button', { name: 'Open the report of patient_codes.csv' })
      .click();
    await page.getByRole('button', { name: 'Map values…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Map the values of “race”' });
    await dialog.getByRole('combobox', { name: 'What “1” means' }).selectOption('White');
    await dialog.getByRole('combobox', { name: 'What “2” means' }).selectOption('Black');
    expect(await dialog.getByRole('button', { name: 'Apply' }).isDisabled()).toBe(true);
    await dialog.getByRole('button', { name: 'Preview' }).click();
    await dialog.getByText(`${ids.length} cells would change.`).waitFor();
    await shot(page, 'fix-7-code-map');
    await noSeriousAxe(page, 'fix-7-code-map');
    await dialog.getByRole('button', { name: 'Apply' }).click();
    const fixed = page.getByRole('region', { name: 'Fixed by Courier' });
    await fixed.waitFor({ timeout: 60_000 });
    expect(await fixed.innerText()).toMatch(/Codes mapped\s+column race/);
    // The fixed report has no value of race outside its list any more.
    expect(await page.getByRole('button', { name: 'Map values…' }).count()).toBe(0);
    await shot(page, 'fix-8-code-map-applied', 1100);
    expect(problems).toEqual([]);
  }, 120_000);
});
