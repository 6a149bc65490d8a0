import { describe, expect, it, vi } from 'vitest';

// The preload runs against a fake electron: what it exposes, and what it sends.
const fake = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  sent: [] as unknown[][],
  invoked: [] as unknown[][],
}));
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (name: string, api: unknown) => fake.exposed.set(name, api) },
  ipcRenderer: {
    invoke: (...args: unknown[]) => {
      fake.invoked.push(args);
      return Promise.resolve({ ok: true, value: null });
    },
    send: (...args: unknown[]) => fake.sent.push(args),
    on: vi.fn(),
    removeListener: vi.fn(),
  },
  webUtils: { getPathForFile: (f: { path?: string }) => f.path ?? '' },
}));

describe('the preload', () => {
  it('exposes one narrow api, and grants dropped paths before the page asks', async () => {
    await import('../../src-preload/index');
    const api = fake.exposed.get('courier') as {
      invoke(c: string, a?: unknown): Promise<unknown>;
      pathsForFiles(files: unknown[]): string[];
    };
    expect(Object.keys(api).sort()).toEqual(['invoke', 'on', 'pathsForFiles']);
    const paths = api.pathsForFiles([{ path: '/data/lab.csv' }, { path: '' }]);
    expect(paths).toEqual(['/data/lab.csv']);
    expect(fake.sent).toEqual([['courier:grant', ['/data/lab.csv']]]);
    await api.invoke('jobs.add', { paths });
    expect(fake.invoked).toEqual([['courier:invoke', 'jobs.add', { paths: ['/data/lab.csv'] }]]);
    // Nothing granted for a drop without paths (a browser-made File).
    api.pathsForFiles([{}]);
    expect(fake.sent).toHaveLength(1);
  });
});
