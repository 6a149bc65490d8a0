/**
 * A thousand jobs: the inbox and the history stay a screenful of rows, load pages as they
 * scroll, and reach the oldest file quickly. The ledger is seeded directly (no conversions).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ledger } from '../../src-main/core/ledger/ledger';
import type { BrowserMode } from '../../src-main/core/server/browserMode';
import { browserSuite, launch, nav, openApp, serve, shot } from './harness';

const COUNT = 1000;

function seed(home: string): void {
  const ledger = new Ledger(home);
  const start = Date.now() - COUNT * 1000;
  for (let i = 0; i < COUNT; i++) {
    const id = `20261124000000-${i.toString(16).padStart(8, '0')}`;
    const at = new Date(start + i * 1000).toISOString();
    const name = `file-${String(i).padStart(4, '0')}.csv`;
    ledger.append({
      type: 'job',
      id,
      at,
      pid: process.pid,
      source: { name, path: `/nowhere/${name}`, bytes: 1000 + i },
      table: 'laboratory',
      cohort: 'UW - Seattle',
      protocolYear: 2025,
      site: null,
    });
    const blocked = i % 7 === 0;
    ledger.append({
      type: 'result',
      id,
      at,
      sha256: i.toString(16).padStart(64, '0'),
      summary: {
        status: blocked ? 'fail' : 'pass',
        table: 'laboratory',
        rows: 100 + i,
        rowsStored: 100 + i,
        rowsRejected: 0,
        issues: { error: blocked ? 2 : 0, warning: 0, info: 0 },
        header: ['cohortPatientId'],
        patientIds: { distinct: 10, unknown: 0 },
      },
      reportPath: null,
      artifact: null,
      meta: null,
      duplicateOf: null,
      supersedes: null,
    });
    ledger.append({ type: 'stage', id, at, stage: blocked ? 'blocked' : 'ready' });
  }
}

describe('a thousand jobs', browserSuite, () => {
  let dir: string;
  let mode: BrowserMode;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'courier-e2e-many-'));
    seed(path.join(dir, 'home'));
    mode = await serve(path.join(dir, 'home'));
    // The seeded jobs' submission: no first-start question.
    mode.service.settings.update({ cohort: 'UW - Seattle', protocolYear: 2025 });
    browser = await launch();
    ({ page } = await openApp(browser, mode.server.url));
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await mode?.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function scrollToEnd(list: string): Promise<number> {
    const started = Date.now();
    await page.getByRole('list', { name: list }).evaluate((el) => {
      el.scrollTop = el.scrollHeight;
    });
    await page.getByText('file-0000.csv', { exact: true }).waitFor({ timeout: 10_000 });
    return Date.now() - started;
  }

  it('keeps the inbox a screenful of rows and reaches the oldest file fast', async () => {
    await page.getByText('1,000 files').waitFor({ timeout: 20_000 });
    // The list's own rows (each row also holds a list of stages).
    const rows = page
      .getByRole('list', { name: 'Files in the inbox' })
      .locator('[aria-setsize="1000"]');
    expect(await rows.count()).toBeLessThan(40);
    expect(await scrollToEnd('Files in the inbox')).toBeLessThan(3000);
    expect(await rows.count()).toBeLessThan(40);
    await shot(page, 'inbox-1000');
  }, 60_000);

  it('keeps the history smooth, and searches it in main', async () => {
    await nav(page, 'History');
    await page.getByText('1,000 files').waitFor({ timeout: 20_000 });
    expect(await scrollToEnd('Files processed')).toBeLessThan(3000);
    await page.getByRole('searchbox', { name: 'Search the history' }).fill('file-09');
    await page.getByText('100 files').waitFor();
    // The words the history shows, not the ledger's stage names.
    await page.getByRole('searchbox', { name: 'Search the history' }).fill('Problems to fix');
    await page.getByText('143 files').waitFor();
  }, 60_000);
});
