/**
 * Issue 22: every screen passes axe-core (WCAG 2.1 A/AA and best practices) with no serious or
 * critical violation, in the light theme and the dark theme the OS asks for, in English and
 * in French: the first start, the inbox empty and busy, a report with issues and charts, its
 * export question and override form, the send-all dialog, the submission board and its form,
 * the history, the settings and the leave question. The same walk, once per language, finds
 * everything by the words of that language's catalog, checks the page's `lang`, the polite
 * announcements, and saves screenshots of every screen at 1280×800 and 1024×700
 * (test-output/screenshots/a11y-<lang>-*.png). Moderate findings go to test-output/axe/.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserMode } from '../../src-main/core/server/browserMode';
import type { Lang } from '../../src-main/shared/i18n/lang';
import { dirtyLab, sampleFiles } from '../core/service/helpers';
import { AxeLog } from './axe';
import { browserSuite, launch, openApp, serve } from './harness';
import { words } from './words';
import { screen, shotBoth } from './world';

for (const lang of ['en', 'fr'] as const satisfies readonly Lang[]) {
  describe(
    `every screen, accessible, in ${lang === 'en' ? 'English' : 'French'}`,
    browserSuite,
    () => {
      const w = words(lang);
      const log = new AxeLog(lang);
      let dir: string;
      let mode: BrowserMode;
      let browser: Browser;
      let page: Page;
      let problems: string[];
      let files: { patient: string; dirty: string; again: string; pdf: string };

      const nav = async (section: string): Promise<void> => {
        const name = w(`sections.${section}.label`);
        await page
          .getByRole('navigation', { name: w('sections.label') })
          .getByRole('button', { name, exact: true })
          .click();
        await page.getByRole('heading', { level: 2, name, exact: true }).waitFor();
      };
      /** axe in the light theme, then the dark one; the screenshots in the light one. */
      const check = async (name: string, shots: 'frame' | 'shots' | 'none' = 'shots') => {
        await log.check(page, `${name} (light)`);
        await page.emulateMedia({ colorScheme: 'dark' });
        await log.check(page, `${name} (dark)`);
        if (lang === 'en') await shotBoth(page, `a11y-dark-${name}`);
        await page.emulateMedia({ colorScheme: 'light' });
        if (shots === 'frame') await screen(page, `a11y-${lang}-${name}`);
        else if (shots === 'shots') await shotBoth(page, `a11y-${lang}-${name}`);
      };

      beforeAll(async () => {
        dir = await mkdtemp(path.join(tmpdir(), `courier-e2e-a11y-${lang}-`));
        const data = path.join(dir, 'data');
        const sample = await sampleFiles(data, 240);
        const dirty = path.join(data, 'lab_2025.csv');
        dirtyLab(sample.laboratory, dirty, 70);
        const again = path.join(data, 'patient_copy.csv');
        writeFileSync(again, readFileSync(sample.patient));
        const pdf = path.join(data, 'notes.csv');
        writeFileSync(pdf, '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n');
        mkdirSync(path.join(dir, 'home'), { recursive: true });
        files = { patient: sample.patient, dirty, again, pdf };
        mode = await serve(path.join(dir, 'home'), undefined, '0.0.0-test', lang);
        browser = await launch();
        ({ page, problems } = await openApp(browser, mode.server.url, { bypassCSP: true }));
      }, 120_000);

      afterAll(async () => {
        await log.save();
        await browser?.close();
        await mode?.close();
        await rm(dir, { recursive: true, force: true });
      });

      it('asks for the submission at first start, in the page’s language', async () => {
        expect(await page.locator('html').getAttribute('lang')).toBe(
          lang === 'fr' ? 'fr-CA' : 'en-US',
        );
        const dialog = page.getByRole('dialog', { name: w('firstStart.title') });
        await dialog.waitFor();
        await check('first-start');
        await dialog.getByLabel(w('fields.cohort')).selectOption('UW - Seattle');
        await dialog.getByLabel(w('fields.year')).fill('2025');
        await dialog.getByRole('button', { name: w('firstStart.save') }).click();
        await dialog.waitFor({ state: 'detached' });
      }, 60_000);

      it('the empty inbox', async () => {
        await page.getByText(w('inbox.empty')).waitFor();
        await check('inbox-empty', 'frame');
      }, 60_000);

      it('the busy inbox, and says each finished file politely', async () => {
        const service = mode.service;
        service.grant(Object.values(files));
        await service.addPaths([files.patient]);
        await service.idle();
        await service.push();
        await service.addPaths([files.dirty, files.again, files.pdf]);
        await service.idle();
        await page.getByRole('article', { name: /^lab_2025\.csv/ }).waitFor();
        await expect
          .poll(() => page.getByTestId('announcer').textContent())
          .toContain(w('main:finished.blocked', { name: 'notes.csv', count: 1 }));
        // The states come from main, in the language.
        await page
          .getByRole('article', { name: /^lab_2025\.csv/ })
          .getByText(w('main:stage.blocked'), { exact: true })
          .waitFor();
        await check('inbox-busy', 'frame');
      }, 120_000);

      it('a report with issues and charts, its export question and override form', async () => {
        await page
          .getByRole('article', { name: /^lab_2025\.csv/ })
          .getByRole('button', { name: w('fields.reportOf', { name: 'lab_2025.csv' }) })
          .click();
        await page.getByRole('heading', { name: w('charts.columns') }).waitFor();
        await expect
          .poll(() => page.getByTestId('status-banner').textContent())
          .toContain(w('main:banner.problems', { count: 1 }));
        await check('report', 'frame');
        await page.getByRole('button', { name: w('issues.exportAll', { count: 70 }) }).click();
        await page.getByRole('group', { name: w('issues.exportGroup') }).waitFor();
        await check('report-export');
        await page
          .getByRole('group', { name: w('issues.exportGroup') })
          .getByRole('button', { name: w('fields.cancel') })
          .click();
        await page.getByRole('button', { name: w('actions.sendAnyway') }).click();
        await page.getByRole('form', { name: w('actions.overrideForm') }).waitFor();
        await check('report-override');
        await page
          .getByRole('form', { name: w('actions.overrideForm') })
          .getByRole('button', { name: w('fields.cancel') })
          .click();
      }, 120_000);

      it('the send-all dialog', async () => {
        await nav('inbox');
        await page.getByRole('button', { name: w('inbox.sendAll', { count: 0 }) }).waitFor();
        // Nothing ready: an override makes the lab file ready, so the dialog has a plan.
        const lab = mode.service
          .listJobs('inbox', 0, 20)
          .items.find((j) => j.name === 'lab_2025.csv')!;
        mode.service.override(lab.id, 'Dates corrected centrally');
        const sendAll = page.getByRole('button', { name: w('inbox.sendAll', { count: 1 }) });
        await sendAll.click();
        const dialog = page.getByRole('dialog', { name: w('sendAll.ask') });
        await dialog.getByRole('list', { name: w('sendAll.plan') }).waitFor();
        await check('send-all');
        await page.keyboard.press('Escape');
        await dialog.waitFor({ state: 'detached' });
        await expect
          .poll(() => sendAll.evaluate((el) => el === el.ownerDocument.activeElement))
          .toBe(true);
      }, 60_000);

      it('the submission board and its not-available form', async () => {
        await nav('submission');
        await page.getByRole('table', { name: w('board.caption') }).waitFor();
        await check('submission', 'frame');
        const label = w('main:tables.census');
        await page
          .getByRole('button', { name: w('board.notAvailableLabel', { table: label }) })
          .click();
        await page.getByLabel(w('board.why', { table: label })).waitFor();
        await check('submission-not-available');
        await page.getByRole('button', { name: w('fields.cancel'), exact: true }).click();
      }, 60_000);

      it('the history, searched in the window’s words', async () => {
        await nav('history');
        await page.getByRole('list', { name: w('history.list') }).waitFor();
        await check('history', 'frame');
        await page.getByLabel(w('history.search')).fill(w('main:stage.blocked'));
        const list = page.getByRole('list', { name: w('history.list') });
        await expect.poll(() => list.textContent()).not.toContain('patient.csv');
        expect(await list.textContent()).toContain('notes.csv');
        await page.getByLabel(w('history.search')).fill('');
      }, 60_000);

      it('the settings, and the question before leaving unsaved changes', async () => {
        await nav('settings');
        await page.getByRole('form', { name: w('settings.form') }).waitFor();
        await check('settings', 'frame');
        await page.getByLabel(w('fields.site'), { exact: true }).fill('Seattle');
        await page
          .getByRole('navigation', { name: w('sections.label') })
          .getByRole('button', { name: w('sections.history.label') })
          .click();
        const leave = page.getByRole('dialog', { name: w('settings.leave.title') });
        await leave.waitFor();
        await check('leave-settings');
        await leave.getByRole('button', { name: w('settings.leave.stay') }).click();
        await page.getByRole('button', { name: w('settings.discard') }).click();
        expect(problems).toEqual([]);
      }, 60_000);

      it('changes language at once from Settings: the page, its lang, and main’s words', async () => {
        const other: Lang = lang === 'en' ? 'fr' : 'en';
        const o = words(other);
        await page.getByLabel(w('settings.languageLabel')).selectOption(other);
        await page.getByRole('heading', { level: 2, name: o('sections.settings.label') }).waitFor();
        expect(await page.locator('html').getAttribute('lang')).toBe(
          other === 'fr' ? 'fr-CA' : 'en-US',
        );
        await expect
          .poll(() => page.title())
          .toBe(o('route.title', { screen: o('sections.settings.label') }));
        await page
          .getByRole('navigation', { name: o('sections.label') })
          .getByRole('button', { name: o('sections.inbox.label') })
          .click();
        await page
          .getByRole('article', { name: /^notes\.csv/ })
          .getByText(o('main:stage.blocked'), { exact: true })
          .waitFor();
        if (other === 'fr') await shotBoth(page, 'a11y-en-switched-to-fr');
        // And back, chosen explicitly: the launch language does not come back by itself.
        await page
          .getByRole('navigation', { name: o('sections.label') })
          .getByRole('button', { name: o('sections.settings.label') })
          .click();
        await page.getByLabel(o('settings.languageLabel')).selectOption(lang);
        await page.getByRole('heading', { level: 2, name: w('sections.settings.label') }).waitFor();
        expect(problems).toEqual([]);
      }, 60_000);
    },
  );
}
