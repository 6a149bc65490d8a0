/**
 * Issue 14, the report's medium items: rows are counted once however many problems they have
 * (a 120-row file with two problems on every row has 120 rows with errors, not 240); each
 * line shows the value at fault, and an unknown patient ID the nearest patient-table ID
 * (`547` → `P000547`), in the window only; a whole-file finding is not "1 row" and a warning
 * never says "Nothing to fix"; a text column of numbers gets numeric min/max in the exports.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src-main/shared/report';
import type { BrowserMode } from '../../src-main/core/server/browserMode';
import { sampleFiles } from '../core/service/helpers';
import { browserSuite, launch, openApp, serve } from './harness';
import { expectFrameHolds, shotBoth } from './world';

/** The laboratory file with, on every data row, an impossible date and an ID without its P0…. */
function twoProblemsPerRow(clean: string, out: string): number {
  const lines = readFileSync(clean, 'utf8').trimEnd().split('\n');
  const header = lines[0]!.split(',');
  const id = header.indexOf('cohortPatientId');
  const date = header.indexOf('resultDate');
  for (let i = 1; i < lines.length; i++) {
    const cells = lines[i]!.split(',');
    cells[id] = String(Number(cells[id]!.replace(/\D/g, '')));
    cells[date] = '2021-13-45';
    lines[i] = cells.join(',');
  }
  writeFileSync(out, lines.join('\n') + '\n');
  return lines.length - 1;
}

describe('the report counts and shows what is wrong', browserSuite, () => {
  let dir: string;
  let mode: BrowserMode;
  let browser: Browser;
  let page: Page;
  let problems: string[];
  let rows: number;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'courier-e2e-report-'));
    const files = await sampleFiles(path.join(dir, 'data'), 120);
    const twice = path.join(dir, 'data', 'lab_twice.csv');
    rows = twoProblemsPerRow(files.laboratory, twice);
    const semi = path.join(dir, 'data', 'lab_semicolon.csv');
    writeFileSync(semi, readFileSync(files.laboratory, 'utf8').replaceAll(',', ';'));
    mode = await serve(path.join(dir, 'home'));
    const service = mode.service;
    service.settings.update({ cohort: 'UW - Seattle', protocolYear: 2025 });
    service.grant([files.patient, twice, semi]);
    await service.addPaths([files.patient]);
    await service.idle();
    await service.addPaths([twice, semi]);
    await service.idle();
    browser = await launch();
    ({ page, problems } = await openApp(browser, mode.server.url));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await mode?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('counts a row with two problems once', async () => {
    await page
      .getByRole('article', { name: /^lab_twice\.csv/ })
      .getByRole('button', { name: 'Open the report of lab_twice.csv' })
      .click();
    const banner = page.getByTestId('status-banner');
    await expect.poll(() => banner.textContent()).toContain('2 problems to fix before sending');
    expect(await banner.textContent()).toContain(`${rows} rows with errors`);
    expect(await banner.textContent()).not.toContain(`${rows * 2} rows`);
  }, 60_000);

  it('shows the value at fault beside each line, and the nearest patient ID of an unknown one', async () => {
    const errors = page.getByRole('region', { name: /Must be fixed before sending/ });
    const dates = errors.getByRole('listitem').filter({ hasText: 'resultDate' }).first();
    const values = dates.getByRole('list', { name: 'Lines and the values at fault' });
    await values.waitFor();
    expect(await values.getByRole('listitem').first().textContent()).toBe('Line 2 2021-13-45');

    // Zeros a spreadsheet stripped (P000123 written 123): the nearest ID says which patient.
    const ids = errors.getByRole('listitem').filter({ hasText: 'id-leading-zeros-lost' }).first();
    const idValues = ids.getByRole('list', { name: 'Lines and the values at fault' });
    await idValues.waitFor();
    const first = (await idValues.getByRole('listitem').first().textContent()) ?? '';
    expect(await ids.textContent()).toContain('the nearest ID in the patient table');
    const m = /^Line 2 (\d+) → (P\d+)$/.exec(first);
    expect(m, first).not.toBeNull();
    expect(m![2]).toBe(`P${m![1]!.padStart(6, '0')}`);
    // In the window only: nothing of it in the report file Courier keeps or would send.
    const report = await mode.service.report(mode.service.history('lab_twice', 0, 1).items[0]!.id);
    expect(JSON.stringify(report)).not.toContain(m![2]);

    await ids.getByRole('button', { name: /Show more lines/ }).click();
    await expect.poll(() => idValues.getByRole('listitem').count()).toBeGreaterThan(8);
    await shotBoth(page, 'report-values');
    await expectFrameHolds(page, 'report with values');
  }, 60_000);

  it('says "Whole file" for a whole-file finding, and no warning says "Nothing to fix"', async () => {
    await page.getByRole('button', { name: '← Back to Inbox' }).click();
    await page
      .getByRole('article', { name: /^lab_semicolon\.csv/ })
      .getByRole('button', { name: 'Open the report of lab_semicolon.csv' })
      .click();
    const warnings = page.getByRole('region', { name: /Worth checking/ });
    const delimiter = warnings.getByRole('listitem').filter({ hasText: 'delimiter' });
    await delimiter.waitFor();
    expect(await delimiter.locator('.issue-count').textContent()).toBe('Whole file');
    expect(await warnings.textContent()).not.toContain('Nothing to fix');
    expect(await warnings.textContent()).not.toMatch(/\b1 row\b/);
  }, 60_000);

  it('gives a text column of numbers its numeric smallest and largest value', async () => {
    const id = mode.service.history('lab_twice', 0, 1).items[0]!.id;
    const view = await mode.service.report(id);
    // normalMin is text by definition, and every value is a number ("0", "10", "125", "70"):
    // alphabetically "70" would be the largest.
    const result = view.report.profile.find((p) => p.name === 'normalMin')!;
    const values = readFileSync(path.join(dir, 'data', 'lab_twice.csv'), 'utf8')
      .trimEnd()
      .split('\n')
      .slice(1)
      .map((l) => l.split(',')[4]!)
      .filter((v) => v.trim() !== '')
      .map(Number);
    expect(values.every(Number.isFinite)).toBe(true);
    expect(Number(result.min)).toBe(Math.min(...values));
    expect(Number(result.max)).toBe(Math.max(...values));
    // A column with a value that is not a number ("<50") keeps the text order.
    const mixed = view.report.profile.find((p) => p.name === 'result')!;
    const texts = readFileSync(path.join(dir, 'data', 'lab_twice.csv'), 'utf8')
      .trimEnd()
      .split('\n')
      .slice(1)
      .map((l) => l.split(',')[2]!)
      .filter((v) => v.trim() !== '')
      .sort();
    expect(texts).toContain('<50');
    expect([mixed.min, mixed.max]).toEqual([texts[0], texts.at(-1)]);
    // The HTML export says the same.
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: '← Back to Inbox' }).click();
    await page
      .getByRole('article', { name: /^lab_twice\.csv/ })
      .getByRole('button', { name: 'Open the report of lab_twice.csv' })
      .click();
    await page.getByRole('button', { name: 'Export report (HTML)' }).click();
    const html = path.join(dir, 'report.html');
    await (await download).saveAs(html);
    const text = readFileSync(html, 'utf8');
    const row = /<tr><td>normalMin<\/td><td>string<\/td>.*?<\/tr>/.exec(text)?.[0] ?? '';
    expect(row).toContain(`<td>${result.min}</td><td>${result.max}</td>`);
    expect((JSON.parse(JSON.stringify(view.report)) as Report).rows).toBe(rows);
    expect(problems).toEqual([]);
  }, 60_000);
});
