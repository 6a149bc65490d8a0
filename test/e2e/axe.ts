/**
 * axe-core in the page: injected from node_modules (the context bypasses the app's CSP, which
 * rightly refuses inline scripts), run on the whole document against WCAG 2.1 A and AA and
 * axe's best practices. Serious and critical violations fail the test; moderate and minor ones
 * are collected for the note (test-output/axe/<run>.json).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { project } from './harness';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

export interface AxeFinding {
  screen: string;
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

interface AxeResult {
  violations: {
    id: string;
    impact: string | null;
    help: string;
    nodes: { target: unknown[]; failureSummary?: string }[];
  }[];
}

/** Runs axe on the page as it is; returns every violation of `screen`. */
export async function axe(page: Page, screen: string): Promise<AxeFinding[]> {
  // A theme switch or a hover starts colour transitions: axe reads the colours as they end.
  await page.evaluate(() => {
    const g = globalThis as unknown as {
      document: { getAnimations(): { finished: Promise<unknown> }[] };
    };
    return Promise.all(g.document.getAnimations().map((a) => a.finished.catch(() => null)));
  });
  const loaded = await page.evaluate(() => 'axe' in globalThis);
  if (!loaded) await page.addScriptTag({ path: AXE });
  const result = (await page.evaluate(() => {
    const g = globalThis as unknown as {
      axe: { run(ctx: unknown, opts: unknown): Promise<unknown> };
      document: unknown;
    };
    return g.axe.run(g.document, {
      runOnly: {
        type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'],
      },
      resultTypes: ['violations'],
    });
  })) as AxeResult;
  return result.violations.map((v) => ({
    screen,
    id: v.id,
    impact: v.impact ?? 'minor',
    help: v.help,
    targets: v.nodes
      .slice(0, 5)
      .map(
        (n) =>
          `${n.target.join(' ')}${n.failureSummary ? ` — ${n.failureSummary.split('\n').slice(1, 2).join('').trim()}` : ''}`,
      ),
  }));
}

/** The findings of one run, kept for the note; the serious and critical ones fail at once. */
export class AxeLog {
  readonly findings: AxeFinding[] = [];
  constructor(private readonly run: string) {}

  async check(page: Page, screen: string): Promise<void> {
    const found = await axe(page, screen);
    this.findings.push(...found);
    const blocking = found.filter((f) => f.impact === 'serious' || f.impact === 'critical');
    expect(
      blocking.map((f) => `${f.id} (${f.impact}): ${f.help}\n    ${f.targets.join('\n    ')}`),
      `axe on ${screen}`,
    ).toEqual([]);
  }

  async save(): Promise<void> {
    const dir = path.join(project, 'test-output/axe');
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, `${this.run}.json`), JSON.stringify(this.findings, null, 2));
  }
}
