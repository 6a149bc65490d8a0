/**
 * Files handed to Courier by the operating system: "Open with → Courier" and files dropped on
 * its icon (command-line arguments on Windows and Linux, `open-file` on macOS, also before
 * the app is ready), and those of a second launch while Courier runs (`second-instance`).
 * Each is granted like a drop (the coordinator chose it) and queued.
 */
import { isAbsolute, resolve } from 'node:path';
import type { AddResult } from '../shared/views';

/**
 * The file arguments of a launch: not the executable, not the app folder Electron runs in
 * development (`electron .`), not switches (Chromium adds some of its own, even after the
 * files, on a second launch).
 */
export function pathsFromArgv(argv: readonly string[], cwd: string, defaultApp: boolean): string[] {
  const args = argv.slice(defaultApp ? 2 : 1);
  return args
    .filter((a) => a.length > 0 && !a.startsWith('-') && a !== '.')
    .map((a) => (isAbsolute(a) ? a : resolve(cwd, a)));
}

export interface OpenFilesDeps {
  grant: (paths: string[]) => void;
  add: (paths: string[]) => Promise<AddResult>;
  /** Brings the window forward on the inbox, where the files appear. */
  reveal: () => void;
  /** Tells the window what could not be queued (nobody in the window asked for these). */
  notice: (message: string) => void;
  log: (message: string) => void;
}

/** Queues opened files; files opened before the service is ready wait for it. */
export class FileOpener {
  private waiting: string[] = [];
  private deps: OpenFilesDeps | null = null;

  /** The service is ready: files opened so far are queued now. */
  ready(deps: OpenFilesDeps): void {
    this.deps = deps;
    const early = this.waiting.splice(0);
    if (early.length > 0) void this.open(early);
  }

  async open(paths: readonly string[]): Promise<void> {
    if (paths.length === 0) return;
    if (!this.deps) {
      this.waiting.push(...paths);
      return;
    }
    const d = this.deps;
    d.grant([...paths]);
    d.reveal();
    try {
      const r = await d.add([...paths]);
      d.log(`opened by the system: ${r.queued.length} queued, ${r.refused.length} refused`);
      for (const x of r.refused) d.notice(`${x.path}: ${x.reason}`);
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      d.log(`opened by the system, not queued: ${why}`);
      d.notice(why);
    }
  }
}
