// `npm run bench [-- --quick] [-- --sizes 1000000,5000000,20000000] [-- --runs 3] [-- --batch 200]`
// Measures, on the same synthetic laboratory file: (a) the floor, a bare DuckDB
// CREATE TABLE AS SELECT * FROM read_csv(...) into a file with the same thread count;
// (b) SHA-256 of the file with Node's crypto; (c) the full `courier ingest` (scan, convert,
// every check, verified artifact) as a separate process. Prints a table and writes
// .bench/results.json. No assertions: figures for people.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const benchDir = join(root, '.bench');
mkdirSync(benchDir, { recursive: true });
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const sizes = opt('--sizes', quick ? '100000' : '1000000,5000000,20000000')
  .split(',')
  .map(Number);
const runs = Number(opt('--runs', quick ? '1' : '3'));
const threads = availableParallelism();

/** A deterministic PRNG (mulberry32). */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TESTS = [
  ['Abs CD4', 'cells/uL', 0, 1500],
  ['HIV-1 RNA', 'copies/mL', 0, 100000],
  ['Albumin', 'g/dL', 2, 6],
  ['Creatinine', 'mg/dL', 0.3, 3],
  ['Hemoglobin', 'g/dL', 8, 18],
  ['ALT', 'U/L', 5, 120],
];

