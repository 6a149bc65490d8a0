import { spawnSync } from 'node:child_process';
import {
  appendFileSync,
  closeSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DiskFullError } from '../../../src-main/core/ledger/appendBytes';
import type { WriteFn } from '../../../src-main/core/ledger/appendBytes';
import { Journal } from '../../../src-main/core/ledger/journal';
import { Ledger } from '../../../src-main/core/ledger/ledger';
import { tempDir } from '../../helpers/env';

let dir: string;
let cleanup: () => void;
beforeAll(() => {
  ({ dir, cleanup } = tempDir());
});
afterAll(() => cleanup());

const schema = z.object({ n: z.number(), pad: z.string().optional() });
const PLAIN =
  /^Courier could not record a test event in .+: the disk holding its data folder is full \(ENOSPC\)\. Free some space\.$/;

function journal(name: string, write?: WriteFn, skipped: number[] = []) {
  return new Journal(join(dir, name), {
    schema,
    version: 1,
    what: 'a test event',
    write,
    onSkip: (line) => skipped.push(line),
  });
}

/** Every line of the file is a whole JSON value: no torn line anywhere. */
function expectWholeLines(file: string): void {
  const text = readFileSync(file, 'utf8');
  expect(text.endsWith('\n')).toBe(true);
  for (const line of text.slice(0, -1).split('\n')) expect(() => JSON.parse(line)).not.toThrow();
}

describe('a journal write the disk cuts short', () => {
  it('is taken back, and the error says what to do', () => {
    const ok = journal('short.jsonl');
    ok.append({ n: 1 });
    const before = readFileSync(ok.file);
    let wrote = 0;
    const half: WriteFn = (fd, data) => (wrote = writeSync(fd, data.subarray(0, data.length >> 1)));
    const full = journal('short.jsonl', half);
    let err: unknown;
    try {
      full.append({ n: 2, pad: 'x'.repeat(100) });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DiskFullError);
    expect((err as DiskFullError).message).toMatch(PLAIN);
    expect(wrote).toBeGreaterThan(0); // the fragment was written, then taken back
    expect(readFileSync(ok.file).equals(before)).toBe(true);
    ok.append({ n: 3 });
    expectWholeLines(ok.file);
    expect(ok.read()).toEqual([{ n: 1 }, { n: 3 }]);
  });

  it('leaves the file as it was when nothing could be written', () => {
    const ok = journal('none.jsonl');
    ok.append({ n: 1 });
    const before = readFileSync(ok.file);
    const nothing: WriteFn = () => {
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    };
    expect(() => journal('none.jsonl', nothing).append({ n: 2 })).toThrow(PLAIN);
    expect(readFileSync(ok.file).equals(before)).toBe(true);
  });

  it("keeps another process's line that came in between, and the next event starts a fresh line", () => {
    const skipped: number[] = [];
    const ok = journal('between.jsonl', undefined, skipped);
    ok.append({ n: 1 });
    const other = JSON.stringify({ v: 1, n: 99 }) + '\n';
    const raced: WriteFn = (fd, data) => {
      appendFileSync(ok.file, other); // another appender, after our size check
      return writeSync(fd, data.subarray(0, 5));
    };
    expect(() => journal('between.jsonl', raced).append({ n: 2 })).toThrow(DiskFullError);
    // Truncating would have cut the other process's line: the fragment stays.
    expect(readFileSync(ok.file, 'utf8')).toContain(other);
    ok.append({ n: 3 });
    expect(ok.read()).toEqual([{ n: 1 }, { n: 99 }, { n: 3 }]);
    expect(skipped).toEqual([3]);
  });
});

const mountable = process.getuid?.() === 0;

describe('a ledger on a disk that is really full', () => {
  it('records nothing torn on a tmpfs that fills up, and records again once space is freed', (ctx) => {
    if (!mountable) ctx.skip('mounting a tmpfs of a small size needs root');
    const mnt = join(dir, 'tmpfs');
    mkdirSync(mnt);
    const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k,mode=0700', 'tmpfs', mnt], {
      encoding: 'utf8',
    });
    if (mounted.status !== 0) ctx.skip(`cannot mount a tmpfs here: ${mounted.stderr.trim()}`);
    try {
      const home = join(mnt, 'home');
      const ledger = new Ledger(home);
      const at = new Date().toISOString();
      ledger.append({
        type: 'job',
        id: 'j1',
        at,
        pid: process.pid,
        source: { name: 'a.csv', path: '/x/a.csv', bytes: 1 },
        table: null,
        cohort: null,
        protocolYear: null,
        site: null,
      });
      const file = join(home, 'ledger.jsonl');
      const before = readFileSync(file);
      // Fill every free page of the tmpfs.
      const filler = join(mnt, 'filler');
      const fd = openSync(filler, 'w');
      let filled = 0;
      try {
        for (;;) {
          const n = writeSync(fd, Buffer.alloc(4096, 1));
          filled += n;
          if (n < 4096) break;
        }
      } catch (e) {
        expect((e as NodeJS.ErrnoException).code).toBe('ENOSPC');
      } finally {
        closeSync(fd);
      }
      expect(filled).toBeGreaterThan(0);
      // Longer than what is left of the journal's last page: the write is cut short.
      const long = { type: 'stage' as const, id: 'j1', at, stage: 'failed' as const };
      expect(() => ledger.append({ ...long, error: 'e'.repeat(9000) })).toThrow(
        /^Courier could not record a change to its job history in .+ledger\.jsonl: the disk holding its data folder is full \(ENOSPC\)\. Free some space\.$/,
      );
      expect(readFileSync(file).equals(before)).toBe(true);
      expect(ledger.jobs().map((j) => j.stage)).toEqual(['queued']);
      rmSync(filler);
      ledger.append({ ...long, error: 'e'.repeat(9000) });
      expectWholeLines(file);
      expect(ledger.jobs().map((j) => j.stage)).toEqual(['failed']);
    } finally {
      const u = spawnSync('umount', [mnt]);
      if (u.status !== 0) spawnSync('umount', ['-l', mnt]);
    }
  });
});
