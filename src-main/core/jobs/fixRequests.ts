/**
 * Which fixes a `courier fix` (or the window's Apply) asks for, from the unfixed job's report:
 * named proposals (`RULE:COLUMN`), every proposal (`--all`), a user's code map for a column
 * (`--map COLUMN=FILE.csv`), and rules that need no proposal (`drop-column`, `trim`, …).
 * Mistakes are usage errors in plain words.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { FixRule, Report } from '../../shared/report';
import { FIX_RULES } from '../../shared/report';
import type { FixRequest } from '../convert/fixMap';
import { parseCsv } from '../csv/parse';
import { CourierError } from '../errors';

export interface FixAsk {
  /** `RULE:COLUMN` pairs. */
  apply: string[];
  /** Every proposal of the report. */
  all: boolean;
  /** `COLUMN=FILE.csv`: a two-column CSV (value as found, value it stands for). */
  maps: string[];
}

/** Rules that can be applied without a proposal: they need no params. */
const WITHOUT_PARAMS: ReadonlySet<FixRule> = new Set([
  'drop-column',
  'trim',
  'case-to-documented',
  'decimal-point',
]);

/**
 * Every proposal of a report, one per rule and column (the report's order). Proposals of one
 * rule and column from several issues join their `kinds` (`redact` of a column holding a name
 * and a phone number replaces both).
 */
export function proposalsOf(report: Report): FixRequest[] {
  const out: FixRequest[] = [];
  for (const i of report.issues) {
    if (!i.fix) continue;
    const k = out.findIndex((f) => f.rule === i.fix!.rule && f.column === i.fix!.column);
    if (k < 0) out.push({ rule: i.fix.rule, column: i.fix.column, params: i.fix.params });
    else out[k] = { ...out[k]!, params: joinKinds(out[k]!.params, i.fix.params) };
  }
  return out;
}

function joinKinds(a: FixRequest['params'], b: FixRequest['params']): FixRequest['params'] {
  const ka = a.kinds;
  const kb = b.kinds;
  if (!Array.isArray(ka) || !Array.isArray(kb)) return a;
  return { ...a, kinds: [...new Set([...ka, ...kb])] };
}

/** The fixes asked for, checked against the report's proposals and columns. */
export function chooseFixes(report: Report, ask: FixAsk): FixRequest[] {
  const proposals = proposalsOf(report);
  const out: FixRequest[] = ask.all ? [...proposals] : [];
  const add = (f: FixRequest): void => {
    const k = out.findIndex((x) => x.rule === f.rule && x.column === f.column);
    if (k >= 0) out[k] = f;
    else out.push(f);
  };
  for (const a of ask.apply) {
    const m = /^([a-z-]+):(.+)$/.exec(a);
    if (!m || !(FIX_RULES as readonly string[]).includes(m[1]!))
      throw new CourierError(
        'usage',
        `--apply ${a}: expected RULE:COLUMN with a rule among ${FIX_RULES.join(', ')}.`,
      );
    const rule = m[1] as FixRule;
    const column = m[2]!;
    const proposal = proposals.find((p) => p.rule === rule && p.column === column);
    if (proposal) add(proposal);
    else if (WITHOUT_PARAMS.has(rule)) add({ rule, column, params: {} });
    else
      throw new CourierError(
        'usage',
        `--apply ${a}: the report proposes no ${rule} fix for "${column}". Proposals: ${proposals.map((p) => `${p.rule}:${p.column}`).join(', ') || 'none'}.`,
      );
  }
  for (const m of ask.maps) add(mapFix(m));
  return out;
}

/** `COLUMN=FILE.csv` as a map-values fix. */
function mapFix(arg: string): FixRequest {
  const k = arg.indexOf('=');
  if (k <= 0 || k === arg.length - 1)
    throw new CourierError('usage', `--map ${arg}: expected COLUMN=FILE.csv.`);
  const column = arg.slice(0, k);
  const file = arg.slice(k + 1);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new CourierError('usage', `--map ${arg}: cannot read ${file}.`);
  }
  return { rule: 'map-values', column, params: { map: readCodeMap(text, basename(file)) } };
}

/**
 * A code map from a two-column CSV: each row a value as found and the value it stands for. A
 * first row naming the columns (`from,to`, or any header that is not a code of the map) is
 * skipped when it says `from`.
 */
export function readCodeMap(text: string, name: string): Record<string, string> {
  const parsed = parseCsv(text.replace(/^\uFEFF/, ''));
  const rows: { line: number; values: string[] | null }[] = [
    ...(parsed.header ? [{ line: parsed.headerLine, values: parsed.header }] : []),
    ...parsed.records
      .filter((r) => r.fields > 1 || (r.values?.[0] ?? r.raw ?? '') !== '')
      .map((r) => ({ line: r.line, values: r.values ?? null })),
  ];
  const map: Record<string, string> = {};
  for (const [i, r] of rows.entries()) {
    if (!r.values || r.values.length !== 2)
      throw new CourierError(
        'usage',
        `${name}, line ${r.line}: expected two columns (the value as found, the value it stands for).`,
      );
    const [from, to] = r.values as [string, string];
    if (i === 0 && from.trim().toLowerCase() === 'from') continue;
    if (from in map && map[from] !== to)
      throw new CourierError('usage', `${name}, line ${r.line}: "${from}" is mapped twice.`);
    map[from] = to;
  }
  if (Object.keys(map).length === 0)
    throw new CourierError('usage', `${name}: the code map is empty.`);
  return map;
}
