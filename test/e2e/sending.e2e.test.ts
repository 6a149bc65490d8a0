/**
 * Issue 14, item 3 ("Sent to the NAS." when nothing was sent) and _Send all ready_: every
 * notice comes from the job's own result; a PDF (not a CSV, no table, nothing converted) offers
 * no override and says why; a NAS that is away makes _Send_ say "not sent", never "sent";
 * _Send all ready_ first says what goes where, then shows each file's true result.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserMode } from '../../src-main/core/server/browserMode';
import { setupNas } from '../../src-main/core/service/nas';
import { updateSettings } from '../../src-main/core/service/settingsOps';
import { sampleFiles } from '../core/service/helpers';
import { browserSuite, launch, openApp, serve } from './harness';
import { expectFrameHolds, shotBoth } from './world';

/** A small PDF as a coordinator might drop by mistake. */
function pdf(file: string): void {
  writeFileSync(
    file,
    Buffer.from(
      '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n',
      'latin1',
    ),
  );
}

describe('sending tells the truth', browserSuite, () => {
  let dir: string;
  let nas: string;
  let mode: BrowserMode;
  let browser: Browser;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'courier-e2e-send-'));
    const files = await sampleFiles(path.join(dir, 'data'), 90);
    // Other bytes (other rows): not skipped as duplicates of the first ones.
    const more = await sampleFiles(path.join(dir, 'more'), 40);
    const scan = path.join(dir, 'data', 'scan.pdf');
    pdf(scan);
    mode = await serve(path.join(dir, 'home'));
    const service = mode.service;
    nas = path.join(dir, 'nas');
    mkdirSync(nas);
    await setupNas(nas, service);
    await updateSettings(service, { nasPath: nas, cohort: 'UW - Seattle', protocolYear: 2025 });
    service.grant([files.patient, files.laboratory, scan, more.patient, more.laboratory]);
    await service.addPaths([files.patient, files.laboratory, scan]);
    await service.idle();
    // A ready file of another submission, and one of none: Send all says which go where.
    service.settings.update({ cohort: 'Fenway', protocolYear: 2024 });
    await service.addPaths([more.patient]);
    await service.idle();
    service.settings.update({ cohort: null, protocolYear: null });
    await service.addPaths([more.laboratory]);
    await service.idle();
    service.settings.update({ cohort: 'UW - Seattle', protocolYear: 2025 });
    browser = await launch();
    ({ page, problems } = await openApp(browser, mode.server.url));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await mode?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('offers no override for a PDF, and says why it can never be sent', async () => {
    const row = page.getByRole('article', { name: /^scan\.pdf: Problems to fix/ });
    await row.getByRole('button', { name: 'Open the report of scan.pdf' }).click();
    await page.getByTestId('status-banner').waitFor();
    expect(await page.getByRole('button', { name: 'Send anyway…' }).count()).toBe(0);
    expect(await page.getByTestId('action-why').textContent()).toMatch(
      /scan\.pdf is not a data table Courier recognises, so it cannot be sent, even with an override/,
    );
    // Main refuses the override as well (as `courier override` does).
    const id = mode.service.history('scan.pdf', 0, 1).items[0]!.id;
    expect(() => mode.service.override(id, 'It is fine, send it anyway.')).toThrow(
      /cannot be sent, even with an override/,
    );
    await shotBoth(page, 'report-pdf');
    await page.getByRole('button', { name: '← Back to Inbox' }).click();
  }, 60_000);

  it('says "not sent" when the NAS is away, never "sent"', async () => {
    const row = page
      .getByRole('article', { name: /^laboratory\.csv: Ready to send/ })
      .filter({ hasText: 'laboratory · UW - Seattle · 2025' });
    await row.getByRole('button', { name: 'Open the report of laboratory.csv' }).click();
    await page.getByTestId('status-banner').waitFor();
    renameSync(nas, `${nas}-away`);
    mkdirSync(nas); // the bare mount point of a NAS that is not mounted
    try {
      await page.getByRole('button', { name: 'Send to UW - Seattle · 2025' }).click();
      const notice = page.getByRole('status').filter({ hasText: /^Not sent\./ });
      await notice.waitFor({ timeout: 30_000 });
      expect(await notice.textContent()).toMatch(/The file waits and Courier retries\./);
      expect(await page.getByText('Sent to the NAS.').count()).toBe(0);
      await expect
        .poll(() => page.getByTestId('status-banner').textContent())
        .toContain('Waiting to send');
    } finally {
      rmSync(nas, { recursive: true, force: true });
      renameSync(`${nas}-away`, nas);
    }
    await page.getByRole('button', { name: '← Back to Inbox' }).click();
  }, 60_000);

  it('confirms Send all ready with what goes where, then shows each file’s own result', async () => {
    // The button counts what the confirmation will send: ready files and those waiting.
    await page.getByRole('button', { name: 'Send all ready (3)' }).click();
    const dialog = page.getByRole('dialog', { name: 'Send all ready files?' });
    const plan = dialog.getByRole('list', { name: 'What will be sent' });
    await plan.waitFor();
    const lines = await plan.getByRole('listitem').allTextContents();
    expect(lines).toEqual([
      `1 file → Fenway · 2024 → ${nas}`,
      `2 files → UW - Seattle · 2025 → ${nas}`,
    ]);
    // The file of no submission stays, and the dialog says why.
    expect(await dialog.textContent()).toMatch(
      /Not sent \(1\):laboratory\.csv: It has no cohort or protocol year: Courier sends nothing without both/,
    );
    await shotBoth(page, 'send-all-confirm');
    await expectFrameHolds(page, 'send all confirmation');
    await dialog.getByRole('button', { name: 'Send 3 files' }).click();
    const done = page.getByRole('dialog', { name: 'What was sent' });
    const results = done.getByRole('table', { name: 'Each file’s result' });
    await results.waitFor({ timeout: 30_000 });
    const rows = await results.getByRole('row').allTextContents();
    expect(rows.slice(1).sort()).toEqual(
      [
        'laboratory.csvno cohort or protocol yearNot sentIt has no cohort or protocol year: Courier sends nothing without both. Choose them in Settings, then check the file again.',
        'laboratory.csvUW - Seattle · 2025Sent to the NAS',
        'patient.csvFenway · 2024Sent to the NAS',
        'patient.csvUW - Seattle · 2025Sent to the NAS',
      ].sort(),
    );
    await shotBoth(page, 'send-all-results');
    await done.getByRole('button', { name: 'Done' }).click();
    // Nothing ready is left to count.
    await page.getByRole('button', { name: 'Send all ready (0)' }).waitFor();
    expect(problems).toEqual([]);
  }, 90_000);
});
