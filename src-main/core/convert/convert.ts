import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { DuckDBInstance, version as duckdbVersion } from '@duckdb/node-api';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { ColumnProfile, Issue } from '../../shared/report';
import type { TableDefinition } from '../definitions/schema';
import { duplicateIds, runChecks } from '../precheck/checks';
import { rowChecks } from '../precheck/rowRules';
import type { Query } from '../precheck/checks';
import type { PatientPolicy } from '../precheck/crossTable';
import {
  crossTableColumn,
  loadKnownIds,
  noPatientTable,
  patientIdChecks,
} from '../precheck/crossTable';
import type { PlannedColumn } from '../precheck/columnPlan';
import { ident, isTyped, lit, sqlType, typedExpr } from '../precheck/sql';
import { LINE_COLUMN, PIECE_BYTES } from '../scan/normalize';
import type { FixPassParams, FixPassResult } from './fixPass';
import { runFixPass } from './fixPass';
import { profileData } from './profile';
import type { PhiPolicy } from '../../shared/settings';
import { maskExamples, maskProfile } from '../precheck/phi/maskReport';
import type { ScreenResult } from '../precheck/phi/screen';
import { screenIdentifiers } from '../precheck/phi/screen';
import { createValuesTable, fromInvalidCells, fromProfileCounts } from '../precheck/phi/values';
import { CourierError } from '../errors';

export interface OpenParams {
  dbPath: string;
  tempDir: string;
  threads: number;
  memoryLimit: string;
  /** Rows per `_line` update statement (default LINE_CHUNK_ROWS; tests make it small). */
  lineChunkRows?: number;
}

export interface LoadParams {
  /** The source (fast path) or the normalized UTF-8 file. */
  path: string;
  normalized: boolean;
  delimiter: string;
  /** Number of source columns. */
  columns: number;
  newLine: 'lf' | 'crlf';
  /** Lines before the header (Excel's `sep=` line); the file as it is only. */
  skipLines?: number;
  maxRecordBytes: number;
  /** Normalized path only: the rejected records file. */
  rejectedPath?: string;
  /** Normalized path only: the pieces of records too large to parse (`line,part,raw`). */
  oversizedPath?: string;
  /** The artifact's columns: which source column each comes from and its type. */
  plan: PlannedColumn[];
}

export interface BuildParams {
  /** The columns the load was planned with. */
  columns: PlannedColumn[];
  definition: TableDefinition | null;
  /** Definition column whose distinct values are the patient IDs. */
  patientIdColumn: string | null;
  /** The submission's patient artifact for the cross-table check, if known. */
  patients: { artifact: string; policy: PatientPolicy } | null;
  /** What a possible direct identifier is: an error (`block`, the default) or a warning. */
  phiPolicy?: PhiPolicy;
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
 * Bytes per DuckDB CSV buffer for the load. DuckDB cuts each buffer into four chunks and each
 * chunk is written as its own row groups, the last one part-filled: with 64 MB, rows of 50 to
 * 100 bytes give chunks of 1.3 to 2.7 full row groups (122,880 rows), so few part-filled ones.
 */
const LOAD_BUFFER_BYTES = 64 * 1024 * 1024;

/**
 * Rows whose `_line` one UPDATE writes. One statement for the whole table held every new value
 * in memory until it committed (3.7 s and 400 MB on 40 M rows); slices of 4 M rows, each
 * committed and checkpointed, take 1.0 s with memory bounded by the slice.
 */
const LINE_CHUNK_ROWS = 4 * 1024 * 1024;

/**
 * One job's DuckDB session, owned by the convert worker: loads the CSV with an explicit
 * dialect, builds the artifact of Contract 2, runs the checks in SQL, and verifies the file.
 */
export class ArtifactBuilder {
  private instance: DuckDBInstance | null = null;
  private conn: DuckDBConnection | null = null;
  private params: OpenParams | null = null;
  /** An interrupt was asked for (see `interrupt`). */
  private stopped = false;
  private loading = false;
  private loadsEnded = 0;
  /** Set by `load`: how `data` still has to be finished by `build`. */
  private pending: {
    /** `_line` still to be written from the row order (the file as it is). */
    lineFromOrder: boolean;
    /** The physical line of the first record (2, or 3 after a `sep=` line). */
    firstLine: number;
    /** Typed columns and the temporary column holding their text where it did not fit. */
    rawColumns: { name: string; temp: string }[];
    /** Written by the fix pass: `data` and `_invalid_cells` are complete already. */
    complete?: boolean;
  } | null = null;

