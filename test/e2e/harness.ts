/**
 * End-to-end harness: browser mode exactly as `courier serve` starts it (the service and the
 * server in this process), each test file with its own COURIER_HOME, and Debian's Chromium.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startBrowserMode, type BrowserMode } from '../../src-main/core/server/browserMode';
import type { Lang } from '../../src-main/shared/i18n/lang';
import { skipSuiteIf, type SkipReason } from '../helpers/skip';

export const project = path.resolve(import.meta.dirname, '../..');
export const rendererDir = path.join(project, 'out/renderer');
export const screenshots = path.join(project, 'test-output/screenshots');
const CHROMIUM = '/usr/bin/chromium';

/** Why the browser tests cannot run here, or null when they can. */
function missing(): SkipReason | null {
  const what = 'browser tests';
  if (!existsSync(CHROMIUM))
    return { why: `Chromium not found at ${CHROMIUM}`, what, fix: 'apt-get install -y chromium' };
  const built =
    existsSync(path.join(rendererDir, 'index.html')) &&
    existsSync(path.join(project, 'out/node/scan.worker.mjs'));
  if (!built)
    return { why: 'the app is not built (out/renderer, out/node)', what, fix: 'npm run build' };
  return null;
}

/**
 * `describe` options for a browser test suite: skipped where Chromium or the build is missing,
 * with the reason, so that the run says so (and fails in CI).
 */
export const browserSuite = skipSuiteIf(missing());

/**
 * Starts browser mode on `home`, like `courier serve --home home` (`lang`: `--lang`; by
 * default the tests' COURIER_LANG, English).
 */
export function serve(
  home: string,
  token?: string,
  version = '0.0.0-test',
  lang?: Lang,
): Promise<BrowserMode> {
  return startBrowserMode({
    port: 0,
    rendererDir,
    version,
    token,
    // Settle watched files fast; check the NAS on demand only.
    service: { home, stableMs: 300, nasCheckMs: 0, retryMs: 0, ...(lang ? { lang } : {}) },
  });
}

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * The session each link was traded for: the token works once, so a second window on the same
 * server starts from the first one's session cookie, as a second tab of that browser would.
 */
const sessions = new Map<string, Awaited<ReturnType<BrowserContext['cookies']>>>();

/** Opens the app from its token link at the smallest designed size and waits until ready. */
export async function openApp(
  browser: Browser,
  url: string,
  /**
   * `bypassCSP`: lets a test inject axe-core (an inline script the app's CSP refuses);
   * `colorScheme`: the OS theme the page sees; `locale`: the browser's language.
   */
  opts: { bypassCSP?: boolean; colorScheme?: 'light' | 'dark'; locale?: string } = {},
): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({
    viewport: { width: 1024, height: 700 },
    acceptDownloads: true,
    ...opts,
  });
  const known = sessions.get(url);
  if (known) await context.addCookies(known);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
  });
  await page.goto(known ? new URL('/', url).href : url);
  await page.locator('#root[data-app-state="ready"]').waitFor({ timeout: 20_000 });
  if (!known) sessions.set(url, await context.cookies());
  return { page, problems };
}

/**
 * A settled screenshot (no caret, no transitions). `tall`: the window made tall enough for the
 * whole page (the app scrolls inside its own frame, so a full-page shot would not show more).
 */
export async function shot(page: Page, name: string, tall?: number): Promise<void> {
  await mkdir(screenshots, { recursive: true });
  const size = page.viewportSize();
  if (tall && size) await page.setViewportSize({ width: size.width, height: tall });
  await page.mouse.move(size ? size.width - 10 : 1000, 10);
  await page.screenshot({
    path: path.join(screenshots, `${name}.png`),
    animations: 'disabled',
    caret: 'hide',
  });
  if (tall && size) await page.setViewportSize(size);
}

export async function nav(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name }).click();
  await page.getByRole('heading', { level: 2, name }).waitFor();
}
