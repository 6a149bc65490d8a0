/**
 * The fix pass: a fixed artifact written from an unfixed one (never from the CSV, which may be
 * gone), in the convert worker's DuckDB session. The fixed values go into `data`, cells that
 * now fit their type leave `_invalid_cells`, and every changed cell is recorded in `_fixes
 * (_line, column, original, fixed, rule)`, so the artifact plus `_fixes` still holds every
 * source value. One read of each table and one rewrite of `data`; the checks then run on the
 * result as on any artifact (ArtifactBuilder.build).
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { AppliedFix } from '../../shared/report';
import type { PlannedColumn } from '../precheck/columnPlan';
import { ident, lit, sqlType, typedExpr } from '../precheck/sql';
import type { FixTarget, ResolvedFix } from './fixMap';
import { buildFixMap, resolveFixes } from './fixMap';

export interface FixPassParams extends FixTarget {
  /** The unfixed artifact. */
  source: string;
  /**
   * Where the originals of rules that keep none in the artifact (`redact`) go: a local,
   * owner-only DuckDB file, never pushed. Required when such a rule is asked for.
   */
  privateStore: string | null;
}

export interface FixPassResult {
  /** The fixes that changed cells, each with its count (counts only, never values). */
  applied: AppliedFix[];
  /** Fixes that changed nothing, and why (none of their cells could be transformed, …). */
  unchanged: { rule: AppliedFix['rule']; column: string; reason: string }[];
  /** The fixed artifact's columns (a dropped column is gone). */
  columns: PlannedColumn[];
  cells: number;
}

/**
 * Lines rewritten per statement where typed cells are fixed: each slice joins its rows of
 * `data` with its few rows of `_invalid_cells` (both stored in line order, so a slice reads
 * only its own row groups) in a hash table that stays small, instead of one join of two
 * 20-million-row tables that spills to disk (4.4 s against 3.2 s on 2 M rows, as fast as a copy).
 */
const LINE_SLICE = 2 * 1024 * 1024;

/** Writes the fixed artifact's tables into the open (empty) database from `p.source`. */
export async function runFixPass(conn: DuckDBConnection, p: FixPassParams): Promise<FixPassResult> {
  const fixes = resolveFixes(p);
  // An identifier column the screen found (drop-column with `identifiers`) leaves no cell in
  // the artifact at all: its originals go to the private store, as redact's do.
  const hiddenDrops = new Set(
    fixes
      .filter((f) => f.spec.kind === 'column' && f.params.identifiers === true)
      .map((f) => f.column),
  );
  const private_ = fixes.filter((f) => !f.spec.keepsOriginal || hiddenDrops.has(f.column));
  if (private_.length && !p.privateStore)
    throw new Error('runFixPass: a rule that keeps no original needs a private store');
  await conn.run(`ATTACH ${lit(p.source)} AS src (READ_ONLY)`);
  try {
    const notes = await buildFixMap(conn, 'src', p, fixes);
    const dropped = new Set(fixes.filter((f) => f.spec.kind === 'column').map((f) => f.column));
    const kept = p.columns.filter((c) => !dropped.has(c.name));
    const noOriginal = private_.filter((f) => !f.spec.keepsOriginal).map((f) => f.rule);
    await writeFixes(conn, fixes, dropped, noOriginal, hiddenDrops);
    if (private_.length) await keepOriginals(conn, fixes, p.privateStore!, noOriginal, hiddenDrops);
    await writeData(conn, kept, fixes);
    await conn.run(
      'CREATE TABLE _invalid_cells AS SELECT i._line, i."column", i.raw FROM src._invalid_cells i LEFT JOIN (SELECT col, "from" FROM fixmap WHERE typed) m ON m.col = i."column" AND m."from" = i.raw WHERE m."from" IS NULL',
    );
    await conn.run('CREATE TABLE _rejected_rows AS SELECT * FROM src._rejected_rows');
    await conn.run('CREATE TABLE _oversized_rows AS SELECT * FROM src._oversized_rows');
    const counts = (
      await conn.runAndReadAll(
        'SELECT "column" AS c, rule AS r, count(*) AS n FROM _fixes GROUP BY ALL',
      )
    ).getRowObjectsJS();
    const cellsOf = (f: ResolvedFix): number =>
      Number(counts.find((x) => x.c === f.column && x.r === f.rule)?.n ?? 0);
    const applied: AppliedFix[] = [];
    const unchanged: FixPassResult['unchanged'] = [];
    for (const f of fixes) {
      const cells = cellsOf(f);
      if (cells > 0) applied.push({ rule: f.rule, column: f.column, params: f.params, cells });
      else
        unchanged.push({
          rule: f.rule,
          column: f.column,
          reason:
            notes.get(f) ??
            `No value of "${f.column}" could be changed by ${f.rule}: they are left as they were.`,
        });
    }
    await conn.run('DROP TABLE IF EXISTS fixmap');
    await conn.run('DROP TABLE IF EXISTS known_ids');
    return { applied, unchanged, columns: kept, cells: applied.reduce((n, a) => n + a.cells, 0) };
  } finally {
    await conn.run('DETACH src');
  }
}

