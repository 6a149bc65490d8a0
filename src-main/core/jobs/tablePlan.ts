import type { Issue } from '../../shared/report';
import { applyCohortMapping } from '../definitions/mapping';
import type { TableDefinition } from '../definitions/schema';
import { detectTable } from '../precheck/detect';
import { makeIssue } from '../precheck/issue';
import type { PlannedColumn } from '../precheck/columnPlan';
import { planColumns } from '../precheck/columnPlan';
import { CourierError } from '../errors';
import type { JobOptions } from './runJob';

/** The table a header belongs to and the artifact's columns for it. */
export interface TablePlan {
  def: TableDefinition | null;
  tableName: string | null;
  detected: boolean;
  confidence: number;
  /** The header after the cohort mapping. */
  mapped: { header: string[] };
  columns: PlannedColumn[];
  /** `table-unknown` and the header findings of the plan. */
  issues: Issue[];
}

/** Which table (as told, or detected from the header) and how its columns are laid out. */
export function tablePlan(
  header: string[],
  opts: Pick<JobOptions, 'definitions' | 'table' | 'cohort'>,
): TablePlan {
  const defs = opts.definitions;
  const issues: Issue[] = [];
  let def: TableDefinition | null = null;
  let detected = false;
  let confidence = 1;
  let tableName: string | null = null;
  const generic = applyCohortMapping(header, null, opts.cohort ?? null);
  if (opts.table === 'any') {
    tableName = 'any';
  } else if (opts.table) {
    def = defs.get(opts.table) ?? null;
    if (!def)
      throw new CourierError(
        'usage',
        `Unknown table "${opts.table}". Known tables: ${defs
          .ordered()
          .map((d) => d.table)
          .join(', ')}, or any.`,
      );
    tableName = def.table;
  } else {
    const det = detectTable(generic.header, defs.ordered());
    confidence = det.confidence;
    detected = true;
    if (det.table) {
      def = defs.get(det.table) ?? null;
      tableName = det.table;
    } else {
      const cands = det.candidates;
      issues.push(
        makeIssue('table-unknown', 'error', {
          count: 1,
          lines: [1],
          examples: cands,
          message:
            cands.length > 1
              ? `The header fits several tables equally well: ${cands.join(', ')}.`
              : `The header does not match any known table${cands.length ? ` well enough (closest: ${cands[0]}, ${Math.round(confidence * 100)}% of columns shared)` : ''}.`,
          hint: 'Choose the table yourself (--table in the command line), or check the header against the data definitions.',
        }),
      );
      tableName = null;
    }
  }
  const mapped = def
    ? applyCohortMapping(header, def.table, opts.cohort ?? null)
    : tableName === 'any'
      ? { header, renamed: [] }
      : generic;
  const plan = planColumns(mapped.header, def, mapped.renamed);
  issues.push(...plan.issues);
  const columns = tableName === null ? planColumns(mapped.header, null).columns : plan.columns;
  return { def, tableName, detected, confidence, mapped, columns, issues };
}
