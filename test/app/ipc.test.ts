import { beforeAll, describe, expect, it, vi } from 'vitest';
import { registerIpc, sendEvent } from '../../src-main/app/ipc';
import { baseHandlers } from '../../src-main/core/contract/dispatch';
import type { Handlers } from '../../src-main/core/contract/dispatch';
import { channels } from '../../src-main/shared/ipc';

// A fake ipcMain that keeps the registered handler so the test can call it like Electron would.
const fake = vi.hoisted(() => ({
  handlers: new Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>(),
}));
vi.mock('electron', () => ({
  ipcMain: {
    handle: (name: string, handler: (event: unknown, ...args: unknown[]) => Promise<unknown>) => {
      fake.handlers.set(name, handler);
    },
  },
}));

const ours = { url: 'file:///app/out/renderer/index.html', parent: null };
const info = { name: 'Courier', version: '1.2.3', mode: 'desktop' as const };

function invoke(frame: unknown, channel: unknown, args?: unknown): Promise<unknown> {
  const handler = fake.handlers.get('courier:invoke');
  if (!handler) throw new Error('courier:invoke is not registered');
  return handler({ senderFrame: frame }, channel, args);
}

describe('Electron IPC registration', () => {
  registerIpc(baseHandlers(info), (frame) => frame.url === ours.url);

  it('answers our top-level page through the contract', async () => {
    expect(await invoke(ours, 'app.info')).toEqual({ ok: true, value: info });
  });

  it('validates arguments and channel names', async () => {
    expect(await invoke(ours, 'app.info', { x: 1 })).toMatchObject({
      ok: false,
      error: { code: 'invalid-args' },
    });
    expect(await invoke(ours, 'nope')).toMatchObject({
      ok: false,
      error: { code: 'unknown-channel' },
    });
    expect(await invoke(ours, 42)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });

  it('refuses other pages, subframes and destroyed frames', async () => {
    const forbidden = { ok: false, error: { code: 'forbidden' } };
    expect(await invoke({ url: 'https://evil.example/', parent: null }, 'app.info')).toMatchObject(
      forbidden,
    );
    expect(await invoke({ url: ours.url, parent: ours }, 'app.info')).toMatchObject(forbidden);
    expect(await invoke(null, 'app.info')).toMatchObject(forbidden);
  });

  it('sends events on the one event name, and not to destroyed windows', () => {
    const send = vi.fn();
    sendEvent({ isDestroyed: () => false, webContents: { send } } as never, 'app.notice', {
      level: 'info',
      message: 'hi',
    });
    expect(send).toHaveBeenCalledWith('courier:event', 'app.notice', {
      level: 'info',
      message: 'hi',
    });
    sendEvent({ isDestroyed: () => true, webContents: { send } } as never, 'app.notice', {
      level: 'info',
      message: 'again',
    });
    expect(send).toHaveBeenCalledTimes(1);
  });
});

describe('every IPC handler', () => {
  const called = new Set<string>();
  const spies = Object.fromEntries(
    Object.keys(channels).map((c) => [
      c,
      () => {
        called.add(c);
        return null;
      },
    ]),
  ) as unknown as Handlers;
  beforeAll(() => registerIpc(spies, (frame) => frame.url === ours.url));
  const MALFORMED: unknown[] = [
    12345,
    'x'.repeat(5000),
    { bogus: ['field'] },
    [1, 2, 3],
    null,
    true,
  ];

  it.each(Object.keys(channels))(
    '%s rejects malformed arguments before its handler runs',
    async (channel) => {
      const schema = channels[channel as keyof typeof channels].request;
      const bad = MALFORMED.filter((v) => !schema.safeParse(v).success);
      expect(bad.length, `${channel} accepts everything`).toBeGreaterThan(0);
      for (const v of bad) {
        expect(await invoke(ours, channel, v)).toMatchObject({
          ok: false,
          error: { code: 'invalid-args' },
        });
      }
      expect(
        await invoke({ url: 'https://evil.example/', parent: null }, channel, undefined),
      ).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
      expect(called.has(channel)).toBe(false);
    },
  );
});
