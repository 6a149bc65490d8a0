/** The real `courier` command in a child process, for tests: its own data folder each time. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { generateSample } from '../../src-main/core/sample/generate';
import { definitions } from './env';

/** The command as npm installs it (built by `npm run build:node`). */
export const COURIER_BIN = join(import.meta.dirname, '../../bin/courier.mjs');

/** Runs `courier …args` with `COURIER_HOME=home`; its exit code, stdout and stderr. */
export function courier(
  home: string,
  ...args: string[]
): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [COURIER_BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, COURIER_HOME: home },
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A valid sample table of `rows` rows written to `<dir>/<table>.csv`; returns its path. */
export async function sampleTable(
  dir: string,
  table: string,
  rows: number,
  seed = 3,
): Promise<string> {
  await generateSample({
    tables: [table],
    rows,
    seed,
    errors: 0,
    outDir: dir,
    definitions: await definitions(),
  });
  return join(dir, `${table}.csv`);
}
