/**
 * The identifier screen: no name, phone, SSN or record number leaves the site unnoticed inside
 * an artifact. It reads each distinct value of every text column once (`phi_values`, see
 * values.ts): one regular expression in DuckDB finds the values a pattern kind may match, a
 * cheaper one those that could hold a name (letters, two words or more, a capital); only those
 * come to JavaScript, in batches, for the spans (patterns.ts, names.ts). Extra columns are also
 * judged by their header (headers.ts). The lines and counts of what was found come from one
 * join per column with findings. The report gets masked examples only, and `mask` lets the
 * profile and the other issues' examples hide the same values.
 */
import type { Issue, PhiKind, Severity } from '../../../shared/report';
import { PHI_KINDS } from '../../../shared/report';
import type { PhiPolicy } from '../../../shared/settings';
import type { TableDefinition } from '../../definitions/schema';
import type { Query } from '../checks';
import type { PlannedColumn } from '../columnPlan';
import { ident, isEmpty, lit } from '../sql';
import { findIdentifiers, maskedText } from './detect';
import { identifierHeader } from './headers';
import type { HeaderMeaning } from './headers';
import { nameLexicon } from './lexicon';
import { maskIdentifier } from './mask';
import type { Span } from './patterns';
import { ANY_PATTERN_SOURCE } from './patterns';
import { VALUES_TABLE } from './values';
import { cellIssue, columnIssue } from './words';

export interface ScreenParams {
  columns: PlannedColumn[];
  definition: TableDefinition | null;
  policy: PhiPolicy;
  /** Called between batches: yields to the worker's messages, throws when cancelled. */
  checkpoint?: () => Promise<void>;
}

export interface ScreenResult {
  issues: Issue[];
  /** A value of a screened column as a report may show it (masked), or null when clean. */
  mask: (column: string, value: string) => string | null;
  /** Distinct values read, and how many of them went to the name recognizer. */
  stats: { values: number; candidates: number; nameCandidates: number; flagged: number };
}

/** Values handed to the recognizer between two checkpoints. */
const BATCH = 2000;
/** Flagged values' numbers written back per INSERT. */
const INSERT_IDS = 100_000;
const CANDIDATES = 'phi_candidates';
/** A value that could hold a name: letters, a second word, and a capital letter somewhere. */
const NAME_CANDIDATE = nameCandidateSql('v');

/** SQL true when the text `expr` could hold a name: letters, two words, a capital somewhere. */
export function nameCandidateSql(expr: string): string {
  return `(regexp_matches(${expr}, '[A-Za-z][^A-Za-z0-9]+[A-Za-z]') AND regexp_matches(${expr}, '[A-Z]'))`;
}

/** SQL true when the text `expr` may hold an identifier of any kind (the screen's own test). */
export function mayHoldIdentifierSql(expr: string): string {
  return `(regexp_matches(${expr}, ${lit(ANY_PATTERN_SOURCE)}) OR ${nameCandidateSql(expr)})`;
}

interface Found {
  /** Rows holding this kind in this column (from the value counts). */
  values: { id: number; v: string; n: number; spans: Span[] }[];
}

