/**
 * Issue 14, the worklist items: the inbox can be tidied and filtered and keeps the file being
 * checked in view; progress speaks one vocabulary; the board shows each table's current
 * version and folds its history away; "not available" has room for its reason and says why
 * Save is grey; the history searches what it shows; unsaved settings are never lost silently.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserMode } from '../../src-main/core/server/browserMode';
import { dirtyLab, sampleFiles } from '../core/service/helpers';
import { browserSuite, launch, nav, openApp, serve } from './harness';
import { expectFrameHolds, shotBoth } from './world';

/** The names of the inbox's rows, top to bottom. */
async function order(page: Page): Promise<string[]> {
  const names = await page
    .getByRole('list', { name: 'Files in the inbox' })
    .getByRole('article')
    .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
  return names.map((n) => n.split(':')[0]!);
}

describe('the inbox and the board as a worklist', browserSuite, () => {
  let dir: string;
  let mode: BrowserMode;
  let browser: Browser;
  let page: Page;
  let problems: string[];
  let files: { patient: string; laboratory: string };
  let more: { patient: string; laboratory: string };
  let big: string;
  let smalls: string[];

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'courier-e2e-work-'));
    files = await sampleFiles(path.join(dir, 'data'), 150);
    more = await sampleFiles(path.join(dir, 'more'), 60);
    const dirty = path.join(dir, 'data', 'lab_dirty.csv');
    dirtyLab(files.laboratory, dirty, 20);
    // A file big enough to be caught while it is checked, and three small ones after it.
    const lines = readFileSync(files.laboratory, 'utf8').trimEnd().split('\n');
    big = path.join(dir, 'data', 'big_lab.csv');
    const body = lines.slice(1).join('\n');
    writeFileSync(big, [lines[0], ...Array.from({ length: 6000 }, () => body)].join('\n') + '\n');
    smalls = [1, 2, 3].map((k) => {
      const f = path.join(dir, 'data', `small_${k}.csv`);
      writeFileSync(f, [lines[0], ...lines.slice(1, 10 + k)].join('\n') + '\n');
      return f;
    });
    mode = await serve(path.join(dir, 'home'));
    const service = mode.service;
    service.settings.update({ cohort: 'UW - Seattle', protocolYear: 2025 });
    service.grant([
      files.patient,
      files.laboratory,
      dirty,
      more.patient,
      more.laboratory,
      big,
      ...smalls,
    ]);
    await service.addPaths([files.patient, files.laboratory, dirty]);
    await service.idle();
    await service.push([service.history('patient.csv', 0, 1).items[0]!.id]);
    service.settings.update({ cohort: 'Fenway', protocolYear: 2024 });
    await service.addPaths([more.laboratory]);
    await service.idle();
    service.settings.update({ cohort: 'UW - Seattle', protocolYear: 2025 });
    browser = await launch();
    ({ page, problems } = await openApp(browser, mode.server.url));
    await page.setViewportSize({ width: 1280, height: 800 });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await mode?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('says table, cohort and year, and rows on every row, and filters them', async () => {
    const list = page.getByRole('list', { name: 'Files in the inbox' });
    await list.getByRole('article').nth(3).waitFor();
    const facts = await list.locator('.job-facts').allTextContents();
    for (const f of facts)
      expect(f).toMatch(/^\w+ · (UW - Seattle · 2025|Fenway · 2024) · \d+ rows · /);

    const filters = page.getByRole('group', { name: 'Filter the inbox' });
    await filters.getByLabel('Status').selectOption({ label: 'Problems to fix' });
    await expect.poll(() => order(page)).toEqual(['lab_dirty.csv']);
    await filters.getByLabel('Status').selectOption({ label: 'All files' });
    await filters.getByLabel('Cohort and year').selectOption({ label: 'Fenway · 2024' });
    await expect.poll(() => order(page)).toEqual(['laboratory.csv']);
    await filters.getByLabel('Cohort and year').selectOption({ label: 'Every cohort and year' });
    await filters.getByLabel('Table').selectOption('patient');
    await expect.poll(() => order(page)).toEqual(['patient.csv']);
    await shotBoth(page, 'inbox-filtered');
    await filters.getByLabel('Table').selectOption({ label: 'Every table' });
    await expect.poll(() => order(page).then((o) => o.length)).toBe(4);
  }, 60_000);

  it('keeps the file being checked first, then the queue in its order', async () => {
    mode.service.grant([big, ...smalls]);
    await mode.service.addPaths([big, ...smalls]);
    const running = page.getByRole('article', {
      name: /^big_lab\.csv: (Reading|Converting|Checking)/,
    });
    await running.waitFor({ timeout: 30_000 });
    const now = await order(page);
    expect(now.slice(0, 4)).toEqual(['big_lab.csv', 'small_1.csv', 'small_2.csv', 'small_3.csv']);
    // One vocabulary: the badge and the stepper's current step say the same word.
    const badge = (await running.locator('.badge').textContent()) ?? '';
    const step = await running
      .getByRole('list', { name: 'Stages' })
      .locator('[aria-current="step"]')
      .textContent();
    expect(step).toBe(badge);
    await shotBoth(page, 'inbox-working');
    // Cancelled while it runs: it says so once, and the queue goes on.
    await running.getByRole('button', { name: 'Cancel big_lab.csv' }).click();
    const cancelled = page.getByRole('article', { name: /^big_lab\.csv: Cancelled$/ });
    await cancelled.waitFor({ timeout: 30_000 });
    expect((await cancelled.textContent())?.match(/Cancelled/g)).toHaveLength(1);
    await mode.service.idle();
  }, 90_000);

  it('words progress plainly: no "0 rows/s", a step without a percentage says so', async () => {
    const row = page.getByRole('article', { name: /^small_3\.csv/ });
    const id = mode.service.history('small_3.csv', 0, 1).items[0]!.id;
    // What main sends while DuckDB loads a clean file (it cannot say how far it is).
    mode.server.emit('job.progress', {
      jobId: id,
      stage: 'converting',
      done: 0,
      total: 1_000_000,
      unit: 'bytes',
      ratePerSec: 0,
      etaSec: null,
    });
    await expect
      .poll(() => row.locator('.job-facts').textContent())
      .toBe('Converting · this step cannot report a percentage');
    expect(await row.getByRole('progressbar').getAttribute('aria-valuenow')).toBeNull();
    mode.server.emit('job.progress', {
      jobId: id,
      stage: 'checking',
      done: 1,
      total: 3,
      unit: 'rows',
      ratePerSec: 0.4,
      etaSec: null,
    });
    await expect.poll(() => row.locator('.job-facts').textContent()).toBe('Checking · 33%');
    mode.server.emit('job.finished', {
      id,
      name: 'small_3.csv',
      stage: 'ready',
      origin: 'drop',
      message: '',
    });
    await row.getByRole('progressbar').waitFor({ state: 'detached' });
  }, 60_000);

  it('searches the history by the words it shows, and shows the cohort', async () => {
    await nav(page, 'History');
    const search = page.getByRole('searchbox', { name: 'Search the history' });
    const list = page.getByRole('list', { name: 'Files processed' });
    const items = (): Promise<string[]> => list.getByRole('listitem').allTextContents();
    await search.fill('Saved locally');
    await expect.poll(items).toEqual([expect.stringMatching(/patient\.csv.*Saved locally/)]);
    await search.fill('Fenway 2024');
    await expect.poll(items).toEqual([expect.stringMatching(/laboratory\.csv.*Fenway · 2024/)]);
    await search.fill('Problems to fix');
    await expect.poll(items).toEqual([expect.stringMatching(/lab_dirty\.csv.*Problems to fix/)]);
    await search.fill('ready to send fenway');
    await expect
      .poll(items)
      .toEqual([expect.stringMatching(/laboratory\.csv.*Fenway · 2024.*Ready to send/)]);
    await shotBoth(page, 'history-search');
    await search.fill('');
    await nav(page, 'Inbox');
  }, 60_000);

  it('removes a file and clears the finished ones; both stay in the history', async () => {
    await page
      .getByRole('article', { name: /^lab_dirty\.csv/ })
      .getByRole('button', { name: 'Remove lab_dirty.csv from the inbox' })
      .click();
    await expect.poll(() => order(page)).not.toContain('lab_dirty.csv');
    await page.getByRole('button', { name: 'Clear finished' }).click();
    await page
      .getByTestId('inbox-notice')
      .filter({ hasText: /finished files? cleared from the inbox/ })
      .waitFor();
    await expect.poll(() => order(page)).not.toContain('patient.csv');
    await nav(page, 'History');
    const search = page.getByRole('searchbox', { name: 'Search the history' });
    await search.fill('Removed');
    const list = page.getByRole('list', { name: 'Files processed' });
    await expect
      .poll(() => list.getByRole('listitem').allTextContents())
      .toEqual([expect.stringContaining('lab_dirty.csv')]);
    await search.fill('');
  }, 60_000);

  it('shows each table’s current version and folds its history away', async () => {
    // A second patient file for the same submission: the new current version.
    mode.service.grant([more.patient]);
    await mode.service.addPaths([more.patient]);
    await mode.service.idle();
    await nav(page, 'Submission');
    const board = page.getByRole('table', { name: 'Tables of the submission' });
    const patient = board.getByRole('row', { name: /^Patient Record/ });
    await expect
      .poll(() => patient.locator('.version-current').textContent())
      .toBe('v2 ready to send (patient.csv)');
    const history = patient.locator('details.version-history');
    expect(await history.locator('summary').textContent()).toMatch(
      /^Earlier: v1 saved locally \d+ \w+$/,
    );
    expect(await history.evaluate((d) => (d as unknown as { open: boolean }).open)).toBe(false);
    expect(await patient.getByRole('cell').first().textContent()).toContain('Ready to send');
    await history.locator('summary').click();
    await patient
      .getByRole('button', { name: 'Open the report of v1 of Patient Record' })
      .waitFor();
    await shotBoth(page, 'submission-versions');
    await expectFrameHolds(page, 'board with versions');
  }, 60_000);

  it('gives a not-available reason room, says why Save is grey, and withdraws the mark', async () => {
    const board = page.getByRole('table', { name: 'Tables of the submission' });
    await board.getByRole('button', { name: 'Mark Diagnosis Record as not available' }).click();
    const input = page.getByLabel('Why is Diagnosis Record not available?');
    expect((await input.boundingBox())!.width).toBeGreaterThan(250);
    const save = page.getByRole('button', { name: 'Save', exact: true });
    expect(await save.isDisabled()).toBe(true);
    await page.getByText('Give a reason of at least 5 characters').waitFor();
    await input.fill('Not collected at this site.');
    await shotBoth(page, 'submission-not-available');
    await save.click();
    const row = board.getByRole('row', { name: /^Diagnosis Record/ });
    await row.getByText('Not available', { exact: true }).waitFor();
    await row
      .getByRole('button', { name: 'Withdraw the not-available mark of Diagnosis Record' })
      .click();
    await row.getByText('Missing', { exact: true }).waitFor();
  }, 60_000);

  it('keeps Save in view, says what the retention keeps, and asks before losing changes', async () => {
    await nav(page, 'Settings');
    const form = page.getByRole('form', { name: 'Settings' });
    expect(
      await form.getByText(/converted copy \(the \.duckdb file\) of each sent file/).count(),
    ).toBe(1);
    await form.getByLabel('Site', { exact: true }).fill('Harborview');
    const save = form.getByRole('button', { name: 'Save settings' });
    const box = (await save.boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(800);
    expect(await save.isDisabled()).toBe(false);

    await page
      .getByRole('navigation', { name: 'Sections' })
      .getByRole('button', { name: 'Inbox' })
      .click();
    const ask = page.getByRole('dialog', { name: 'Leave without saving?' });
    await ask.waitFor();
    await shotBoth(page, 'settings-leave');
    await ask.getByRole('button', { name: 'Stay' }).click();
    expect(await form.getByLabel('Site', { exact: true }).inputValue()).toBe('Harborview');
    // The browser's Back asks too.
    await page.goBack();
    await ask.waitFor();
    await ask.getByRole('button', { name: 'Leave without saving' }).click();
    await page
      .getByRole('heading', { level: 2 })
      .filter({ hasText: /^(Submission|Inbox)$/ })
      .waitFor();
    expect(mode.service.settings.get().site).toBeNull();
    expect(problems).toEqual([]);
  }, 60_000);
});
