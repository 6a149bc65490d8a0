/**
 * Issue 22: one whole flow with the keyboard alone, as a coordinator who does not use a mouse
 * does it: choose a file from the drop zone, open its report, export an issue's lines, record
 * an override (after leaving the form once with Escape), send; then the send-all dialog takes
 * the focus in, keeps it there, and gives it back on Escape. Every stop on the way shows a
 * visible focus indicator, and focus never falls back to the page's start when the focused
 * button gives way to a question or a form.
 */
import { mkdirSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserMode } from '../../src-main/core/server/browserMode';
import { setupNas } from '../../src-main/core/service/nas';
import { updateSettings } from '../../src-main/core/service/settingsOps';
import { dirtyLab, sampleFiles } from '../core/service/helpers';
import { browserSuite, launch, openApp, serve } from './harness';
import { words } from './words';

const w = words('en');

/** What the focused element is called and whether its focus can be seen. */
interface Focused {
  name: string;
  tag: string;
  inDialog: boolean;
  visible: boolean;
}

function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const g = globalThis as unknown as {
      document: { activeElement: unknown };
      getComputedStyle(el: unknown): {
        outlineStyle: string;
        outlineWidth: string;
        boxShadow: string;
      };
    };
    const el = g.document.activeElement as {
      tagName: string;
      textContent: string | null;
      getAttribute(n: string): string | null;
      matches(s: string): boolean;
      closest(s: string): unknown;
      labels?: { textContent: string | null }[] | null;
    } | null;
    if (!el) return { name: '', tag: '', inDialog: false, visible: false };
    const style = g.getComputedStyle(el);
    const ring =
      (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 1) ||
      style.boxShadow !== 'none';
    return {
      name: (
        el.getAttribute('aria-label') ??
        el.labels?.[0]?.textContent ??
        el.textContent ??
        ''
      ).trim(),
      inDialog: el.closest('[role="dialog"]') !== null,
      tag: el.tagName.toLowerCase(),
      // Only keyboard focus must show; `:focus-visible` is what the keyboard gives.
      visible: el.matches(':focus-visible') && ring,
    };
  });
}

