import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { DuckDBInstance, version as duckdbVersion } from '@duckdb/node-api';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { ColumnProfile, Issue } from '../../shared/report';
import type { TableDefinition } from '../definitions/schema';
import { duplicateIds, rowChecks, runChecks } from '../precheck/checks';
import type { Query } from '../precheck/checks';
import type { PatientPolicy } from '../precheck/crossTable';
import { crossTableColumn, loadKnownIds, noPatientTable, unknownIds } from '../precheck/crossTable';
import type { PlannedColumn } from '../precheck/plan';
import { ident, isTyped, lit, sqlType, typedExpr } from '../precheck/sql';
import { LINE_COLUMN } from '../scan/normalize';
import { PlainError } from '../workers/protocol';

export interface OpenParams {
  dbPath: string;
  tempDir: string;
  threads: number;
  memoryLimit: string;
}

export interface LoadParams {
  /** The source (fast path) or the normalized UTF-8 file. */
  path: string;
  normalized: boolean;
  delimiter: string;
  /** Number of source columns. */
  columns: number;
  newLine: 'lf' | 'crlf';
  maxRecordBytes: number;
  /** Normalized path only: the rejected records file. */
  rejectedPath?: string;
}

export interface BuildParams {
  columns: PlannedColumn[];
  definition: TableDefinition | null;
  /** Definition column whose distinct values are the patient IDs. */
  patientIdColumn: string | null;
  /** The submission's patient artifact for the cross-table check, if known. */
  patients: { artifact: string; policy: PatientPolicy } | null;
}

export interface BuildResult {
  rowsStored: number;
  rowsRejected: number;
  invalidCells: number;
  issues: Issue[];
  profile: ColumnProfile[];
  patientIds: { column: string; distinct: number; unknown: number } | null;
  /** Where the checking time went (ms), for the benchmark. */
  phases: Record<string, number>;
}

export interface ArtifactInfo {
  bytes: number;
  sha256: string;
  duckdbVersion: string;
}

function plain(v: unknown): unknown {
  if (typeof v === 'bigint') return Number(v);
  if (Array.isArray(v)) return v.map(plain);
  return v;
}

/**
 * One job's DuckDB session, owned by the convert worker: loads the CSV with an explicit
 * dialect, builds the artifact of Contract 2, runs the checks in SQL, and verifies the file.
 */
export class ArtifactBuilder {
  private instance: DuckDBInstance | null = null;
  private conn: DuckDBConnection | null = null;
  private lineExpr = 'rowid + 2';
  private params: OpenParams | null = null;

  async open(p: OpenParams): Promise<void> {
    this.params = p;
    this.instance = await DuckDBInstance.create(p.dbPath, {
      threads: String(p.threads),
      memory_limit: p.memoryLimit,
      temp_directory: p.tempDir,
      // Exact line numbers rely on rows keeping their file order.
      preserve_insertion_order: 'true',
    });
    this.conn = await this.instance.connect();
  }

