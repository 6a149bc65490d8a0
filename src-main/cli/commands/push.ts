import type { Command } from 'commander';
import { pushReady } from '../../core/push/queue';
import type { PushSummary } from '../../core/push/queue';
import { openHome } from '../context';
import { EXIT } from '../exit';

/** Pushes every ready job and drains the queue; returns the exit code (3 when it could not). */
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
    onJob: (job, outcome) => process.stderr.write(`${job.source.name}: ${outcome.message}\n`),
  });
  if (o.json) process.stdout.write(JSON.stringify(summary) + '\n');
  if (!summary.reachable) {
    process.stderr.write(
      `courier: the destination ${summary.dest} cannot be used: ${summary.message ?? 'unreachable'}\nThe jobs stay queued and will be pushed when it is back (run \`courier push\` again).\n`,
    );
    return EXIT.push;
  }
  if (summary.failed > 0) return EXIT.push;
  if (summary.pushed === 0 && summary.waiting === 0) process.stderr.write('Nothing to push.\n');
  return EXIT.ok;
}

export function registerPush(program: Command): void {
  program
    .command('push')
    .description('push every ready job not yet on the NAS, then drain the retry queue')
    .option('--dest <dir>', 'the NAS folder (default: the setting, else the local outbox)')
    .option('--json', 'print a summary as JSON')
    .option('--home <dir>', 'Courier data folder')
    .action(async (o: { dest?: string; home?: string; json?: boolean }) => {
      process.exitCode = await pushCommand(o);
    });
}