async function generateLab(rows, path) {
  const rand = rng(rows);
  const patients = Math.max(100, Math.floor(rows / 100));
  const out = createWriteStream(path);
  out.write(
    'cohortPatientId,testName,result,units,normalMin,normalMax,interpretation,resultDate,source\n',
  );
  let chunk = '';
  for (let i = 0; i < rows; i++) {
    const t = TESTS[Math.floor(rand() * TESTS.length)];
    const id = String(Math.floor(rand() * patients)).padStart(7, '0');
    const v = t[2] + rand() * (t[3] - t[2]);
    const result = t[0] === 'HIV-1 RNA' && v < 20000 ? '<50' : v.toFixed(t[3] > 100 ? 0 : 1);
    const y = 2000 + Math.floor(rand() * 25);
    const m = String(1 + Math.floor(rand() * 12)).padStart(2, '0');
    const d = String(1 + Math.floor(rand() * 28)).padStart(2, '0');
    const interp = rand() < 0.7 ? 'Normal' : rand() < 0.5 ? 'High' : 'Low';
    chunk += `${id},${t[0]},${result},${t[1]},${t[2]},${t[3]},${interp},${y}-${m}-${d},L${1 + Math.floor(rand() * 5)}\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await new Promise((r) => out.once('drain', r));
      chunk = '';
    }
  }
  out.end(chunk);
  await new Promise((r) => out.on('finish', r));
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function floorRun(file) {
  const db = join(benchDir, 'floor.duckdb');
  rmSync(db, { force: true });
  rmSync(`${db}.wal`, { force: true });
  const script = `
    import { DuckDBInstance } from '@duckdb/node-api';
    const inst = await DuckDBInstance.create(${JSON.stringify(db)}, { threads: '${threads}' });
    const c = await inst.connect();
    const t0 = performance.now();
    await c.run("CREATE TABLE t AS SELECT * FROM read_csv(${JSON.stringify(file).replaceAll('"', "'")})");
    await c.run('CHECKPOINT');
    const ms = performance.now() - t0;
    c.closeSync(); inst.closeSync();
    console.log(JSON.stringify({ ms, maxRssBytes: process.resourceUsage().maxRSS * 1024 }));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: root,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(r.stderr);
  rmSync(db, { force: true });
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

async function hashRun(file) {
  const t0 = performance.now();
  const h = createHash('sha256');
  for await (const c of createReadStream(file, { highWaterMark: 4 << 20 })) h.update(c);
  h.digest('hex');
  return { ms: performance.now() - t0 };
}

function courierRun(files, table = 'laboratory') {
  const home = join(benchDir, 'home');
  rmSync(home, { recursive: true, force: true });
  const stats = join(benchDir, 'stats.json');
  const t0 = performance.now();
  const r = spawnSync(
    process.execPath,
    [
      join(root, 'bin', 'courier.mjs'),
      'ingest',
      '--json',
      '--table',
      table,
      '--home',
      home,
      ...files,
    ],
    {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 1 << 30,
      env: { ...process.env, COURIER_BENCH_STATS: stats },
    },
  );
  const ms = performance.now() - t0;
  if (r.status !== 0 && r.status !== 1) throw new Error(r.stderr);
  const reports = r.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  rmSync(home, { recursive: true, force: true });
  return { ms, reports, ...JSON.parse(readFileSync(stats, 'utf8')) };
}

const results = {
  machine: { threads, node: process.version },
  date: new Date().toISOString(),
  sizes: [],
};
for (const rows of sizes) {
  const file = join(benchDir, `laboratory-${rows}.csv`);
  if (!existsSync(file)) {
    process.stderr.write(`generating ${file} …\n`);
    await generateLab(rows, file);
  }
  const bytes = statSync(file).size;
  const floor = [];
  const hash = [];
  const full = [];
  for (let i = 0; i < runs; i++) {
    floor.push(floorRun(file));
    hash.push(await hashRun(file));
    full.push(courierRun([file]));
    process.stderr.write(
      `  ${rows} rows run ${i + 1}/${runs}: floor ${(floor[i].ms / 1000).toFixed(2)} s, sha256 ${(hash[i].ms / 1000).toFixed(2)} s, courier ${(full[i].ms / 1000).toFixed(2)} s\n`,
    );
  }
  const a = median(floor.map((x) => x.ms));
  const b = median(hash.map((x) => x.ms));
  const c = median(full.map((x) => x.ms));
  const t = full[0].reports[0].timings;
  results.sizes.push({
    rows,
    bytes,
    floorSec: a / 1000,
    sha256Sec: b / 1000,
    courierSec: c / 1000,
    ratio: c / a,
    courierRowsPerSec: rows / (c / 1000),
    courierMBPerSec: bytes / 1e6 / (c / 1000),
    floorPeakRssMiB: Math.max(...floor.map((x) => x.maxRssBytes)) / 2 ** 20,
    courierPeakRssMiB: Math.max(...full.map((x) => x.maxRssBytes)) / 2 ** 20,
    eventLoopDelayMs: {
      p99: Math.max(...full.map((x) => x.eventLoopDelayMs.p99)),
      max: Math.max(...full.map((x) => x.eventLoopDelayMs.max)),
    },
    phasesMs: t,
  });
}

// A batch of 200 small files (1,000 rows each).
const smallDir = join(benchDir, 'small');
if (!existsSync(join(smallDir, 'lab-199.csv'))) {
  mkdirSync(smallDir, { recursive: true });
  for (let i = 0; i < 200; i++) await generateLab(1000 + i, join(smallDir, `lab-${i}.csv`));
}
const batchFiles = Array.from({ length: quick ? 20 : 200 }, (_, i) =>
  join(smallDir, `lab-${i}.csv`),
);
const batch = courierRun(batchFiles);
results.batch = {
  files: batchFiles.length,
  sec: batch.ms / 1000,
  filesPerSec: batchFiles.length / (batch.ms / 1000),
};

writeFileSync(join(benchDir, 'results.json'), JSON.stringify(results, null, 2));
const pad = (s, n) => String(s).padStart(n);
console.log(`\nCourier benchmark (${threads} threads, Node ${process.version}), median of ${runs}`);
console.log(
  `${pad('rows', 10)} ${pad('MB', 7)} ${pad('floor s', 8)} ${pad('sha256 s', 9)} ${pad('courier s', 10)} ${pad('ratio', 6)} ${pad('rows/s', 10)} ${pad('MB/s', 6)} ${pad('RSS MiB', 8)} ${pad('EL p99', 7)} ${pad('EL max', 7)}`,
);
for (const s of results.sizes) {
  console.log(
    `${pad(s.rows, 10)} ${pad((s.bytes / 1e6).toFixed(0), 7)} ${pad(s.floorSec.toFixed(2), 8)} ${pad(s.sha256Sec.toFixed(2), 9)} ${pad(s.courierSec.toFixed(2), 10)} ${pad(s.ratio.toFixed(2), 6)} ${pad(Math.round(s.courierRowsPerSec), 10)} ${pad(s.courierMBPerSec.toFixed(0), 6)} ${pad(s.courierPeakRssMiB.toFixed(0), 8)} ${pad(s.eventLoopDelayMs.p99.toFixed(1), 7)} ${pad(s.eventLoopDelayMs.max.toFixed(1), 7)}`,
  );
}
if (results.sizes.length > 1) {
  const first = results.sizes[0];
  const last = results.sizes[results.sizes.length - 1];
  console.log(
    `growth: ${last.rows / first.rows}× rows took ${(last.courierSec / first.courierSec).toFixed(2)}× the time`,
  );
}
console.log(
  `batch: ${results.batch.files} small files in ${results.batch.sec.toFixed(2)} s = ${results.batch.filesPerSec.toFixed(1)} files/s`,
);
console.log(`written: ${join(benchDir, 'results.json')}`);
