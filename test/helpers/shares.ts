/**
 * Real network shares for tests: Samba mounted through rclone's SMB backend (FUSE), an SFTP
 * server mounted with sshfs, and size-limited tmpfs mounts. Everything runs on 127.0.0.1 with
 * private configuration in a temp folder; nothing under /etc, /var or the user's home is read
 * or written (one exception: sshd run as root needs its privilege-separation folder /run/sshd,
 * which the Debian package normally creates at boot; it is created if missing).
 *
 * Every mount is undone in every outcome: `stop()` in afterAll; a process-exit handler for a
 * test process that ends without it; and a sweep, at the next start, of mounts and servers left
 * by a test process that was killed outright (its pid is in the temp folder's name).
 */
import type { ChildProcess } from 'node:child_process';
import { execFileSync, spawn } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

/** A mounted destination and the means to break it. */
export interface Share {
  kind: 'smb' | 'sftp' | 'tmpfs';
  /** The mount point: the NAS root as Courier sees it. */
  dir: string;
  /** The folder the server serves (the NAS's own disk): what "another computer" writes to. */
  serverDir: string;
  /** Stops the server (its connections drop); the mount stays. */
  stopServer(): void;
  /** Starts the server again, same port, same folder. */
  startServer(): Promise<void>;
  /** Kills the FUSE process itself (the mount point then answers ENOTCONN). */
  killMount(): void;
  /** Unmounts (the mount point becomes an empty folder); the server keeps running. */
  unmount(): void;
  /** Mounts again after `unmount` or `killMount`. */
  remount(): Promise<void>;
  /** Unmounts (lazily if busy), stops every process, removes the temp folder. Idempotent. */
  stop(): void;
}

const PREFIX = 'courier-share-';
const live = new Set<() => void>();
let netInstalled = false;

/** The global safety net: whatever a test does, nothing stays mounted when the process ends. */
function installNet(): void {
  if (netInstalled) return;
  netInstalled = true;
  const all = (): void => {
    for (const stop of [...live]) stop();
  };
  process.on('exit', all);
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
    process.once(sig, () => {
      all();
      process.kill(process.pid, sig);
    });
  sweepOrphans();
}

/** Mount points as /proc/mounts lists them (octal escapes decoded), with their type. */
export function mounts(): { dir: string; type: string; source: string }[] {
  let text = '';
  try {
    text = readFileSync('/proc/mounts', 'utf8');
  } catch {
    return [];
  }
  const un = (s: string): string =>
    s.replace(/\\([0-7]{3})/g, (_m, o: string) => String.fromCharCode(parseInt(o, 8)));
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [source = '', dir = '', type = ''] = line.split(' ');
      return { source: un(source), dir: un(dir), type };
    });
}

function isMounted(dir: string): boolean {
  return mounts().some((m) => m.dir === dir);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Unmounts `dir` now, or lazily (detached at once, freed when the last user lets go). */
function unmountSync(dir: string): void {
  const fuse =
    mounts()
      .find((m) => m.dir === dir)
      ?.type.startsWith('fuse') ?? true;
  const tries: [string, string[]][] = fuse
    ? [
        ['fusermount3', ['-u', '-q', dir]],
        ['fusermount3', ['-u', '-z', '-q', dir]],
      ]
    : [
        ['umount', [dir]],
        ['umount', ['-l', dir]],
      ];
  for (const [cmd, args] of tries) {
    if (!isMounted(dir)) return;
    try {
      execFileSync(cmd, args, { stdio: 'ignore', timeout: 10_000 });
    } catch {
      // busy or already gone: the lazy form comes next
    }
  }
}

/** Every descendant of `pid` (sshd puts each session in a new process group). */
function descendants(pid: number): number[] {
  const parent = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // pid (comm) state ppid …; comm may hold spaces and parentheses
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parent.set(Number(name), ppid);
    } catch {
      // exited meanwhile
    }
  }
  const out: number[] = [];
  const walk = (p: number): void => {
    for (const [child, pp] of parent)
      if (pp === p) {
        out.push(child);
        walk(child);
      }
  };
  walk(pid);
  return out;
}

