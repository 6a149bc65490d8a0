import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runJob } from '../../src-main/core/jobs/runJob';
import { definitions, listFiles, tempDir } from '../helpers/env';

/**
 * PHI hygiene: a unique patient ID and a unique cell value, ingested and pushed, appear
 * nowhere outside the artifact and the local report: not in the ledger, the audit log,
 * manifests, settings, the workspace after the job, or the NAS outside the artifact.
 */
const BIN = join(import.meta.dirname, '../../bin/courier.mjs');
const ID = 'CANARYID9931';
const VALUE = 'CANARYVAL4417';
let dir: string;
let cleanup: () => void;

beforeAll(() => {
  ({ dir, cleanup } = tempDir('courier-phi-'));
});
afterAll(() => cleanup());

const listAbs = (root: string): string[] => listFiles(root).map((f) => join(root, f));

/** Direct identifiers planted in a sig (a name, a phone number, an SSN) and an MRN column. */
const SECRETS = ['Quixadamba', '303-555-0199', '553-21-9087', 'Z88442211'];

/** A medication file holding {@link SECRETS}, written to `name` in the test folder. */
function identifiersFile(name: string): string {
  const src = join(dir, name);
  writeFileSync(
    src,
    'cohortPatientId,medicationName,startDate,stopDate,form,strength,units,route,sig,source,MRN\n' +
      `P1,abacavir,2020-01-01,,,,mg,,"per Dr. Quixadamba, call 303-555-0199",M1,Z88442211\n` +
      `P2,abacavir,2020-01-01,,,,mg,,"1 tab PO daily; SSN 553-21-9087",M1,\n` +
      `P3,abacavir,2020-01-01,,,,mg,,Hx of Kaposi sarcoma,M1,\n`,
  );
  return src;
}

/** Runs courier on `home`, keeping everything it printed (to look for leaks). */
function courierIn(home: string) {
  const out: string[] = [];
  const run = (...a: string[]) => {
    const r = spawnSync(process.execPath, [BIN, ...a, '--home', home], { encoding: 'utf8' });
    out.push(r.stdout, r.stderr);
    return r;
  };
  return { run, out };
}

