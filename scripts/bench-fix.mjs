// `npm run bench -- --fix [--fix-sizes 5000000,20000000] [--runs 1]`: guided fixes at scale.
// For each size: the synthetic laboratory file with its whole resultDate column written as SAS
// DATE9 (`10FEB2024`), ingested (the patient table first, untimed), then
// `courier fix <job> --all` timed as its own process: the fix pass (one SQL pass over the
// artifact, one rewrite of `data`), the whole precheck again, the verified artifact. Printed
// beside the ingest's checks, and the floor of one rewrite (a bare DuckDB copy of `data`).
// Written to .bench/fix.json. No assertions: figures for people.
import { spawnSync } from 'node:child_process';
import {
  createReadStream,
  createWriteStream,
  existsSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const MON = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

/** The file with every resultDate (YYYY-MM-DD) written as DDMONYYYY, cached beside it. */
async function sasCopy(file) {
  const out = file.replace(/\.csv$/, '-sasdates.csv');
  if (existsSync(out)) return out;
  process.stderr.write(`writing ${out} …\n`);
  const w = createWriteStream(`${out}.tmp`);
  let col = -1;
  let buf = [];
  for await (const line of createInterface({
    input: createReadStream(file),
    crlfDelay: Infinity,
  })) {
    if (col < 0) {
      col = line.split(',').indexOf('resultDate');
      buf.push(line);
    } else {
      const f = line.split(',');
      const d = f[col];
      if (d && /^\d{4}-\d{2}-\d{2}$/.test(d))
        f[col] = `${d.slice(8, 10)}${MON[Number(d.slice(5, 7)) - 1]}${d.slice(0, 4)}`;
      buf.push(f.join(','));
    }
    if (buf.length >= 10000) {
      if (!w.write(buf.join('\n') + '\n')) await new Promise((r) => w.once('drain', r));
      buf = [];
    }
  }
  w.write(buf.length ? buf.join('\n') + '\n' : '');
  await new Promise((r) => w.end(r));
  spawnSync('mv', [`${out}.tmp`, out]);
  return out;
}

function courier(root, home, stats, ...args) {
  const t0 = performance.now();
  const r = spawnSync(
    process.execPath,
    [join(root, 'bin', 'courier.mjs'), ...args, '--home', home],
    {
      encoding: 'utf8',
      maxBuffer: 1 << 30,
      env: { ...process.env, COURIER_BENCH_STATS: stats },
    },
  );
  const ms = performance.now() - t0;
  if (r.status !== 0 && r.status !== 1) throw new Error(`courier ${args[0]}: ${r.stderr}`);
  const last = r.stdout.trim().split('\n').at(-1);
  return { ms, report: last ? JSON.parse(last) : null, ...JSON.parse(readFileSync(stats, 'utf8')) };
}

/** A bare DuckDB copy of the artifact's `data` into a new file: the floor of one rewrite. */
function rewriteFloor(root, artifact, dir) {
  const script = `
    import { DuckDBInstance } from '@duckdb/node-api';
    const dst = ${JSON.stringify(join(dir, 'copy.duckdb'))};
    const i = await DuckDBInstance.create(dst, { threads: '2', memory_limit: '384MB' });
    const c = await i.connect();
    const t0 = performance.now();
    await c.run(${JSON.stringify(`ATTACH '${artifact.replaceAll("'", "''")}' AS s (READ_ONLY)`)});
    await c.run('CREATE TABLE data AS SELECT * FROM s.data');
    await c.run('CHECKPOINT');
    console.log(performance.now() - t0);`;
  rmSync(join(dir, 'copy.duckdb'), { force: true });
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: root,
    encoding: 'utf8',
  });
  rmSync(join(dir, 'copy.duckdb'), { force: true });
  if (r.status !== 0) throw new Error(r.stderr);
  return Number(r.stdout.trim());
}

/** Runs the fix benchmark; `generateSample(rows, dir)` is bench.mjs's. */
export async function fixBench({ root, benchDir, sizes, runs, generateSample }) {
  const results = { date: new Date().toISOString(), sizes: [] };
  for (const rows of sizes) {
    const dir = join(benchDir, `sample-${rows}`);
    generateSample(rows, dir);
    const file = await sasCopy(join(dir, 'laboratory.csv'));
    const stats = join(benchDir, 'stats.json');
    const all = [];
    for (let k = 0; k < runs; k++) {
      const home = join(benchDir, 'home-fix');
      rmSync(home, { recursive: true, force: true });
      courier(root, home, stats, 'ingest', '--table', 'patient', join(dir, 'patient.csv'));
      const ingest = courier(root, home, stats, 'ingest', '--json', '--table', 'laboratory', file);
      const fix = courier(root, home, stats, 'fix', ingest.report.job, '--all', '--json');
      const artifactDir = join(home, 'artifacts', ingest.report.job);
      const artifact = join(
        artifactDir,
        readdirSync(artifactDir).find((n) => n.endsWith('.duckdb')),
      );
      const floorMs = rewriteFloor(root, artifact, benchDir);
      all.push({ ingest, fix, floorMs });
      process.stderr.write(
        `  fix ${rows} rows run ${k + 1}/${runs}: ingest ${(ingest.ms / 1000).toFixed(1)} s (checks ${(ingest.report.timings.checkMs / 1000).toFixed(1)} s), fix --all ${(fix.ms / 1000).toFixed(1)} s, one rewrite ${(floorMs / 1000).toFixed(1)} s\n`,
      );
      rmSync(home, { recursive: true, force: true });
    }
    const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const first = all[0];
    results.sizes.push({
      rows,
      bytes: statSync(file).size,
      ingestSec: med(all.map((x) => x.ingest.ms)) / 1000,
      ingestChecksSec: med(all.map((x) => x.ingest.report.timings.checkMs)) / 1000,
      fixSec: med(all.map((x) => x.fix.ms)) / 1000,
      fixPassSec: med(all.map((x) => x.fix.report.timings.convertMs)) / 1000,
      fixChecksSec: med(all.map((x) => x.fix.report.timings.checkMs)) / 1000,
      rewriteFloorSec: med(all.map((x) => x.floorMs)) / 1000,
      fixPeakRssMiB: Math.max(...all.map((x) => x.fix.maxRssBytes)) / 2 ** 20,
      cellsFixed: first.fix.report.fixes.reduce((n, f) => n + f.cells, 0),
      fixes: first.fix.report.fixes.map((f) => `${f.rule}:${f.column} ${f.cells}`),
      dateIssuesLeft: first.fix.report.issues.filter(
        (i) => /^date-/.test(i.code) && i.column === 'resultDate',
      ).length,
    });
  }
  writeFileSync(join(benchDir, 'fix.json'), JSON.stringify(results, null, 2));
  console.log(
    '\ncourier fix --all on a whole date column (SAS DATE9 → YYYY-MM-DD), median of',
    runs,
  );
  for (const s of results.sizes)
    console.log(
      `${s.rows.toLocaleString('en-US')} rows (${(s.bytes / 1e6).toFixed(0)} MB): fix ${s.fixSec.toFixed(1)} s (pass ${s.fixPassSec.toFixed(1)} s + checks ${s.fixChecksSec.toFixed(1)} s), ${s.cellsFixed.toLocaleString('en-US')} cells; ingest ${s.ingestSec.toFixed(1)} s with checks ${s.ingestChecksSec.toFixed(1)} s; one bare rewrite ${s.rewriteFloorSec.toFixed(1)} s; budget (checks + rewrite) ${(s.ingestChecksSec + s.rewriteFloorSec).toFixed(1)} s; peak RSS ${s.fixPeakRssMiB.toFixed(0)} MiB; date issues left ${s.dateIssuesLeft}`,
    );
  console.log(`written: ${join(benchDir, 'fix.json')}`);
}
