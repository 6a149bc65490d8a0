import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ledger } from '../../src-main/core/ledger/ledger';
import { listFiles, tempDir } from '../helpers/env';

/**
 * Kill `courier ingest --push` with SIGKILL while it scans, converts, checks and pushes; the
 * next start must find the ledger intact, jobs recovered, staging cleaned, and the NAS without
 * any partial file under a final name; a later push completes with verified hashes.
 */
const BIN = join(import.meta.dirname, '../../bin/courier.mjs');
let dir: string;
let cleanup: () => void;
let big: string;

beforeAll(async () => {
  ({ dir, cleanup } = tempDir('courier-crash-'));
  big = join(dir, 'lab.csv');
  const out = createWriteStream(big);
  out.write(
    'cohortPatientId,testName,result,units,normalMin,normalMax,interpretation,resultDate,source\n',
  );
  let chunk = '';
  for (let i = 0; i < 1_500_000; i++) {
    chunk += `${String(i % 9000).padStart(6, '0')},Abs CD4,${i % 1200},cells/uL,0,1500,Normal,2020-0${(i % 9) + 1}-1${i % 9},L1\n`;
    if (chunk.length > 1 << 20) {
      out.write(chunk);
      chunk = '';
    }
  }
  out.end(chunk);
  await new Promise<void>((r) => out.on('finish', () => r()));
}, 120_000);
afterAll(() => cleanup());

/** Starts an ingest and kills it as soon as the ledger shows `stage`. */
async function killDuring(stage: string, home: string, nas: string): Promise<boolean> {
  const child = spawn(
    process.execPath,
    [
      BIN,
      'ingest',
      '--push',
      '--dest',
      nas,
      '--table',
      'laboratory',
      '--cohort',
      'UW - Seattle',
      '--year',
      '2025',
      '--home',
      home,
      big,
    ],
    {
      stdio: 'ignore',
    },
  );
  const ledgerFile = join(home, 'ledger.jsonl');
  const deadline = Date.now() + 60_000;
  let seen = false;
  while (Date.now() < deadline && child.exitCode === null) {
    if (existsSync(ledgerFile) && readFileSync(ledgerFile, 'utf8').includes(`"stage":"${stage}"`)) {
      seen = true;
      break;
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  child.kill('SIGKILL');
  await new Promise((r) => child.once('exit', r));
  return seen;
}

function courier(...args: string[]) {
  return spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 120_000 });
}

describe('crash recovery (SIGKILL)', () => {
  for (const stage of ['scanning', 'converting', 'checking', 'pushing']) {
    it(`killed while ${stage}: ledger intact, jobs recovered, staging cleaned, NAS clean`, async () => {
      const home = join(dir, `home-${stage}`);
      const nas = join(dir, `nas-${stage}`);
      mkdirSync(nas);
      const seen = await killDuring(stage, home, nas);
      expect(seen, `the job reached ${stage} before the kill`).toBe(true);

      // The next start: any command opens the ledger, recovers and cleans.
      const history = courier('history', '--json', '--home', home);
      expect(history.status).toBe(0);
      const jobs = history.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { stage: string; error: string | null });
      expect(jobs).toHaveLength(1);
      const expected = stage === 'pushing' ? 'push-queued' : 'failed';
      expect(jobs[0]!.stage).toBe(expected);
      if (expected === 'failed') expect(jobs[0]!.error).toContain('stopped');
      expect(readdirSync(join(home, 'workspace', 'staging'))).toEqual([]);

      // No partial or wrong file under a final name.
      for (const f of listFiles(nas)) {
        if (f.endsWith('.partial') || f === '.courier-share.json') continue;
        if (f.endsWith('.duckdb')) {
          const manifest = JSON.parse(
            readFileSync(join(nas, f.replace(/\.duckdb$/, '.json')), 'utf8').toString() || '{}',
          ) as { artifact?: { sha256: string } };
          if (manifest.artifact) {
            const sha = createHash('sha256')
              .update(readFileSync(join(nas, f)))
              .digest('hex');
            expect(sha).toBe(manifest.artifact.sha256);
          }
        }
      }
      if (stage === 'pushing') {
        const again = courier('push', '--dest', nas, '--home', home);
        expect(again.status, again.stderr).toBe(0);
        const finals = listFiles(nas).filter((f) => !f.startsWith('.') && !f.includes('/.'));
        expect(finals.filter((f) => f.endsWith('.duckdb'))).toHaveLength(1);
        const job = new Ledger(home).jobs()[0]!;
        expect(job.stage).toBe('pushed');
        const m = JSON.parse(
          readFileSync(
            join(
              nas,
              finals.find((f) => f.endsWith('.json'))!,
            ),
            'utf8',
          ),
        ) as { artifact: { sha256: string } };
        const pushed = readFileSync(
          join(
            nas,
            finals.find((f) => f.endsWith('.duckdb'))!,
          ),
        );
        expect(createHash('sha256').update(pushed).digest('hex')).toBe(m.artifact.sha256);
        expect(listFiles(nas).filter((f) => f.endsWith('.csv'))).toEqual([]);
      }
    }, 180_000);
  }
});
