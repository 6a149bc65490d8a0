import type { Command } from 'commander';
import { existsSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { ingestFile } from '../../core/jobs/ingest';
import { FolderWatcher } from '../../core/watch/watcher';
import type { WatchedFolder } from '../../core/watch/watcher';
import { definitionsFor, openHome } from '../context';
import { EXIT } from '../exit';
import { CourierError } from '../../core/errors';
import { parseYear } from './files';

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
}

function line(msg: string): void {
  process.stderr.write(`${new Date().toISOString()} ${msg}\n`);
}

/**
 * Runs the watched-folder inbox until SIGINT/SIGTERM; logs one line per job to stderr (ids,
 * names, counts: no cell values).
 */
async function runWatch(
  dirs: string[],
  o: WatchCliOptions,
  push: (o: WatchCliOptions) => Promise<number>,
): Promise<number> {
  for (const d of dirs) {
    if (!existsSync(d) || !statSync(d).isDirectory())
      throw new CourierError('usage', `${d} is not a folder.`);
  }
  const { home, ledger, settings } = openHome(o.home);
  const s = settings.get();
  const definitions = await definitionsFor(s.definitionsDir);
  const folders: WatchedFolder[] = dirs.map((d) => ({
    path: resolve(d),
    cohort: o.cohort ?? s.cohort,
    protocolYear: o.year ?? s.protocolYear,
    autoPush: o.push ?? false,
    recursive: o.recursive ?? false,
    moveFinished: o.moveFinished ?? false,
  }));
  // Pushes one at a time: two pushers would race for the same .partial names.
  let pushing: Promise<unknown> = Promise.resolve();
  const watcher = new FolderWatcher({
    folders,
    stableMs: o.stable ?? 2000,
    polling: o.polling ? true : 'auto',
    ingest: (path, folder, signal) =>
      ingestFile(path, {
        home,
        ledger,
        definitions,
        table: o.table ?? null,
        cohort: folder.cohort ?? null,
        protocolYear: folder.protocolYear ?? null,
        site: s.site,
        patientPolicy: s.patientPolicy,
        signal,
      }),
    alreadyTaken: (path, size, mtimeMs) => ledger.hasTaken(path, size, mtimeMs),
    onEvent: (e) => {
      if (e.type === 'finished') {
        const r = e.result;
        const rep = r.report;
        line(
          `${r.id} ${basename(e.path)}: ${r.stage}${rep ? ` (${rep.table ?? 'table unknown'}, ${rep.rows} rows, ${rep.issues.filter((i) => i.severity === 'error').length} error kinds)` : ''}${r.error ? ` — ${r.error}` : ''}`,
        );
        if (o.push && r.stage === 'ready') pushing = pushing.then(() => push(o)).catch(() => {});
      } else if (e.type === 'error')
        line(`error${e.path ? ` ${basename(e.path)}` : ''}: ${e.message}`);
      else if (e.type === 'polling') line(`native watching failed (${e.reason}); polling instead`);
      else if (e.type === 'moved') line(`moved ${basename(e.path)} to ${e.to}`);
    },
  });
  await watcher.start();
  line(`watching ${folders.map((f) => f.path).join(', ')} (Ctrl+C to stop)`);
  await new Promise<void>((r) => {
    process.once('SIGINT', () => r());
    process.once('SIGTERM', () => r());
  });
  line('stopping: the current job is abandoned cleanly');
  await watcher.stop(true);
  await pushing;
  return EXIT.ok;
}

export function registerWatch(
  program: Command,
  push: (o: { dest?: string; home?: string }) => Promise<number>,
): void {
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
    .option('--polling', 'poll instead of native file events (network drives)')
    .option('--stable <ms>', 'how long a file must stay unchanged before it is taken', (v) =>
      Number(v),
    )
    .option('--home <dir>', 'Courier data folder')
    .action(async (dirs: string[], o: WatchCliOptions) => {
      process.exitCode = await runWatch(dirs, o, push);
    });
}
