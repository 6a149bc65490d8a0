/**
 * The real `courier` command in child processes, as a site runs it: one-shot commands, and
 * long-running `courier watch` services whose log lines (stderr) are collected.
 */
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess, SpawnOptions } from 'node:child_process';
import { join } from 'node:path';

/** The command under test; `COURIER_TEST_BIN` runs the tests against another build. */
export const BIN =
  process.env.COURIER_TEST_BIN ?? join(import.meta.dirname, '../../bin/courier.mjs');

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `courier …` to its end with `home` as COURIER_HOME. */
export function courier(home: string, ...args: string[]): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, COURIER_HOME: home },
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** `courier …` started now; resolves with its end (for commands run side by side). */
export async function courierAsync(
  home: string,
  args: string[],
  o: { wrap?: string[]; env?: NodeJS.ProcessEnv } = {},
): Promise<Run> {
  const s = service(home, args, o);
  const { code } = await s.exited;
  return { code, stdout: s.stdout(), stderr: s.lines.join('\n') };
}

/** A running `courier watch` (or any long-running command) with its collected log lines. */
export interface Service {
  child: ChildProcess;
  lines: string[];
  /** What it printed on stdout so far. */
  stdout: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Starts `courier <args>` in the background. `wrap` runs it through another program (e.g.
 * `setpriv` to drop root, `unshare` for a PID namespace): its words come before node's.
 */
export function service(
  home: string,
  args: string[],
  o: { wrap?: string[]; env?: NodeJS.ProcessEnv } = {},
): Service {
  const wrap = o.wrap ?? [];
  const opts: SpawnOptions = {
    env: { ...process.env, COURIER_HOME: home, ...o.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  };
  const child = wrap.length
    ? spawn(wrap[0]!, [...wrap.slice(1), process.execPath, BIN, ...args], opts)
    : spawn(process.execPath, [BIN, ...args], opts);
  const lines: string[] = [];
  let out = '';
  child.stdout!.on('data', (b: Buffer) => (out += b.toString('utf8')));
  let buf = '';
  child.stderr!.on('data', (b: Buffer) => {
    buf += b.toString('utf8');
    const parts = buf.split('\n');
    buf = parts.pop()!;
    lines.push(...parts);
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  // The last line, when the process ends without a newline after it.
  child.stderr!.on('end', () => buf && lines.push(buf));
  return { child, lines, stdout: () => out, exited };
}

/**
 * Waits until `cond` holds (polled every 50 ms); throws after `ms`, with `log` (a service's
 * lines) in the message when given.
 */
export async function until(
  cond: () => boolean,
  ms = 60_000,
  log?: readonly string[],
): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end)
      throw new Error(`timed out waiting${log ? `; the service said:\n${log.join('\n')}` : ''}`);
    await sleep(50);
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Sends SIGTERM and resolves with the exit code (null when it ended by a signal). */
export async function stop(s: Service): Promise<number | null> {
  s.child.kill('SIGTERM');
  return (await s.exited).code;
}

/** `courier history --json` of a data folder, oldest first. */
export function history(home: string): HistoryLine[] {
  const r = courier(home, 'history', '--json');
  if (r.code !== 0) throw new Error(r.stderr);
  return r.stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as HistoryLine)
    .reverse();
}

export interface HistoryLine {
  id: string;
  source: { name: string; path: string; bytes: number; sha256: string | null };
  table: string | null;
  stage: string;
  rows: number | null;
  duplicateOf: string | null;
  supersedes?: string | null;
  supersededBy?: string | null;
  error: string | null;
  pushedAt: string | null;
}
