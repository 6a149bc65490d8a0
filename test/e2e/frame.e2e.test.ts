/**
 * The window as a frame that holds (issue 14, "the whole app scrolls out of the window"), and
 * each screen at its own address: on every screen, at 1280×800 and 1024×700, the document
 * never overflows sideways and the navigation stays in view after wheeling to the end of the
 * page; Back and Forward move between screens and stay in the app; the tab's title names the
 * screen. Screenshots of every screen at both sizes go to test-output/screenshots.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserMode } from '../../src-main/core/server/browserMode';
import { dirtyLab, sampleFiles } from '../core/service/helpers';
import { browserSuite, launch, nav, openApp, serve } from './harness';
import { screen } from './world';

describe('the window’s frame and addresses', browserSuite, () => {
  let dir: string;
  let mode: BrowserMode;
  let browser: Browser;
  let page: Page;
  let problems: string[];
  let labId: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'courier-e2e-frame-'));
    const files = await sampleFiles(path.join(dir, 'data'), 300);
    const dirty = path.join(dir, 'data', 'lab_2025.csv');
    dirtyLab(files.laboratory, dirty, 64);
    mode = await serve(path.join(dir, 'home'));
    const service = mode.service;
    service.settings.update({ cohort: 'UW - Seattle', protocolYear: 2025, site: 'Seattle' });
    service.grant([files.patient, dirty]);
    await service.addPaths([files.patient, dirty]);
    await service.idle();
    const jobs = service.listJobs('inbox', 0, 10).items;
    labId = jobs.find((j) => j.name === 'lab_2025.csv')!.id;
    await service.push([jobs.find((j) => j.name === 'patient.csv')!.id]);
    browser = await launch();
    ({ page, problems } = await openApp(browser, mode.server.url));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await mode?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('holds on every screen at both sizes: no sideways overflow, the navigation stays', async () => {
    await page.getByRole('article', { name: /^lab_2025\.csv/ }).waitFor();
    await screen(page, 'inbox');
    await page.getByRole('button', { name: 'Open the report of lab_2025.csv' }).click();
    await page.getByRole('heading', { name: 'Columns' }).waitFor();
    await screen(page, 'report');
    await nav(page, 'Submission');
    await page.getByRole('table', { name: 'Tables of the submission' }).waitFor();
    await screen(page, 'submission');
    await nav(page, 'History');
    await page.getByRole('list', { name: 'Files processed' }).waitFor();
    await screen(page, 'history');
    await nav(page, 'Settings');
    await page.getByRole('form', { name: 'Settings' }).waitFor();
    await screen(page, 'settings');
    expect(problems).toEqual([]);
  }, 120_000);

  it('gives each screen its own address and title; Back and Forward stay in the app', async () => {
    await nav(page, 'Inbox');
    expect(new URL(page.url()).hash).toBe('#/inbox');
    expect(await page.title()).toBe('Inbox · Courier');
    await nav(page, 'History');
    expect(new URL(page.url()).hash).toBe('#/history');
    expect(await page.title()).toBe('History · Courier');
    await page.getByRole('button', { name: 'lab_2025.csv' }).click();
    await page.getByTestId('status-banner').waitFor();
    expect(new URL(page.url()).hash).toBe(`#/history/report/${labId}`);
    await expect.poll(() => page.title()).toBe('lab_2025.csv · Report · Courier');

    await page.goBack();
    await page.getByRole('heading', { level: 2, name: 'History' }).waitFor();
    expect(await page.title()).toBe('History · Courier');
    await page.goBack();
    await page.getByRole('heading', { level: 2, name: 'Inbox' }).waitFor();
    expect(new URL(page.url()).origin).toBe(new URL(mode.server.url).origin);
    await page.goForward();
    await page.getByRole('heading', { level: 2, name: 'History' }).waitFor();
    expect(
      await page
        .getByRole('navigation', { name: 'Sections' })
        .getByRole('button', { name: 'History' })
        .getAttribute('aria-current'),
    ).toBe('page');

    // An address opens its screen directly (a bookmark, a reload).
    await page.goto(`${new URL(mode.server.url).origin}/#/submission`);
    await page.getByRole('heading', { level: 2, name: 'Submission' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { level: 2, name: 'Submission' }).waitFor();
    await page.goto(`${new URL(mode.server.url).origin}/#/inbox/report/${labId}`);
    await page.getByTestId('status-banner').waitFor();
    expect(await page.getByRole('heading', { level: 2 }).first().textContent()).toBe(
      'lab_2025.csv',
    );
    expect(problems).toEqual([]);
  }, 60_000);
});
