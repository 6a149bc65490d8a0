import { Command, CommanderError } from 'commander';
import { writeFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { exitKind } from '../core/errors';
import { printable } from '../core/names';
import { appVersion } from '../core/paths';
import { shutdownWorkers } from '../core/workers/client';
import { registerFileCommands } from './commands/files';
import { registerFix } from './commands/fix';
import { registerRecipes } from './commands/recipes';
import { registerLedgerCommands } from './commands/ledger';
import { pushCommand, registerPush } from './commands/push';
import { registerSample } from './commands/sample';
import { registerServe } from './commands/serve';
import { registerSubmission } from './commands/submission';
import { registerWatch } from './commands/watch';
import { EXIT } from './exit';
import { chooseCliLang, langOption } from './lang';

/** Builds the `courier` program. */
export function buildProgram(): Command {
  const program = new Command('courier')
    .description(
      'Check clinical cohort CSV data tables offline, convert them to DuckDB, and send only the artifact to the NAS.',
    )
    .version(appVersion(), '-V, --version', 'print the version')
    .option(
      '--lang <lang>',
      "language of messages and hints: en or fr (default: $COURIER_LANG, the setting, or the computer's)",
      langOption,
    )
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    // The language is known before any command prints a word.
    .hook('preAction', (_program, action) => {
      chooseCliLang(action.optsWithGlobals());
    });
  registerFileCommands(program, (o) => pushCommand({ dest: o.dest, home: o.home }));
  registerLedgerCommands(program);
  registerFix(program);
  registerRecipes(program);
  registerPush(program);
  registerServe(program);
  registerSample(program);
  registerSubmission(program);
  registerWatch(program);
  return program;
}

/**
 * For `npm run bench`: peak memory of the whole process (workers and DuckDB included) and the
 * main thread's event-loop delay, written as JSON when COURIER_BENCH_STATS names a file.
 */
function benchStats(): void {
  const file = process.env.COURIER_BENCH_STATS;
  if (!file) return;
  // The histogram records the time between timer ticks, the 10 ms resolution included (an
  // idle loop reads ~10.1 ms): the delay is what exceeds it.
  const resolutionMs = 10;
  const h = monitorEventLoopDelay({ resolution: resolutionMs });
  h.enable();
  const delay = (ns: number): number => Math.max(0, ns / 1e6 - resolutionMs);
  process.on('exit', () => {
    h.disable();
    writeFileSync(
      file,
      JSON.stringify({
        maxRssBytes: process.resourceUsage().maxRSS * 1024,
        eventLoopDelayMs: {
          p99: delay(h.percentile(99)),
          max: delay(h.max),
          mean: delay(h.mean),
        },
      }),
    );
  });
}

/** Entry point: parses argv; usage errors print one line and exit 2. */
export async function main(argv: string[]): Promise<void> {
  benchStats();
  // `courier history --json | head`: a closed pipe ends the command quietly.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  });
  try {
    await buildProgram().parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      process.exitCode = e.exitCode === 0 ? 0 : EXIT.usage;
      return;
    }
    // The core's errors carry plain messages; their code says which exit group they are.
    process.stderr.write(`courier: ${printable((e as Error).message)}\n`);
    process.exitCode = exitKind(e) === 'push' ? EXIT.push : EXIT.usage;
  } finally {
    await shutdownWorkers();
  }
}

await main(process.argv);
