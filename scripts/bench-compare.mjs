// `npm run bench -- --compare ROWS`: how long `courier compare` takes on two laboratory artifacts
// of ROWS rows each (this year's and last year's), as a separate process, with its peak memory.
// The same sample file is ingested for both years (--force), so the figure is the aggregate
// queries' cost, not the findings'. Figures for people: no assertion.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/**
 * @param {{ root: string, benchDir: string, rows: number, generateSample: (rows: number, dir: string) => void }} o
 */
export function compareBench(o) {
  const dir = join(o.benchDir, `sample-${o.rows}`);
  o.generateSample(o.rows, dir);
  const home = join(o.benchDir, `home-compare-${o.rows}`);
  const cli = join(o.root, 'bin', 'courier.mjs');
  const run = (args, env = {}) =>
    spawnSync(process.execPath, [cli, ...args, '--home', home], {
      cwd: o.root,
      encoding: 'utf8',
      maxBuffer: 1 << 30,
      env: { ...process.env, ...env },
    });
  if (!existsSync(join(home, 'compare-ready'))) {
    rmSync(home, { recursive: true, force: true });
    for (const year of ['2024', '2025']) {
      const args = ['--cohort', 'Bench Cohort', '--year', year, '--table', 'laboratory', '--force'];
      const r = run(['ingest', ...args, join(dir, 'laboratory.csv')]);
      if (r.status !== 0 && r.status !== 1) throw new Error(r.stderr);
    }
    spawnSync('touch', [join(home, 'compare-ready')]);
  }
  const stats = join(o.benchDir, 'stats-compare.json');
  const t0 = performance.now();
  const r = run(['compare', '--cohort', 'Bench Cohort', '--year', '2025', '--json'], {
    COURIER_BENCH_STATS: stats,
  });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(r.stderr);
  const c = JSON.parse(r.stdout);
  const lab = c.tables.find((t) => t.table === 'laboratory');
  return {
    rows: o.rows,
    sec: ms / 1000,
    rowsEachYear: [lab.current?.rows ?? null, lab.previous?.rows ?? null],
    peakRssMiB: JSON.parse(readFileSync(stats, 'utf8')).maxRssBytes / 2 ** 20,
  };
}
