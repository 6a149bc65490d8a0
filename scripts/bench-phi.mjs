// `npm run bench -- --phi [--phi-rows 5000000] [--phi-baseline path/to/courier.mjs]`: the
// identifier screen. (a) Recall and precision per kind on a labelled set of 10,000 free-text
// values (half clean notes from the generator's catalogs, half with one identifier, people
// from test/fixtures/names), for the screen's lexicon recognizer, compromise's people() and
// both; (b) a 1,000,000-row medication file whose sig has 200,000 distinct values (1 % with
// an identifier): the screen's own time (report timings.screenMs); (c) the laboratory sample
// of --phi-rows rows: the screen's share of the ingest, and with --phi-baseline (the CLI of a
// build without the screen, e.g. main's) the whole ingest against it. Figures for people.
import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/** One CSV record's fields (the sample's lines: quotes, no line breaks inside). */
function splitCsv(line) {
  const out = [];
  let cur = '';
  let q = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (q) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') q = false;
      else cur += ch;
    } else if (ch === '"') q = true;
    else if (ch === ',') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}
const field = (v) => (/[",\n\r]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

/** The medication sample with its sig replaced by `notes`, in turn (cached). */
async function medicationFile(o, notes) {
  const dir = join(o.benchDir, 'phi-medication-1000000');
  const out = join(dir, 'medication-sig.csv');
  if (existsSync(out)) return { file: out, patients: join(dir, 'patient.csv') };
  const run = (table, rows) => {
    const r = spawnSync(
      process.execPath,
      [
        join(o.root, 'bin', 'courier.mjs'),
        'sample',
        '--table',
        table,
        '--rows',
        String(rows),
        '--patient-count',
        '10000',
        '--seed',
        '1',
        '--out',
        dir,
      ],
      { encoding: 'utf8' },
    );
    if (r.status !== 0) throw new Error(r.stderr);
  };
  run('patient', 10000);
  run('medication', 1_000_000);
  process.stderr.write(`writing ${out} …\n`);
  const w = createWriteStream(out);
  let sig = -1;
  let n = -1;
  for await (const line of createInterface({
    input: createReadStream(join(dir, 'medication.csv')),
  })) {
    const c = splitCsv(line);
    if (++n === 0) sig = c.indexOf('sig');
    else c[sig] = notes[(n - 1) % notes.length];
    if (!w.write(`${c.map(field).join(',')}\n`)) await new Promise((r) => w.once('drain', r));
  }
  await new Promise((r) => w.end(r));
  return { file: out, patients: join(dir, 'patient.csv') };
}

const phiRows = (reports) =>
  reports
    .flatMap((r) => r.issues.filter((i) => i.code === 'possible-phi'))
    .reduce((acc, i) => ({ ...acc, [i.kind]: (acc[i.kind] ?? 0) + i.count }), {});

/**
 * @param {{ root: string, benchDir: string, runs: number, ingestRows: number, baseline: string | null,
 *   generateSample: (rows: number, dir: string) => void,
 *   courierRun: (files: string[], table?: string, patients?: string | null, bin?: string) => any }} o
 */
export async function phiBench(o) {
  const bench = await import(join(o.root, 'out', 'node', 'phi-bench.mjs'));
  const names = JSON.parse(
    readFileSync(join(o.root, 'test', 'fixtures', 'names', 'census-1990-sample.json'), 'utf8'),
  );
  const set = bench.labelledSet(10_000, names, 1);
  const compromise = await bench.compromiseEngine();
  const engines = {
    lexicon: bench.lexiconEngine,
    compromise,
    both: bench.unionEngine(bench.lexiconEngine, compromise),
  };
  const accuracy = {};
  for (const [name, engine] of Object.entries(engines))
    accuracy[name] = await bench.scoreScreen(set, engine);

  const notes = bench.distinctNotes(200_000, names, 0.01);
  const med = await medicationFile(o, notes);
  const medRuns = [];
  for (let i = 0; i < o.runs; i++)
    medRuns.push(o.courierRun([med.file], 'medication', med.patients));
  const medication = medRuns.map((r) => ({
    courierSec: r.ms / 1000,
    screenMs: r.reports[0].timings.screenMs,
    profileMs: r.reports[0].timings.profileMs,
    found: phiRows(r.reports),
  }));

  const dir = join(o.benchDir, `sample-${o.ingestRows}`);
  o.generateSample(o.ingestRows, dir);
  const lab = [join(dir, 'laboratory.csv')];
  const patients = join(dir, 'patient.csv');
  const ingest = [];
  for (let i = 0; i < o.runs; i++) {
    const r = o.courierRun(lab, 'laboratory', patients);
    const entry = {
      courierSec: r.ms / 1000,
      screenMs: r.reports[0].timings.screenMs,
      convertMs: r.reports[0].timings.convertMs,
    };
    if (o.baseline)
      entry.baselineSec = o.courierRun(lab, 'laboratory', patients, o.baseline).ms / 1000;
    ingest.push(entry);
  }
  return { accuracy, medication, ingest: { rows: o.ingestRows, runs: ingest } };
}

/** The figures as the tables of docs/performance.md. */
export function printPhi(p) {
  const f = (x) => x.toFixed(3);
  console.log('\nIdentifier screen, labelled set of 10,000 values (recall / precision per kind)');
  console.log(`| kind | ${Object.keys(p.accuracy).join(' | ')} |`);
  console.log(
    `|---|${Object.keys(p.accuracy)
      .map(() => '---')
      .join('|')}|`,
  );
  for (const [k, { kind }] of p.accuracy.lexicon.kinds.entries()) {
    const cells = Object.values(p.accuracy).map(
      (s) => `${f(s.kinds[k].recall)} / ${f(s.kinds[k].precision)}`,
    );
    console.log(`| ${kind} | ${cells.join(' | ')} |`);
  }
  const row = (label, get) =>
    console.log(`| ${label} | ${Object.values(p.accuracy).map(get).join(' | ')} |`);
  row('clean notes not flagged', (s) => `${f(s.cleanPrecision)} (${s.cleanFlagged} flagged)`);
  row('names, surname shipped', (s) => f(s.nameRecallKnownSurname));
  row('names, surname not shipped', (s) => f(s.nameRecallUnknownSurname));
  row('time for 10,000 values', (s) => `${Math.round(s.ms)} ms`);
  for (const m of p.medication)
    console.log(
      `medication 1,000,000 rows, 200,000 distinct sigs: screen ${(m.screenMs / 1000).toFixed(2)} s (profile ${(m.profileMs / 1000).toFixed(2)} s), ingest ${m.courierSec.toFixed(1)} s; found ${JSON.stringify(m.found)}`,
    );
  for (const r of p.ingest.runs)
    console.log(
      `laboratory ${p.ingest.rows.toLocaleString('en-US')} rows: ingest ${r.courierSec.toFixed(1)} s, screen ${(r.screenMs / 1000).toFixed(2)} s = ${((100 * r.screenMs) / (r.courierSec * 1000)).toFixed(1)} %${r.baselineSec ? `; without the screen (baseline) ${r.baselineSec.toFixed(1)} s: +${((100 * (r.courierSec - r.baselineSec)) / r.baselineSec).toFixed(1)} %` : ''}`,
    );
}