/** Screens `phi_values` (filled beforehand) and returns the `possible-phi` issues. */
export async function screenIdentifiers(q: Query, p: ScreenParams): Promise<ScreenResult> {
  const severity: Severity = p.policy === 'warn' ? 'warning' : 'error';
  const issues: Issue[] = [];
  const headerCols = new Map<number, HeaderMeaning>();
  p.columns.forEach((c, j) => {
    if (c.index === null || !(c.extra || p.definition === null)) return;
    const meaning = identifierHeader(c.source || c.name);
    if (meaning) headerCols.set(j, meaning);
  });
  for (const [j, meaning] of headerCols) {
    const issue = await identifierColumn(q, p.columns[j]!, j, meaning, severity);
    if (issue) issues.push(issue);
  }

  const skip = [...headerCols.keys()];
  // The values a pattern may match or that may hold a name, numbered in the order they are
  // read (by column, most frequent first; values with a NUL last, see below): found values
  // go back to DuckDB as numbers.
  await q(
    `CREATE OR REPLACE TEMP TABLE ${CANDIDATES} AS SELECT row_number() OVER (ORDER BY strpos(v, chr(0)) > 0, src, j, p, nm, n DESC, v) AS id, *
     FROM (SELECT src, j, v, n, regexp_matches(v, ${lit(ANY_PATTERN_SOURCE)}) AS p, (${NAME_CANDIDATE}) AS nm
       FROM ${VALUES_TABLE} ${skip.length ? `WHERE NOT (src = 0 AND j IN (${skip.join(', ')}))` : ''})
     WHERE p OR nm`,
  );
  // In batches of BATCH values joined into one string each (with their row counts): handing
  // JavaScript 200,000 rows one by one costs more than finding the identifiers in them.
  const groups = await q(
    `SELECT src, j, p, nm, min(id) AS id, string_agg(v, chr(0) ORDER BY id) AS vs,
       string_agg(n::VARCHAR, ',' ORDER BY id) AS ns
     FROM ${CANDIDATES} WHERE strpos(v, chr(0)) = 0 GROUP BY src, j, p, nm, id // ${BATCH} ORDER BY id`,
  );
  // A value holding the separator (NUL, which CSV text hardly ever has) comes on its own.
  const withNul = await q(`SELECT * FROM ${CANDIDATES} WHERE strpos(v, chr(0)) > 0`);
  const rows = splitBatches(groups);
  if (withNul.length) rows.push(withNul.map(candidate));
  const [total] = await q(`SELECT count(*) AS n FROM ${VALUES_TABLE}`);
  const lexicon = nameLexicon(knownPhrases(p.definition));
  // found[src:j][kind]
  const found = new Map<string, Map<PhiKind, Found>>();
  const flaggedValues = new Map<string, Map<string, Span[]>>();
  let nameCandidates = 0;
  for (const batch of rows) {
    for (const r of batch) {
      const v = String(r.v);
      if (r.nm) nameCandidates++;
      const spans = findIdentifiers(v, { patterns: Boolean(r.p), names: Boolean(r.nm), lexicon });
      if (spans.length === 0) continue;
      const key = `${Number(r.src)}:${Number(r.j)}`;
      const byKind = found.get(key) ?? new Map<PhiKind, Found>();
      found.set(key, byKind);
      for (const kind of new Set(spans.map((s) => s.kind))) {
        const f = byKind.get(kind) ?? { values: [] };
        f.values.push({ id: r.id, v, n: r.n, spans: spans.filter((s) => s.kind === kind) });
        byKind.set(kind, f);
      }
      const col = p.columns[Number(r.j)]!.name;
      const m = flaggedValues.get(col) ?? new Map<string, Span[]>();
      m.set(v, spans);
      flaggedValues.set(col, m);
    }
    await p.checkpoint?.();
  }

  await q(
    'CREATE OR REPLACE TEMP TABLE phi_hits (src TINYINT, j INTEGER, kind VARCHAR, v VARCHAR)',
  );
  const hits = new Map<PhiKind, number[]>();
  for (const byKind of found.values())
    for (const [kind, f] of byKind)
      hits.set(kind, [...(hits.get(kind) ?? []), ...f.values.map((x) => x.id)]);
  for (const [kind, ids] of hits) {
    for (let i = 0; i < ids.length; i += INSERT_IDS)
      await q(
        `INSERT INTO phi_hits SELECT src, j, ${lit(kind)}, v FROM ${CANDIDATES}
         WHERE id IN (SELECT unnest(string_split(${lit(ids.slice(i, i + INSERT_IDS).join(','))}, ','))::BIGINT)`,
      );
  }
  await q(`DROP TABLE IF EXISTS ${CANDIDATES}`);

  const ordered = [...found.keys()].sort(
    (a, b) => Number(a.split(':')[1]) - Number(b.split(':')[1]),
  );
  for (const key of ordered) {
    const [src, j] = key.split(':').map(Number) as [number, number];
    const col = p.columns[j]!;
    const lines = await hitLines(q, col, src, j);
    for (const kind of PHI_KINDS) {
      const f = found.get(key)!.get(kind);
      const l = lines.get(kind);
      if (!f || !l) continue;
      issues.push(
        cellIssue({
          column: col.name,
          kind,
          severity,
          count: l.count,
          lines: l.lines,
          examples: examplesOf(f),
        }),
      );
    }
  }
  await q('DROP TABLE IF EXISTS phi_hits');

  const headerNames = new Set([...headerCols.keys()].map((j) => p.columns[j]!.name));
  const prefixes = new Map<string, Map<string, string>>();
  const mask = (column: string, value: string): string | null => {
    if (headerNames.has(column)) return maskIdentifier('identifier-column', value);
    const m = flaggedValues.get(column);
    if (!m) return null;
    const spans = m.get(value);
    if (spans) return maskedText(value, spans);
    // Examples are cut at 80 characters: find the value they were cut from.
    let byPrefix = prefixes.get(column);
    if (!byPrefix) {
      byPrefix = new Map([...m].map(([v, s]) => [v.slice(0, 80), maskedText(v, s).slice(0, 80)]));
      prefixes.set(column, byPrefix);
    }
    return byPrefix.get(value) ?? null;
  };
  let flagged = 0;
  for (const m of flaggedValues.values()) flagged += m.size;
  return {
    issues,
    mask,
    stats: {
      values: Number(total?.n ?? 0),
      candidates: rows.reduce((a, b) => a + b.length, 0),
      nameCandidates,
      flagged,
    },
  };
}

