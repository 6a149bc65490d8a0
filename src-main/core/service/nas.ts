/**
 * The NAS as the status bar shows it: not configured, online, or offline (with the reason).
 * Checked now and then, after every settings change and after every push; "online" means the
 * folder is there, is the share Courier pinned, and can be written to.
 */
import { readdir, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { NasStatus, NasTest } from '../../shared/views';
import { checkShare, initShare, readShare } from '../push/share';
import type { SettingsStore } from '../settings/settings';

/** Names an operating system drops in any folder: they do not make it "someone else's". */
const CLUTTER = new Set(['.DS_Store', 'Thumbs.db', 'desktop.ini']);

export class NasMonitor {
  private current: NasStatus = {
    state: 'not-configured',
    path: null,
    message: null,
    checkedAt: null,
  };
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<NasStatus> | null = null;

  constructor(
    private readonly settings: SettingsStore,
    private readonly onChange: (status: NasStatus) => void,
  ) {}

  get status(): NasStatus {
    return this.current;
  }

  /** Checks now and every `everyMs` after. */
  start(everyMs: number): void {
    void this.check();
    if (everyMs > 0) this.timer = setInterval(() => void this.check(), everyMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Checks the configured NAS (one check at a time; callers share a running one). */
  check(): Promise<NasStatus> {
    this.running ??= this.checkOnce().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async checkOnce(): Promise<NasStatus> {
    const s = this.settings.get();
    let next: NasStatus;
    if (!s.nasPath) {
      next = {
        state: 'not-configured',
        path: null,
        message: null,
        checkedAt: new Date().toISOString(),
      };
    } else {
      const root = resolve(s.nasPath);
      const check = await checkShare(root, s.shares[root] ?? null);
      next = {
        state: check.ok ? 'online' : 'offline',
        path: root,
        message: check.ok ? null : check.message,
        checkedAt: new Date().toISOString(),
      };
    }
    const changed =
      next.state !== this.current.state ||
      next.path !== this.current.path ||
      next.message !== this.current.message;
    this.current = next;
    if (changed) this.onChange(next);
    return next;
  }
}

/**
 * "Test connection": is `path` writable and really Courier's share (the pinned one, if any)?
 * A folder that is empty or does not exist yet can become the share when the setting is saved.
 */
export async function testNas(path: string, settings: SettingsStore): Promise<NasTest> {
  const root = resolve(path);
  const pinned = settings.get().shares[root] ?? null;
  const check = await checkShare(root, pinned);
  if (check.ok)
    return {
      ok: true,
      state: 'ready',
      message: 'Connected: this is Courier’s destination folder, and Courier can write to it.',
    };
  if (check.reason === 'other-share' || check.reason === 'not-writable')
    return { ok: false, state: check.reason, message: check.message };
  if (check.reason === 'no-marker' && pinned === null) {
    const entries = await readdir(root).catch(() => null);
    if (entries && entries.every((e) => CLUTTER.has(e)))
      return {
        ok: true,
        state: 'new',
        message: 'This folder is empty: Courier will set it up as its destination when you save.',
      };
    return {
      ok: false,
      state: 'not-a-share',
      message:
        'This folder already holds other files, so Courier will not use it. Choose an empty folder (or a new one) on the NAS.',
    };
  }
  if (check.reason === 'missing-root' && pinned === null) {
    const parent = await stat(dirname(root)).catch(() => null);
    if (parent?.isDirectory())
      return {
        ok: true,
        state: 'new',
        message:
          'This folder does not exist yet: Courier will create it and set it up when you save.',
      };
  }
  return { ok: false, state: 'unreachable', message: check.message };
}

/**
 * Makes `path` the configured share: adopts the marker there, or sets up an empty folder,
 * and pins its id so an unmounted NAS (an empty mount point) is never mistaken for it.
 */
export async function adoptShare(path: string, settings: SettingsStore): Promise<void> {
  const root = resolve(path);
  const marker = (await readShare(root)) ?? (await initShare(root));
  const s = settings.get();
  if (s.shares[root] !== marker.id) settings.update({ shares: { ...s.shares, [root]: marker.id } });
}
