/** Laboratory CSV files for watched-folder tests: one generated table and its variants. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateSample } from '../../src-main/core/sample/generate';
import { definitions } from './env';

/** The text of a valid generated laboratory table of `rows` rows (written under `dir`). */
export async function labText(dir: string, rows: number, seed = 3): Promise<string> {
  const out = join(dir, `lab-sample-${rows}-${seed}`);
  await generateSample({
    tables: ['laboratory'],
    rows,
    seed,
    errors: 0,
    outDir: out,
    definitions: await definitions(),
  });
  return readFileSync(join(out, 'laboratory.csv'), 'utf8');
}

/** `text` with one more row, unique to `i`: other bytes, the same table. */
export function variant(text: string, i: number | string): string {
  return `${text}V${i}-x,Abs CD4,1,u,1,2,,2020-01-01,L1\n`;
}

/** The data rows of a CSV text (its lines less the header). */
export function dataRows(text: string): number {
  return text.split('\n').filter(Boolean).length - 1;
}
