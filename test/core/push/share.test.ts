import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PushError } from '../../../src-main/core/push/errors';
import { SHARE_MARKER, checkShare, initShare, readShare } from '../../../src-main/core/push/share';
import { skipTest } from '../../helpers/skip';
import { cannotMakeReadOnly, makeReadOnly, tempDir } from './helpers';

let dir: string;
let cleanup: () => void;
beforeAll(() => {
  ({ dir, cleanup } = tempDir());
});
afterAll(() => cleanup());

let n = 0;
const fresh = (): string => join(dir, `share-${n++}`);

describe('initShare', () => {
  it('never creates the folder: a missing one is "not found: is the NAS mounted?"', async () => {
    const root = join(fresh(), 'nested');
    const err = await initShare(root).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'unreachable' });
    expect((err as Error).message).toMatch(/not found: is the NAS mounted\?/);
    expect(existsSync(root)).toBe(false);
    expect(existsSync(dirname(root))).toBe(false);
  });

  it('creates the marker in an existing empty folder, and keeps it', async () => {
    const root = fresh();
    mkdirSync(root);
    const m = await initShare(root);
    expect(m).toMatchObject({ courierShare: 1 });
    expect(m.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.parse(readFileSync(join(root, SHARE_MARKER), 'utf8'))).toEqual(m);
    expect(await readShare(root)).toEqual(m);
    expect((await initShare(root)).id).toBe(m.id);
    expect(readdirSync(root)).toEqual([SHARE_MARKER]);
  });

  it('sets up an empty folder', async () => {
    const root = fresh();
    mkdirSync(root);
    await initShare(root);
    expect(readdirSync(root)).toEqual([SHARE_MARKER]);
  });

  it("sets up a folder holding only clutter (Thumbs.db, rclone's empty ．folder)", async () => {
    const root = fresh();
    mkdirSync(join(root, '\uff0e'), { recursive: true });
    writeFileSync(join(root, 'Thumbs.db'), '');
    await initShare(root);
    expect(readdirSync(root).sort()).toEqual([SHARE_MARKER, 'Thumbs.db', '\uff0e'].sort());
  });

  it('refuses a folder with other content and writes nothing', async () => {
    const root = fresh();
    mkdirSync(root);
    writeFileSync(join(root, 'someone-elses.txt'), 'hello');
    const err = await initShare(root).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PushError);
    expect(err).toMatchObject({ code: 'not-a-share', retryable: false });
    expect((err as Error).message).toMatch(/already holds other files/);
    expect(readdirSync(root)).toEqual(['someone-elses.txt']);
  });
});

describe('checkShare', () => {
  it('accepts its own share and leaves no probe behind', async () => {
    const root = fresh();
    mkdirSync(root);
    const { id } = await initShare(root);
    expect(await checkShare(root, id)).toMatchObject({ ok: true, id });
    expect(await checkShare(root, null)).toMatchObject({ ok: true, id });
    expect(readdirSync(root)).toEqual([SHARE_MARKER]);
  });

  it('reports a missing root', async () => {
    const r = await checkShare(join(fresh(), 'nope'), 'some-id');
    expect(r).toMatchObject({ ok: false, reason: 'missing-root' });
  });

  it('takes a root without marker for an unmounted NAS when an id is expected', async () => {
    const root = fresh();
    mkdirSync(root);
    const r = await checkShare(root, 'some-id');
    expect(r).toMatchObject({ ok: false, reason: 'no-marker' });
    if (!r.ok) expect(r.message).toMatch(/not mounted/);
    expect(readdirSync(root)).toEqual([]); // not even a probe
    expect(await checkShare(root, null)).toMatchObject({ ok: false, reason: 'no-marker' });
  });

  it('reports another share', async () => {
    const root = fresh();
    mkdirSync(root);
    await initShare(root);
    expect(await checkShare(root, 'another-id')).toMatchObject({
      ok: false,
      reason: 'other-share',
    });
  });

  it('treats a damaged marker as no marker', async () => {
    const root = fresh();
    mkdirSync(root);
    writeFileSync(join(root, SHARE_MARKER), '{"courierSh');
    expect(await readShare(root)).toBeNull();
    expect(await checkShare(root, 'x')).toMatchObject({ ok: false, reason: 'no-marker' });
    await expect(initShare(root)).rejects.toMatchObject({ code: 'not-a-share' });
  });

  it('reports a root it cannot write to', async (ctx) => {
    const root = fresh();
    mkdirSync(root);
    const { id } = await initShare(root);
    const undo = makeReadOnly(root);
    // Running as root without the immutable attribute: no way to refuse writes, skip.
    if (undo === null) return skipTest(ctx, cannotMakeReadOnly);
    try {
      const r = await checkShare(root, id);
      expect(r).toMatchObject({ ok: false, reason: 'not-writable' });
    } finally {
      undo();
    }
    expect(readdirSync(root)).toEqual([SHARE_MARKER]);
  });

  it('reports a root that is a file', async () => {
    const root = fresh();
    writeFileSync(root, 'x');
    expect(await checkShare(root, null)).toMatchObject({ ok: false, reason: 'missing-root' });
    rmSync(root);
  });
});
