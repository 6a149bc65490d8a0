import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { existsSync, writeFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  bundledDefinitionsDir,
  DefinitionError,
  loadDefinitions,
} from '../core/definitions/loader';
import type { JobResult } from '../core/jobs/runJob';
import { preparePatients } from '../core/jobs/patients';
import { runJob } from '../core/jobs/runJob';
import { appVersion, resolveHome } from '../core/paths';
import { formatResult } from './format';
import { clearProgress, progressPrinter } from './progress';

/** Exit codes of Contract 5. */
export const EXIT = { ok: 0, dataErrors: 1, usage: 2, push: 3 } as const;

interface FileOptions {
  table?: string;
  cohort?: string;
  year?: number;
  site?: string;
  definitions?: string;
  patients?: string;
  json?: boolean;
  home?: string;
}

function parseYear(v: string): number {
  const n = Number(v);
  if (!/^\d{4}$/.test(v) || n < 2000 || n > 2100)
    throw new InvalidArgumentError('a four-digit protocol year, e.g. 2025');
  return n;
}

function addFileOptions(cmd: Command): Command {
  return cmd
    .option(
      '--table <table>',
      'the table (patient, laboratory, …), or "any" for structure checks only; detected from the header when omitted',
    )
    .option('--cohort <name>', 'the cohort, e.g. "UW - Seattle" (selects its column mapping)')
    .option('--year <year>', 'the protocol year, e.g. 2025', parseYear)
    .option('--site <site>', 'the site name recorded in the manifest')
    .option(
      '--patients <file>',
      "the submission's patient table (CSV or its .duckdb artifact) for the cross-table ID check",
    )
    .option(
      '--definitions <dir>',
      'a folder of data definitions that replace or extend the bundled ones',
    )
    .option(
      '--json',
      'print one JSON report per file (JSON Lines) on stdout; progress goes to stderr',
    )
    .option(
      '--home <dir>',
      "Courier data folder (default: $COURIER_HOME or the desktop app's data folder)",
    );
}

/** Exit code for one job, per Contract 5. */
function exitFor(r: JobResult & { unreadable?: boolean }): number {
  if (r.unreadable) return EXIT.usage;
  if (r.stage === 'failed' && !r.report) return EXIT.usage;
  if (r.report?.status === 'fail' || r.stage === 'blocked' || r.stage === 'failed')
    return EXIT.dataErrors;
  return EXIT.ok;
}

async function runFiles(
  files: string[],
  o: FileOptions & { out?: string },
  keepArtifact: boolean,
): Promise<number> {
  const home = resolveHome(o.home);
  let definitions;
  try {
    definitions = await loadDefinitions([
      bundledDefinitionsDir(),
      ...(o.definitions ? [resolve(o.definitions)] : []),
    ]);
  } catch (e) {
    if (e instanceof DefinitionError) {
      process.stderr.write(`courier: the data definitions have mistakes:\n${e.message}\n`);
      return EXIT.usage;
    }
    throw e;
  }
  if (o.table && o.table !== 'any' && !definitions.get(o.table)) {
    process.stderr.write(
      `courier: unknown table "${o.table}". Known tables: ${definitions
        .ordered()
        .map((d) => d.table)
        .join(', ')}, or any.\n`,
    );
    return EXIT.usage;
  }
  let patients: { artifact: string; release: () => Promise<void> } | null = null;
  if (o.patients) {
    const p = resolve(o.patients);
    if (!existsSync(p)) {
      process.stderr.write(`courier: ${o.patients}: no such file.\n`);
      return EXIT.usage;
    }
    try {
      patients = await preparePatients(p, { home, definitions, cohort: o.cohort ?? null });
    } catch (e) {
      process.stderr.write(`courier: ${(e as Error).message}\n`);
      return EXIT.usage;
    }
  }
  const controller = new AbortController();
  const stop = (): void => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  let code: number = EXIT.ok;
  try {
    for (const file of files) {
      if (controller.signal.aborted) break;
      const path = resolve(file);
      const result = await runJob(path, {
        home,
        definitions,
        table: o.table ?? null,
        cohort: o.cohort ?? null,
        protocolYear: o.year ?? null,
        site: o.site ?? null,
        keepArtifact,
        outDir: o.out ? resolve(o.out) : null,
        onProgress: progressPrinter(file),
        signal: controller.signal,
        patientsArtifact: patients?.artifact ?? null,
      });
      clearProgress();
      if (o.json) {
        if (result.report) process.stdout.write(JSON.stringify(result.report) + '\n');
        if (!result.report || result.error)
          process.stderr.write(`courier: ${file}: ${result.error ?? result.stage}\n`);
      } else process.stderr.write(formatResult(result) + '\n');
      code = Math.max(code, exitFor(result));
    }
  } finally {
    await patients?.release();
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
  return code;
}

function rendererDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'out', 'renderer');
    if (existsSync(join(candidate, 'index.html'))) return candidate;
    dir = dirname(dir);
  }
  return join(process.cwd(), 'out', 'renderer');
}

