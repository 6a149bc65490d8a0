/**
 * End to end, browser mode: the real server, the built renderer, Debian's Chromium.
 * Waits on data-app-state, never on sleeps. Needs `npx electron-vite build` first (npm test does it).
 */
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src-main/core/server';
import type { BrowserMode } from '../../src-main/core/server/browserMode';
import { browserSuite, project, screenshots, serve } from './harness';

const CHROMIUM = '/usr/bin/chromium';

describe('browser mode shell', browserSuite, () => {
  let server: RunningServer;
  let mode: BrowserMode;
  let home: string;
  let browser: Browser;
  let version: string;

  beforeAll(async () => {
    version = (
      JSON.parse(await readFile(path.join(project, 'package.json'), 'utf8')) as { version: string }
    ).version;
    // Browser mode as `courier serve` starts it, on an empty data folder of its own.
    home = await mkdtemp(path.join(tmpdir(), 'courier-e2e-shell-'));
    mode = await serve(home, undefined, version);
    server = mode.server;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await mode?.close();
    await rm(home, { recursive: true, force: true });
  });

  it('opens from the token link, becomes ready and shows the shell', async () => {
    const context = await browser.newContext({ viewport: { width: 1024, height: 700 } });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
    });

    await page.goto(server.url);
    // The token has been traded for a cookie and is gone from the address bar.
    expect(new URL(page.url()).search).toBe('');
    await page.locator('#root[data-app-state="ready"]').waitFor({ timeout: 20_000 });
    // An empty data folder: the first start asks for the submission; "Later" leaves it for now.
    const welcome = page.getByRole('dialog', { name: 'Welcome to Courier' });
    await welcome.getByRole('button', { name: 'Later' }).click();
    await welcome.waitFor({ state: 'detached' });

    await expect
      .poll(() => page.getByRole('banner').getByRole('heading', { level: 1 }).textContent())
      .toBe('Courier');
    const nav = page.getByRole('navigation', { name: 'Sections' });
    for (const name of ['Inbox', 'Submission', 'History', 'Settings']) {
      expect(await nav.getByRole('button', { name }).isVisible(), name).toBe(true);
    }
    expect(await nav.getByRole('button', { name: 'Inbox' }).getAttribute('aria-current')).toBe(
      'page',
    );
    expect(await page.getByRole('main').getByRole('heading', { level: 2 }).textContent()).toBe(
      'Inbox',
    );
    const status = page.getByRole('contentinfo');
    expect(await status.textContent()).toContain(`Courier ${version}`);
    expect(await status.textContent()).toContain('Browser mode');
    expect(await status.getByRole('status').textContent()).toBe('Connected');

    await nav.getByRole('button', { name: 'History' }).click();
    expect(await page.getByRole('main').getByRole('heading', { level: 2 }).textContent()).toBe(
      'History',
    );
    expect(await nav.getByRole('button', { name: 'History' }).getAttribute('aria-current')).toBe(
      'page',
    );
    await nav.getByRole('button', { name: 'Inbox' }).click();

    await mkdir(screenshots, { recursive: true });
    await page.mouse.move(600, 650);
    // Finished transitions and no caret: the screenshot shows the settled shell.
    await page.screenshot({
      path: path.join(screenshots, 'shell.png'),
      animations: 'disabled',
      caret: 'hide',
    });
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);

  it('answers 401 to a fresh browser without the token or cookie', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const response = await page.goto(`http://127.0.0.1:${server.port}/`);
    expect(response?.status()).toBe(401);
    expect(await page.textContent('body')).toContain('courier serve');
    const asset = await context.request.get(`http://127.0.0.1:${server.port}/assets/`);
    expect(asset.status()).toBe(401);
    await context.close();
  }, 60_000);
});
