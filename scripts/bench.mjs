// `npm run bench [-- --quick] [-- --sizes 1000000,5000000,20000000] [-- --runs 3] [-- --batch 200]
//  [-- --fingerprints 0.01] [-- --compare ROWS]`
// `npm run bench -- --restart [--restart-files 10000]`: only the service restart (below).
// `npm run bench -- --phi [--phi-rows 5000000] [--phi-baseline CLI]`: only the identifier
// screen (scripts/bench-phi.mjs), written to .bench/phi.json.
// `npm run bench -- --fix [--fix-sizes 5000000,20000000]`: only `courier fix --all` (bench-fix.mjs).
// Measures, on the same synthetic laboratory file: (a) the floor, a bare DuckDB
// CREATE TABLE AS SELECT * FROM read_csv(...) into a file with the same thread count;
// (b) SHA-256 of the file with Node's crypto; (c) the full `courier ingest` (scan, convert,
// every check, verified artifact) as a separate process. Prints a table and writes
// .bench/results.json. No assertions: figures for people.
//
// With --restart: `courier watch` restarted over a folder of 10,000 files it already took
// (their ledger written as ingests write it), measured from the spawn: when it watches, when a
// new file is taken and done, how long SIGTERM takes while it starts and while it runs, and
// the peak memory. Written to .bench/restart.json.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  createReadStream,
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
import { compareBench } from './bench-compare.mjs';
import { phiBench, printPhi } from './bench-phi.mjs';
import { fixBench } from './bench-fix.mjs';

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
// `--fingerprints RATE`: also ingest a copy of each file where that fraction of the rows
// carries one cell as a tool writes it (SAS and Excel dates, NA, an ID that lost its zeros or
// has a space): the new checks then find something, and the report shows what they cost.
const fingerprints = Number(opt('--fingerprints', '0'));
const threads = availableParallelism();

/**
 * Synthetic data from Courier's own sample generator (`courier sample`): a laboratory table of
 * `rows` rows and its patient table (one patient per 100 rows), cached under .bench/.
 */
function generateSample(rows, outDir) {
  if (existsSync(join(outDir, 'laboratory.csv')) && existsSync(join(outDir, 'patient.csv'))) return;
  process.stderr.write(`generating ${outDir} …\n`);
  const patients = String(Math.max(100, Math.floor(rows / 100)));
  const run = (table, n) => {
    const r = spawnSync(
      process.execPath,
      [
        join(root, 'bin', 'courier.mjs'),
        'sample',
        '--table',
        table,
        '--rows',
        String(n),
        '--patient-count',
        patients,
        '--seed',
        '1',
        '--out',
        outDir,
      ],
      { encoding: 'utf8' },
    );
    if (r.status !== 0) throw new Error(r.stderr);
  };
  run('patient', patients);
  run('laboratory', rows);
}

/**
 * A copy of `file` where every (1/rate)-th row has one cell as a tool writes it, in turn: a
 * SAS DATE9 date, an Excel serial date, an R date-time, NA in `interpretation` or `result`,
 * an ID whose leading zeros were lost, an ID with a trailing space. Cached beside the file.
 */
