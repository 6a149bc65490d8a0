/**
 * The NAS as the status bar shows it: not configured, online, or offline (with the reason).
 * Checked now and then, after every settings change and after every push; "online" means the
 * folder is there, is the share Courier pinned, and can be written to.
 */
import { readdir, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { NasStatus, NasTest } from '../../shared/views';
import { checkDestination } from '../push/check';
import { shareKind } from '../push/mounts';
import { checkShare, initShare, notFoundMessage, readShare } from '../push/share';
import { CourierError } from '../errors';
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

/** File system types that are a network share (or a network mount through FUSE). */
const NETWORK = new Set([
  'cifs',
  'smb3',
  'smbfs',
  'nfs',
  'nfs4',
  'fuse.rclone',
  'fuse.sshfs',
  'sshfs',
]);
/** File system types of this computer's own disks (or memory). */
const LOCAL = new Set([
  'ext2',
  'ext3',
  'ext4',
  'xfs',
  'btrfs',
  'zfs',
  'f2fs',
  'overlay',
  'apfs',
  'hfs',
  'tmpfs',
  'ramfs',
  'ntfs',
  'ntfs3',
  'vfat',
  'exfat',
]);

/**
 * Where a folder sits, in plain words: on a network file system or this computer's own disk
 * (from the mount table, else statfs's type), and whether it is a mount point of its own (its
 * device differs from its parent's) — an empty folder on the parent's local disk is what an
 * unmounted NAS looks like.
 */
export async function whereFolderIs(
  root: string,
): Promise<{ kind: string; network: boolean | null; sentence: string }> {
  const kind = await shareKind(root).catch(() => null);
  const type = kind?.fsType?.toLowerCase() ?? null;
  const network = type === null ? null : NETWORK.has(type) ? true : LOCAL.has(type) ? false : null;
  const [self, parent] = await Promise.all([
    stat(root).catch(() => null),
    stat(dirname(root)).catch(() => null),
  ]);
  const mountPoint = self !== null && parent !== null && self.dev !== parent.dev;
  const label = kind?.label ?? 'a folder of an unknown kind';
  let sentence: string;
  if (network === true)
    sentence = `It is on a network file system: ${label}${kind?.mount ? `, mounted at ${kind.mount.mountPoint}` : ''}.`;
  else if (network === false)
    sentence = mountPoint
      ? `It is on this computer's own disk, not on a network share: ${label}, mounted on its own.`
      : `It is on this computer's own disk, not on a network share (${label}, the same disk as its parent folder). If the NAS should be mounted here, it is not mounted now.`;
  else
    sentence = `Courier cannot tell whether it is on a network share or this computer's disk (${label}).`;
  return { kind: label, network, sentence };
}

/**
 * "Test connection": is `path` Courier's share (the pinned one, if any), can Courier write to
 * it, what kind of folder is it and what does it support? Never creates or writes anything but
 * the hidden probe files inside a folder that already carries Courier's marker. An existing,
 * empty folder without the marker is `new`: it becomes the share only once the coordinator
 * confirms it (`setupNas`), knowing whether it is on the network or this computer's disk.
 */
export async function testNas(path: string, settings: SettingsStore): Promise<NasTest> {
  const root = resolve(path);
  const pinned = settings.get().shares[root] ?? null;
  const check = await checkDestination(root, pinned);
  if (check.usable)
    return {
      ok: true,
      state: 'ready',
      message: `Connected: this is Courier’s destination folder (${check.kind}), and Courier can write to it.`,
      kind: check.kind,
      network: (await whereFolderIs(root)).network,
      details: check.lines.slice(1),
    };
  if (check.problem === 'missing-root')
    return {
      ok: false,
      state: 'unreachable',
      message: check.lines[1] ?? notFoundMessage(root),
      kind: null,
      network: null,
    };
  const where = await whereFolderIs(root);
  const facts = { kind: where.kind, network: where.network };
  if (check.problem === 'no-marker' && pinned === null) {
    const entries = await readdir(root).catch(() => null);
    if (entries && entries.every((e) => CLUTTER.has(e)))
      return {
        ok: false,
        state: 'new',
        message: `This folder is empty. Is it the NAS share? ${where.sentence}`,
        ...facts,
      };
    return {
      ok: false,
      state: 'not-a-share',
      message: `This folder already holds other files, so Courier will not use it. Choose an empty folder on the NAS (Courier never creates one). ${where.sentence}`,
      ...facts,
    };
  }
  const state =
    check.problem === 'other-share' ||
    check.problem === 'not-writable' ||
    check.problem === 'unsupported'
      ? check.problem
      : 'unreachable';
  return {
    ok: false,
    state,
    message: check.lines[1] ?? 'Courier cannot use this folder.',
    ...facts,
  };
}

/**
 * Sets an existing, empty folder up as Courier's share once the coordinator confirmed it is
 * the NAS: writes the marker (never the folder) and pins its id. Answers the test afterwards.
 */
export async function setupNas(
  path: string,
  service: { settings: SettingsStore },
): Promise<NasTest> {
  const root = resolve(path);
  const before = await testNas(root, service.settings);
  if (before.state !== 'new') return before;
  try {
    const marker = await initShare(root);
    const s = service.settings.get();
    service.settings.update({ shares: { ...s.shares, [root]: marker.id } });
  } catch (e) {
    throw new CourierError('nas-refused', (e as Error).message);
  }
  return testNas(root, service.settings);
}

/**
 * Makes `path` the configured share: adopts the marker there and pins its id, so an unmounted
 * NAS (an empty mount point) is never mistaken for it. A folder without the marker is refused:
 * it is set up only by `setupNas`, after the coordinator confirmed it.
 */
export async function adoptShare(path: string, settings: SettingsStore): Promise<void> {
  const root = resolve(path);
  const exists = await stat(root).catch(() => null);
  if (!exists) throw new CourierError('nas-refused', notFoundMessage(root));
  const marker = await readShare(root);
  if (!marker) {
    const test = await testNas(root, settings);
    if (test.state !== 'new') throw new CourierError('nas-refused', test.message);
    throw new CourierError(
      'nas-needs-setup',
      `${root} is not set up as Courier's destination yet. Test the connection and confirm that it is the NAS share first.`,
    );
  }
  const s = settings.get();
  if (s.shares[root] !== marker.id) settings.update({ shares: { ...s.shares, [root]: marker.id } });
}
