/**
 * Issue 14, item 1: files without a cohort and a year. The first start asks for them (the NAS
 * can wait); a file added before they are set shows it on its row and report, cannot be sent
 * (the button says why), and can be checked again for the submission once it is set, also when
 * it was added from the browser (its copy is kept until the job is sent or removed).
 */
import { readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserMode } from '../../src-main/core/server/browserMode';
import { sampleFiles } from '../core/service/helpers';
import { browserSuite, launch, openApp, serve } from './harness';
import { expectFrameHolds, shotBoth } from './world';

/** Files kept in the browser-upload workspace. */
function uploads(home: string): string[] {
  const root = path.join(home, 'workspace', 'uploads');
  return readdirSync(root).flatMap((d) => readdirSync(path.join(root, d)));
}

describe('a cohort and a year for every file', browserSuite, () => {
  let dir: string;
  let home: string;
  let mode: BrowserMode;
  let browser: Browser;
  let page: Page;
  let problems: string[];
  let files: { patient: string; laboratory: string };

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'courier-e2e-assign-'));
    home = path.join(dir, 'home');
    files = await sampleFiles(path.join(dir, 'data'), 80);
    mode = await serve(home);
    browser = await launch();
    ({ page, problems } = await openApp(browser, mode.server.url));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await mode?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('asks for the cohort, year and site on first start; the NAS can wait', async () => {
    const dialog = page.getByRole('dialog', { name: 'Welcome to Courier' });
    await dialog.waitFor();
    await shotBoth(page, 'first-start');
    const save = dialog.getByRole('button', { name: 'Save and start' });
    expect(await save.isDisabled()).toBe(true);
    expect(await dialog.getByTestId('first-start-why').textContent()).toBe('Choose your cohort.');
    // Not now: the file below is added without a submission.
    await dialog.getByRole('button', { name: 'Later' }).click();
    await dialog.waitFor({ state: 'detached' });
  }, 60_000);

  it('shows a file without a cohort and year as such, and refuses to send it, saying why', async () => {
    await page.getByTestId('file-input').setInputFiles(files.patient);
    const row = page.getByRole('article', { name: /^patient\.csv: Ready to send/ });
    await row.waitFor({ timeout: 30_000 });
    expect(await row.textContent()).toContain('patient · no cohort or protocol year');
    const send = row.getByRole('button', { name: /^Send patient\.csv/ });
    expect(await send.isDisabled()).toBe(true);
    expect(await row.textContent()).toContain('Courier sends nothing without both');
    expect(await page.getByRole('button', { name: 'Send all ready (0)' }).isDisabled()).toBe(true);

    await row.getByRole('button', { name: 'Open the report of patient.csv' }).click();
    await page.getByTestId('status-banner').waitFor();
    expect(await page.locator('.page-summary').textContent()).toContain(
      'no cohort or protocol year',
    );
    const reportSend = page.getByRole('button', { name: 'Send to no cohort or protocol year' });
    expect(await reportSend.isDisabled()).toBe(true);
    expect(await page.getByTestId('action-why').textContent()).toMatch(
      /Cannot be sent: It has no cohort or protocol year/,
    );
    await expectFrameHolds(page, 'report of a file without a submission');
    // Main refuses it too (what `courier push` does: it stays as it is).
    await expect(
      mode.service.push([mode.service.listJobs('inbox', 0, 1).items[0]!.id]),
    ).rejects.toMatchObject({
      code: 'not-sendable',
    });
    await page.getByRole('button', { name: '← Back to Inbox' }).click();
  }, 60_000);

  it('asks again at the next start while they are missing, and saves them', async () => {
    await page.reload();
    await page.locator('#root[data-app-state="ready"]').waitFor();
    const dialog = page.getByRole('dialog', { name: 'Welcome to Courier' });
    await dialog.waitFor();
    await dialog.getByLabel('Cohort', { exact: true }).selectOption('UW - Seattle');
    await dialog.getByLabel('Protocol year').fill('2025');
    await dialog.getByLabel('Site').fill('Seattle');
    await dialog.getByRole('button', { name: 'Save and start' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(mode.service.settings.get()).toMatchObject({
      cohort: 'UW - Seattle',
      protocolYear: 2025,
      site: 'Seattle',
      nasPath: null,
    });
  }, 60_000);

  it('checks the uploaded file again for the submission, then sends it there', async () => {
    const old = page.getByRole('article', { name: /^patient\.csv: Ready to send/ }).filter({
      hasText: 'no cohort or protocol year',
    });
    // The browser's copy was kept: the file can be checked again without dropping it again.
    expect(uploads(home)).toEqual(['patient.csv']);
    await old
      .getByRole('button', { name: 'Check patient.csv again for UW - Seattle · 2025' })
      .click();
    const assigned = page
      .getByRole('article', { name: /^patient\.csv: Ready to send/ })
      .filter({ hasText: 'patient · UW - Seattle · 2025 · 80 rows' });
    await assigned.waitFor({ timeout: 30_000 });
    await assigned.getByRole('button', { name: 'Send patient.csv to UW - Seattle · 2025' }).click();
    await page
      .getByRole('article', { name: /^patient\.csv: Saved locally/ })
      .waitFor({ timeout: 30_000 });
    // The earlier job still holds the copy; removing it lets the copy go.
    expect(uploads(home)).toEqual(['patient.csv']);
    await page
      .getByRole('article', { name: /^patient\.csv: Ready to send/ })
      .getByRole('button', { name: 'Remove patient.csv from the inbox' })
      .click();
    await expect.poll(() => uploads(home)).toEqual([]);
    await expect
      .poll(() =>
        page.getByRole('list', { name: 'Files in the inbox' }).getByRole('article').count(),
      )
      .toBe(1);
    expect(problems).toEqual([]);
  }, 90_000);
});