  readonly query: Query = async (sql) => {
    const reader = await this.c().runAndReadAll(sql);
    return reader.getRowObjectsJS().map((r) => {
      const o: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(r)) o[k] = plain(v);
      return o;
    });
  };

  private c(): DuckDBConnection {
    if (!this.conn) throw new PlainError('internal', 'The database is not open.');
    return this.conn;
  }

  /** Interrupts whatever query is running (cancellation). */
  interrupt(): void {
    this.conn?.interrupt();
  }

  /** Runs `sql`, reporting DuckDB's own progress while it works. */
  private async withProgress(
    sql: string,
    total: number,
    progress?: (d: number, t: number) => void,
  ): Promise<void> {
    const timer = progress
      ? setInterval(() => {
          const pct = this.conn?.progress.percentage ?? -1;
          if (pct >= 0) progress(Math.round((pct / 100) * total), total);
        }, 200)
      : null;
    try {
      await this.c().run(sql);
    } finally {
      if (timer) clearInterval(timer);
    }
  }

  /** Loads every record as text into a temporary `raw` table, in file order. */
  async load(
    p: LoadParams,
    totalBytes: number,
    progress?: (d: number, t: number) => void,
  ): Promise<number> {
    await this.c().run('DROP TABLE IF EXISTS raw');
    const cols: string[] = [];
    if (p.normalized) cols.push(`${lit(LINE_COLUMN)}: 'BIGINT'`);
    for (let i = 0; i < p.columns; i++) cols.push(`'c${i}': 'VARCHAR'`);
    const maxLine = Math.max(2 * 1024 * 1024, p.maxRecordBytes + 64 * 1024);
    const opts = [
      `delim=${lit(p.delimiter)}`,
      `quote='"'`,
      `escape='"'`,
      'header=true',
      'auto_detect=false',
      `columns={${cols.join(', ')}}`,
      `new_line=${p.normalized || p.newLine === 'lf' ? "'\\n'" : "'\\r\\n'"}`,
      'strict_mode=true',
      'null_padding=false',
      'ignore_errors=false',
      `max_line_size=${maxLine}`,
      `buffer_size=${Math.max(32 * 1024 * 1024, 2 * maxLine)}`,
    ];
    await this.withProgress(
      `CREATE TEMP TABLE raw AS SELECT * FROM read_csv(${lit(p.path)}, ${opts.join(', ')})`,
      totalBytes,
      progress,
    );
    this.lineExpr = p.normalized ? ident(LINE_COLUMN) : 'rowid + 2';
    await this.c().run('CREATE OR REPLACE TABLE _rejected_rows (_line BIGINT, raw VARCHAR)');
    if (p.normalized && p.rejectedPath) {
      await this.c().run(
        `INSERT INTO _rejected_rows SELECT * FROM read_csv(${lit(p.rejectedPath)}, delim=',', quote='"', escape='"', header=true, auto_detect=false, columns={'_line': 'BIGINT', 'raw': 'VARCHAR'}, new_line='\\n', strict_mode=true, max_line_size=${maxLine}, buffer_size=${Math.max(32 * 1024 * 1024, 2 * maxLine)}) ORDER BY _line`,
      );
    }
    const [r] = await this.query('SELECT count(*) AS n FROM raw');
    return Number(r?.n ?? 0);
  }

  /** Builds `data`, `_invalid_cells`, runs every check and the profile. */
  async build(p: BuildParams, progress?: (d: number, t: number) => void): Promise<BuildResult> {
    const c = this.c();
    const phases: Record<string, number> = {};
    let t0 = performance.now();
    const lap = (name: string): void => {
      const now = performance.now();
      phases[name] = Math.round(now - t0);
      t0 = now;
    };
    const srcCols = p.columns.map((col) =>
      col.index === null
        ? `NULL::VARCHAR AS ${ident(col.name)}`
        : `c${col.index} AS ${ident(col.name)}`,
    );
    await c.run(
      `CREATE OR REPLACE TEMP VIEW src AS SELECT ${srcCols.join(', ')}, ${this.lineExpr} AS _line FROM raw`,
    );
    const dataCols = p.columns.map(
      (col) =>
        `(${typedExpr(ident(col.name), col.type)})::${sqlType(col.type)} AS ${ident(col.name)}`,
    );
    await c.run(
      `CREATE OR REPLACE TABLE data AS SELECT ${dataCols.join(', ')}, _line::BIGINT AS _line FROM src`,
    );
    lap('dataMs');
    await c.run(
      'CREATE OR REPLACE TABLE _invalid_cells (_line BIGINT, "column" VARCHAR, raw VARCHAR)',
    );
    const typed = p.columns.filter((col) => col.index !== null && isTyped(col.type));
    if (typed.length) {
      const parts = typed.map(
        (col) =>
          `SELECT _line, ${lit(col.name)}, ${ident(col.name)} FROM src WHERE ${ident(col.name)} IS NOT NULL AND (${typedExpr(ident(col.name), col.type)}) IS NULL`,
      );
      await c.run(`INSERT INTO _invalid_cells ${parts.join(' UNION ALL ')} ORDER BY 1`);
    }

    lap('invalidCellsMs');
    const checks = rowChecks(p.columns, p.definition);
    const unique = p.columns.filter((col) => col.variable?.unique && col.index !== null);
    const total = unique.length + 2;
    let done = 0;
    const issues: Issue[] = await runChecks(this.query, checks);
    progress?.(++done, total);
    for (const col of unique) {
      const issue = await duplicateIds(this.query, col.name);
      if (issue) issues.push(issue);
      progress?.(++done, total);
    }
    lap('rulesMs');
    let unknown = 0;
    const cross = crossTableColumn(p.columns);
    if (cross && cross.variable?.inTable) {
      if (p.patients) {
        await loadKnownIds(this.query, p.patients.artifact, cross.variable.inTable.column);
        const r = await unknownIds(this.query, cross.name, p.patients.policy);
        if (r.issue) issues.push(r.issue);
        unknown = r.distinct;
      } else issues.push(noPatientTable(cross.name));
    }
    lap('crossTableMs');
    const profile = await this.profile(p.columns);
    progress?.(total, total);
    lap('profileMs');

    const [counts] = await this.query(
      'SELECT (SELECT count(*) FROM data) AS stored, (SELECT count(*) FROM _rejected_rows) AS rejected, (SELECT count(*) FROM _invalid_cells) AS invalid',
    );
    let patientIds: BuildResult['patientIds'] = null;
    if (
      p.patientIdColumn &&
      p.columns.some((col) => col.name === p.patientIdColumn && col.index !== null)
    ) {
      const [r] = await this.query(
        `SELECT count(DISTINCT ${ident(p.patientIdColumn)}) AS n FROM data`,
      );
      patientIds = { column: p.patientIdColumn, distinct: Number(r?.n ?? 0), unknown };
    }
    lap('countsMs');
    return {
      rowsStored: Number(counts?.stored ?? 0),
      rowsRejected: Number(counts?.rejected ?? 0),
      invalidCells: Number(counts?.invalid ?? 0),
      issues,
      profile,
      patientIds,
      phases,
    };
  }

  /** Per column: filled %, distinct, min/max, top values or a histogram (for the charts). */
  private async profile(columns: PlannedColumn[]): Promise<ColumnProfile[]> {
    if (columns.length === 0) return [];
    const sel = columns.map((col, i) => {
      const c = ident(col.name);
      const hideValues = col.type === 'id';
      return [
        `count(${c}) AS f${i}`,
        `approx_count_distinct(${c}) AS d${i}`,
        hideValues ? `NULL AS lo${i}` : `min(${c})::VARCHAR AS lo${i}`,
        hideValues ? `NULL AS hi${i}` : `max(${c})::VARCHAR AS hi${i}`,
      ].join(', ');
    });
    const [agg] = await this.query(`SELECT count(*) AS n, ${sel.join(', ')} FROM data`);
    const n = Number(agg?.n ?? 0);
    const out: ColumnProfile[] = [];
    for (const [i, col] of columns.entries()) {
      const c = ident(col.name);
      const prof: ColumnProfile = {
        name: col.name,
        type: col.type,
        filledPct: n === 0 ? 0 : Math.round((Number(agg?.[`f${i}`] ?? 0) / n) * 1000) / 10,
        distinct: Number(agg?.[`d${i}`] ?? 0),
        min: (agg?.[`lo${i}`] as string | null) ?? null,
        max: (agg?.[`hi${i}`] as string | null) ?? null,
      };
      if (
        col.type === 'enum' ||
        col.type === 'boolean' ||
        (col.type === 'string' && prof.distinct <= 50 && n > 0)
      ) {
        const rows = await this.query(
          `SELECT ${c}::VARCHAR AS v, count(*) AS k FROM data WHERE ${c} IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 10`,
        );
        prof.top = rows.map((r) => ({ value: String(r.v), count: Number(r.k) }));
      } else if (col.type === 'date' && prof.min !== null) {
        const rows = await this.query(
          `SELECT strftime(${c}, '%Y-%m') AS b, count(*) AS k FROM data WHERE ${c} IS NOT NULL GROUP BY 1 ORDER BY 1`,
        );
        prof.histogram = rows.map((r) => ({ bucket: String(r.b), count: Number(r.k) }));
      } else if (
        (col.type === 'year' || col.type === 'integer' || col.type === 'number') &&
        prof.min !== null
      ) {
        const rows = await this.query(
          `WITH b AS (SELECT min(${c}) AS lo, max(${c}) AS hi FROM data)
           SELECT CASE WHEN b.hi = b.lo THEN 0 ELSE least(9, floor((${c} - b.lo) / ((b.hi - b.lo) / 10.0)))::INT END AS k,
                  min(${c})::VARCHAR AS lo, count(*) AS n
           FROM data, b WHERE ${c} IS NOT NULL GROUP BY 1 ORDER BY 1`,
        );
        prof.histogram = rows.map((r) => ({ bucket: String(r.lo), count: Number(r.n) }));
      }
      out.push(prof);
    }
    return out;
  }

  /**
   * Writes `_meta`, checkpoints and closes; reopens read-only to verify the row counts; and
   * hashes the file. Only then is the artifact good.
   */
  async finalize(meta: Record<string, unknown>, expectedRows: number): Promise<ArtifactInfo> {
    const c = this.c();
    await c.run('DROP VIEW IF EXISTS src');
    await c.run('DROP TABLE IF EXISTS raw');
    await c.run('CREATE OR REPLACE TABLE _meta (key VARCHAR, value VARCHAR)');
    const all: Record<string, unknown> = { ...meta, duckdbVersion: duckdbVersion() };
    const rows = Object.entries(all)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `(${lit(k)}, ${lit(typeof v === 'string' ? v : JSON.stringify(v))})`);
    if (rows.length) await c.run(`INSERT INTO _meta VALUES ${rows.join(', ')}`);
    await c.run('CHECKPOINT');
    this.close();
    const path = this.params!.dbPath;
    const ro = await DuckDBInstance.create(path, { access_mode: 'READ_ONLY' });
    const rc = await ro.connect();
    try {
      const reader = await rc.runAndReadAll(
        'SELECT (SELECT count(*) FROM data) + (SELECT count(*) FROM _rejected_rows) AS n',
      );
      const n = Number(reader.getRowObjectsJS()[0]?.n ?? -1);
      if (n !== expectedRows) {
        throw new PlainError(
          'verify-failed',
          `The artifact holds ${n} records but the file has ${expectedRows}. Nothing was kept; please report this.`,
        );
      }
    } finally {
      rc.closeSync();
      ro.closeSync();
    }
    const hash = createHash('sha256');
    let bytes = 0;
    for await (const chunk of createReadStream(path, { highWaterMark: 4 * 1024 * 1024 })) {
      hash.update(chunk as Buffer);
      bytes += (chunk as Buffer).length;
    }
    return { bytes, sha256: hash.digest('hex'), duckdbVersion: duckdbVersion() };
  }

  close(): void {
    this.conn?.closeSync();
    this.instance?.closeSync();
    this.conn = null;
    this.instance = null;
  }
}