describe('PHI hygiene', () => {
  it('keeps the canary ID and value inside the artifact and the local report only', () => {
    const src = join(dir, 'lab.csv');
    // The value sits in a coded column so it would surface as an example if anything leaked it.
    writeFileSync(
      src,
      'cohortPatientId,testName,result,units,normalMin,normalMax,interpretation,resultDate,source\n' +
        `${ID},Abs CD4,350,u,1,2,${VALUE},2021-01-01,L1\n${ID},Abs CD4,${VALUE},u,1,2,,2021-13-01,L1\n`,
    );
    const home = join(dir, 'home');
    const nas = join(dir, 'nas');
    const run = (...a: string[]) =>
      spawnSync(process.execPath, [BIN, ...a, '--home', home], { encoding: 'utf8' });
    const ingest = run(
      'ingest',
      '--table',
      'laboratory',
      '--cohort',
      'UW - Seattle',
      '--year',
      '2025',
      src,
    );
    expect(ingest.status).toBe(1); // the bad date blocks it
    const id = (JSON.parse(run('history', '--json').stdout.trim()) as { id: string }).id;
    expect(run('override', id, '--reason', 'canary test override').status).toBe(0);
    mkdirSync(nas); // Courier never creates a destination
    expect(run('push', '--dest', nas).status).toBe(0);
    expect(run('status', '--json').status).toBe(0);

    const allowed = (p: string): boolean =>
      p.endsWith('.duckdb') ||
      (p.startsWith(join(home, 'artifacts')) && p.endsWith('.report.json'));
    const leaks: string[] = [];
    for (const root of [home, nas]) {
      for (const f of listAbs(root)) {
        if (allowed(f)) continue;
        const text = readFileSync(f, 'latin1');
        if (text.includes(ID) || text.includes(VALUE)) leaks.push(relative(dir, f));
      }
    }
    expect(leaks).toEqual([]);
    // What the push wrote: the artifact, its manifest and the share marker; never a CSV.
    const onNas = listAbs(nas).map((f) => relative(nas, f));
    expect(onNas.filter((f) => !f.endsWith('.duckdb') && !f.endsWith('.json'))).toEqual([]);
    // The workspace holds nothing after the job.
    expect(readdirSync(join(home, 'workspace', 'staging'))).toEqual([]);
    // The artifact does hold them (that is where they belong).
    const artifact = listAbs(nas).find((f) => f.endsWith('.duckdb'))!;
    expect(readFileSync(artifact).includes(Buffer.from(ID))).toBe(true);
  });

  it('keeps an identifier planted in a sig and in an identifier column inside the artifact only', () => {
    // Not even the local report or the precheck output may hold these: they are direct
    // identifiers, shown masked everywhere but in the artifact's cells.
    const src = identifiersFile('medication.csv');
    const home = join(dir, 'home-ids');
    const nas = join(dir, 'nas-ids');
    const { run, out } = courierIn(home);
    const args = ['--table', 'medication', '--cohort', 'UW - Seattle', '--year', '2025'];
    expect(run('precheck', '--json', ...args, src).status).toBe(1);
    expect(run('ingest', '--json', ...args, src).status).toBe(1); // the identifiers block it
    const id = (JSON.parse(run('history', '--json').stdout.trim()) as { id: string }).id;
    expect(run('override', id, '--reason', 'canary: identifiers test').status).toBe(0);
    mkdirSync(nas);
    expect(run('push', '--dest', nas).status).toBe(0);
    expect(run('status', '--json').status).toBe(0);
    expect(run('history', '--json').status).toBe(0);

    const leaks: string[] = [];
    for (const root of [home, nas])
      for (const f of listAbs(root)) {
        if (f.endsWith('.duckdb')) continue;
        const text = readFileSync(f, 'latin1');
        for (const s of SECRETS) if (text.includes(s)) leaks.push(`${relative(dir, f)}: ${s}`);
      }
    for (const s of SECRETS) if (out.join('\n').includes(s)) leaks.push(`command output: ${s}`);
    expect(leaks).toEqual([]);
    // The manifest (the artifact's name, .json) counts what the screen found (rows by kind), and the override is recorded.
    const manifestFile = listAbs(nas).find(
      (f) => f.endsWith('.json') && !f.endsWith('.courier-share.json'),
    );
    expect(manifestFile).toBeDefined();
    const manifest = JSON.parse(readFileSync(manifestFile!, 'utf8')) as {
      screen: { phi: Record<string, number> };
    };
    expect(manifest.screen.phi).toMatchObject({
      name: 1,
      phone: 1,
      ssn: 1,
      'identifier-column': 1,
    });
    expect(readFileSync(manifestFile!, 'utf8')).toContain('canary: identifiers test');
  });

  it('after redact and drop-column, not even the pushed artifact holds the identifiers', async () => {
    const src = identifiersFile('medication-fix.csv');
    const home = join(dir, 'home-redact');
    const nas = join(dir, 'nas-redact');
    const { run, out } = courierIn(home);
    const args = ['--table', 'medication', '--cohort', 'UW - Seattle', '--year', '2025'];
    expect(run('ingest', ...args, src).status).toBe(1); // the identifiers block it
    const id = (JSON.parse(run('history', '--json').stdout.trim()) as { id: string }).id;
    const fix = run('fix', id, '--apply', 'redact:sig', '--apply', 'drop-column:MRN', '--json');
    expect(fix.status, fix.stderr).toBe(1); // the empty stopDate still blocks it
    const fixed = JSON.parse(fix.stdout.trim().split('\n').pop()!) as {
      job: string;
      issues: { code: string }[];
      fixes: { rule: string; column: string; cells: number }[];
    };
    expect(fixed.issues.filter((i) => i.code === 'possible-phi')).toEqual([]);
    expect(fixed.fixes).toEqual([
      expect.objectContaining({ rule: 'redact', column: 'sig', cells: 2 }),
      expect.objectContaining({ rule: 'drop-column', column: 'MRN', cells: 1 }),
    ]);
    expect(run('override', fixed.job, '--reason', 'canary: redacted test').status).toBe(0);
    mkdirSync(nas);
    expect(run('push', '--dest', nas).status).toBe(0);

    // Nothing of them anywhere but the owner-only private store: not on the NAS, artifact
    // included, and not in any file of the data folder outside private/ and the unfixed job's
    // own artifact (which stays on this computer, in the history).
    const unfixed = (f: string) => f.includes(`${id}`) || f.includes('/artifacts/');
    const leaks: string[] = [];
    for (const f of listAbs(nas)) {
      const bytes = readFileSync(f, 'latin1');
      for (const x of SECRETS) if (bytes.includes(x)) leaks.push(`NAS ${relative(nas, f)}: ${x}`);
    }
    for (const f of listAbs(home)) {
      if (f.startsWith(join(home, 'private')) || (f.endsWith('.duckdb') && unfixed(f))) continue;
      const text = readFileSync(f, 'latin1');
      for (const x of SECRETS) if (text.includes(x)) leaks.push(`${relative(home, f)}: ${x}`);
    }
    for (const x of SECRETS) if (out.join('\n').includes(x)) leaks.push(`command output: ${x}`);
    expect(leaks).toEqual([]);
    const pushed = listAbs(nas).filter((f) => f.endsWith('.duckdb'));
    expect(pushed).toHaveLength(1);
    expect(pushed[0]).toMatch(/-fix-[0-9a-f]{8}\.duckdb$/);
    // The originals: only in the private store, readable by the owner only.
    const store = readdirSync(join(home, 'private')).find((f) => f.endsWith('.duckdb'))!;
    expect(statSync(join(home, 'private')).mode & 0o077).toBe(0);
    expect(readFileSync(join(home, 'private', store), 'latin1')).toContain('303-555-0199');
  });

  it('creates the data and staging folders readable by their owner only', async () => {
    const home = join(dir, 'perm-home');
    const src = join(dir, 'p.csv');
    writeFileSync(src, 'a,b\n1,2\n');
    let stagingMode = -1;
    const r = await runJob(src, {
      home,
      definitions: await definitions(),
      table: 'any',
      keepArtifact: true,
      onProgress: () => {
        const staging = join(home, 'workspace', 'staging');
        for (const d of readdirSync(staging)) stagingMode = statSync(join(staging, d)).mode & 0o777;
      },
    });
    expect(stagingMode).toBe(0o700);
    expect(statSync(join(home, 'workspace', 'staging')).mode & 0o777).toBe(0o700);
    expect(statSync(join(home, 'artifacts')).mode & 0o777).toBe(0o700);
    expect(statSync(join(r.artifact!.path, '..')).mode & 0o777).toBe(0o700);
    expect(statSync(r.artifact!.path.replace(/\.duckdb$/, '.report.json')).mode & 0o077).toBe(0);
  });
});
