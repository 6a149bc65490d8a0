/**
 * Pushing from a long-running process (the window, `courier watch`): one push at a time (two pushers would race for the same .partial
 * names), each limited to the jobs it was asked for. A coordinator's "Send" sends that file;
 * a watched folder's auto-push sends its own files; the background retry sends only queued
 * jobs whose retry time has come. Ready jobs nobody asked to send stay ready.
 */
import type { PushView } from '../../shared/views';
import { pushReady, type PushOutcome } from './queue';
import type { JobRecord, Ledger } from '../ledger/ledger';
import type { SettingsStore } from '../settings/settings';

export interface PusherDeps {
  ledger: Ledger;
  settings: SettingsStore;
  home: string;
  /** The destination root (`courier watch --dest`); default: the setting, else the outbox. */
  dest?: string | null;
  /** A job's push state changed. */
  onJob: (id: string, outcome: PushOutcome) => void;
  onDone: (summary: PushView) => void;
}

export class Pusher {
  private chain: Promise<unknown> = Promise.resolve();
  private active = 0;

  constructor(private readonly deps: PusherDeps) {}

  /** Whether a push is running or waiting. */
  get busy(): boolean {
    return this.active > 0;
  }

  /** Pushes the chosen jobs, after any push already running. */
  push(chosen: (j: JobRecord) => boolean, respectBackoff = false): Promise<PushView> {
    this.active++;
    const run = this.chain.then(async () => {
      try {
        const summary = await pushReady({
          ledger: this.deps.ledger,
          only: chosen,
          settings: this.deps.settings,
          home: this.deps.home,
          dest: this.deps.dest ?? null,
          respectBackoff,
          onJob: (job, outcome) => this.deps.onJob(job.id, outcome),
        });
        const view: PushView = { ...summary };
        this.deps.onDone(view);
        return view;
      } finally {
        this.active--;
      }
    });
    this.chain = run.catch(() => undefined);
    return run;
  }

  /** Queued jobs whose retry time has come (none: nothing is pushed, nothing recorded). */
  retryDue(now = Date.now()): Promise<PushView> | null {
    const due = (j: JobRecord): boolean =>
      j.stage === 'push-queued' &&
      (j.push.nextAttemptAt === null || Date.parse(j.push.nextAttemptAt) <= now);
    if (this.busy || !this.deps.ledger.jobs().some(due)) return null;
    return this.push(due, true);
  }

  /** Every queued job now, whatever its retry time (the NAS just came back). */
  retryAll(): Promise<PushView> | null {
    const queued = (j: JobRecord): boolean => j.stage === 'push-queued';
    if (!this.deps.ledger.jobs().some(queued)) return null;
    return this.push(queued, false);
  }

  /** Resolves when no push runs. */
  async idle(): Promise<void> {
    while (this.active > 0) await this.chain;
  }
}
