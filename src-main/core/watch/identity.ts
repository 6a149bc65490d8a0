/**
 * What makes a file "the same file" for Courier: its device, inode, size, and its modification
 * and change times in nanoseconds. Size and mtime alone miss a same-size rewrite that keeps
 * its mtime (`cp -p`, `rsync -t`, unzip, a share's coarse times); any write changes the
 * change time (ctime), which no program can set back.
 */
import type { BigIntStats } from 'node:fs';
import { stat } from 'node:fs/promises';

/** A file's identity as one string: `dev:ino:size:mtimeNs:ctimeNs`. */
export function fileKey(st: BigIntStats): string {
  return `${st.dev}:${st.ino}:${st.size}:${st.mtimeNs}:${st.ctimeNs}`;
}

/**
 * Size and mtime in milliseconds as `fs.stat` gives them (a fraction included), the way
 * journals of earlier versions recorded a file.
 */
export function sizeAndMtime(st: BigIntStats): { size: number; mtimeMs: number } {
  const sec = st.mtimeNs / 1_000_000_000n;
  const nsec = st.mtimeNs % 1_000_000_000n;
  return { size: Number(st.size), mtimeMs: Number(sec) * 1e3 + Number(nsec) / 1e6 };
}

/** The identity of the file at `path` now, with its stats; null when it is gone. */
export async function identify(path: string): Promise<{ key: string; st: BigIntStats } | null> {
  const st = await stat(path, { bigint: true }).catch(() => null);
  return st ? { key: fileKey(st), st } : null;
}