/** Builds the `courier` program (exported for tests). */
export function buildProgram(): Command {
  const program = new Command('courier')
    .description(
      'Check clinical cohort CSV data tables offline, convert them to DuckDB, and send only the artifact to the NAS.',
    )
    .version(appVersion(), '-V, --version', 'print the version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();

  addFileOptions(
    program
      .command('precheck')
      .description(
        'check files against the data definitions and print a report; no artifact is kept',
      )
      .argument('<file...>', 'CSV files'),
  ).action(async (files: string[], o: FileOptions) => {
    process.exitCode = await runFiles(files, o, false);
  });

  addFileOptions(
    program
      .command('ingest')
      .description(
        'check and convert files to verified DuckDB artifacts kept in the Courier data folder',
      )
      .argument('<file...>', 'CSV files')
      .option('--out <dir>', 'also write a copy of each artifact and its report here'),
  ).action(async (files: string[], o: FileOptions & { out?: string }) => {
    process.exitCode = await runFiles(files, o, true);
  });

  program
    .command('serve')
    .description(
      'browser mode: serve the Courier window on 127.0.0.1 and print its URL (with its access token)',
    )
    .addOption(
      new Option('--port <n>', 'port (default: a free one)').argParser((v) => {
        const n = Number(v);
        if (!Number.isInteger(n) || n < 0 || n > 65535)
          throw new InvalidArgumentError('a port number');
        return n;
      }),
    )
    .option('--home <dir>', 'Courier data folder')
    .action(async (o: { port?: number; home?: string }) => {
      const { startServer } = await import('../core/server/index');
      const dir = rendererDir();
      if (!existsSync(join(dir, 'index.html'))) {
        process.stderr.write('courier: the window is not built yet. Run `npm run build` first.\n');
        process.exitCode = EXIT.usage;
        return;
      }
      resolveHome(o.home);
      const server = await startServer({
        port: o.port ?? 0,
        rendererDir: dir,
        version: appVersion(),
      });
      process.stdout.write(
        `Courier is running in browser mode. Open this link in your browser:\n${server.url}\n`,
      );
      const stop = (): void => {
        void server.close().then(() => process.exit(0));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });

  return program;
}

/**
 * For `npm run bench`: peak memory of the whole process (workers and DuckDB included) and the
 * main thread's event-loop delay, written as JSON when COURIER_BENCH_STATS names a file.
 */
function benchStats(): void {
  const file = process.env.COURIER_BENCH_STATS;
  if (!file) return;
  const h = monitorEventLoopDelay({ resolution: 10 });
  h.enable();
  process.on('exit', () => {
    h.disable();
    writeFileSync(
      file,
      JSON.stringify({
        maxRssBytes: process.resourceUsage().maxRSS * 1024,
        eventLoopDelayMs: { p99: h.percentile(99) / 1e6, max: h.max / 1e6, mean: h.mean / 1e6 },
      }),
    );
  });
}

/** Entry point: parses argv and maps usage errors to exit code 2. */
export async function main(argv: string[]): Promise<void> {
  benchStats();
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      process.exitCode = e.exitCode === 0 ? 0 : EXIT.usage;
      return;
    }
    process.stderr.write(`courier: ${(e as Error).message}\n`);
    process.exitCode = EXIT.usage;
  }
}

await main(process.argv);