/** SIGKILLs a process group we started (its leader's pid) and every descendant. */
function killTree(pid: number | undefined): void {
  if (pid === undefined) return;
  const kids = descendants(pid);
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // group already gone
  }
  for (const k of kids)
    try {
      process.kill(k, 'SIGKILL');
    } catch {
      // gone
    }
}

/**
 * Mounts and servers left by a test process that was killed before it could clean up: their
 * temp folders carry the dead process's pid, and list the process groups they started.
 */
function sweepOrphans(): void {
  const base = tmpdir();
  const owner = (path: string): number | null => {
    const m = new RegExp(`${PREFIX}(\\d+)-`).exec(path);
    return m ? Number(m[1]) : null;
  };
  for (const m of mounts()) {
    const pid = owner(m.dir);
    if (m.dir.startsWith(base) && pid !== null && pid !== process.pid && !alive(pid))
      unmountSync(m.dir);
  }
  for (const name of readdirSync(base)) {
    const pid = owner(name);
    if (!name.startsWith(PREFIX) || pid === null || pid === process.pid || alive(pid)) continue;
    const root = join(base, name);
    try {
      for (const line of readFileSync(join(root, 'pids'), 'utf8').split('\n')) {
        const [p, exe] = line.split(' ');
        // Only if that pid still runs the program we started (pids are reused).
        if (p && exe && readFileSync(`/proc/${p}/cmdline`, 'utf8').includes(exe))
          killTree(Number(p));
      }
    } catch {
      // no pids file, or those processes are gone
    }
    if (!mounts().some((m) => m.dir.startsWith(root)))
      rmSync(root, { recursive: true, force: true });
  }
}

/** Whether `cmd` can be run (found on PATH or as an absolute path). */
function has(cmd: string): boolean {
  if (cmd.startsWith('/')) return existsSync(cmd);
  return (process.env.PATH ?? '').split(':').some((d) => d !== '' && existsSync(join(d, cmd)));
}

const SSHD = '/usr/sbin/sshd';

/**
 * Why the shares cannot be made on this machine, or null. With CI set the suites do not
 * skip: they fail with this reason (CI must install the tools, see .ci/run).
 */
export function sharesUnavailable(kind: Share['kind']): string | null {
  if (process.platform !== 'linux') return 'real shares are set up on Linux only';
  const root = process.getuid?.() === 0;
  const need: Record<Share['kind'], string[]> = {
    smb: ['smbd', 'rclone', 'fusermount3'],
    sftp: [SSHD, 'ssh', 'ssh-keygen', 'sshfs', 'fusermount3'],
    tmpfs: ['mount', 'umount'],
  };
  const missing = need[kind].filter((c) => !has(c));
  if (missing.length > 0)
    return `missing ${missing.join(', ')} (Debian: apt-get install samba rclone fuse3 sshfs openssh-server)`;
  if (!existsSync('/dev/fuse') && kind !== 'tmpfs') return '/dev/fuse is missing';
  if (!root && (kind === 'smb' || kind === 'tmpfs'))
    return `${kind === 'smb' ? 'smbd' : 'mounting a tmpfs'} needs root`;
  return null;
}

/** Throws the reason a share cannot be made here (a test must not pass without it). */
function unavailable(kind: Share['kind']): void {
  const why = sharesUnavailable(kind);
  if (why !== null) throw new Error(`Cannot set up the ${kind} share: ${why}.`);
}

/**
 * The reason to skip a suite of `kind` shares here, or null to run it. With CI set it is always
 * null: there a missing tool makes the suite fail (in beforeAll), it never skips.
 */
export function skipReason(kind: Share['kind']): string | null {
  if (process.env.CI) return null;
  const why = sharesUnavailable(kind);
  if (why !== null) console.warn(`Skipping the ${kind} share tests: ${why}.`);
  return why;
}