async function fingerprintCopy(file, rate) {
  const out = file.replace(/\.csv$/, `-fingerprints-${rate}.csv`);
  if (existsSync(out)) return out;
  process.stderr.write(`writing ${out} …\n`);
  const { createInterface } = await import('node:readline');
  const { createWriteStream } = await import('node:fs');
  const w = createWriteStream(out);
  const every = Math.max(1, Math.round(1 / rate));
  const MON = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
  const tools = [
    (c) => (c[7] = `${c[7].slice(8, 10)}${MON[Number(c[7].slice(5, 7)) - 1]}${c[7].slice(0, 4)}`),
    (c) => (c[7] = String(Math.round(Date.parse(`${c[7]}T00:00:00Z`) / 86_400_000) + 25569)),
    (c) => (c[7] = `${c[7]} 08:30:00`),
    (c) => (c[6] = 'NA'),
    (c) => (c[2] = 'NA'),
    (c) => (c[0] = c[0].replace(/^P0*/, '')),
    (c) => (c[0] = `${c[0]} `),
  ];
  let n = -1;
  let k = 0;
  for await (const line of createInterface({
    input: createReadStream(file),
    crlfDelay: Infinity,
  })) {
    n++;
    let text = line;
    // Only simple rows (no quotes): the header and every row are split on commas.
    if (n > 0 && n % every === 0 && !line.includes('"')) {
      const c = line.split(',');
      tools[k++ % tools.length](c);
      text = c.join(',');
    }
    if (!w.write(`${text}\n`)) await new Promise((r) => w.once('drain', r));
  }
  await new Promise((r) => w.end(r));
  return out;
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

/**
 * `courier ingest` of `files` in a fresh data folder. With `patients`, the patient table is
 * ingested first (not timed), as a coordinator does: the laboratory file is then checked against
 * the ledger's patient artifact.
 */
function courierRun(
  files,
  table = 'laboratory',
  patients = null,
  bin = join(root, 'bin', 'courier.mjs'),
) {
  const home = join(benchDir, 'home');
  rmSync(home, { recursive: true, force: true });
  const stats = join(benchDir, 'stats.json');
  if (patients) {
    const p = spawnSync(
      process.execPath,
      [bin, 'ingest', '--table', 'patient', '--home', home, patients],
      { encoding: 'utf8' },
    );
    if (p.status !== 0 && p.status !== 1) throw new Error(p.stderr);
  }
  const t0 = performance.now();
  const r = spawnSync(
    process.execPath,
    [bin, 'ingest', '--json', '--table', table, '--home', home, ...files],
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

/**
 * The ledger events `courier ingest` writes for a file it took (its job with the file's
 * identity, stages, the claim on its bytes, the result, the final stage), for every file of
 * `files`: a data folder that took them all, without converting 10,000 files first.
 */
function writeTakenLedger(home, files) {
  mkdirSync(home, { recursive: true });
  const at = new Date().toISOString();
  const out = [];
  files.forEach((path, i) => {
    const st = statSync(path, { bigint: true });
    const small = statSync(path);
    const id = `20260101000000-${i.toString(16).padStart(8, '0')}`;
    const sha256 = createHash('sha256').update(readFileSync(path)).digest('hex');
    const ev = (e) => out.push(JSON.stringify({ v: 1, ...e, id, at }));
    ev({
      type: 'job',
      pid: 999_999_999,
      source: {
        name: path.split('/').pop(),
        path,
        bytes: small.size,
        mtimeMs: small.mtimeMs,
        identity: `${st.dev}:${st.ino}:${st.size}:${st.mtimeNs}:${st.ctimeNs}`,
      },
      table: 'laboratory',
      cohort: 'UW - Seattle',
      protocolYear: 2025,
      site: null,
    });
    for (const stage of ['scanning']) ev({ type: 'stage', stage });
    ev({ type: 'claim', sha256 });
    for (const stage of ['converting', 'checking']) ev({ type: 'stage', stage });
    ev({
      type: 'result',
      sha256,
      summary: {
        status: 'warn',
        table: 'laboratory',
        rows: 20,
        rowsStored: 20,
        rowsRejected: 0,
        issues: { error: 0, warning: 1, info: 0 },
        header: [
          'cohortPatientId',
          'testName',
          'result',
          'units',
          'normalMin',
          'normalMax',
          'interpretation',
          'resultDate',
          'source',
        ],
        patientIds: { distinct: 20, unknown: 0 },
      },
      reportPath: `${home}/artifacts/${id}/lab-${sha256.slice(0, 12)}.report.json`,
      artifact: {
        path: `${home}/artifacts/${id}/lab-${sha256.slice(0, 12)}.duckdb`,
        bytes: 790528,
        sha256,
      },
      meta: { manifestVersion: 1, table: 'laboratory', rows: 20 },
      duplicateOf: null,
      supersedes: null,
    });
    ev({ type: 'stage', stage: 'ready' });
  });
  writeFileSync(join(home, 'ledger.jsonl'), out.join('\n') + '\n');
}

/** `courier watch` started now: its log lines with the ms since the spawn, and its end. */
function startWatch(home, inbox, stats) {
  const t0 = performance.now();
  const wall0 = Date.now();
  const child = spawn(
    process.execPath,
    [join(root, 'bin', 'courier.mjs'), 'watch', inbox, '--stable', '2s'],
    {
      env: { ...process.env, COURIER_HOME: home, COURIER_BENCH_STATS: stats },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  const lines = [];
  let buf = '';
  child.stderr.on('data', (b) => {
    buf += b.toString('utf8');
    const parts = buf.split('\n');
    buf = parts.pop();
    for (const text of parts) lines.push({ ms: performance.now() - t0, text });
  });
  const exited = new Promise((r) => child.on('exit', () => r(performance.now() - t0)));
  const when = async (re, ms = 600_000) => {
    const end = Date.now() + ms;
    for (;;) {
      const hit = lines.find((l) => re.test(l.text));
      if (hit) return hit.ms;
      if (Date.now() > end) throw new Error(`no ${re} in:\n${lines.map((l) => l.text).join('\n')}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  return { child, lines, exited, when, t0, wall0 };
}

/** Restarts of `courier watch` over `n` files it took before (see the header). */
async function restartBench(n) {
  const base = join(benchDir, `restart-${n}`);
  const inbox = join(base, 'inbox');
  const home = join(base, 'home');
  rmSync(base, { recursive: true, force: true });
  mkdirSync(inbox, { recursive: true });
  const one = join(benchDir, 'sample-20');
  generateSample(20, one);
  const text = readFileSync(join(one, 'laboratory.csv'), 'utf8');
  const files = Array.from({ length: n }, (_, i) => join(inbox, `lab-${i}.csv`));
  files.forEach((f, i) => writeFileSync(f, `${text}P${i}-x,Abs CD4,1,u,1,2,,2020-01-01,L1\n`));
  writeTakenLedger(home, files);
  const journalMB = statSync(join(home, 'ledger.jsonl')).size / 1e6;
  const stats = join(base, 'stats.json');
  const out = { files: n, journalMB, runs: [] };

  // SIGTERM while it starts (reading the ledger, listing the folder).
  const early = startWatch(home, inbox, stats);
  const starting = await early.when(/starting/);
  early.child.kill('SIGTERM');
  out.sigtermWhileStartingMs = (await early.exited) - starting;

  for (let run = 1; run <= 2; run++) {
    const w = startWatch(home, inbox, stats);
    const watching = await w.when(/ watching /);
    const name = `new-${run}.csv`;
    const dropped = performance.now() - w.t0;
    writeFileSync(join(inbox, name), `${text}N${run}-x,Abs CD4,1,u,1,2,,2020-01-01,L1\n`);
    const done = await w.when(new RegExp(`"${name}": `));
    await new Promise((r) => setTimeout(r, 1000));
    const term = performance.now() - w.t0;
    w.child.kill('SIGTERM');
    const exit = await w.exited;
    const st = JSON.parse(readFileSync(stats, 'utf8'));
    const taken = JSON.parse(
      spawnSync(
        process.execPath,
        [join(root, 'bin', 'courier.mjs'), 'history', '--json', '--home', home],
        { encoding: 'utf8', maxBuffer: 1 << 30 },
      ).stdout.split('\n')[0],
    );
    out.runs.push({
      run,
      watchingSec: watching / 1000,
      // When its job began (the ledger's job event), from the spawn: "taken".
      newFileTakenSec: (Date.parse(taken.createdAt) - w.wall0) / 1000,
      newFileTakenAfterDropSec: (Date.parse(taken.createdAt) - w.wall0 - dropped) / 1000,
      newFileDoneSec: done / 1000,
      newFileDoneAfterDropSec: (done - dropped) / 1000,
      sigtermMs: exit - term,
      peakRssMiB: st.maxRssBytes / 2 ** 20,
      eventLoopDelayMs: st.eventLoopDelayMs,
      newestJob: taken.source.name,
      jobs: n + run,
    });
  }
  out.journalMBAfter = statSync(join(home, 'ledger.jsonl')).size / 1e6;
  writeFileSync(join(benchDir, 'restart.json'), JSON.stringify(out, null, 2));
  console.log(
    `\nRestart of courier watch over ${n.toLocaleString('en-US')} taken files (journal ${journalMB.toFixed(1)} MB, ${out.journalMBAfter.toFixed(1)} MB after the first start)`,
  );
  console.log(
    `SIGTERM while starting: exited ${out.sigtermWhileStartingMs.toFixed(0)} ms after the "starting" line`,
  );
  for (const r of out.runs)
    console.log(
      `start ${r.run}: watching after ${r.watchingSec.toFixed(2)} s; a new file taken ${r.newFileTakenSec.toFixed(2)} s after the start (${r.newFileTakenAfterDropSec.toFixed(2)} s after it was dropped), done ${r.newFileDoneSec.toFixed(2)} s after the start (${r.newFileDoneAfterDropSec.toFixed(2)} s after it was dropped, 2 s of it the stability window); SIGTERM took ${r.sigtermMs.toFixed(0)} ms; peak RSS ${r.peakRssMiB.toFixed(0)} MiB; event loop p99 ${r.eventLoopDelayMs.p99.toFixed(1)} ms, max ${r.eventLoopDelayMs.max.toFixed(1)} ms`,
    );
  console.log(`written: ${join(benchDir, 'restart.json')}`);
}

if (args.includes('--fix')) {
  await fixBench({
    root,
    benchDir,
    sizes: opt('--fix-sizes', quick ? '100000' : '5000000,20000000')
      .split(',')
      .map(Number),
    runs: Number(opt('--runs', '1')),
    generateSample,
  });
  process.exit(0);
}

if (args.includes('--restart')) {
  await restartBench(Number(opt('--restart-files', '10000')));
  process.exit(0);
}

if (args.includes('--phi')) {
  const phi = await phiBench({
    root,
    benchDir,
    runs,
    ingestRows: Number(opt('--phi-rows', quick ? '100000' : '5000000')),
    baseline: opt('--phi-baseline', null),
    generateSample,
    courierRun,
  });
  writeFileSync(join(benchDir, 'phi.json'), JSON.stringify(phi, null, 2));
  printPhi(phi);
  console.log(`written: ${join(benchDir, 'phi.json')}`);
  process.exit(0);
}

const results = {
  machine: { threads, node: process.version },
  date: new Date().toISOString(),
  sizes: [],
};
for (const rows of sizes) {
  const dir = join(benchDir, `sample-${rows}`);
  generateSample(rows, dir);
  const file = join(dir, 'laboratory.csv');
  const patients = join(dir, 'patient.csv');
  const bytes = statSync(file).size;
  const floor = [];
  const hash = [];
  const full = [];
  for (let i = 0; i < runs; i++) {
    floor.push(floorRun(file));
    hash.push(await hashRun(file));
    full.push(courierRun([file], 'laboratory', patients));
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
    checksShareOfConvert: t.rulesMs / t.convertMs,
  });
  if (fingerprints > 0) {
    const copy = await fingerprintCopy(file, fingerprints);
    const runsF = [];
    for (let i = 0; i < runs; i++) runsF.push(courierRun([copy], 'laboratory', patients));
    const f = runsF[0];
    const ft = f.reports[0].timings;
    results.sizes.at(-1).fingerprints = {
      rate: fingerprints,
      courierSec: median(runsF.map((x) => x.ms)) / 1000,
      phasesMs: ft,
      checksShareOfConvert: ft.rulesMs / ft.convertMs,
      issues: Object.fromEntries(
        f.reports[0].issues.map((i) => [`${i.code} ${i.column ?? ''}`.trim(), i.count]),
      ),
    };
  }
}

// A batch of 200 small files (1,000 rows each).
const smallDir = join(benchDir, 'small');
if (!existsSync(join(smallDir, 'lab-199.csv'))) {
  mkdirSync(smallDir, { recursive: true });
  const one = join(benchDir, 'sample-1000');
  generateSample(1000, one);
  const text = readFileSync(join(one, 'laboratory.csv'));
  for (let i = 0; i < 200; i++)
    writeFileSync(
      join(smallDir, `lab-${i}.csv`),
      Buffer.concat([text, Buffer.from(`P${i}-x,Abs CD4,1,u,1,2,,2020-01-01,L1\n`)]),
    );
}
const batchFiles = Array.from({ length: Number(opt('--batch', quick ? '20' : '200')) }, (_, i) =>
  join(smallDir, `lab-${i}.csv`),
);
const batch = batchFiles.length ? courierRun(batchFiles) : { ms: 0 };
results.batch = {
  files: batchFiles.length,
  sec: batch.ms / 1000,
  filesPerSec: batchFiles.length ? batchFiles.length / (batch.ms / 1000) : 0,
};

// `--compare ROWS`: this year against last year on two artifacts of ROWS rows each.
const compareRows = opt('--compare', null);
if (compareRows)
  results.compare = compareBench({ root, benchDir, rows: Number(compareRows), generateSample });

results.growth = results.sizes.slice(1).map((s, i) => {
  const prev = results.sizes[i];
  return {
    from: prev.rows,
    to: s.rows,
    rowsFactor: s.rows / prev.rows,
    timeFactor: s.courierSec / prev.courierSec,
  };
});
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
// What the checks cost: their share of the conversion (budget: at most a third).
for (const s of results.sizes) {
  const line = (what, t) =>
    `checks ${what}: rules ${t.rulesMs} ms, check ${t.checkMs} ms, convert ${t.convertMs} ms; rules = ${((100 * t.rulesMs) / t.convertMs).toFixed(1)} % of convert, check = ${((100 * t.checkMs) / t.convertMs).toFixed(1)} %`;
  console.log(line(`${s.rows.toLocaleString('en-US')} rows`, s.phasesMs));
  if (s.fingerprints) {
    console.log(
      `${line(`with ${s.fingerprints.rate * 100} % fingerprinted rows`, s.fingerprints.phasesMs)} (courier ${s.fingerprints.courierSec.toFixed(2)} s)`,
    );
    console.log(`  found: ${JSON.stringify(s.fingerprints.issues)}`);
  }
}
// Growth between consecutive sizes (the target: 4× the rows in at most 4.4× the time).
for (const g of results.growth) {
  console.log(
    `growth ${g.from.toLocaleString('en-US')} → ${g.to.toLocaleString('en-US')} rows: ${g.rowsFactor.toFixed(1)}× the rows took ${g.timeFactor.toFixed(2)}× the time`,
  );
}
console.log(
  `batch: ${results.batch.files} small files in ${results.batch.sec.toFixed(2)} s = ${results.batch.filesPerSec.toFixed(1)} files/s`,
);
if (results.compare)
  console.log(
    `compare: two laboratory artifacts of ${results.compare.rows.toLocaleString('en-US')} rows in ${results.compare.sec.toFixed(2)} s (peak RSS ${results.compare.peakRssMiB.toFixed(0)} MiB)`,
  );
console.log(`written: ${join(benchDir, 'results.json')}`);
