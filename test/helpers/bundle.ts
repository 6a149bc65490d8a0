/**
 * A small TypeScript program on Courier's own modules, bundled with esbuild into `dir`, to run
 * as a separate process (several processes sharing one data folder). Dependencies are bundled
 * in (the program may live outside the project), so it may not use native ones (DuckDB).
 */
import { build } from 'esbuild';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const SRC = join(import.meta.dirname, '../../src-main');

/** Bundles `code` (which may import from `SRC`) and returns the .mjs path. */
export async function bundleScript(dir: string, name: string, code: string): Promise<string> {
  const entry = join(dir, `${name}.ts`);
  writeFileSync(entry, code);
  const out = join(dir, `${name}.mjs`);
  await build({
    entryPoints: [entry],
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'error',
    absWorkingDir: join(import.meta.dirname, '../..'),
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
  });
  return out;
}
