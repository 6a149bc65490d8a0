/**
 * Which process owns a job (or a lock): its process ID and when it started. A process ID alone
 * names whoever has it now: after a reboot, or in a container where every start is PID 1, a
 * dead job's PID is often some other live process, or Courier itself. The start time (with the
 * boot it belongs to) tells them apart.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

let bootId: string | null | undefined;
let own: string | null | undefined;

/** This boot of the machine (Linux); null elsewhere. */
function currentBoot(): string | null {
  if (bootId !== undefined) return bootId;
  try {
    bootId = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim().slice(0, 8);
  } catch {
    bootId = null;
  }
  return bootId;
}

/**
 * When process `pid` started, as an opaque token (null when it does not run or the system
 * cannot say). Linux: the boot and the start time in clock ticks from /proc; macOS and other
 * Unix systems: `ps`'s start time; Windows: null (the PID alone is used there).
 */
export function processStart(pid: number): string | null {
  if (process.platform === 'linux') {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // The command name (field 2) may hold spaces and parentheses: count from its end.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ticks = fields[19]; // field 22, starttime
      return ticks ? `${currentBoot() ?? '-'}:${ticks}` : null;
    } catch {
      return null;
    }
  }
  if (process.platform === 'win32') return null;
  const r = spawnSync('ps', ['-o', 'lstart=', '-p', String(pid)], { encoding: 'utf8' });
  const text = r.status === 0 ? r.stdout.trim() : '';
  return text ? `ps:${text}` : null;
}

/** This process's start token (see {@link processStart}). */
export function ownStart(): string | null {
  if (own === undefined) own = processStart(process.pid);
  return own;
}

/**
 * Whether the process that recorded (`pid`, `start`) still runs. Without a recorded start
 * (journals of older Courier versions, Windows) the PID alone decides, as before; EPERM
 * means it runs as another user.
 */
export function isAlive(pid: number, start?: string | null): boolean {
  if (pid === process.pid) return !start || start === ownStart();
  let otherUser = false;
  try {
    process.kill(pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return false;
    otherUser = true;
  }
  if (!start) return true;
  const now = processStart(pid);
  if (now !== null) return now === start;
  // Nothing to compare with: it ended meanwhile when this system can tell starts (and the
  // process is ours to see); otherwise trust the PID rather than take over a live job.
  return otherUser || ownStart() === null;
}
