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
import { definitionsFor, openHome } from '../context';
import { EXIT } from '../exit';
import { PHI_POLICY_HELP, parsePhiPolicy, parseYear } from './files';
import type { PhiPolicy } from '../../shared/settings';

interface WatchCliOptions {
  push?: boolean;
  cohort?: string;
  year?: number;
  table?: string;
  dest?: string;
  home?: string;
  stable?: number;
  polling?: boolean;
  recursive?: boolean;
  moveFinished?: boolean;
  phiPolicy?: PhiPolicy;
}

/** One line of the service's log: a time, then plain words (never a cell value). */
function line(msg: string): void {
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

function finishedLine(r: JobResult): string {
  const rep = r.report;
  const errors = rep ? rep.issues.filter((i) => i.severity === 'error').length : 0;
  const facts = rep
    ? ` (${rep.table ?? 'table unknown'}, ${rep.rows} rows, ${errors} error kinds)`
    : '';
  return `${r.id} ${r.source.name}: ${r.stage}${facts}${r.error ? ` — ${r.error}` : ''}`;
}

/**
 * Runs the watched-folder inbox until SIGINT/SIGTERM, on the same intake as the window (one
 * queue, one pusher, retries when due); logs one line per job to stderr (ids, names, counts).
 */
async function runWatch(dirs: string[], o: WatchCliOptions): Promise<number> {
  for (const d of dirs) {
    const isDir = await stat(d).then(
      (st) => st.isDirectory(),
      () => false,
    );
    if (!isDir) throw new CourierError('usage', `${d} is not a folder.`);
  }
  const { home, ledger, settings } = openHome(o.home);
  const s = settings.get();
  const definitions = await definitionsFor(s.definitionsDir);
  if (o.table && o.table !== 'any' && !definitions.get(o.table))
    throw new CourierError(
      'usage',
      `unknown table "${o.table}". Known tables: ${definitions
        .ordered()
        .map((d) => d.table)
        .join(', ')}, or any.`,
    );
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
  const intake = new Intake({
    home,
    ledger,
    settings,
    definitions: () => definitions,
    stableMs: o.stable,
    dest: o.dest ?? null,
    phiPolicy: o.phiPolicy,
    hooks: {
      finished: (_item, r) => line(finishedLine(r)),
      moved: (item, to) => line(`moved ${item.name} to ${to}`),
      pushed: (id, outcome) => line(`${id} ${outcome.status}: ${outcome.message}`),
      problem: (message) => line(`error: ${message}`),
      polling: (folder, reason) =>
        line(`native watching failed for ${folder} (${reason}); polling instead`),
    },
  });
  await intake.watch(folders);
  for (const p of intake.watchProblems) line(`error: ${p.message}`);
  if (o.push) intake.startRetries();
  line(`watching ${folders.map((f) => f.path).join(', ')} (Ctrl+C to stop)`);
  await new Promise<void>((r) => {
    process.once('SIGINT', () => r());
    process.once('SIGTERM', () => r());
  });
  line('stopping: the current job is abandoned cleanly');
  await intake.close();
  await shutdownWorkers();
  return EXIT.ok;
}

export function registerWatch(program: Command): void {
  program
    .command('watch')
    .description(
      'watch folders and ingest each new file once it is complete; runs until stopped (SIGINT/SIGTERM)',
    )
    .argument('<dir...>', 'folders to watch')
    .option('--push', 'push each file without blocking errors as soon as it is ready')
    .option('--cohort <name>', 'the cohort of the files (default: the setting)')
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
    .option('--home <dir>', 'Courier data folder')
    .action(async (dirs: string[], o: WatchCliOptions) => {
      process.exitCode = await runWatch(dirs, o);
    });
}
