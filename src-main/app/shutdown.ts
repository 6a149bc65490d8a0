/**
 * Quitting as one sequence, run once however often it is asked for (Ctrl/Cmd+Q twice, the
 * tray's Quit during a window close, Windows ending the session): the window shows that
 * Courier is closing, the running job is cancelled cleanly and pushes are given a deadline,
 * and only then does the process exit. Nothing quits around it: until it is done, every quit
 * is held (Electron's `before-quit` is prevented) and the window stays, so the process never
 * lingers invisibly holding the single-instance lock.
 */

export type ShutdownState = 'running' | 'closing' | 'done';

/** How long a quit waits for the running job to unwind and for pushes to finish. */
export const QUIT_DEADLINE_MS = 20_000;
/** Windows gives a few seconds at log-off or shutdown before it ends the process. */
export const SESSION_END_DEADLINE_MS = 4_000;

export interface ShutdownDeps {
  /** Stops the service; resolves true when everything stopped within the deadline. */
  close: (deadlineMs: number) => Promise<boolean>;
  /** Shows that Courier is closing (the window stays until the process exits). */
  showClosing: () => void;
  /** Ends the process (once everything is stopped). */
  exit: () => void;
  log: (message: string) => void;
  /** The two deadlines (tests shorten them). */
  deadlines?: { quit: number; sessionEnd: number };
}

export class Shutdown {
  private current: ShutdownState = 'running';
  private sequence: Promise<void> | null = null;
  private hurry: ((inTime: boolean) => void) | null = null;

  private readonly deadlines: { quit: number; sessionEnd: number };

  constructor(private readonly deps: ShutdownDeps) {
    this.deadlines = deps.deadlines ?? {
      quit: QUIT_DEADLINE_MS,
      sessionEnd: SESSION_END_DEADLINE_MS,
    };
  }

  get state(): ShutdownState {
    return this.current;
  }

  /**
   * Starts the sequence, or joins the one under way (a second quit waits for the first).
   * `sessionEnd` (Windows logging off or shutting down) gives the work the short deadline,
   * also to a sequence already running.
   */
  request(reason: string, sessionEnd = false): Promise<void> {
    const deadlineMs = sessionEnd ? this.deadlines.sessionEnd : this.deadlines.quit;
    if (this.sequence) {
      this.deps.log(`quit asked again (${reason}) while closing: waiting for the first`);
      if (sessionEnd)
        void this.deps.close(deadlineMs).then(
          (inTime) => this.hurry?.(inTime),
          () => undefined,
        );
      return this.sequence;
    }
    this.current = 'closing';
    this.deps.log(`closing (${reason})`);
    this.deps.showClosing();
    const hurried = new Promise<boolean>((resolve) => (this.hurry = resolve));
    this.sequence = Promise.race([this.deps.close(deadlineMs), hurried])
      .then(
        (inTime) => {
          if (!inTime)
            this.deps.log(
              'closed before the work under way finished: it is recovered at the next start',
            );
        },
        (e: unknown) =>
          this.deps.log(`closing failed: ${e instanceof Error ? e.message : String(e)}`),
      )
      .then(() => {
        this.current = 'done';
        this.deps.exit();
      });
    return this.sequence;
  }
}