/**
 * The SELECTs of every changed cell as `(_line, "column", original, fixed, rule)`: typed cells
 * from `_invalid_cells`, text cells from `data` (both joined by value with the small map),
 * and every non-empty cell of a dropped column.
 */
function changedCells(
  fixes: ResolvedFix[],
  dropped: ReadonlySet<string>,
  original: (raw: string) => string,
  hiddenDrops: ReadonlySet<string> = new Set(),
): string[] {
  const parts: string[] = [];
  const typed = [
    ...new Set(fixes.filter((f) => f.typed && f.spec.kind === 'value').map((f) => f.column)),
  ];
  if (typed.length)
    parts.push(
      `SELECT i._line, i."column", ${original('i.raw')} AS original, m."to" AS fixed, m.rule FROM src._invalid_cells i JOIN (SELECT * FROM fixmap WHERE typed) m ON m.col = i."column" AND m."from" = i.raw WHERE i."column" IN (${typed.map(lit).join(', ')})`,
    );
  const text = [
    ...new Set(fixes.filter((f) => !f.typed && f.spec.kind === 'value').map((f) => f.column)),
  ];
  for (const c of text)
    parts.push(
      `SELECT d._line, ${lit(c)} AS "column", ${original(`d.${ident(c)}`)} AS original, m."to" AS fixed, m.rule FROM src.data d JOIN (SELECT "from", "to", rule FROM fixmap WHERE col = ${lit(c)}) m ON m."from" = d.${ident(c)}`,
    );
  for (const c of dropped)
    parts.push(
      `SELECT _line, ${lit(c)} AS "column", ${hiddenDrops.has(c) ? 'NULL::VARCHAR' : `${ident(c)}::VARCHAR`} AS original, NULL::VARCHAR AS fixed, 'drop-column' AS rule FROM src.data WHERE ${ident(c)} IS NOT NULL`,
    );
  return parts;
}

/** `_fixes`: every changed cell, its original NULL for rules that keep it only locally. */
async function writeFixes(
  conn: DuckDBConnection,
  fixes: ResolvedFix[],
  dropped: ReadonlySet<string>,
  noOriginal: string[],
  hiddenDrops: ReadonlySet<string>,
): Promise<void> {
  await conn.run(
    'CREATE TABLE _fixes (_line BIGINT, "column" VARCHAR, original VARCHAR, fixed VARCHAR, rule VARCHAR)',
  );
  const hidden = noOriginal.length ? `m.rule IN (${noOriginal.map(lit).join(', ')})` : null;
  for (const sql of changedCells(
    fixes,
    dropped,
    (raw) => (hidden ? `CASE WHEN ${hidden} THEN NULL ELSE ${raw} END` : raw),
    hiddenDrops,
  ))
    await conn.run(`INSERT INTO _fixes ${sql}`);
}

