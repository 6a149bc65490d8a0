/**
 * Issue 20 in the window: the board's "Compared with 2024" panel and a table's report's,
 * _Declare submission…_ refused without a reason while tables are missing, declared with one,
 * and "changed since declared" once a table's mark changes. Two years from `courier sample`
 * with known differences (its differences.json is the key). Screens checked by axe.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserMode } from '../../src-main/core/server/browserMode';
import { courier } from '../helpers/cli';
import { axe } from './axe';
import { browserSuite, launch, nav, openApp, serve, shot } from './harness';
import { expectFrameHolds } from './world';

const COHORT = 'UW - Seattle';

describe('the submission as a whole in the window', browserSuite, () => {
  let dir: string;
  let mode: BrowserMode;
  let browser: Browser;
  let page: Page;
  let problems: string[];
  let key: { findings: { code: string; table: string; column?: string; lost?: number }[] };

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'courier-e2e-sub-'));
    const home = path.join(dir, 'home');
    const base = ['--table', 'patient,laboratory', '--rows', '6000', '--patient-count', '600'];
    const y2024 = path.join(dir, '2024');
    const y2025 = path.join(dir, '2025');
    expect(courier(home, 'sample', ...base, '--out', y2024).code).toBe(0);
    const g = courier(
      home,
      'sample',
      ...base,
      '--out',
      y2025,
      '--drop-months',
      '2022-01,2022-02,2022-03',
      '--lose-patients',
      '60',
      '--recode',
      'race',
    );
    expect(g.code, g.stderr).toBe(0);
    key = JSON.parse(readFileSync(path.join(y2025, 'differences.json'), 'utf8'));
    for (const [y, folder] of [
      ['2024', y2024],
      ['2025', y2025],
    ] as const) {
      const r = courier(
        home,
        'ingest',
        '--cohort',
        COHORT,
        '--year',
        y,
        path.join(folder, 'patient.csv'),
        path.join(folder, 'laboratory.csv'),
      );
      expect(r.code, r.stderr).toBe(0);
    }
    mode = await serve(home);
    mode.service.settings.update({ cohort: COHORT, protocolYear: 2025 });
    browser = await launch();
    ({ page, problems } = await openApp(browser, mode.server.url, { bypassCSP: true }));
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await mode?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('compares the submission with last year on the board, naming what moved', async () => {
    await nav(page, 'Submission');
    await page.getByText('Not declared yet.').waitFor();
    const panel = page.getByRole('region', { name: 'Compared with 2024' });
    await panel.getByRole('button', { name: 'Compare with 2024' }).click();
    await panel
      .getByText(/tables? changed more than usual since 2024/)
      .waitFor({ timeout: 60_000 });
    const rows = panel.getByRole('table', { name: 'Each table in 2025 and 2024' });
    const lab = rows.getByRole('row', { name: /Laboratory/ });
    await expect(lab.getByRole('cell').nth(0).textContent()).resolves.toMatch(/^[\d,]+$/);
    // Every finding the key expects is shown, in words, with the word "Warning" beside it.
    const text = await panel.textContent();
    const expected = key.findings.filter(
      (f) => f.code === 'coverage-gap' || f.code === 'distribution-shift',
    );
    expect(expected.length).toBeGreaterThan(0);
    for (const f of expected) expect(text).toContain(`"${f.column}"`);
    expect(text).toMatch(/60 patients of 2024's patient table|patients of 2024's patient table/);
    expect(await panel.getByText('Warning').count()).toBeGreaterThanOrEqual(3);
    const found = await axe(page, 'board-compare');
    expect(found.filter((x) => x.impact === 'serious' || x.impact === 'critical')).toEqual([]);
    await shot(page, 'submission-compare', 1400);
    await expectFrameHolds(page, 'the board with its comparison');
  }, 120_000);

  it('refuses to declare without a reason while tables are missing, then declares with one', async () => {
    await page.getByRole('button', { name: 'Declare submission…' }).click();
    const dialog = page.getByRole('dialog', { name: `Declare the submission ${COHORT} · 2025` });
    await dialog.getByText('14 tables neither sent nor marked not available').waitFor();
    const declare = dialog.getByRole('button', { name: 'Declare incomplete' });
    expect(await declare.isDisabled()).toBe(true);
    await shot(page, 'submission-declare-dialog');
    const found = await axe(page, 'declare-dialog');
    expect(found.filter((x) => x.impact === 'serious' || x.impact === 'critical')).toEqual([]);
    await dialog
      .getByRole('textbox', { name: 'Why is the submission incomplete?' })
      .fill('The other tables follow in January');
    await declare.click();
    await dialog.waitFor({ state: 'detached', timeout: 60_000 });
    await page.getByText(/Declared incomplete on .* \(declaration 1\)/).waitFor();
    // Escape closes the dialog and gives the focus back to its button.
    await page.getByRole('button', { name: 'Declare submission…' }).click();
    await page.keyboard.press('Escape');
    await expect(
      page.evaluate(
        () =>
          (globalThis as unknown as { document: { activeElement: { textContent: string } } })
            .document.activeElement.textContent,
      ),
    ).resolves.toBe('Declare submission…');
  }, 120_000);

  it('says the submission changed since it was declared once a mark changes', async () => {
    mode.service.notAvailable(COHORT, 2025, 'census', 'Not collected at this site');
    await page.getByText(/Changed since declared on .* \(declaration 1\): declare again/).waitFor({
      timeout: 20_000,
    });
    await shot(page, 'submission-changed');
    expect(problems).toEqual([]);
  }, 60_000);

  it("shows a table's own comparison on its report", async () => {
    await page.getByRole('button', { name: 'Open the report of Patient' }).click();
    const section = page.getByRole('region', { name: 'Compared with 2024' });
    await section.getByRole('button', { name: 'Compare with 2024' }).click();
    await section.getByText(/rows, against [\d,]+ in 2024/).waitFor({ timeout: 60_000 });
    const lost = key.findings.find((f) => f.code === 'patients-lost')!;
    expect(await section.textContent()).toContain(
      `${lost.lost} patients of last year are not in this table`,
    );
    await section.getByText('Share of each value of “race”').click();
    await shot(page, 'submission-report-compare', 1600);
    const found = await axe(page, 'report-compare');
    expect(found.filter((x) => x.impact === 'serious' || x.impact === 'critical')).toEqual([]);
    expect(problems).toEqual([]);
  }, 120_000);
});
