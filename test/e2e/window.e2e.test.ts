/**
 * The coordinator's window end to end, in a real browser against browser mode: drop files (the
 * picker and a real drop event), follow them to "saved locally", read a dirty file's problems
 * with their line numbers, export every affected line, override, and restart with the same
 * settings. Waits on what the page shows, never on sleeps. Needs `npm run build` first.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserMode } from '../../src-main/core/server/browserMode';
import { dirtyLab, sampleFiles } from '../core/service/helpers';
import { browserSuite, launch, nav, openApp, serve, shot } from './harness';

describe('the coordinator’s window', browserSuite, () => {
  let dir: string;
  let home: string;
  let mode: BrowserMode;
  let browser: Browser;
  let page: Page;
  let problems: string[];
  let files: { patient: string; laboratory: string };
  let dirty: string;
  let brokenLines: number[];

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'courier-e2e-'));
    home = path.join(dir, 'home');
    files = await sampleFiles(path.join(dir, 'data'), 150);
    dirty = path.join(dir, 'data', 'lab_2025.csv');
    brokenLines = dirtyLab(files.laboratory, dirty, 64);
    mode = await serve(home);
    mode.service.settings.update({ cohort: 'UW - Seattle', protocolYear: 2025, site: 'Seattle' });
    browser = await launch();
    ({ page, problems } = await openApp(browser, mode.server.url));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await mode?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('drops a valid patient file with the picker and follows it to "saved locally"', async () => {
    await expect
      .poll(() => page.getByTestId('status-nas').textContent())
      .toContain('No NAS configured');
    await page.getByTestId('file-input').setInputFiles(files.patient);
    const row = page.getByRole('article', { name: /^patient\.csv/ });
    await row.getByText('Ready to send').first().waitFor({ timeout: 30_000 });
    await row.getByRole('button', { name: 'Send patient.csv to UW - Seattle · 2025' }).click();
    await row.getByText('Saved locally (no NAS configured)').waitFor({ timeout: 30_000 });
    expect(await row.textContent()).not.toContain('Sent to the NAS');
    expect(
      await row.getByRole('list', { name: 'Stages' }).getByRole('listitem').last().textContent(),
    ).toContain('Saved locally');

    // What a running job looks like: small files finish too fast to catch, so this replays
    // the progress event main sends while converting (the row then shows it live).
    const id = mode.service.listJobs('inbox', 0, 1).items[0]!.id;
    mode.server.emit('job.progress', {
      jobId: id,
      stage: 'converting',
      done: 620_000_000,
      total: 1_240_000_000,
      unit: 'bytes',
      ratePerSec: 85 * 1024 * 1024,
      etaSec: 7.3,
    });
    await row.getByRole('progressbar').waitFor();
    expect(await row.textContent()).toContain('Converting · 50% · 85 MB/s · about 8 s left');
    await shot(page, 'inbox-progress');
    mode.server.emit('job.finished', {
      id,
      name: 'patient.csv',
      stage: 'pushed',
      origin: 'drop',
      message: '',
    });
    await row.getByRole('progressbar').waitFor({ state: 'detached' });
  }, 60_000);

  it('takes a real drop event, and shows a dirty file’s problems with line numbers', async () => {
    // A drop as the browser makes it: a DataTransfer holding a File, dispatched on the zone.
    const text = readFileSync(dirty, 'utf8');
    const transfer = await page.evaluateHandle((csv) => {
      // Runs in the page; the test's own types have no DOM.
      const g = globalThis as unknown as {
        DataTransfer: new () => { items: { add(file: File): void } };
      };
      const dt = new g.DataTransfer();
      dt.items.add(new File([csv], 'lab_2025.csv', { type: 'text/csv' }));
      return dt;
    }, text);
    const zone = page.getByTestId('drop-zone');
    await zone.dispatchEvent('dragover', { dataTransfer: transfer });
    await zone.dispatchEvent('drop', { dataTransfer: transfer });
    const row = page.getByRole('article', { name: /^lab_2025\.csv/ });
    await row.getByText('Problems to fix').first().waitFor({ timeout: 30_000 });
    await shot(page, 'inbox');

    await row.getByRole('button', { name: 'Open the report of lab_2025.csv' }).click();
    const banner = page.getByTestId('status-banner');
    await expect.poll(() => banner.textContent()).toMatch(/\d+ problems? to fix before sending/);
    const errors = page.getByRole('region', { name: /Must be fixed before sending/ });
    const dates = errors.getByRole('listitem').filter({ hasText: 'resultDate' }).first();
    const linesText = `Lines ${brokenLines.slice(0, 50).join(', ')} … (first 50 of 64)`;
    expect(await dates.textContent()).toContain(linesText);
    await page.getByRole('heading', { name: 'Columns' }).waitFor();
    await shot(page, 'report');
    await shot(page, 'report-whole', 2400);

    // Every affected line, not only the first 50, as CSV, once the window said what it holds.
    await dates.getByRole('button', { name: /Export all 64 lines/ }).click();
    await dates.getByText(/the value at fault and the whole source line/).waitFor();
    const download = page.waitForEvent('download');
    await dates.getByRole('button', { name: 'Save the CSV' }).click();
    const file = await download;
    const saved = path.join(dir, 'lines.csv');
    await file.saveAs(saved);
    const rows = readFileSync(saved, 'utf8').trimEnd().split('\n');
    expect(rows[0]).toBe('line,code,column,value,source_line');
    expect(rows.slice(1).map((r) => Number(r.split(',')[0]))).toEqual(brokenLines);
    expect(rows[1]).toContain(',date-format,resultDate,2021-13-45,');
  }, 60_000);

  it('overrides a blocked file with a reason, then sends it', async () => {
    await page.getByRole('button', { name: 'Send anyway…' }).click();
    const form = page.getByRole('form', { name: 'Send despite the problems' });
    await form.getByRole('textbox').fill('Dates are corrected centrally this year.');
    await form.getByRole('button', { name: 'Record the override' }).click();
    const banner = page.getByTestId('status-banner');
    await expect.poll(() => banner.textContent()).toContain('override recorded');
    expect(await banner.textContent()).toContain('Dates are corrected centrally this year.');
    await page.getByRole('button', { name: 'Send to UW - Seattle · 2025', exact: true }).click();
    await expect
      .poll(() => banner.textContent(), { timeout: 30_000 })
      .toContain('Saved locally (no NAS configured)');
  }, 60_000);

  it('shows the submission board and the history, duplicates marked', async () => {
    await page.getByRole('button', { name: '← Back to Inbox' }).click();
    await page.getByTestId('file-input').setInputFiles(files.patient);
    await page
      .getByRole('article', { name: /^patient\.csv: Skipped/ })
      .waitFor({ timeout: 30_000 });
    await nav(page, 'Submission');
    const board = page.getByRole('table', { name: 'Tables of the submission' });
    await board
      .getByRole('row', { name: /Patient/ })
      .getByText('Saved locally', { exact: true })
      .waitFor();
    expect(await board.getByRole('row').count()).toBe(17);
    await shot(page, 'submission', 1050);
    await nav(page, 'History');
    await page.getByText('Duplicate of patient.csv').waitFor();
    await page.getByRole('searchbox', { name: 'Search the history' }).fill('lab_2025');
    await expect
      .poll(() => page.getByRole('list', { name: 'Files processed' }).getByRole('listitem').count())
      .toBe(1);
    await page.getByRole('searchbox', { name: 'Search the history' }).fill('');
    await expect
      .poll(() => page.getByRole('list', { name: 'Files processed' }).getByRole('listitem').count())
      .toBe(3);
    await shot(page, 'history');
  }, 60_000);

  it('saves settings that survive a restart', async () => {
    await nav(page, 'Settings');
    const form = page.getByRole('form', { name: 'Settings' });
    await form.getByLabel('Site', { exact: true }).fill('Harborview');
    await form.getByLabel('Protocol year', { exact: true }).fill('2026');
    await form.getByLabel('Cohort', { exact: true }).selectOption('Fenway');
    await form.getByRole('radio', { name: /Permissive/ }).check();
    await form.getByLabel('Most unknown IDs accepted as a warning').fill('12');
    const watched = path.join(dir, 'exports');
    mkdirSync(watched);
    await form.getByRole('button', { name: 'Add a watched folder' }).click();
    await form.getByRole('textbox', { name: 'Folder 1' }).fill(watched);
    await form.getByRole('button', { name: 'Save settings' }).click();
    await form.getByText('Settings saved.').waitFor();
    await shot(page, 'settings', 1400);

    await mode.close();
    mode = await serve(home);
    ({ page, problems } = await openApp(browser, mode.server.url));
    await nav(page, 'Settings');
    const again = page.getByRole('form', { name: 'Settings' });
    await expect
      .poll(() => again.getByLabel('Site', { exact: true }).inputValue())
      .toBe('Harborview');
    expect(await again.getByLabel('Protocol year', { exact: true }).inputValue()).toBe('2026');
    expect(await again.getByLabel('Cohort', { exact: true }).inputValue()).toBe('Fenway');
    expect(await again.getByRole('radio', { name: /Permissive/ }).isChecked()).toBe(true);
    expect(await again.getByLabel('Most unknown IDs accepted as a warning').inputValue()).toBe(
      '12',
    );
    expect(await again.getByRole('textbox', { name: 'Folder 1' }).inputValue()).toBe(watched);

    // The watched folder works after the restart: a file put there is checked.
    writeFileSync(path.join(watched, 'patient_copy.csv'), readFileSync(files.patient));
    await nav(page, 'Inbox');
    await page.getByRole('article', { name: /^patient_copy\.csv/ }).waitFor({ timeout: 30_000 });
    expect(problems).toEqual([]);
  }, 90_000);
});