/** A free TCP port on 127.0.0.1 (the kernel picks from the high, ephemeral range). */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject()));
    });
  });
}

/** Polls `ready` every 50 ms until true; fails with `what` and `log()` after `ms`. */
async function until(
  ready: () => boolean | Promise<boolean>,
  what: string,
  log: () => string,
  ms = 20_000,
) {
  const end = Date.now() + ms;
  while (!(await ready())) {
    if (Date.now() > end)
      throw new Error(`${what} did not happen within ${ms / 1000} s.\n${log()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ host: '127.0.0.1', port });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

/** One temp folder per share; its name carries our pid for the orphan sweep. */
function workDir(kind: string): string {
  installNet();
  return mkdtempSync(join(tmpdir(), `${PREFIX}${process.pid}-${kind}-`));
}

/** Starts `cmd` in its own process group, output to `log`; records it for the orphan sweep. */
function start(
  work: string,
  log: string,
  cmd: string,
  args: string[],
  env: NodeJS.ProcessEnv = {},
): ChildProcess {
  const fd = openSync(log, 'a');
  try {
    const child = spawn(cmd, args, {
      detached: true,
      stdio: ['ignore', fd, fd],
      env: { ...process.env, ...env },
    });
    child.on('error', () => {}); // reported through the readiness wait and the log
    if (child.pid !== undefined)
      writeFileSync(join(work, 'pids'), `${child.pid} ${cmd.split('/').pop()}\n`, { flag: 'a' });
    return child;
  } finally {
    closeSync(fd);
  }
}

const tail = (path: string): string => {
  try {
    return readFileSync(path, 'utf8').split('\n').slice(-30).join('\n');
  } catch {
    return '';
  }
};

interface Parts {
  kind: Share['kind'];
  work: string;
  dir: string;
  serverDir: string;
  /** Mounts of the server's own (a tmpfs under its export), undone after the servers stop. */
  serverMounts?: string[];
  startServer: () => Promise<ChildProcess | null>;
  mount: () => Promise<ChildProcess | null>;
}

/** Wires server and mount into a Share whose stop() undoes everything. */
async function assemble(p: Parts): Promise<Share> {
  let server: ChildProcess | null = null;
  let fuse: ChildProcess | null = null;
  let stopped = false;
  const stopServer = (): void => {
    killTree(server?.pid);
    server = null;
  };
  const stop = (): void => {
    if (stopped) return;
    stopped = true;
    live.delete(stop);
    unmountSync(p.dir);
    killTree(fuse?.pid);
    stopServer();
    for (const m of p.serverMounts ?? []) unmountSync(m);
    if (!mounts().some((m) => m.dir.startsWith(p.work)))
      rmSync(p.work, { recursive: true, force: true });
  };
  live.add(stop);
  try {
    server = await p.startServer();
    fuse = await p.mount();
  } catch (e) {
    stop();
    throw e;
  }
  return {
    kind: p.kind,
    dir: p.dir,
    serverDir: p.serverDir,
    stopServer,
    async startServer() {
      if (server === null) server = await p.startServer();
    },
    killMount() {
      killTree(fuse?.pid);
      fuse = null;
    },
    unmount() {
      unmountSync(p.dir);
      killTree(fuse?.pid);
      fuse = null;
    },
    async remount() {
      unmountSync(p.dir); // a dead FUSE mount must be detached before mounting again
      fuse = await p.mount();
    },
    stop,
  };
}

/** What the server exports: a plain folder, or (with `bytes`) a tmpfs that size, a small NAS disk. */
function exportDir(work: string, bytes?: number): string {
  const dir = join(work, 'export');
  mkdirSync(dir, { recursive: true });
  if (bytes !== undefined)
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${bytes},mode=0755`, 'tmpfs', dir]);
  return dir;
}

