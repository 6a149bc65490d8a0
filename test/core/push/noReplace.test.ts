import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { partialPath } from '../../../src-main/core/push/atomic';
import { cleanStalePartials } from '../../../src-main/core/push/commit';
import { PushError } from '../../../src-main/core/push/errors';
import { commitNoReplace, lockPath } from '../../../src-main/core/push/noReplace';
import { initShare } from '../../../src-main/core/push/share';
import { tempDir } from './helpers';

/** The commit ways on the local disk (the same on real shares: shares.test.ts). */

let dir: string;
let cleanup: () => void;
beforeAll(() => ({ dir, cleanup } = tempDir()));
afterAll(() => cleanup());

let n = 0;
function setup() {
  const folder = join(dir, `t${n++}`);
  mkdirSync(folder);
  const final = join(folder, 'lab_2025-0123456789ab.duckdb');
  const partial = partialPath(final);
  writeFileSync(partial, 'verified copy');
  return { folder, final, partial, lock: lockPath(final) };
}

const minutesAgo = (path: string, m: number): void => {
  const t = Date.now() / 1000 - m * 60;
  utimesSync(path, t, t);
};

describe('the exclusive-create commit', () => {
  const way = 'exclusive-create' as const;

  it('renames the partial and removes its lock', async () => {
    const { folder, final } = setup();
    expect(await commitNoReplace(partialPath(final), final, { way, staleMs: 60_000 })).toBe('done');
    expect(readFileSync(final, 'utf8')).toBe('verified copy');
    expect(readdirSync(folder)).toEqual(['lab_2025-0123456789ab.duckdb']);
  });

  it('leaves a final name that is there alone, and drops the partial', async () => {
    const { folder, final, partial } = setup();
    writeFileSync(final, 'first');
    expect(await commitNoReplace(partial, final, { way, staleMs: 60_000 })).toBe('exists');
    expect(readFileSync(final, 'utf8')).toBe('first');
    expect(readdirSync(folder)).toEqual(['lab_2025-0123456789ab.duckdb']);
  });

  it('is busy while a young lock is there, and takes over an old one', async () => {
    const { folder, final, partial, lock } = setup();
    writeFileSync(lock, '{"pid":1}');
    const err = await commitNoReplace(partial, final, { way, staleMs: 60_000 }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(PushError);
    expect(err).toMatchObject({ code: 'busy', retryable: true });
    expect((err as Error).message).toMatch(
      /Another Courier is giving lab_2025-0123456789ab\.duckdb its final name/,
    );
    expect(readdirSync(folder)).toEqual(['.lab_2025-0123456789ab.duckdb.lock']);

    writeFileSync(partial, 'verified copy');
    minutesAgo(lock, 2);
    expect(await commitNoReplace(partial, final, { way, staleMs: 60_000 })).toBe('done');
    expect(readdirSync(folder)).toEqual(['lab_2025-0123456789ab.duckdb']);
  });
});

describe('the rename-noreplace commit', () => {
  it('renames, and on a failed rename looks whether the final name is taken', async () => {
    const { final, partial } = setup();
    const way = 'rename-noreplace' as const;
    expect(await commitNoReplace(partial, final, { way, staleMs: 60_000 })).toBe('done');
    // A share whose rename refuses an existing name; here a folder stands in for it.
    const b = setup();
    mkdirSync(b.final);
    writeFileSync(join(b.final, 'x'), 'x');
    expect(await commitNoReplace(b.partial, b.final, { way, staleMs: 60_000 })).toBe('exists');
    expect(existsSync(b.partial)).toBe(false);
  });
});

describe('the link commit', () => {
  it('links, and refuses a taken name with EEXIST', async () => {
    const { folder, final, partial } = setup();
    expect(await commitNoReplace(partial, final, { way: 'link', staleMs: 60_000 })).toBe('done');
    writeFileSync(partial, 'another copy');
    expect(await commitNoReplace(partial, final, { way: 'link', staleMs: 60_000 })).toBe('exists');
    expect(readFileSync(final, 'utf8')).toBe('verified copy');
    expect(readdirSync(folder)).toEqual(['lab_2025-0123456789ab.duckdb']);
  });
});

describe('housekeeping', () => {
  it("removes Courier's old locks and probe files, nothing else", async () => {
    const root = join(dir, 'nas');
    mkdirSync(root);
    await initShare(root);
    const table = join(root, 'uw-seattle', '2025', 'laboratory');
    mkdirSync(table, { recursive: true });
    const make = (p: string, m: number): string => {
      writeFileSync(p, 'x');
      minutesAgo(p, m);
      return p;
    };
    const oldLock = make(join(table, '.lab-0123456789ab.duckdb.lock'), 30);
    const oldProbe = make(join(root, '.courier-probe-0123456789ab-c'), 30);
    const young = make(join(table, '.lab-0123456789ab.json.lock'), 0);
    const other = make(join(root, '.courier-probe-notours'), 30);
    expect((await cleanStalePartials(root)).sort()).toEqual([oldLock, oldProbe].sort());
    expect([young, other].every((p) => existsSync(p))).toBe(true);
  });
});