interface Candidate {
  /** Its number in `phi_candidates`. */
  id: number;
  src: number;
  j: number;
  v: string;
  n: number;
  p: boolean;
  nm: boolean;
}

function candidate(r: Record<string, unknown>): Candidate {
  return {
    id: Number(r.id),
    src: Number(r.src),
    j: Number(r.j),
    v: String(r.v),
    n: Number(r.n),
    p: Boolean(r.p),
    nm: Boolean(r.nm),
  };
}

/** The batches' joined values split again, each with its row count. */
function splitBatches(groups: Record<string, unknown>[]): Candidate[][] {
  return groups.map((g) => {
    const ns = String(g.ns).split(',');
    const [id, src, j, p, nm] = [
      Number(g.id),
      Number(g.src),
      Number(g.j),
      Boolean(g.p),
      Boolean(g.nm),
    ];
    return String(g.vs)
      .split('\0')
      .map((v, i) => ({ id: id + i, src, j, v, n: Number(ns[i]), p, nm }));
  });
}

/** The definition's documented values and codes: known not to be names ("Ryan White"). */
function knownPhrases(def: TableDefinition | null): string[] {
  if (!def) return [];
  const out: string[] = [];
  for (const v of def.variables) {
    for (const x of [...(v.values ?? []), ...(v.codes ?? [])])
      out.push(x.replace(/^\s*\w+\s*=\s*/, '').toLowerCase());
  }
  return out;
}

/** Up to five masked examples, the most frequent values first, each shown once. */
function examplesOf(f: Found): string[] {
  const out = new Set<string>();
  for (const x of [...f.values].sort((a, b) => b.n - a.n)) {
    for (const s of x.spans) out.add(maskIdentifier(s.kind, x.v.slice(s.start, s.end)));
    if (out.size >= 5) break;
  }
  return [...out].slice(0, 5);
}

/** Rows and first lines of each kind found in one column (one join with its flagged values). */
async function hitLines(
  q: Query,
  col: PlannedColumn,
  src: number,
  j: number,
): Promise<Map<PhiKind, { count: number; lines: number[] }>> {
  const join =
    src === 0
      ? `SELECT d._line, h.kind FROM data d JOIN phi_hits h ON h.src = 0 AND h.j = ${j} AND d.${ident(col.name)} = h.v`
      : `SELECT i._line, h.kind FROM _invalid_cells i JOIN phi_hits h ON h.src = 1 AND h.j = ${j} AND i."column" = ${lit(col.name)} AND i.raw = h.v`;
  const rows = await q(
    `SELECT kind, count(*) AS n, list(_line ORDER BY _line) FILTER (WHERE k <= 50) AS lines
     FROM (SELECT kind, _line, row_number() OVER (PARTITION BY kind ORDER BY _line) AS k FROM (${join})) GROUP BY kind`,
  );
  return new Map(
    rows.map((r) => [
      r.kind as PhiKind,
      { count: Number(r.n), lines: ((r.lines as number[] | null) ?? []).map(Number) },
    ]),
  );
}

/** `possible-phi` of kind `identifier-column`: the non-empty cells of a column named for one. */
async function identifierColumn(
  q: Query,
  col: PlannedColumn,
  j: number,
  meaning: HeaderMeaning,
  severity: Severity,
): Promise<Issue | null> {
  const c = ident(col.name);
  const [head] = await q(
    `SELECT count(*) AS n, (SELECT list(_line) FROM (SELECT _line FROM data WHERE NOT ${isEmpty(c)} ORDER BY _line LIMIT 50)) AS lines FROM data WHERE NOT ${isEmpty(c)}`,
  );
  const count = Number(head?.n ?? 0);
  if (count === 0) return null;
  const top = await q(
    `SELECT v FROM ${VALUES_TABLE} WHERE src = 0 AND j = ${j} AND trim(v) <> '' ORDER BY n DESC, v LIMIT 5`,
  );
  return columnIssue({
    column: col.name,
    meaning,
    severity,
    count,
    lines: ((head?.lines as number[] | null) ?? []).map(Number),
    examples: [...new Set(top.map((r) => maskIdentifier('identifier-column', String(r.v))))],
  });
}