  async open(p: OpenParams): Promise<void> {
    this.params = p;
    this.instance = await DuckDBInstance.create(p.dbPath, {
      threads: String(p.threads),
      memory_limit: p.memoryLimit,
      temp_directory: p.tempDir,
      // Exact line numbers rely on rows keeping their file order.
      preserve_insertion_order: 'true',
      // The ordered load leaves part-filled row groups where CSV chunks end; merging them at
      // CHECKPOINT would write most of the table a second time (~8 s on 20 M rows).
      max_vacuum_tasks: '0',
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
    if (!this.conn) throw new CourierError('internal', 'The database is not open.');
    return this.conn;
  }

  /**
   * Interrupts whatever query is running (cancellation, or a load that is not wanted). DuckDB
   * drops an interrupt that finds no query running, so it is also remembered: the running or
   * next load stops at once, and `build` stops at its next statement.
   */
  interrupt(onlyLoad = false): void {
    // `onlyLoad`: meant for the first load; one that already ended is left alone.
    if (onlyLoad && !this.loading && this.loadsEnded > 0) return;
    this.stopped = true;
    this.conn?.interrupt();
  }

  private stopIfInterrupted(): void {
    if (this.stopped) throw new CourierError('cancelled', 'Cancelled.');
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

  /**
   * Loads every record straight into the typed `data` table in one pass over the file. A
   * typed column's text that does not fit its type is kept, for that row only, in a temporary
   * column beside it (moved to `_invalid_cells` by `build`, so nothing is lost).
   *
   * Rows are stored in file order either way. The file as it is (no `_line` column): `_line`
   * is the row number plus 2, or 3 past a `sep=` line (the scan only allows this path when
   * every record is one line).
   * The normalized file carries `_line` in its first column.
   */
  async load(
    p: LoadParams,
    totalBytes: number,
    progress?: (d: number, t: number) => void,
  ): Promise<number> {
    this.loading = true;
    try {
      return await this.loadData(p, totalBytes, progress);
    } finally {
      this.stopped = false; // an interrupt meant for this load ends with it
      this.loading = false;
      this.loadsEnded++;
    }
  }

  private async loadData(
    p: LoadParams,
    totalBytes: number,
    progress?: (d: number, t: number) => void,
  ): Promise<number> {
    this.stopIfInterrupted();
    const c = this.c();
    await c.run('DROP TABLE IF EXISTS data');
    const cols: string[] = [];
    if (p.normalized) cols.push(`${lit(LINE_COLUMN)}: 'BIGINT'`);
    for (let i = 0; i < p.columns; i++) cols.push(`'c${i}': 'VARCHAR'`);
    const maxLine = Math.max(2 * 1024 * 1024, p.maxRecordBytes + 64 * 1024);
    const opts = [
      `delim=${lit(p.delimiter)}`,
      `quote='"'`,
      `escape='"'`,
      ...(p.skipLines ? [`skip=${p.skipLines}`] : []),
      'header=true',
      'auto_detect=false',
      `columns={${cols.join(', ')}}`,
      `new_line=${p.normalized || p.newLine === 'lf' ? "'\\n'" : "'\\r\\n'"}`,
      'strict_mode=true',
      'null_padding=false',
      'ignore_errors=false',
      `max_line_size=${maxLine}`,
      `buffer_size=${Math.max(LOAD_BUFFER_BYTES, 2 * maxLine)}`,
    ];
    const taken = new Set(p.plan.map((col) => col.name.toLowerCase()));
    const tempName = (k: number): string => {
      let name = `__courier_raw_${k}`;
      while (taken.has(name.toLowerCase())) name = `_${name}`;
      taken.add(name.toLowerCase());
      return name;
    };
    const select: string[] = [];
    const rawColumns: NonNullable<ArtifactBuilder['pending']>['rawColumns'] = [];
    for (const col of p.plan) {
      const v = col.index === null ? null : `c${col.index}`;
      select.push(
        v === null
          ? `NULL::${sqlType(col.type)} AS ${ident(col.name)}`
          : `(${typedExpr(v, col.type)})::${sqlType(col.type)} AS ${ident(col.name)}`,
      );
    }
    for (const col of p.plan) {
      if (col.index === null || !isTyped(col.type)) continue;
      const v = `c${col.index}`;
      const temp = tempName(rawColumns.length);
      select.push(
        `CASE WHEN ${v} IS NOT NULL AND (${typedExpr(v, col.type)}) IS NULL THEN ${v} END AS ${ident(temp)}`,
      );
      rawColumns.push({ name: col.name, temp });
    }
    if (p.normalized) select.push(`${ident(LINE_COLUMN)}::BIGINT AS _line`);
    this.pending = null;
    await this.withProgress(
      `CREATE TABLE data AS SELECT ${select.join(', ')} FROM read_csv(${lit(p.path)}, ${opts.join(', ')})`,
      totalBytes,
      progress,
    );
    this.stopIfInterrupted();
    this.pending = {
      lineFromOrder: !p.normalized,
      firstLine: 2 + (p.normalized ? 0 : (p.skipLines ?? 0)),
      rawColumns,
    };
    await c.run('CREATE OR REPLACE TABLE _rejected_rows (_line BIGINT, raw VARCHAR)');
    await c.run(
      'CREATE OR REPLACE TABLE _oversized_rows (_line BIGINT, part INTEGER, raw VARCHAR)',
    );
    if (p.normalized && p.rejectedPath) {
      await c.run(
        `INSERT INTO _rejected_rows SELECT * FROM read_csv(${lit(p.rejectedPath)}, delim=',', quote='"', escape='"', header=true, auto_detect=false, columns={'_line': 'BIGINT', 'raw': 'VARCHAR'}, new_line='\\n', strict_mode=true, max_line_size=${maxLine}, buffer_size=${Math.max(32 * 1024 * 1024, 2 * maxLine)}) ORDER BY _line`,
      );
    }
    if (p.normalized && p.oversizedPath && existsSync(p.oversizedPath)) {
      // A piece of text is at most 6 × its bytes (CP1252 to UTF-8, then doubled quotes). No
      // ORDER BY: the file is in order, and sorting 4 MB strings would not fit the memory cap.
      const pieceLine = 6 * PIECE_BYTES + 64 * 1024;
      await c.run(
        `INSERT INTO _oversized_rows SELECT * FROM read_csv(${lit(p.oversizedPath)}, delim=',', quote='"', escape='"', header=true, auto_detect=false, columns={'_line': 'BIGINT', 'part': 'INTEGER', 'raw': 'VARCHAR'}, new_line='\\n', strict_mode=true, max_line_size=${pieceLine}, buffer_size=${2 * pieceLine})`,
      );
    }
    const [r] = await this.query('SELECT count(*) AS n FROM data');
    return Number(r?.n ?? 0);
  }

  /**
   * Finishes `data` (its `_line`, and the text that did not fit moved to `_invalid_cells`),
   * then runs every check and the profile.
   */
  async build(p: BuildParams, progress?: (d: number, t: number) => void): Promise<BuildResult> {
    const c = this.c();
    const pending = this.pending;
    if (!pending) throw new CourierError('internal', 'Nothing was loaded.');
    const phases: Record<string, number> = {};
    let t0 = performance.now();
    const lap = (name: string): void => {
      const now = performance.now();
      phases[name] = Math.round(now - t0);
      t0 = now;
    };
    if (pending.complete) {
      // A fixed artifact (fixPass.ts): only the checks are left to run.
    } else if (pending.lineFromOrder) {
      // Row ids count the rows in insertion order, which is file order here.
      await c.run('ALTER TABLE data ADD COLUMN _line BIGINT');
      const [n] = await this.query('SELECT count(*) AS n FROM data');
      const rows = Number(n?.n ?? 0);
      const step = this.params?.lineChunkRows ?? LINE_CHUNK_ROWS;
      for (let from = 0; from < rows; from += step) {
        this.stopIfInterrupted();
        await c.run(
          `UPDATE data SET _line = rowid + ${pending.firstLine} WHERE rowid >= ${from} AND rowid < ${from + step}`,
        );
        await c.run('CHECKPOINT');
      }
    }
    lap('lineMs');
    if (!pending.complete)
      await c.run(
        'CREATE OR REPLACE TABLE _invalid_cells (_line BIGINT, "column" VARCHAR, raw VARCHAR)',
      );
    if (pending.rawColumns.length) {
      const parts = pending.rawColumns.map(
        (r, k) =>
          `SELECT _line, ${lit(r.name)} AS "column", ${ident(r.temp)} AS raw, ${k} AS k FROM data WHERE ${ident(r.temp)} IS NOT NULL`,
      );
      await c.run(
        `INSERT INTO _invalid_cells SELECT _line, "column", raw FROM (${parts.join(' UNION ALL ')}) ORDER BY _line, k`,
      );
      for (const r of pending.rawColumns)
        await c.run(`ALTER TABLE data DROP COLUMN ${ident(r.temp)}`);
    }
    this.pending = null;
    lap('invalidCellsMs');

    const checks = rowChecks(p.columns, p.definition);
    const unique = p.columns.filter((col) => col.variable?.unique && col.index !== null);
    const total = unique.length + 2;
    let done = 0;
    const cross = crossTableColumn(p.columns);
    if (cross && cross.variable?.inTable && p.patients) {
      const known = await loadKnownIds(
        this.query,
        p.patients.artifact,
        cross.variable.inTable.column,
      );
      checks.push(...patientIdChecks(cross, p.patients.policy, known.shape));
    }
    lap('knownIdsMs');
    this.stopIfInterrupted();
    const issues: Issue[] = await runChecks(this.query, checks);
    progress?.(++done, total);
    for (const col of unique) {
      const issue = await duplicateIds(this.query, col);
      if (issue) issues.push(issue);
      progress?.(++done, total);
    }
    if (cross && cross.variable?.inTable && !p.patients) issues.push(noPatientTable(cross.name));
    lap('rulesMs');
    this.stopIfInterrupted();
    // The profile counts every distinct value anyway: the identifier screen reads them there.
    await createValuesTable(this.query);
    const { profile, rows, distinct } = await profileData(this.query, p.columns, (part, offset) =>
      fromProfileCounts(this.query, part, offset),
    );
    lap('profileMs');
    const screen = await this.screen(p);
    issues.push(...screen.issues);
    maskProfile(profile, screen.mask);
    maskExamples(issues, screen.mask);
    progress?.(total, total);
    lap('screenMs');

    const [counts] = await this.query(
      'SELECT (SELECT count(*) FROM _rejected_rows) AS rejected, (SELECT count(*) FROM _invalid_cells) AS invalid',
    );
    let patientIds: BuildResult['patientIds'] = null;
    const idIndex = p.columns.findIndex(
      (col) => col.name === p.patientIdColumn && col.index !== null,
    );
    if (p.patientIdColumn && idIndex >= 0) {
      const unknown = issues.find((i) => i.code === 'unknown-patient-id')?.distinct ?? 0;
      patientIds = { column: p.patientIdColumn, distinct: distinct[idIndex] ?? 0, unknown };
    }
    lap('countsMs');
    return {
      rowsStored: rows,
      rowsRejected: Number(counts?.rejected ?? 0),
      invalidCells: Number(counts?.invalid ?? 0),
      issues,
      profile,
      patientIds,
      phases,
    };
  }

  /** The identifier screen over the distinct values the profile left in `phi_values`. */
  private async screen(p: BuildParams): Promise<ScreenResult> {
    this.stopIfInterrupted();
    await fromInvalidCells(this.query, p.columns);
    try {
      return await screenIdentifiers(this.query, {
        columns: p.columns,
        definition: p.definition,
        policy: p.phiPolicy ?? 'block',
        // Between batches, the worker reads its messages: a cancellation stops the screen.
        checkpoint: async () => {
          await new Promise((r) => setImmediate(r));
          this.stopIfInterrupted();
        },
      });
    } finally {
      // The screen's own tables too, when it was stopped half-way.
      for (const t of ['phi_values', 'phi_candidates', 'phi_hits'])
        await this.c().run(`DROP TABLE IF EXISTS ${t}`);
    }
  }

  /**
   * Writes a fixed artifact from an unfixed one (fixPass.ts) into this empty database; `build`
   * then runs the checks on it as on any artifact.
   */
  async fix(p: FixPassParams): Promise<FixPassResult> {
    this.stopIfInterrupted();
    const result = await runFixPass(this.c(), p);
    this.stopIfInterrupted();
    this.pending = { lineFromOrder: false, firstLine: 2, rawColumns: [], complete: true };
    return result;
  }

  /**
   * Writes `_meta`, checkpoints and closes; reopens read-only to verify the row counts; and
   * hashes the file. Only then is the artifact good.
   */
  async finalize(meta: Record<string, unknown>, expectedRows: number): Promise<ArtifactInfo> {
    const c = this.c();
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
        throw new CourierError(
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
