/**
 * Courier's data folder fills up while a file is converted (COURIER_HOME on a small tmpfs):
 * the job fails with a plain reason, its staging is removed, the ledger stays readable, and the
 * next job works once space is freed. The check before converting stays.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, createWriteStream, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestFile } from '../../src-main/core/jobs/ingest';
import { Ledger } from '../../src-main/core/ledger/ledger';
import { definitions, tempDir } from '../helpers/env';
import { mountTmpfs, skipReason, type Share } from '../helpers/shares';

const BIN = join(import.meta.dirname, '../../bin/courier.mjs');
const MB = 1024 * 1024;
let dir: string;
let cleanup: () => void;
let source: string;

beforeAll(async () => {
  ({ dir, cleanup } = tempDir('courier-disk-full-'));
  // 24 MB with a blank line, so the normalizing pass writes its copies into staging.
  source = join(dir, 'lab.csv');
  const out = createWriteStream(source);
  out.write('id,a,b\n\n');
  let chunk = '';
  for (let i = 0; i < 600_000; i++) {
    chunk += `${i},value-${i % 997}-${'x'.repeat(12)},${i * 7}\n`;
    if (chunk.length > MB) {
      out.write(chunk);
      chunk = '';
    }
  }
  out.end(chunk);
  await new Promise<void>((r) => out.on('finish', () => r()));
});
afterAll(() => cleanup());

const skip = skipReason('tmpfs');
describe.skipIf(skip !== null)(
  `a data folder that fills up${skip ? ` (skipped: ${skip})` : ''}`,
  () => {
    let home: Share & { resize(bytes: number): void };
    beforeAll(async () => {
      home = await mountTmpfs(120 * MB);
    });
    afterAll(() => home?.stop());

    it('fails the job plainly, cleans staging, keeps the ledger, and works again once freed', async () => {
      const ledger = new Ledger(home.dir);
      const defs = await definitions();
      const filler = join(home.dir, 'filler.bin');
      let filled = false;
      const r = await ingestFile(source, {
        home: home.dir,
        ledger,
        definitions: defs,
        table: 'any',
        onProgress: (p) => {
          // Another program takes the rest of the disk while Courier converts.
          if (!filled && p.stage === 'converting') {
            filled = true;
            try {
              writeFileSync(filler, Buffer.alloc(200 * MB));
            } catch {
              // ENOSPC: the disk is full now, which is the point.
            }
          }
        },
      });
      expect(filled).toBe(true);
      expect(r.stage).toBe('failed');
      expect(r.errorCode).toBe('disk-full');
      expect(r.error).toMatch(/is full\. Free some space/);
      expect(r.error).not.toMatch(/IO Error|ENOSPC|errno/);
      expect(r.unreadable).toBe(true);
      expect(readdirSync(join(home.dir, 'workspace', 'staging'))).toEqual([]);
      // The ledger reads, from this process and another.
      expect(new Ledger(home.dir).job(r.id)).toMatchObject({ stage: 'failed' });
      const history = spawnSync(process.execPath, [BIN, 'history', '--json', '--home', home.dir], {
        encoding: 'utf8',
      });
      expect(history.status).toBe(0);

      rmSync(filler);
      const copy = join(dir, 'lab-again.csv');
      copyFileSync(source, copy);
      const again = await ingestFile(copy, {
        home: home.dir,
        ledger,
        definitions: defs,
        table: 'any',
      });
      expect(again.stage).toBe('ready');
      expect(again.report!.rows).toBe(600_000);
    });

    it('says plainly when the data folder is on a read-only disk (exit 2)', () => {
      execFileSync('mount', ['-o', 'remount,ro', home.dir]);
      try {
        const r = spawnSync(
          process.execPath,
          [BIN, 'ingest', '--table', 'any', '--home', home.dir, source],
          { encoding: 'utf8' },
        );
        expect(r.status).toBe(2);
        expect(r.stderr).toMatch(/is on a read-only disk\. Set COURIER_HOME/);
        expect(r.stderr).not.toMatch(/EROFS/);
      } finally {
        execFileSync('mount', ['-o', 'remount,rw', home.dir]);
      }
    });

    it('refuses up front a file it has no room to convert', async () => {
      home.resize(40 * MB);
      const r = await ingestFile(source, {
        home: home.dir,
        ledger: new Ledger(home.dir),
        definitions: await definitions(),
        table: 'any',
      });
      expect(r.stage).toBe('failed');
      expect(r.errorCode).toBe('disk-full');
      expect(r.error).toMatch(/Not enough free disk space/);
    });
  },
);
