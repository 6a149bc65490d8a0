import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { describeError, installAppLog } from '../../src-main/app/appLog';
import {
  acquireWorker,
  releaseWorker,
  setFallbackWorkerSink,
} from '../../src-main/core/workers/client';
import { electronModule, FakeEvent } from './fakeElectron';
import { desktopDirs } from './helpers';

vi.mock('electron', async () => (await import('./fakeElectron')).electronModule);

const { dir, home } = desktopDirs('courier-applog-');
afterAll(() => {
  setFallbackWorkerSink(null);
  rmSync(dir, { recursive: true, force: true });
});

describe('the log a coordinator can find and send', () => {
  it('takes the main process’s stray errors, helper crashes and workers no job holds', async () => {
    const before = {
      exception: process.listeners('uncaughtException').length,
      rejection: process.listeners('unhandledRejection').length,
    };
    const log = installAppLog(home);
    const onException = process.listeners('uncaughtException').slice(before.exception);
    const onRejection = process.listeners('unhandledRejection').slice(before.rejection);
    expect(onException).toHaveLength(1);
    expect(onRejection).toHaveLength(1);
    // Called directly: emitting on `process` would reach the test runner's own handlers too.
    onException[0]!(new TypeError('x is not a function'), 'uncaughtException');
    onRejection[0]!(new Error('the NAS went away'), Promise.resolve());
    electronModule.app.emit('child-process-gone', new FakeEvent(), {
      type: 'GPU',
      reason: 'crashed',
      exitCode: 3,
    });
    electronModule.app.emit('child-process-gone', new FakeEvent(), {
      type: 'Utility',
      reason: 'clean-exit',
      exitCode: 0,
    });
    // A worker held by no job: its messages go to this log, not to a terminal nobody sees.
    const w = acquireWorker('scan');
    await releaseWorker(w);
    w.sink.log('warn', 'scan worker: could not read a chunk');
    const text = readFileSync(log.file, 'utf8');
    expect(log.file).toBe(join(home, 'logs', 'courier.log'));
    expect(text).toMatch(/warn main: uncaught exception: TypeError: x is not a function \| at /);
    expect(text).toContain('warn main: unhandled rejection: Error: the NAS went away');
    expect(text).toContain('warn GPU process gone: crashed (exit code 3)');
    expect(text).not.toContain('Utility');
    expect(text).toContain('warn scan worker: could not read a chunk');
    await w.terminate();
  });

  it('describes errors by message and a few frames, and non-errors without their content', () => {
    expect(describeError('patient P123 unknown')).toBe('non-error thrown: string');
    const deep = (n: number): Error => (n === 0 ? new Error('deep') : deep(n - 1));
    const line = describeError(deep(10));
    expect(line.startsWith('Error: deep | at ')).toBe(true);
    expect(line.split(' | ')).toHaveLength(4);
  });
});