describe('the whole flow with the keyboard only', browserSuite, () => {
  let dir: string;
  let nas: string;
  let mode: BrowserMode;
  let browser: Browser;
  let page: Page;
  let problems: string[];
  let dirty: string;
  /** Tab stops without a visible focus indicator, named. */
  const unseen = new Set<string>();

  /** Presses Tab (or Shift+Tab) until the focused element is `name`; fails after `max`. */
  const tabTo = async (name: string | RegExp, back = false, max = 80): Promise<void> => {
    const seen: string[] = [];
    for (let i = 0; i < max; i++) {
      await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
      const f = await focused(page);
      if (!f.visible && f.tag !== 'main') unseen.add(`${f.tag} "${f.name}"`);
      if (typeof name === 'string' ? f.name === name : name.test(f.name)) return;
      seen.push(f.name);
    }
    throw new Error(`"${String(name)}" not reached by Tab; went through: ${seen.join(' | ')}`);
  };
  const focusedName = async (): Promise<string> => (await focused(page)).name;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'courier-e2e-keys-'));
    const sample = await sampleFiles(path.join(dir, 'data'), 160);
    dirty = path.join(dir, 'data', 'lab_2025.csv');
    dirtyLab(sample.laboratory, dirty, 12);
    mode = await serve(path.join(dir, 'home'));
    const service = mode.service;
    nas = path.join(dir, 'nas');
    mkdirSync(nas);
    await setupNas(nas, service);
    await updateSettings(service, { nasPath: nas, cohort: 'UW - Seattle', protocolYear: 2025 });
    // The patient table is in already: the lab file's patient IDs are checked against it.
    service.grant([sample.patient]);
    await service.addPaths([sample.patient]);
    await service.idle();
    await service.push();
    browser = await launch();
    ({ page, problems } = await openApp(browser, mode.server.url));
    // Playwright turns on file-chooser interception when the first listener comes, and that
    // takes a round trip: turned on here, it is on long before Enter opens the chooser.
    page.on('filechooser', () => undefined);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await mode?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('adds a file from the drop zone’s button', async () => {
    await page.getByRole('heading', { level: 2, name: w('sections.inbox.label') }).waitFor();
    // The inbox has loaded its rows (the patient table sent before): the page holds still.
    await page.getByRole('article', { name: /^patient\.csv/ }).waitFor();
    await tabTo(w('drop.files'));
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.keyboard.press('Enter'),
    ]);
    await chooser.setFiles(dirty);
    await page
      .getByRole('article', { name: /^lab_2025\.csv/ })
      .getByText(w('main:stage.blocked'), { exact: true })
      .waitFor({ timeout: 60_000 });
  }, 90_000);

  it('opens its report, and the focus goes to the page', async () => {
    await tabTo(w('fields.reportOf', { name: 'lab_2025.csv' }));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 2, name: 'lab_2025.csv' }).waitFor();
    await page.getByTestId('status-banner').waitFor();
    expect((await focused(page)).tag).toBe('main');
  });

  it('exports an issue’s lines: the question takes the focus and gives it back', async () => {
    const exportAll = new RegExp(
      `^${w('issues.exportAll', { count: 12 }).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`,
    );
    await tabTo(exportAll);
    await page.keyboard.press('Enter');
    await page.getByRole('group', { name: w('issues.exportGroup') }).waitFor();
    expect(await focusedName()).toBe(w('issues.saveCsv'));
    // Escape leaves the question and comes back to its button.
    await page.keyboard.press('Escape');
    await page.getByRole('group', { name: w('issues.exportGroup') }).waitFor({ state: 'detached' });
    expect(await focusedName()).toMatch(exportAll);
    await page.keyboard.press('Enter');
    expect(await focusedName()).toBe(w('issues.saveCsv'));
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.keyboard.press('Enter'),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    expect(await focusedName()).toMatch(exportAll);
  });

  it('records an override from the keyboard, then the Send button has the focus', async () => {
    await tabTo(w('actions.sendAnyway'), true);
    await page.keyboard.press('Enter');
    const form = page.getByRole('form', { name: w('actions.overrideForm') });
    await form.waitFor();
    expect((await focused(page)).tag).toBe('textarea');
    await page.keyboard.press('Escape');
    await form.waitFor({ state: 'detached' });
    expect(await focusedName()).toBe(w('actions.sendAnyway'));
    await page.keyboard.press('Enter');
    await form.waitFor();
    await page.keyboard.type('Dates corrected centrally by the site');
    await tabTo(w('actions.record'));
    await page.keyboard.press('Enter');
    const send = w('actions.sendTo', { submission: 'UW - Seattle · 2025' });
    await expect.poll(focusedName, { timeout: 15_000 }).toBe(send);
  });

  it('sends it with Enter', async () => {
    await page.keyboard.press('Enter');
    await expect
      .poll(
        () =>
          mode.service.listJobs('inbox', 0, 20).items.find((j) => j.name === 'lab_2025.csv')?.stage,
      )
      .toBe('pushed');
    await page.getByTestId('status-banner').getByText(w('main:stage.pushed')).waitFor();
    expect(readdirSync(nas, { recursive: true }).some((f) => String(f).endsWith('.duckdb'))).toBe(
      true,
    );
  });

  it('a dialog takes the focus in, keeps it, and gives it back on Escape', async () => {
    const nav = (section: string) => w(`sections.${section}.label`);
    await tabTo(nav('settings'), true);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 2, name: nav('settings') }).waitFor();
    await tabTo(w('fields.site'));
    await page.keyboard.type('Seattle');
    await tabTo(nav('history'), true);
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: w('settings.leave.title') });
    await dialog.waitFor();
    expect((await focused(page)).inDialog).toBe(true);
    // Tab and Shift+Tab go round inside the dialog, never behind it.
    for (const key of ['Tab', 'Tab', 'Tab', 'Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab']) {
      await page.keyboard.press(key);
      const f = await focused(page);
      expect(f.inDialog, `${key} to "${f.name}"`).toBe(true);
      if (!f.visible) unseen.add(`${f.tag} "${f.name}"`);
    }
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await focusedName()).toBe(nav('history'));
    // Still on the settings, the change kept: Escape is "stay".
    await page.getByRole('heading', { level: 2, name: nav('settings') }).waitFor();
  });

  it('showed a visible focus at every stop, and the page had no problem', () => {
    expect([...unseen]).toEqual([]);
    expect(problems).toEqual([]);
  });
});
