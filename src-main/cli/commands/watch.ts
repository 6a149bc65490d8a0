import { recipeOption } from './recipes';
import type { Command } from 'commander';
import { printable } from '../../core/names';
import { InvalidArgumentError } from 'commander';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { CourierError } from '../../core/errors';
import { Intake } from '../../core/intake/intake';
import type { WatchedFolderPlan } from '../../core/intake/watching';
import type { JobResult } from '../../core/jobs/runJob';
import { shutdownWorkers } from '../../core/workers/client';
import { definitionsFor, openHomeInSlices } from '../context';
import { EXIT } from '../exit';
import { PHI_POLICY_HELP, parsePhiPolicy, parseYear } from './files';
import { cohortNameSchema, type PhiPolicy } from '../../shared/settings';

interface WatchCliOptions {
  push?: boolean;
  cohort?: string;
  year?: number;
  table?: string;
  dest?: string;
  recipe?: string;
  home?: string;
  stable?: number;
  grace?: number;
  missingGrace?: number;
  polling?: boolean;
  recursive?: boolean;
  moveFinished?: boolean;
  phiPolicy?: PhiPolicy;
}

/** How long SIGTERM may take: whatever is not done by then is recovered at the next start. */
const STOP_BUDGET_MS = 800;

/**
 * One line of the service's log: a time, then plain words (never a cell value). Control
 * characters (a newline in a file name) are escaped: one event is always one line.
 */
export function line(msg: string): void {
  process.stderr.write(`${new Date().toISOString()} ${printable(msg)}\n`);
}

/** `2s`, `2000ms` or `2000` (milliseconds); anything else is a usage error. */
export function parseDuration(v: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s)?$/.exec(v.trim());
  if (!m) throw new InvalidArgumentError('a duration such as 2s, 500ms or 2000 (milliseconds)');
  const ms = Number(m[1]) * (m[2] === 's' ? 1000 : 1);
  if (!Number.isFinite(ms) || ms < 0 || ms > 3_600_000)
    throw new InvalidArgumentError('a duration between 0 and 1 hour');
  return Math.round(ms);
}

/** A cohort's name as the settings accept it (not empty, not too long). */
function parseCohort(v: string): string {
  const r = cohortNameSchema.safeParse(v);
  if (!r.success) throw new InvalidArgumentError('a cohort name of 1 to 200 characters');
  return r.data;
}

function finishedLine(r: JobResult): string {
  const rep = r.report;
  const errors = rep ? rep.issues.filter((i) => i.severity === 'error').length : 0;
  const facts = rep
    ? ` (${rep.table ?? 'table unknown'}, ${rep.rows} rows, ${errors} error kinds)`
    : '';
  return `${r.id} ${JSON.stringify(r.source.name)}: ${r.stage}${facts}${r.error ? ` — ${r.error}` : ''}`;
}

/** Watched folders that are gone, each with the time it has to come back. */
class FolderAbsence {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private expire: (path: string) => void = () => undefined;
  /** Resolves with the first folder that stayed away longer than the grace period. */
  readonly expired = new Promise<string>((resolve) => (this.expire = resolve));

  constructor(private readonly graceMs: number) {}

  update(path: string, present: boolean): void {
    clearTimeout(this.timers.get(path));
    this.timers.delete(path);
    if (present) {
      line(`the watched folder ${path} is back: watching it again`);
      return;
    }
    line(
      `error: the watched folder ${path} is gone (removed, renamed or unmounted). It is watched again as soon as it is back; the service stops in ${Math.round(this.graceMs / 1000)} s otherwise.`,
    );
    this.timers.set(
      path,
      setTimeout(() => this.expire(path), this.graceMs),
    );
  }

  clear(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }
}

/**
 * Ends the process at once by `sig`'s default action, as if no handler were installed: even
 * with a thread stuck in a hung share (which `process.exit` would wait for). systemd counts an
 * end by SIGTERM or SIGINT as a clean stop, and one by SIGKILL as a failure.
 */
function dieBy(sig: NodeJS.Signals): never {
  process.removeAllListeners(sig);
  process.kill(process.pid, sig);
  // The signal is delivered before kill() returns to a single-threaded process; just in case:
  return process.exit(sig === 'SIGKILL' ? 137 : 143);
}

/** Resolves with the first SIGINT or SIGTERM; a second one ends the process at once. */
function stopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const on = (sig: NodeJS.Signals): void => {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
      process.once('SIGINT', () => dieBy('SIGINT'));
      process.once('SIGTERM', () => dieBy('SIGTERM'));
      resolve(sig);
    };
    process.on('SIGINT', on);
    process.on('SIGTERM', on);
  });
}

/**
 * Runs the watched-folder inbox until SIGINT/SIGTERM, on the same intake as the window (one
 * queue, one pusher, retries when due); logs one line per job to stderr (ids, names, counts).
 * A stop is honoured within a second, whatever runs: a conversion is abandoned cleanly, and
 * what cannot end in time (a push to a slow share) is recovered at the next start. A watched
 * folder missing longer than `--missing-grace` ends the service with exit code 2, for
 * systemd to restart it.
 */
