/** Helpers for the desktop app's lifecycle tests (fake electron, real core). */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A private temporary folder with a built-looking renderer in it. */
export function desktopDirs(prefix: string): { dir: string; renderer: string; home: string } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const renderer = join(dir, 'renderer');
  mkdirSync(join(renderer, 'assets'), { recursive: true });
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Courier</title>');
  writeFileSync(join(renderer, 'assets', 'app.js'), 'export {};');
  writeFileSync(join(dir, 'secret.txt'), 'not for the page');
  return { dir, renderer, home: join(dir, 'home') };
}

/** A CSV big enough that a job is still running when the test acts on its first progress. */
export function bigCsv(path: string, rows: number): string {
  const lines = ['id,visit,value,note'];
  for (let i = 0; i < rows; i++)
    lines.push(`P${i % 5000},2024-0${(i % 9) + 1}-1${i % 10},${i * 7},n${i}`);
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}

/** A small CSV. */
export function smallCsv(path: string): string {
  writeFileSync(path, 'id,value\nA1,1\nA2,2\n');
  return path;
}
