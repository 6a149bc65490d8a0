import { readFile, realpath, statfs } from 'node:fs/promises';
import { win32 } from 'node:path';

/** The mount a path lives on, as /proc/mounts lists it. */
export interface MountEntry {
  mountPoint: string;
  /** `fuse.rclone`, `fuse.sshfs`, `cifs`, `nfs4`, `tmpfs`, `ext4`… */
  fsType: string;
  /** What is mounted: `:smb{…}:courier`, `user@host:/dir`, `//nas/share`, `/dev/sda1`… */
  source: string;
  /** Mount options as listed (`rw,nosuid,…`); empty where unknown. */
  options?: string;
}

/** What kind of destination a folder is, for people and for the capability cache. */
export interface ShareKind {
  /** Plain words: "SMB share via FUSE (rclone)", "SFTP via sshfs", "NFS", "local disk (ext4)". */
  label: string;
  /** The file system type: the mount's, else the name of statfs's magic number, else null. */
  fsType: string | null;
  /** statfs's f_type, or null where statfs is not answered (some FUSE servers). */
  statfsType: number | null;
  mount: MountEntry | null;
}

/** statfs f_type magic numbers (Linux `<linux/magic.h>`), for platforms without /proc/mounts. */
const MAGIC: ReadonlyMap<number, string> = new Map([
  [0xff534d42, 'cifs'],
  [0xfe534d42, 'smb3'],
  [0x517b, 'smbfs'],
  [0x6969, 'nfs'],
  [0x65735546, 'fuse'],
  [0x01021994, 'tmpfs'],
  [0x858458f6, 'ramfs'],
  [0xef53, 'ext4'],
  [0x58465342, 'xfs'],
  [0x9123683e, 'btrfs'],
  [0x2fc12fc1, 'zfs'],
  [0xf2f52010, 'f2fs'],
  [0x794c7630, 'overlay'],
  [0x5346544e, 'ntfs'],
  [0x7366746e, 'ntfs3'],
  [0x4d44, 'vfat'],
  [0x2011bab0, 'exfat'],
  [0x01021997, '9p'],
  [0x6a656a63, 'virtiofs'],
]);

/** /proc/mounts decoded (`\040` is a space); empty where there is none (macOS, Windows). */
export async function readMounts(): Promise<MountEntry[]> {
  let text: string;
  try {
    text = await readFile('/proc/mounts', 'utf8');
  } catch {
    return [];
  }
  const un = (s: string): string =>
    s.replace(/\\([0-7]{3})/g, (_m, o: string) => String.fromCharCode(parseInt(o, 8)));
  return text
    .split('\n')
    .filter((l) => l !== '')
    .map((line) => {
      const [source = '', mountPoint = '', fsType = '', options = ''] = line.split(' ');
      return { source: un(source), mountPoint: un(mountPoint), fsType, options };
    });
}

/** The mount holding `path`: the longest mount point that contains it (the last one mounted). */
export function mountOf(path: string, table: MountEntry[]): MountEntry | null {
  let best: MountEntry | null = null;
  for (const m of table) {
    const inside =
      m.mountPoint === '/' ||
      path === m.mountPoint ||
      path.startsWith(m.mountPoint.endsWith('/') ? m.mountPoint : `${m.mountPoint}/`);
    if (inside && (best === null || m.mountPoint.length >= best.mountPoint.length)) best = m;
  }
  return best;
}

/** Whether `root` is a Windows UNC path (`\\nas\naaccord`), and not a drive letter. */
export function isUncPath(root: string): boolean {
  return /^[\\/]{2}(?![?.][\\/])[^\\/]+[\\/][^\\/]+/.test(root) || /^\\\\\?\\UNC\\/i.test(root);
}

/** Plain words for a file system type and what is mounted. */
export function kindLabel(fsType: string | null, source = ''): string {
  if (fsType === null) return 'a folder on an unknown kind of file system';
  const t = fsType.toLowerCase();
  if (t === 'fuse.rclone') {
    // `:smb,host=…:share` or `:smb{hash}:share` name the backend; a named remote does not.
    const backend = /^:([a-z0-9]+)[,{:]/.exec(source)?.[1];
    if (backend === 'smb') return 'SMB share via FUSE (rclone)';
    if (backend === 'sftp') return 'SFTP via FUSE (rclone)';
    return backend ? `${backend} via FUSE (rclone)` : 'rclone mount via FUSE';
  }
  if (t === 'fuse.sshfs' || t === 'sshfs') return 'SFTP via sshfs';
  if (t === 'cifs' || t === 'smb3' || t === 'smbfs') return 'SMB share (kernel client)';
  if (t === 'nfs' || t === 'nfs4') return 'NFS';
  if (t === 'tmpfs' || t === 'ramfs') return 'memory file system (tmpfs)';
  if (t === '9p' || t === 'virtiofs' || t === 'vboxsf')
    return `shared folder of a virtual machine (${t})`;
  if (t === 'vfat' || t === 'exfat' || t === 'msdos') return `FAT disk (${t})`;
  if (t === 'ntfs' || t === 'ntfs3' || t === 'fuseblk') return 'NTFS disk';
  if (t === 'fuse') return 'FUSE file system';
  if (t.startsWith('fuse.')) return `FUSE file system (${t.slice(5)})`;
  if (['ext2', 'ext3', 'ext4', 'xfs', 'btrfs', 'zfs', 'f2fs', 'overlay', 'apfs', 'hfs'].includes(t))
    return `local disk (${t})`;
  return `${t} file system`;
}

/**
 * What kind of destination `root` is: from /proc/mounts where there is one, else from statfs's
 * magic number; a Windows root from its form (UNC or drive letter).
 */
export async function shareKind(root: string, platform = process.platform): Promise<ShareKind> {
  let statfsType: number | null = null;
  try {
    statfsType = (await statfs(root)).type;
  } catch {
    // not answered (rclone's SFTP server, some FUSE file systems): the mount table may tell
  }
  if (platform === 'win32') {
    const unc = isUncPath(root);
    const drive = /^([A-Za-z]):/.exec(win32.resolve(root))?.[1];
    return {
      label: unc
        ? 'Windows network share (SMB)'
        : `Windows drive ${drive?.toUpperCase() ?? '?'}: (a local disk or a mapped network drive)`,
      fsType: unc ? 'smb' : null,
      statfsType,
      mount: null,
    };
  }
  const real = await realpath(root).catch(() => root);
  const mount = mountOf(real, await readMounts());
  const fsType =
    mount?.fsType ??
    (statfsType === null ? null : (MAGIC.get(statfsType) ?? `0x${statfsType.toString(16)}`));
  return { label: kindLabel(fsType, mount?.source), fsType, statfsType, mount };
}

/**
 * Whether the free space a share reports can be taken at its word before a copy. rclone's
 * mounts cannot: through its SMB backend they report exactly half the real size and free space
 * (measured: rclone 1.60 against Samba 4.17), and backends that say nothing show a made-up
 * 1 PiB. After a failed write, a report of too little room is still telling.
 */
export function trustsFreeSpace(kind: ShareKind): boolean {
  return kind.fsType !== 'fuse.rclone';
}
