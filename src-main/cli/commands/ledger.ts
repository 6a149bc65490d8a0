import type { Command } from 'commander';
import { JobIdError, MIN_ID_PREFIX } from '../../core/ledger/jobLookup';
import type { JobRecord, Ledger } from '../../core/ledger/ledger';
import { overrideJob } from '../../core/jobs/decisions';
import { printable } from '../../core/names';
import { submissionBoard } from '../../core/ledger/submission';
import { supersededBy } from '../../core/ledger/versions';
import { definitionsFor, openHome } from '../context';
import { EXIT } from '../exit';
import { CourierError } from '../../core/errors';
import { parseYear } from './files';

/**
 * `courier history --json` line: Contract 5's fields, and a few more (`supersedes`: the job
 * this one is a newer version of; `supersededBy`: the newer version that replaces it).
 */
export function historyLine(j: JobRecord, supersededBy: string | null): Record<string, unknown> {
  return {
    id: j.id,
    source: {
      name: j.source.name,
      path: j.source.path,
      bytes: j.source.bytes,
      sha256: j.source.sha256,
    },
    table: j.table,
    cohort: j.cohort,
    protocolYear: j.protocolYear,
    stage: j.stage,
    rows: j.rows,
    rowsRejected: j.rowsRejected,
    issues: j.issues,
    duplicateOf: j.duplicateOf,
    supersedes: j.supersedesJob,
    supersededBy,
    createdAt: j.createdAt,
    pushedAt: j.pushedAt,
    error: j.error,
    override: j.override,
    push: {
      dest: j.push.dest,
      local: j.push.local,
      attempts: j.push.attempts,
      lastError: j.push.lastError,
    },
  };
}

/** The job `id` names (its whole id or an unambiguous beginning); anything else is a usage error. */
function jobById(ledger: Ledger, id: string): JobRecord {
  try {
    const job = ledger.job(id);
    if (job) return job;
  } catch (e) {
    if (e instanceof JobIdError)
      throw new CourierError('usage', `${e.message} See \`courier history\`.`);
    throw e;
  }
  throw new CourierError('usage', `no job "${id}". See \`courier history\`.`);
}

function pad(s: string, n: number): string {
  return s.length > n ? s.slice(0, n - 1) + '…' : s.padEnd(n);
}

export function registerLedgerCommands(program: Command): void {
  program
    .command('history')
    .description('every file ever processed, newest first')
    .option('--json', 'one JSON object per job (JSON Lines)')
    .option('--home <dir>', 'Courier data folder')
    .action((o: { json?: boolean; home?: string }) => {
      const { ledger } = openHome(o.home);
      const jobs = ledger.jobs().reverse();
      const replaced = supersededBy(jobs.slice().reverse());
      if (o.json) {
        for (const j of jobs)
          process.stdout.write(JSON.stringify(historyLine(j, replaced.get(j.id) ?? null)) + '\n');
        return;
      }
      if (jobs.length === 0) {
        process.stdout.write('No files processed yet.\n');
        return;
      }
      process.stdout.write(
        `${pad('when', 17)} ${pad('file', 28)} ${pad('table', 14)} ${pad('stage', 12)} ${'rows'.padStart(10)}  id\n`,
      );
      for (const j of jobs) {
        const dup = j.duplicateOf ? ' (duplicate)' : replaced.has(j.id) ? ' (replaced)' : '';
        process.stdout.write(
          `${pad(j.createdAt.slice(0, 16).replace('T', ' '), 17)} ${pad(printable(j.source.name), 28)} ${pad(j.table ?? '-', 14)} ${pad(j.stage + dup, 12)} ${String(j.rows ?? '-').padStart(10)}  ${j.id}\n`,
        );
      }
    });

  program
    .command('status')
    .description("the submission's tables and the push queue")
    .option('--cohort <name>', 'the cohort (default: the setting)')
    .option('--year <year>', 'the protocol year (default: the setting)', parseYear)
    .option('--json', 'print the status as one JSON object')
    .option('--home <dir>', 'Courier data folder')
    .action(async (o: { cohort?: string; year?: number; json?: boolean; home?: string }) => {
      const { ledger, settings } = openHome(o.home);
      const s = settings.get();
      const defs = await definitionsFor(s.definitionsDir);
      const board = submissionBoard(ledger, defs, o.cohort ?? s.cohort, o.year ?? s.protocolYear);
      if (o.json) {
        process.stdout.write(JSON.stringify(board) + '\n');
        return;
      }
      process.stdout.write(
        `Submission: ${board.cohort ?? '(no cohort set)'} ${board.protocolYear ?? '(no year set)'}\n`,
      );
      for (const t of board.tables) {
        const detail = t.reason
          ? ` — ${t.reason}`
          : t.rows !== null
            ? ` — ${t.rows.toLocaleString('en-US')} rows, ${t.files} file(s)`
            : '';
        process.stdout.write(`  ${pad(t.table, 26)} ${t.status}${detail}\n`);
      }
      if (board.unknownPatientIds > 0)
        process.stdout.write(
          `  ${board.unknownPatientIds} patient IDs are not in the patient table.\n`,
        );
      process.stdout.write(`Push queue: ${board.queue} job(s) waiting.\n`);
    });

  program
    .command('override')
    .description(
      'let a blocked job be pushed despite its errors; recorded in the manifest and audit log',
    )
    .argument(
      '<job-id>',
      `the job: its id as \`courier history\` shows it, or the first ${MIN_ID_PREFIX} or more characters of it`,
    )
    .requiredOption('--reason <text>', 'why the job should be sent anyway')
    .option('--home <dir>', 'Courier data folder')
    .action((id: string, o: { reason: string; home?: string }) => {
      const { ledger } = openHome(o.home);
      const job = jobById(ledger, id);
      overrideJob(ledger, job, o.reason);
      process.stderr.write(
        `Job ${job.id} (${printable(job.source.name)}) may now be pushed; the override is recorded.\n`,
      );
      process.exitCode = EXIT.ok;
    });
}
