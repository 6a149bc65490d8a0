/** Browser mode refuses anyone without the token: pages, API, uploads, WebSocket, downloads. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserMode } from '../../src-main/core/server/browserMode';
import { browserSuite, launch, serve } from './harness';

describe('browser mode needs its token', browserSuite, () => {
  let dir: string;
  let mode: BrowserMode;
  let browser: Browser;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'courier-e2e-token-'));
    mode = await serve(path.join(dir, 'home'));
    browser = await launch();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await mode?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('answers 401 to a browser without the token, and 401 to a wrong one', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const base = `http://127.0.0.1:${mode.server.port}`;
    expect((await page.goto(`${base}/`))?.status()).toBe(401);
    expect(await page.textContent('body')).toContain('courier serve');
    expect((await page.goto(`${base}/?token=wrong`))?.status()).toBe(401);
    const api = await page.evaluate(async () => {
      const invoke = await fetch('/api/invoke', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ channel: 'settings.get' }),
      });
      const upload = await fetch('/api/upload', {
        method: 'POST',
        headers: { 'Content-Type': 'application/octet-stream', 'X-Courier-File-Name': 'a.csv' },
        body: 'a,b\n1,2\n',
      });
      // Runs in the page; the test's own types have no DOM.
      const g = globalThis as unknown as {
        location: { host: string };
        WebSocket: new (url: string) => { onopen: () => void; onerror: () => void };
      };
      const ws = await new Promise<string>((resolve) => {
        const s = new g.WebSocket(`ws://${g.location.host}/ws`);
        s.onopen = () => resolve('open');
        s.onerror = () => resolve('refused');
      });
      return { invoke: invoke.status, upload: upload.status, ws };
    });
    expect(api).toEqual({ invoke: 401, upload: 401, ws: 'refused' });
    expect((await context.request.get(`${base}/download/${'x'.repeat(24)}`)).status()).toBe(401);
    await context.close();
  }, 60_000);

  it('lets the token link in once, then works from the session cookie alone', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(mode.server.url);
    expect(new URL(page.url()).search).toBe('');
    await page.locator('#root[data-app-state="ready"]').waitFor({ timeout: 20_000 });
    const status = await page.evaluate(async () => {
      const r = await fetch('/api/invoke', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ channel: 'status.get' }),
      });
      return r.status;
    });
    expect(status).toBe(200);
    // The link works once: another browser (or the same link from a history) is refused, and
    // the session in the first keeps working.
    const other = await browser.newContext();
    const otherPage = await other.newPage();
    expect((await otherPage.goto(mode.server.url))?.status()).toBe(401);
    expect(await otherPage.textContent('body')).toMatch(/already used/);
    await other.close();
    await page.reload();
    await page.locator('#root[data-app-state="ready"]').waitFor({ timeout: 20_000 });
    await context.close();
  }, 60_000);
});
