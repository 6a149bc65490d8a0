import { describe, expect, it, vi } from 'vitest';

// The preload runs against a fake electron: what it exposes, and what it sends.
const fake = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  sent: [] as unknown[][],
  invoked: [] as unknown[][],
  listeners: [] as { name: string; fn: (...args: unknown[]) => void }[],
}));
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (name: string, api: unknown) => fake.exposed.set(name, api) },
  ipcRenderer: {
    invoke: (...args: unknown[]) => {
      fake.invoked.push(args);
      return Promise.resolve(
        args[0] === 'courier:pick-folder' ? '/mnt/nas' : { ok: true, value: null },
      );
    },
    send: (...args: unknown[]) => fake.sent.push(args),
    on: (name: string, fn: (...args: unknown[]) => void) => fake.listeners.push({ name, fn }),
    removeListener: (name: string, fn: unknown) => {
      fake.listeners = fake.listeners.filter((l) => l.name !== name || l.fn !== fn);
    },
  },
  webUtils: { getPathForFile: (f: { path?: string }) => f.path ?? '' },
}));

interface Api {
  invoke(c: string, a?: unknown): Promise<unknown>;
  on(event: string, listener: (payload: unknown) => void): () => void;
  pathsForFiles(files: unknown[]): string[];
  pickFolder(purpose: string): Promise<string | null>;
}

async function api(): Promise<Api> {
  await import('../../src-preload/index');
  return fake.exposed.get('courier') as Api;
}

/** What main's `webContents.send('courier:event', name, payload)` does on the page's side. */
function fromMain(name: string, payload: unknown): void {
  for (const l of fake.listeners.filter((x) => x.name === 'courier:event'))
    l.fn({ sender: 'ipc' }, name, payload);
}

describe('the preload', () => {
  it('exposes one narrow api, and grants dropped paths before the page asks', async () => {
    const courier = await api();
    expect(Object.keys(courier).sort()).toEqual(['invoke', 'on', 'pathsForFiles', 'pickFolder']);
    const paths = courier.pathsForFiles([{ path: '/data/lab.csv' }, { path: '' }]);
    expect(paths).toEqual(['/data/lab.csv']);
    expect(fake.sent).toEqual([['courier:grant', ['/data/lab.csv']]]);
    await courier.invoke('jobs.add', { paths });
    expect(fake.invoked).toEqual([['courier:invoke', 'jobs.add', { paths: ['/data/lab.csv'] }]]);
    // Nothing granted for a drop without paths (a browser-made File).
    courier.pathsForFiles([{}]);
    expect(fake.sent).toHaveLength(1);
  });

  it('serves every subscription from one IPC listener, and unsubscribes each alone', async () => {
    const courier = await api();
    const got: unknown[][] = [];
    const offs = Array.from({ length: 25 }, (_, i) =>
      courier.on(i % 2 ? 'jobs.changed' : 'status.changed', (p) => got.push([i, p])),
    );
    expect(fake.listeners.filter((l) => l.name === 'courier:event')).toHaveLength(1);
    fromMain('jobs.changed', { ids: ['a'] });
    expect(got).toHaveLength(12);
    expect(
      got.every(([i, p]) => (i as number) % 2 === 1 && (p as { ids: string[] }).ids[0] === 'a'),
    ).toBe(true);
    for (const off of offs.slice(0, 24)) off();
    got.length = 0;
    fromMain('jobs.changed', { ids: [] });
    fromMain('status.changed', { queue: {} });
    // Only subscription 24 (status.changed) is left; the page never sees the IPC event.
    expect(got).toEqual([[24, { queue: {} }]]);
  });

  it('asks main for a folder picker by purpose', async () => {
    const courier = await api();
    expect(await courier.pickFolder('nas')).toBe('/mnt/nas');
    expect(fake.invoked.at(-1)).toEqual(['courier:pick-folder', 'nas']);
  });
});
