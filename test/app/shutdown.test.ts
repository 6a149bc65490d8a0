import { describe, expect, it, vi } from 'vitest';
import { closeAction, type CloseSituation } from '../../src-main/app/closePolicy';
import { Shutdown } from '../../src-main/app/shutdown';

vi.mock('electron', async () => (await import('./fakeElectron')).electronModule);

/** A service close that finishes when the test says (a job unwinding, a push finishing). */
function controlledClose() {
  const calls: number[] = [];
  let finish: (inTime: boolean) => void = () => {};
  const close = (ms: number): Promise<boolean> => {
    calls.push(ms);
    return calls.length === 1 ? new Promise<boolean>((r) => (finish = r)) : Promise.resolve(false); // the short deadline ran out
  };
  return { calls, close, finish: (v: boolean) => finish(v) };
}

describe('the shutdown sequence', () => {
  it('runs once; every later quit joins it; the process exits only at its end', async () => {
    const c = controlledClose();
    const log: string[] = [];
    const exit = vi.fn();
    const showClosing = vi.fn();
    const s = new Shutdown({ close: c.close, showClosing, exit, log: (m) => log.push(m) });
    expect(s.state).toBe('running');
    const first = s.request('quit');
    const second = s.request('quit again');
    expect(second).toBe(first);
    expect(s.state).toBe('closing');
    expect(showClosing).toHaveBeenCalledTimes(1);
    expect(c.calls).toEqual([20_000]);
    expect(exit).not.toHaveBeenCalled();
    c.finish(true);
    await first;
    expect(s.state).toBe('done');
    expect(exit).toHaveBeenCalledTimes(1);
    expect(log).toEqual([
      'closing (quit)',
      'quit asked again (quit again) while closing: waiting for the first',
    ]);
  });

  it('gives the work the short deadline when Windows ends the session during a quit', async () => {
    const c = controlledClose();
    const log: string[] = [];
    const exit = vi.fn();
    const s = new Shutdown({
      close: c.close,
      showClosing: () => {},
      exit,
      log: (m) => log.push(m),
      deadlines: { quit: 20_000, sessionEnd: 4_000 },
    });
    const seq = s.request('quit');
    void s.request('session end', true);
    // The first close still waits for its job; the session's deadline ended the wait.
    await seq;
    expect(c.calls).toEqual([20_000, 4_000]);
    expect(exit).toHaveBeenCalledTimes(1);
    expect(log.at(-1)).toBe(
      'closed before the work under way finished: it is recovered at the next start',
    );
  });

  it('still exits when closing fails', async () => {
    const exit = vi.fn();
    const log: string[] = [];
    const s = new Shutdown({
      close: () => Promise.reject(new Error('ledger not writable')),
      showClosing: () => {},
      exit,
      log: (m) => log.push(m),
    });
    await s.request('quit');
    expect(exit).toHaveBeenCalledTimes(1);
    expect(log).toContain('closing failed: ledger not writable');
  });
});

describe('closing the window', () => {
  const base: CloseSituation = {
    shutdown: 'running',
    isMac: false,
    busy: false,
    background: false,
  };
  it.each([
    [{}, 'quit'],
    [{ busy: true }, 'ask'],
    [{ busy: true, background: true }, 'ask'],
    [{ background: true }, 'tray'],
    [{ isMac: true, busy: true }, 'allow'],
    [{ shutdown: 'closing', busy: true }, 'hold'],
    [{ shutdown: 'closing', isMac: true }, 'hold'],
    [{ shutdown: 'done', busy: true }, 'allow'],
  ] as [Partial<CloseSituation>, string][])('%o → %s', (s, action) => {
    expect(closeAction({ ...base, ...s })).toBe(action);
  });
});
