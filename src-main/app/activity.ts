/**
 * What the operating system should know while Courier works: the taskbar or dock shows the
 * current file's progress, the machine does not suspend in the middle of a conversion or a
 * push, and after sleep (or unlocking the screen) the NAS and the watched folders are looked
 * at again at once instead of at the next periodic check.
 */
import { powerMonitor, powerSaveBlocker, type BrowserWindow } from 'electron';
import type { EventMap, EventName } from '../shared/ipc';

export interface ActivityDeps {
  /** Whether a file is being checked or waits, or a push runs. */
  busy: () => boolean;
  windows: () => BrowserWindow[];
  /** Checks the NAS and the watched folders again. */
  recheck: () => Promise<void>;
  log: (message: string) => void;
}

/** Progress of the running job as a fraction (scan and conversion count bytes, checks rows). */
function fraction(p: EventMap['job.progress']): number {
  if (p.total <= 0) return 2; // more than 1: indeterminate
  return Math.min(1, Math.max(0, p.done / p.total));
}

/**
 * Follows the service's events. Returns the listener to register with `service.on`, and
 * installs the power-monitor handlers.
 */
export function followActivity(
  deps: ActivityDeps,
): <E extends EventName>(event: E, payload: EventMap[E]) => void {
  let blocker: number | null = null;
  let shown = -1;

  const setProgress = (value: number): void => {
    if (value === shown) return;
    shown = value;
    for (const w of deps.windows()) if (!w.isDestroyed()) w.setProgressBar(value);
  };

  const update = (): void => {
    const busy = deps.busy();
    if (busy && blocker === null) {
      // The system may still sleep the display; it does not suspend the app's work.
      blocker = powerSaveBlocker.start('prevent-app-suspension');
    } else if (!busy && blocker !== null) {
      if (powerSaveBlocker.isStarted(blocker)) powerSaveBlocker.stop(blocker);
      blocker = null;
    }
    if (!busy) setProgress(-1);
  };

  const wake = (why: string): void => {
    deps.log(`${why}: checking the NAS and the watched folders again`);
    void deps
      .recheck()
      .catch((e: unknown) =>
        deps.log(`check after ${why} failed: ${e instanceof Error ? e.message : String(e)}`),
      );
  };
  powerMonitor.on('resume', () => wake('resume'));
  powerMonitor.on('unlock-screen', () => wake('unlock-screen'));

  return (event, payload) => {
    update();
    // Rounded to a percent: the taskbar shows no finer steps, and each change is a system call.
    if (event === 'job.progress')
      setProgress(Math.round(fraction(payload as EventMap['job.progress']) * 100) / 100);
  };
}