/** Options of a network share. */
export interface ShareOptions {
  /** The server's disk is a tmpfs of this many bytes (a NAS that can fill up). */
  exportBytes?: number;
}

/** Waits until /proc/mounts lists `dir` (the FUSE process has finished mounting). */
async function mounted(dir: string, child: ChildProcess, log: string): Promise<void> {
  await until(
    () => {
      if (child.exitCode !== null) throw new Error(`the mount process exited:\n${tail(log)}`);
      return isMounted(dir);
    },
    `mounting ${dir}`,
    () => tail(log),
  );
}

/**
 * Samba's smbd serving a guest-writable share on 127.0.0.1 and a free high port, mounted
 * through FUSE with rclone's SMB backend.
 *
 * rclone options (environment, so no user config is read):
 * - `--vfs-cache-mode off`: writes stream to the server and close() returns once they are
 *   there; reads come from the server. With `writes` or `full`, close() and fsync() return
 *   while the file is still only in rclone's local cache (measured: a 50 MB file was not on
 *   the server 0 s after close, and appeared ~5 s later), so Courier's read-back would verify
 *   the cache, not the NAS. `off` is also the mode closest to a kernel SMB client.
 * - `--dir-cache-time 0s`: listings are not cached, so files other computers write are seen at
 *   once (the default 5 min hides them: a conflicting file would be invisible).
 * - `--low-level-retries 1 --contimeout 2s --timeout 10s`: a stopped server answers EIO within
 *   a second instead of the defaults' 1.5 to 3 minutes, which tests cannot wait for.
 */
export async function startSmbShare(o: ShareOptions = {}): Promise<Share> {
  unavailable('smb');
  const work = workDir('smb');
  const dir = join(work, 'mnt');
  for (const d of ['lock', 'state', 'cache', 'pid', 'private', 'ncalrpc', 'log', 'mnt'])
    mkdirSync(join(work, d), { recursive: true });
  const serverDir = exportDir(work, o.exportBytes);
  const port = await freePort();
  const user = userInfo().username;
  const conf = join(work, 'smb.conf');
  writeFileSync(
    conf,
    `[global]
  server role = standalone server
  smb ports = ${port}
  interfaces = 127.0.0.1
  bind interfaces only = yes
  disable netbios = yes
  map to guest = Bad User
  lock directory = ${work}/lock
  state directory = ${work}/state
  cache directory = ${work}/cache
  pid directory = ${work}/pid
  private dir = ${work}/private
  ncalrpc dir = ${work}/ncalrpc
  log file = ${work}/log/smbd.%m
  log level = 1
  load printers = no
  printing = bsd
  printcap name = /dev/null
  disable spoolss = yes
[courier]
  path = ${serverDir}
  guest ok = yes
  guest only = yes
  read only = no
  force user = ${user}
`,
  );
  const smbLog = join(work, 'smbd.log');
  const rcloneLog = join(work, 'rclone.log');
  const rcloneConf = join(work, 'rclone.conf');
  writeFileSync(rcloneConf, '');
  return assemble({
    kind: 'smb',
    work,
    dir,
    serverDir,
    serverMounts: o.exportBytes === undefined ? [] : [serverDir],
    async startServer() {
      const child = start(work, smbLog, 'smbd', [
        '--foreground',
        '--no-process-group',
        '--debug-stdout',
        '-s',
        conf,
      ]);
      await until(
        async () => {
          if (child.exitCode !== null) throw new Error(`smbd exited:\n${tail(smbLog)}`);
          return portOpen(port);
        },
        `smbd listening on 127.0.0.1:${port}`,
        () => tail(smbLog),
      );
      return child;
    },
    async mount() {
      const child = start(
        work,
        rcloneLog,
        'rclone',
        ['mount', `:smb,host=127.0.0.1,port=${port},user=guest:courier`, dir],
        {
          RCLONE_CONFIG: rcloneConf,
          RCLONE_VFS_CACHE_MODE: 'off',
          RCLONE_DIR_CACHE_TIME: '0s',
          RCLONE_LOW_LEVEL_RETRIES: '1',
          RCLONE_CONTIMEOUT: '2s',
          RCLONE_TIMEOUT: '10s',
          RCLONE_CACHE_DIR: join(work, 'rclone-cache'),
        },
      );
      await mounted(dir, child, rcloneLog);
      return child;
    },
  });
}

