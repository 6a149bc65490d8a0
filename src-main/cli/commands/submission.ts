/**
 * The submission as a whole: `courier unavailable` (a table the site will not send, and why),
 * `courier submit` (push what is ready, then declare the submission on the NAS) and
 * `courier compare` (this year against another).
 */
import type { Command } from 'commander';
import { resolve } from 'node:path';
import { CourierError } from '../../core/errors';
import { markNotAvailable } from '../../core/jobs/decisions';
import { printable } from '../../core/names';
import type { Comparison } from '../../core/submission/compare';
import { compareSubmission, exportPatientChanges } from '../../core/submission/compare';
import { submitSubmission } from '../../core/submission/submit';
import { definitionsFor, openHome } from '../context';
import { EXIT } from '../exit';
import { parseYear } from './files';

interface SubmissionOptions {
  cohort?: string;
  year?: number;
  home?: string;
  json?: boolean;
}

/** The submission named by the options, or the settings'; both are needed. */
function submissionOf(
  o: SubmissionOptions,
  s: { cohort: string | null; protocolYear: number | null },
): { cohort: string; protocolYear: number } {
  const cohort = o.cohort ?? s.cohort;
  const protocolYear = o.year ?? s.protocolYear;
  if (!cohort || protocolYear === null)
    throw new CourierError(
      'usage',
      'which submission? Give --cohort and --year (or set the cohort and protocol year in the settings).',
    );
  return { cohort, protocolYear };
}

function say(line: string): void {
  process.stderr.write(`${printable(line)}\n`);
}

function pctText(n: number | null): string {
  return n === null ? '—' : `${n > 0 ? '+' : ''}${n}%`;
}

/** The comparison in a few lines per table, for a terminal. */
function printComparison(c: Comparison): void {
  process.stdout.write(`${c.cohort} ${c.protocolYear} against ${c.withYear}\n`);
  for (const t of c.tables) {
    if (!t.current && !t.previous) continue;
    const rows = `${t.current?.rows.toLocaleString('en-US') ?? '—'} rows (${c.withYear}: ${t.previous?.rows.toLocaleString('en-US') ?? '—'}, ${pctText(t.rowsChangePct)})`;
    const patients =
      t.current?.patients != null || t.previous?.patients != null
        ? `, ${t.current?.patients?.toLocaleString('en-US') ?? '—'} patients (${c.withYear}: ${t.previous?.patients?.toLocaleString('en-US') ?? '—'})`
        : '';
    process.stdout.write(printable(`  ${t.table.padEnd(26)} ${rows}${patients}`) + '\n');
    for (const f of t.findings)
      process.stdout.write(printable(`    WARNING ${f.code}: ${f.message}`) + '\n');
  }
  for (const p of c.problems) process.stdout.write(printable(`  note: ${p}`) + '\n');
}

