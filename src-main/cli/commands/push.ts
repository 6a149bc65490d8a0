import { resolve } from 'node:path';
import { printable } from '../../core/names';
import type { Command } from 'commander';
import { outboxDir, pushReady } from '../../core/push/queue';
import { checkDestination } from '../../core/push/check';
import type { PushSummary } from '../../core/push/queue';
import { openHome } from '../context';
import { EXIT } from '../exit';

/**
 * Pushes every ready job and drains the queue; returns the exit code: 3 when the destination
 * could not be used or a push failed, else 1 when ready jobs were left because they have no
 * cohort or no protocol year (nothing is pushed without both), else 0.
 */
export async function pushCommand(o: {
  dest?: string;
  home?: string;
  json?: boolean;
}): Promise<number> {
  const { home, ledger, settings } = openHome(o.home);
  const summary: PushSummary = await pushReady({
    ledger,
    settings,
    home,
    dest: o.dest ?? null,
    onJob: (job, outcome) =>
      process.stderr.write(
        printable(
          outcome.status === 'refused'
            ? `${job.source.name} was not sent. ${outcome.message}`
            : `${job.source.name}: ${outcome.message}`,
        ) + '\n',
      ),
    onSetUp: (root, kind) =>
      process.stderr.write(
        printable(
          `Set up ${root} as Courier's destination (it was empty). It is on ${kind}: if that is not the NAS, delete ${root}/.courier-share.json and mount the NAS.`,
        ) + '\n',
      ),
  });
  if (o.json) process.stdout.write(JSON.stringify(summary) + '\n');
  if (!summary.reachable) {
    process.stderr.write(
      `courier: the destination ${summary.dest} cannot be used: ${summary.message ?? 'unreachable'}\nThe jobs stay queued and will be pushed when it is back (run \`courier push\` again).\n`,
    );
    return EXIT.push;
  }
  if (summary.failed > 0) return EXIT.push;
  const unassigned = summary.unassigned ?? 0;
  if (unassigned > 0) {
    process.stderr.write(
      `courier: ${unassigned} ready ${unassigned === 1 ? 'file was' : 'files were'} not pushed: no cohort or no protocol year. They stay queued; ingest them again with --cohort and --year (and --force), or set both in the settings and check them again in the window.\n`,
    );
    return EXIT.dataErrors;
  }
  if (summary.pushed === 0 && summary.waiting === 0) process.stderr.write('Nothing to push.\n');
  return EXIT.ok;
}

/** `--check`: the destination's kind and capabilities in plain words; 0 usable, 3 not. */
export async function checkCommand(o: {
  dest?: string;
  home?: string;
  json?: boolean;
}): Promise<number> {
  const { home, settings } = openHome(o.home);
  const s = settings.get();
  const root = resolve(o.dest ?? s.nasPath ?? outboxDir(home));
  const report = await checkDestination(root, s.shares[root] ?? null);
  if (o.json) process.stdout.write(JSON.stringify(report) + '\n');
  else process.stdout.write(report.lines.join('\n') + '\n');
  return report.usable ? EXIT.ok : EXIT.push;
}

export function registerPush(program: Command): void {
  program
    .command('push')
    .description('push every ready job not yet on the NAS, then drain the retry queue')
    .option('--dest <dir>', 'the NAS folder (default: the setting, else the local outbox)')
    .option(
      '--check',
      'say what kind of share the destination is and what it supports; push nothing',
    )
    .option('--json', 'print a summary as JSON')
    .option('--home <dir>', 'Courier data folder')
    .action(async (o: { dest?: string; home?: string; json?: boolean; check?: boolean }) => {
      process.exitCode = o.check ? await checkCommand(o) : await pushCommand(o);
    });
}