async function runWatch(dirs: string[], o: WatchCliOptions): Promise<never> {
  const stopped = stopSignal();
  let stopping = false;
  void stopped.then(() => (stopping = true));
  /** A stop that came while starting: nothing runs yet, so nothing to wait for. */
  const stopNow = (): void => {
    if (!stopping) return;
    line('stopping: nothing was under way');
    process.exit(EXIT.ok);
  };
  line('starting: reading the data folder');
  for (const d of dirs) {
    const isDir = await stat(d).then(
      (st) => st.isDirectory(),
      () => false,
    );
    if (!isDir) throw new CourierError('usage', `${d} is not a folder.`);
  }
  const { home, ledger, settings } = await openHomeInSlices(o.home, () => stopping);
  stopNow();
  const s = settings.get();
  const definitions = await definitionsFor(s.definitionsDir);
  stopNow();
  if (o.table && o.table !== 'any' && !definitions.get(o.table))
    throw new CourierError(
      'usage',
      `unknown table "${o.table}". Known tables: ${definitions
        .ordered()
        .map((d) => d.table)
        .join(', ')}, or any.`,
    );
  const recipe = recipeOption(o.recipe);
  const folders: WatchedFolderPlan[] = dirs.map((d) => ({
    path: resolve(d),
    cohort: o.cohort ?? s.cohort,
    protocolYear: o.year ?? s.protocolYear,
    autoPush: o.push ?? false,
    recursive: o.recursive ?? false,
    moveFinished: o.moveFinished ?? false,
    polling: o.polling ?? false,
    table: o.table ?? null,
  }));
  const gone = new FolderAbsence(o.missingGrace ?? 60_000);
  const intake = new Intake({
    home,
    ledger,
    settings,
    definitions: () => definitions,
    stableMs: o.stable,
    graceMs: o.grace,
    dest: o.dest ?? null,
    phiPolicy: o.phiPolicy,
    recipe,
    hooks: {
      finished: (_item, r) => line(finishedLine(r)),
      moved: (item, to) => line(`moved ${JSON.stringify(item.name)} to ${JSON.stringify(to)}`),
      pushed: (id, outcome) => line(`${id} ${outcome.status}: ${outcome.message}`),
      problem: (message) => line(`error: ${message}`),
      polling: (folder, reason) =>
        line(`native watching failed for ${folder} (${reason}); polling instead`),
      folder: (path, present) => gone.update(path, present),
      scheduled: (id, until) =>
        line(`${id} ready: sent at ${until} unless a newer version of the file arrives`),
      replaced: (id, by) =>
        line(
          `${id} not sent: a newer version of ${JSON.stringify(by.source.name)} arrived (job ${by.id})`,
        ),
      unchanged: (path, job) =>
        line(
          `${JSON.stringify(path)} changed its details but not its bytes (job ${job.id}): not taken again`,
        ),
    },
  });
  const started = (async () => {
    await intake.watch(folders);
    if (o.push) intake.startRetries();
    line(`watching ${folders.map((f) => f.path).join(', ')} (Ctrl+C to stop)`);
  })();
  const ended = await Promise.race([stopped, gone.expired.then((path) => ({ path }))]);
  gone.clear();
  line(
    typeof ended === 'object'
      ? `stopping: the watched folder ${ended.path} did not come back`
      : 'stopping: the current job is abandoned cleanly',
  );
  // Not waiting for the start to end: closing stops a first listing under way.
  void started.catch(() => undefined);
  const closed = (async () => {
    await intake.close();
    await shutdownWorkers();
  })();
  const inTime = await Promise.race([
    closed.then(() => true),
    new Promise<boolean>((r) => setTimeout(() => r(false), STOP_BUDGET_MS).unref()),
  ]);
  if (typeof ended === 'object') {
    if (inTime) process.exit(EXIT.usage);
    return dieBy('SIGKILL');
  }
  if (inTime) process.exit(EXIT.ok);
  line('stopped before everything ended: the next start recovers what was cut short');
  return dieBy(ended);
}

export function registerWatch(program: Command): void {
  program
    .command('watch')
    .description(
      'watch folders and ingest each new file once it is complete; runs until stopped (SIGINT/SIGTERM)',
    )
    .argument('<dir...>', 'folders to watch')
    .option('--push', 'push each file without blocking errors as soon as it is ready')
    .option('--cohort <name>', 'the cohort of the files (default: the setting)', parseCohort)
    .option('--year <year>', 'the protocol year (default: the setting)', parseYear)
    .option('--table <table>', 'the table of every file (default: detected from each header)')
    .option(
      '--dest <dir>',
      'the NAS folder for --push (default: the setting, else the local outbox)',
    )
    .option('--recursive', 'watch subfolders too')
    .option('--move-finished', 'move finished files into done/ or rejected/ beside them')
    .option('--phi-policy <policy>', PHI_POLICY_HELP, parsePhiPolicy)
    .option('--polling', 'poll instead of native file events (network drives)')
    .option(
      '--stable <duration>',
      'how long a file must stay unchanged before it is taken: 2s, 2000ms or 2000 (default 2s)',
      parseDuration,
    )
    .option(
      '--grace <duration>',
      'with --push: how long a ready file waits before it is sent, in case a newer version arrives (default: the setting, 60s)',
      parseDuration,
    )
    .option(
      '--missing-grace <duration>',
      'how long a watched folder may be gone before the service stops with exit code 2 (default 60s)',
      parseDuration,
    )
    .option(
      '--recipe <FILE|saved>',
      "apply a recipe's fixes to each file (a recipe file, or saved: the cohort and table's saved one)",
    )
    .option('--home <dir>', 'Courier data folder')
    .action(async (dirs: string[], o: WatchCliOptions) => {
      await runWatch(dirs, o);
    });
}
