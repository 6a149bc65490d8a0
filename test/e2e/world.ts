/**
 * What the window tests share: the two designed window sizes, a screenshot of a screen at
 * each, and the frame check every screen must pass (the document never scrolls, sideways or
 * down, and the navigation stays in view after scrolling to the end of the page).
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { shot } from './harness';

/** The designed sizes: a common laptop, and the smallest window Courier is designed for. */
export const SIZES = [
  { width: 1280, height: 800 },
  { width: 1024, height: 700 },
] as const;

export type Size = (typeof SIZES)[number];

export const sizeName = (s: Size): string => `${s.width}x${s.height}`;

/** What the frame looks like now: the document's overflow, the navigation's place. */
/** The few DOM shapes the check reads in the page (the tests' own types have no DOM). */
interface Rect {
  top: number;
  left: number;
  bottom: number;
}
interface PageGlobals {
  document: {
    scrollingElement: {
      scrollWidth: number;
      clientWidth: number;
      scrollHeight: number;
      clientHeight: number;
    } | null;
    documentElement: {
      scrollWidth: number;
      clientWidth: number;
      scrollHeight: number;
      clientHeight: number;
    };
    querySelector(s: string): { getBoundingClientRect(): Rect } | null;
  };
  window: { scrollX: number; scrollY: number; innerHeight: number };
}

function frame(page: Page) {
  return page.evaluate(() => {
    const { document, window } = globalThis as unknown as PageGlobals;
    const doc = document.scrollingElement ?? document.documentElement;
    const nav = document.querySelector('nav[aria-label="Sections"]')!.getBoundingClientRect();
    const status = document.querySelector('footer.status-bar')!.getBoundingClientRect();
    return {
      scrollWidth: doc.scrollWidth,
      clientWidth: doc.clientWidth,
      scrollHeight: doc.scrollHeight,
      clientHeight: doc.clientHeight,
      scrollX: window.scrollX,
      scrollY: window.scrollY,
      navTop: nav.top,
      navLeft: nav.left,
      statusBottom: status.bottom,
      innerHeight: window.innerHeight,
    };
  });
}

/**
 * Scrolls the page to its end the ways a coordinator does (the wheel over the page, then End)
 * and checks the frame: no sideways overflow, the document itself never scrolled, the
 * navigation and the status bar still in view.
 */
export async function expectFrameHolds(page: Page, what: string): Promise<void> {
  const main = page.locator('main#content');
  const box = await main.boundingBox();
  if (box) await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  // Wheel until the page stops moving (the scroller reached its end).
  let last = -1;
  for (let i = 0; i < 40; i++) {
    await page.mouse.wheel(0, 1500);
    const top = await main.evaluate((el) => el.scrollTop);
    const stuck = await main.evaluate(
      (el) => el.scrollTop + el.clientHeight >= el.scrollHeight - 1,
    );
    if (stuck && top === last) break;
    last = top;
  }
  await page.keyboard.press('End');
  await main.evaluate((el) => el.scrollTo(0, el.scrollHeight));
  const f = await frame(page);
  expect(f.scrollWidth, `${what}: the document overflows sideways`).toBeLessThanOrEqual(
    f.clientWidth,
  );
  expect(f.scrollX, `${what}: the document scrolled sideways`).toBe(0);
  expect(f.scrollY, `${what}: the shell slid out of the window`).toBe(0);
  expect(f.scrollHeight, `${what}: the document is taller than the window`).toBeLessThanOrEqual(
    f.clientHeight,
  );
  expect(f.navTop, `${what}: the navigation left the window`).toBeGreaterThanOrEqual(0);
  expect(f.navLeft, `${what}: the navigation left the window`).toBeGreaterThanOrEqual(0);
  expect(f.statusBottom, `${what}: the status bar left the window`).toBeLessThanOrEqual(
    f.innerHeight + 0.5,
  );
  await main.evaluate((el) => el.scrollTo(0, 0));
}

/** Screenshots of the screen on view at both sizes, named `<name>-<size>.png`. */
export async function shotBoth(page: Page, name: string): Promise<void> {
  const before = page.viewportSize();
  for (const s of SIZES) {
    await page.setViewportSize(s);
    await shot(page, `${name}-${sizeName(s)}`);
  }
  if (before) await page.setViewportSize(before);
}

/** The frame check and the screenshots of one screen, at both sizes. */
export async function screen(page: Page, name: string): Promise<void> {
  const before = page.viewportSize();
  for (const s of SIZES) {
    await page.setViewportSize(s);
    await shot(page, `${name}-${sizeName(s)}`);
    await expectFrameHolds(page, `${name} at ${sizeName(s)}`);
  }
  if (before) await page.setViewportSize(before);
}
