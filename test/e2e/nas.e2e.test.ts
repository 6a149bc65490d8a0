/**
 * Issue 14, item 2 (and issue 16's _Test connection_): a mistyped or unmounted NAS path never
 * becomes a local folder. A path that is not there is "not found: is the NAS mounted?" and is
 * never created; an empty folder becomes the share only after the coordinator answers "is it
 * the NAS share?", told whether it is on a network file system or this computer's own disk; a
 * share is described in plain words with what it supports. On a real SMB share (Samba through
 * rclone's FUSE mount) when the machine has one.
 */
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserMode } from '../../src-main/core/server/browserMode';
import { skipReason, startSmbShare, type Share } from '../helpers/shares';
import { skipTest } from '../helpers/skip';
import { browserSuite, launch, nav, openApp, serve } from './harness';
import { expectFrameHolds, shotBoth } from './world';

describe('the NAS folder in Settings', browserSuite, () => {
  let dir: string;
  let mode: BrowserMode;
  let browser: Browser;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'courier-e2e-nas-'));
    mode = await serve(path.join(dir, 'home'));
    mode.service.settings.update({ cohort: 'UW - Seattle', protocolYear: 2025 });
    browser = await launch();
    ({ page, problems } = await openApp(browser, mode.server.url));
    await nav(page, 'Settings');
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await mode?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const form = (): ReturnType<Page['getByRole']> => page.getByRole('form', { name: 'Settings' });

  it('says a path that is not there is not found, never creates it, and will not save it', async () => {
    const typo = path.join(dir, 'mnt', 'naaccord');
    await form().getByLabel('NAS folder').fill(typo);
    await form().getByRole('button', { name: 'Test connection' }).click();
    const result = page.getByTestId('nas-result');
    await expect.poll(() => result.textContent()).toMatch(/not found: is the NAS mounted\?/);
    expect(await result.textContent()).not.toMatch(/will create/);
    expect(await form().getByRole('button', { name: 'Save settings' }).isDisabled()).toBe(true);
    expect(await page.getByTestId('save-bar').textContent()).toContain(
      'Courier cannot use this NAS folder',
    );
    expect(existsSync(path.join(dir, 'mnt'))).toBe(false);
    await shotBoth(page, 'settings-nas-not-found');
  }, 60_000);

  it('asks before setting up an empty folder, saying it is on this computer’s own disk', async () => {
    const empty = path.join(dir, 'empty-mount-point');
    mkdirSync(empty);
    await form().getByLabel('NAS folder').fill(empty);
    await form().getByRole('button', { name: 'Test connection' }).click();
    const ask = page.getByRole('group', { name: 'Is it the NAS share?' });
    await ask.waitFor();
    const text = (await ask.textContent()) ?? '';
    expect(text).toMatch(/^This folder is empty\. Is it the NAS share\?/);
    expect(text).toMatch(/It is on this computer's own disk, not on a network share/);
    expect(text).toMatch(/If the NAS should be mounted here, it is not mounted now\./);
    // Nothing is written before the answer, and it cannot be saved without one.
    expect(readdirSync(empty)).toEqual([]);
    expect(await form().getByRole('button', { name: 'Save settings' }).isDisabled()).toBe(true);
    await shotBoth(page, 'settings-nas-confirm');
    await expectFrameHolds(page, 'settings with the NAS question');

    await ask.getByRole('button', { name: 'Yes, it is the NAS share: set it up' }).click();
    const result = page.getByTestId('nas-result');
    await expect
      .poll(() => result.textContent())
      .toMatch(/^Connected: this is Courier’s destination folder/);
    // Issue 16: the kind of share and what it supports, in plain words.
    expect(await result.textContent()).toMatch(/Hard links: yes\./);
    expect(await result.textContent()).toMatch(/so Courier commits by hard link/);
    expect(readdirSync(empty)).toEqual(['.courier-share.json']);
    await form().getByRole('button', { name: 'Save settings' }).click();
    await form().getByText('Settings saved.').waitFor();
    await expect.poll(() => page.getByTestId('status-nas').textContent()).toBe('NAS online');
    await shotBoth(page, 'settings-nas-ready');
  }, 60_000);

  it('describes a real SMB share mounted through FUSE: a network share, committed by exclusive create', async (ctx) => {
    const why = skipReason('smb');
    if (why)
      return skipTest(ctx, {
        why,
        what: 'the SMB share in the window',
        fix: 'apt-get install samba rclone fuse3 (as root)',
      });
    let share: Share | null = null;
    try {
      share = await startSmbShare();
      await form().getByLabel('NAS folder').fill(share.dir);
      await form().getByRole('button', { name: 'Test connection' }).click();
      const ask = page.getByRole('group', { name: 'Is it the NAS share?' });
      await ask.waitFor({ timeout: 30_000 });
      expect(await ask.textContent()).toMatch(
        /It is on a network file system: SMB share via FUSE \(rclone\), mounted at /,
      );
      await ask.getByRole('button', { name: 'Yes, it is the NAS share: set it up' }).click();
      const result = page.getByTestId('nas-result');
      await expect
        .poll(() => result.textContent(), { timeout: 30_000 })
        .toMatch(
          /SMB share via FUSE \(rclone\): no hard links, so Courier commits by exclusive create\./,
        );
      await shotBoth(page, 'settings-nas-smb');
    } finally {
      share?.stop();
    }
    expect(problems).toEqual([]);
  }, 120_000);
});