export function registerSubmission(program: Command): void {
  program
    .command('unavailable')
    .description(
      'mark a table as not available for a submission, with the reason (or withdraw the mark)',
    )
    .argument('<table>', 'the table (patient, laboratory, …)')
    .option('--cohort <name>', 'the cohort (default: the setting)')
    .option('--year <year>', 'the protocol year (default: the setting)', parseYear)
    .option('--reason <text>', 'why the site will not send this table')
    .option('--withdraw', 'the table is expected after all: withdraw the mark')
    .option('--home <dir>', 'Courier data folder')
    .action(
      async (table: string, o: SubmissionOptions & { reason?: string; withdraw?: boolean }) => {
        const { ledger, settings } = openHome(o.home);
        const s = settings.get();
        const defs = await definitionsFor(s.definitionsDir);
        const { cohort, protocolYear } = submissionOf(o, s);
        if (!o.withdraw && (o.reason ?? '').trim().length < 5)
          throw new CourierError(
            'usage',
            'give a reason of at least a few words (--reason), or --withdraw.',
          );
        markNotAvailable(ledger, defs, {
          cohort,
          protocolYear,
          table,
          reason: o.withdraw ? null : o.reason!,
        });
        say(
          o.withdraw
            ? `${table} is expected again for ${cohort} ${protocolYear}.`
            : `${table} is marked not available for ${cohort} ${protocolYear}: ${o.reason!.trim()}`,
        );
        process.exitCode = EXIT.ok;
      },
    );

  program
    .command('submit')
    .description(
      'send what is ready, then declare the submission on the NAS (submission-<n>.json); refused while a table is unaccounted for',
    )
    .option('--cohort <name>', 'the cohort (default: the setting)')
    .option('--year <year>', 'the protocol year (default: the setting)', parseYear)
    .option('--dest <dir>', 'the NAS folder (default: the setting, else the local outbox)')
    .option('--incomplete <reason>', 'declare it although tables are missing, and say why')
    .option('--json', 'print the declaration outcome as one JSON object')
    .option('--home <dir>', 'Courier data folder')
    .action(async (o: SubmissionOptions & { dest?: string; incomplete?: string }) => {
      const { home, ledger, settings } = openHome(o.home);
      const s = settings.get();
      const definitions = await definitionsFor(s.definitionsDir);
      const { cohort, protocolYear } = submissionOf(o, s);
      const r = await submitSubmission({
        ledger,
        settings,
        home,
        definitions,
        cohort,
        protocolYear,
        dest: o.dest ?? null,
        incompleteReason: o.incomplete ?? null,
        onJob: (job, outcome) => say(`${job.source.name}: ${outcome.message}`),
      });
      if (r.unreachable) {
        say(
          `courier: the destination ${r.sent.dest} cannot be used: ${r.sent.message ?? 'unreachable'}`,
        );
        process.exitCode = EXIT.push;
        return;
      }
      const outcome = r.declaration;
      if (o.json) process.stdout.write(JSON.stringify(outcome) + '\n');
      if (!outcome.declared) {
        say(
          `courier: ${cohort} ${protocolYear} is not declared: ${outcome.missing.length} table(s) are neither sent nor marked not available: ${outcome.missing.join(', ')}.`,
        );
        say(
          'Send them, mark them with `courier unavailable <table> --reason …`, or declare it incomplete with --incomplete "why".',
        );
        process.exitCode = EXIT.dataErrors;
        return;
      }
      say(
        `${cohort} ${protocolYear} declared ${outcome.complete ? 'complete' : 'incomplete'}: ${outcome.path}`,
      );
      process.exitCode = EXIT.ok;
    });

  program
    .command('compare')
    .description("this year's submission against another (default: the year before)")
    .option('--cohort <name>', 'the cohort (default: the setting)')
    .option('--year <year>', 'the protocol year (default: the setting)', parseYear)
    .option('--with <year>', 'the year to compare with (default: the year before)', parseYear)
    .option(
      '--dest <dir>',
      'the NAS folder to read a year this computer lacks (default: the setting)',
    )
    .option('--json', 'print the comparison as one JSON object')
    .option(
      '--export-patients <file>',
      'also write the patients lost and added (IDs) to this CSV file on this computer (never sent)',
    )
    .option('--home <dir>', 'Courier data folder')
    .action(
      async (o: SubmissionOptions & { with?: number; dest?: string; exportPatients?: string }) => {
        const { ledger, settings } = openHome(o.home);
        const s = settings.get();
        const definitions = await definitionsFor(s.definitionsDir);
        const { cohort, protocolYear } = submissionOf(o, s);
        const c = await compareSubmission({
          ledger,
          definitions,
          cohort,
          protocolYear,
          withYear: o.with,
          nasRoot: o.dest ?? s.nasPath,
          thresholds: s.compare,
        });
        if (o.json) process.stdout.write(JSON.stringify(c) + '\n');
        else printComparison(c);
        if (o.exportPatients) {
          const n = await exportPatientChanges({
            ledger,
            definitions,
            cohort,
            protocolYear,
            withYear: o.with,
            nasRoot: o.dest ?? s.nasPath,
            dest: resolve(o.exportPatients),
          });
          say(`${n} patients lost or added: ${resolve(o.exportPatients)} (on this computer only).`);
        }
        process.exitCode = EXIT.ok;
      },
    );
}