/** The originals of the cells whose rule keeps none in the artifact, in the private store. */
async function keepOriginals(
  conn: DuckDBConnection,
  fixes: ResolvedFix[],
  store: string,
  noOriginal: string[],
  hiddenDrops: ReadonlySet<string>,
): Promise<void> {
  await conn.run(`ATTACH ${lit(store)} AS private`);
  try {
    await conn.run(
      'CREATE TABLE private.originals (_line BIGINT, "column" VARCHAR, original VARCHAR, rule VARCHAR)',
    );
    const mine = fixes.filter((f) => noOriginal.includes(f.rule));
    const rules = [...noOriginal, ...(hiddenDrops.size ? ['drop-column'] : [])];
    for (const sql of changedCells(mine, hiddenDrops, (raw) => raw))
      await conn.run(
        `INSERT INTO private.originals SELECT _line, "column", original, rule FROM (${sql}) WHERE rule IN (${rules.map(lit).join(', ')})`,
      );
    await conn.run('CHECKPOINT private');
  } finally {
    await conn.run('DETACH private');
  }
}

/** The new `data`: the kept columns, fixed values in place, in slices of lines when typed cells change. */
async function writeData(
  conn: DuckDBConnection,
  kept: PlannedColumn[],
  fixes: ResolvedFix[],
): Promise<void> {
  const values = fixes.filter((f) => f.spec.kind === 'value');
  const textCols = [...new Set(values.filter((f) => !f.typed).map((f) => f.column))];
  const typedCols = [...new Set(values.filter((f) => f.typed).map((f) => f.column))];
  const select: string[] = [];
  for (const c of kept) {
    const q = ident(c.name);
    const t = textCols.indexOf(c.name);
    const y = typedCols.indexOf(c.name);
    if (t >= 0)
      select.push(
        `CASE WHEN m${t}."from" IS NOT NULL THEN nullif(m${t}."to", '') ELSE d.${q} END AS ${q}`,
      );
    else if (y >= 0)
      select.push(
        `CASE WHEN t${y}._line IS NOT NULL THEN (${typedExpr(`t${y}."to"`, c.type)})::${sqlType(c.type)} ELSE d.${q} END AS ${q}`,
      );
    else select.push(`d.${q}`);
  }
  select.push('d._line');
  const columns = [...kept.map((c) => ident(c.name)), '_line'].join(', ');
  // The table first, with the source's own types.
  await conn.run(`CREATE TABLE data AS SELECT ${columns} FROM src.data LIMIT 0`);
  const joinsFor = (rangeI: string): string =>
    [
      ...textCols.map(
        (c, k) =>
          `LEFT JOIN (SELECT "from", "to" FROM fixmap WHERE col = ${lit(c)}) m${k} ON m${k}."from" = d.${ident(c)}`,
      ),
      ...typedCols.map(
        (c, k) =>
          `LEFT JOIN (SELECT i._line, m."to" FROM src._invalid_cells i JOIN (SELECT "from", "to" FROM fixmap WHERE col = ${lit(c)}) m ON m."from" = i.raw WHERE i."column" = ${lit(c)}${rangeI}) t${k} ON t${k}._line = d._line`,
      ),
    ].join(' ');
  const insert = (where: string, whereI: string): Promise<void> =>
    conn
      .run(
        `INSERT INTO data SELECT ${select.join(', ')} FROM (SELECT * FROM src.data${where ? ` WHERE ${where}` : ''}) d ${joinsFor(whereI)}`,
      )
      .then(() => undefined);
  if (typedCols.length === 0) {
    await insert('', '');
    return;
  }
  const [b] = (
    await conn.runAndReadAll('SELECT min(_line) AS lo, max(_line) AS hi FROM src.data')
  ).getRowObjectsJS();
  const lo = Number(b?.lo ?? 0);
  const hi = Number(b?.hi ?? -1);
  for (let a = lo; a <= hi; a += LINE_SLICE) {
    const b = a + LINE_SLICE;
    await insert(`_line >= ${a} AND _line < ${b}`, ` AND i._line >= ${a} AND i._line < ${b}`);
  }
}
