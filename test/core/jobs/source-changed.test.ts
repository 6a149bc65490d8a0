/**
 * The artifact is the bytes whose SHA-256 it names: a source that changes while Courier reads it
 * (in place at the same size, appended, truncated, replaced) ends the job with `source-changed`
 * and no artifact, whichever pass was reading it.
 */
import { createHash } from 'node:crypto';
import {
  appendFileSync,
  closeSync,
  copyFileSync,
  createWriteStream,
  existsSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  truncateSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stage } from '../../../src-main/shared/report';
import { runJob } from '../../../src-main/core/jobs/runJob';
import { onNetworkShare } from '../../../src-main/core/jobs/source';
import { skipReason, startSmbShare, type Share } from '../../helpers/shares';
import { definitions, tempDir } from '../../helpers/env';

let dir: string;
let cleanup: () => void;
/** A clean file (the fast path) and one with a blank line (the normalizing pass). */
let clean: string;
let dirty: string;

async function write(path: string, blankAt: number | null): Promise<void> {
  const out = createWriteStream(path);
  out.write('id,a,b\n');
  let chunk = '';
  for (let i = 0; i < 400_000; i++) {
    chunk += `${i},value${i % 89},${i * 7}\n`;
    if (i === blankAt) chunk += '\n';
    if (chunk.length > 1 << 20) {
      out.write(chunk);
      chunk = '';
    }
  }
  out.end(chunk);
  await new Promise<void>((r) => out.on('finish', () => r()));
}

beforeAll(async () => {
  ({ dir, cleanup } = tempDir('courier-source-changed-'));
  clean = join(dir, 'clean.csv');
  dirty = join(dir, 'dirty.csv');
  await write(clean, null);
  await write(dirty, 10);
});
afterAll(() => cleanup());

/** Rewrites the last line in place: same size, other value (what the probe did). */
function rewriteLastLine(path: string): void {
  const size = statSync(path).size;
  const fd = openSync(path, 'r+');
  writeSync(fd, Buffer.from('9'), 0, 1, size - 2);
  closeSync(fd);
}

type Change = (path: string) => void;
const CHANGES: Record<string, Change> = {
  'rewritten in place': rewriteLastLine,
  appended: (p) => appendFileSync(p, '400000,late,1\n'),
  truncated: (p) => truncateSync(p, statSync(p).size - 100),
  'replaced by rename': (p) => {
    copyFileSync(p, `${p}.new`);
    rewriteLastLine(`${p}.new`);
    renameSync(`${p}.new`, p);
  },
};

async function runChanging(source: string, change: Change, when: Stage, name: string) {
  const file = join(dir, `${name}.csv`);
  copyFileSync(source, file);
  const home = join(dir, `home-${name}`);
  let changed = false;
  const r = await runJob(file, {
    home,
    definitions: await definitions(),
    table: 'any',
    keepArtifact: true,
    onProgress: (p) => {
      if (!changed && p.stage === when) {
        changed = true;
        change(file);
      }
    },
  });
  return { r, home, changed };
}

function expectNoArtifact(run: Awaited<ReturnType<typeof runChanging>>): void {
  const { r, home, changed } = run;
  expect(changed).toBe(true);
  expect(r.stage).toBe('failed');
  expect(r.errorCode).toBe('source-changed');
  expect(r.error).toMatch(/changed while Courier was reading it/);
  expect(r.artifact).toBeNull();
  expect(existsSync(join(home, 'artifacts')) ? readdirSync(join(home, 'artifacts')) : []).toEqual(
    [],
  );
  expect(readdirSync(join(home, 'workspace', 'staging'))).toEqual([]);
}

describe('a source file that changes while it is read', () => {
  for (const [what, change] of Object.entries(CHANGES)) {
    it(`${what} during the load (the file as it is): failed, no artifact`, async () => {
      expectNoArtifact(await runChanging(clean, change, 'converting', `load-${what}`));
    });
  }

  it('rewritten in place during the normalizing pass: failed, no artifact', async () => {
    expectNoArtifact(await runChanging(dirty, rewriteLastLine, 'converting', 'normalize'));
  });

  it('rewritten in place during the checks: failed, no artifact', async () => {
    expectNoArtifact(await runChanging(clean, rewriteLastLine, 'checking', 'checks'));
  });

  it('rewritten in place while it is scanned: failed, no artifact', async () => {
    expectNoArtifact(await runChanging(clean, rewriteLastLine, 'scanning', 'scan'));
  });

  it('left alone: an artifact whose recorded hash is the file’s', async () => {
    const file = join(dir, 'steady.csv');
    copyFileSync(clean, file);
    const r = await runJob(file, {
      home: join(dir, 'home-steady'),
      definitions: await definitions(),
      table: 'any',
      keepArtifact: true,
    });
    expect(r.stage).toBe('ready');
    expect(r.artifact).not.toBeNull();
    expect(r.source.sha256).toBe(sha256(file));
  });
});

function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

const smbSkip = skipReason('smb');
describe.skipIf(smbSkip !== null)(
  `a source on a network share${smbSkip ? ` (skipped: ${smbSkip})` : ''}`,
  () => {
    let share: Share;
    beforeAll(async () => {
      share = await startSmbShare();
    }, 120_000);
    afterAll(() => share?.stop());

    it('is read from a private copy, and its artifact names its bytes', async () => {
      copyFileSync(clean, join(share.serverDir, 'lab-on-smb.csv'));
      const file = join(share.dir, 'lab-on-smb.csv');
      expect(await onNetworkShare(file)).toBe(true);
      expect(await onNetworkShare(clean)).toBe(false);
      const r = await runJob(file, {
        home: join(dir, 'home-smb'),
        definitions: await definitions(),
        table: 'any',
        keepArtifact: true,
      });
      expect(r.stage).toBe('ready');
      expect(r.source.sha256).toBe(sha256(clean));
      expect(r.report!.rows).toBe(400_000);
    });
  },
);