/**
 * OpenSSH's sshd on 127.0.0.1 and a free high port, with a private host key, config and
 * authorized key (sftp via `internal-sftp`: the server most NAS boxes run), mounted with
 * sshfs: key authentication, BatchMode (never a prompt), a private known_hosts, `reconnect`
 * so that the mount survives a server restart.
 */
export async function startSftpShare(o: ShareOptions = {}): Promise<Share> {
  unavailable('sftp');
  const work = workDir('sftp');
  const dir = join(work, 'mnt');
  mkdirSync(dir);
  const serverDir = exportDir(work, o.exportBytes);
  const port = await freePort();
  const user = userInfo().username;
  for (const k of ['host_key', 'client_key'])
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(work, k)]);
  writeFileSync(join(work, 'authorized_keys'), readFileSync(join(work, 'client_key.pub')));
  const conf = join(work, 'sshd_config');
  writeFileSync(
    conf,
    `Port ${port}
ListenAddress 127.0.0.1
HostKey ${work}/host_key
PidFile ${work}/sshd.pid
AuthorizedKeysFile ${work}/authorized_keys
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
StrictModes no
UsePAM no
Subsystem sftp internal-sftp
`,
  );
  if (process.getuid?.() === 0 && !existsSync('/run/sshd'))
    mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  const sshdLog = join(work, 'sshd.log');
  const sshfsLog = join(work, 'sshfs.log');
  return assemble({
    kind: 'sftp',
    work,
    dir,
    serverDir,
    serverMounts: o.exportBytes === undefined ? [] : [serverDir],
    async startServer() {
      const child = start(work, sshdLog, SSHD, ['-D', '-e', '-f', conf]);
      await until(
        async () => {
          if (child.exitCode !== null) throw new Error(`sshd exited:\n${tail(sshdLog)}`);
          return portOpen(port);
        },
        `sshd listening on 127.0.0.1:${port}`,
        () => tail(sshdLog),
      );
      return child;
    },
    async mount() {
      const child = start(work, sshfsLog, 'sshfs', [
        '-f',
        `${user}@127.0.0.1:${serverDir}`,
        dir,
        '-p',
        String(port),
        '-F',
        '/dev/null',
        '-o',
        [
          `IdentityFile=${work}/client_key`,
          'IdentitiesOnly=yes',
          'BatchMode=yes',
          'StrictHostKeyChecking=no',
          `UserKnownHostsFile=${work}/known_hosts`,
          'reconnect',
          'ServerAliveInterval=2',
          'ServerAliveCountMax=2',
          'ConnectTimeout=5',
        ].join(','),
      ]);
      await mounted(dir, child, sshfsLog);
      return child;
    },
  });
}

/** A tmpfs of `bytes` (a NAS that fills up); `resize` changes its size in place. */
export async function mountTmpfs(bytes: number): Promise<Share & { resize(bytes: number): void }> {
  unavailable('tmpfs');
  const work = workDir('tmpfs');
  const dir = join(work, 'mnt');
  mkdirSync(dir);
  const mountIt = async (): Promise<null> => {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${bytes},mode=0755`, 'tmpfs', dir]);
    return null;
  };
  const share = await assemble({
    kind: 'tmpfs',
    work,
    dir,
    serverDir: dir,
    startServer: async () => null,
    mount: mountIt,
  });
  return {
    ...share,
    resize(size: number) {
      execFileSync('mount', ['-o', `remount,size=${size}`, dir]);
    },
  };
}
