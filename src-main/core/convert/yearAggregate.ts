/**
 * What "this year against last year" compares, read from artifacts in the convert worker: per
 * table, rows and distinct patients, rows per month of each date column, the count of each
 * value of each coded column; for the patient table, deaths, and the patients present one year
 * and absent the other. One aggregate query per artifact set (in a scratch in-memory database
 * that attaches the artifacts read-only); nothing row by row in JavaScript, and no ID leaves
 * DuckDB (counts only).
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { ident, lit } from '../precheck/sql';

/** Which columns of a table the comparison reads. */
export interface CompareSpec {
  /** Date columns (rows per month). */
  dates: string[];
  /** Coded columns (enum, boolean): the count of each value. */
  coded: string[];
  /** The patient ID column, if the table has one. */
  patientId: string | null;
  /** The patient table's death date column (deaths, and lost patients who died). */
  death: string | null;
}

/** One year's figures of one table. */
export interface YearAggregate {
  rows: number;
  patients: number | null;
  /** Date column → 'YYYY-MM' → rows. */
  months: Record<string, Record<string, number>>;
  /** Coded column → value → rows (empty cells under ''). */
  values: Record<string, Record<string, number>>;
  /** Patient table: rows with a death date. */
  deaths: number | null;
}

export interface CompareParams {
  current: string[];
  previous: string[];
  spec: CompareSpec;
  /** Count the patients present one year and absent the other (the patient table). */
  patientSets: boolean;
}

export interface CompareAggregates {
  current: YearAggregate | null;
  previous: YearAggregate | null;
  /** Patient table only: IDs last year not this year (and of those, with a death date), new ones. */
  patients: { lost: number; lostDied: number; added: number } | null;
}

type Q = (sql: string) => Promise<Record<string, unknown>[]>;

function plain(v: unknown): unknown {
  return typeof v === 'bigint' ? Number(v) : v;
}

/** `data` of every artifact of a year, as one relation (columns a file lacks are NULL). */
function unionOf(aliases: string[]): string {
  return aliases.map((a) => `SELECT * FROM ${a}.data`).join(' UNION ALL BY NAME ');
}

async function columnsOf(q: Q, alias: string): Promise<Set<string>> {
  const rows = await q(
    `SELECT column_name AS c FROM duckdb_columns() WHERE database_name = ${lit(alias)} AND table_name = 'data'`,
  );
  return new Set(rows.map((r) => String(r.c)));
}

async function aggregate(
  q: Q,
  aliases: string[],
  spec: CompareSpec,
): Promise<YearAggregate | null> {
  if (aliases.length === 0) return null;
  const present = new Set<string>();
  for (const a of aliases) for (const c of await columnsOf(q, a)) present.add(c);
  const has = (c: string | null): c is string => c !== null && present.has(c);
  const rel = `(${unionOf(aliases)})`;
  const [base] = await q(
    `SELECT count(*) AS n${has(spec.patientId) ? `, count(DISTINCT ${ident(spec.patientId)}) AS p` : ''}${has(spec.death) ? `, count(${ident(spec.death)}) AS d` : ''} FROM ${rel}`,
  );
  const out: YearAggregate = {
    rows: Number(plain(base?.n) ?? 0),
    patients: has(spec.patientId) ? Number(plain(base?.p) ?? 0) : null,
    months: {},
    values: {},
    deaths: has(spec.death) ? Number(plain(base?.d) ?? 0) : null,
  };
  // Every month histogram and every value count in one scan: one grouping set per column.
  const dates = spec.dates.filter(has);
  const coded = spec.coded.filter(has);
  if (dates.length + coded.length === 0) return out;
  const keys = [
    ...dates.map((c, i) => `strftime(${ident(c)}, '%Y-%m') AS k${i}`),
    ...coded.map((c, i) => `coalesce(CAST(${ident(c)} AS VARCHAR), '') AS v${i}`),
  ];
  const sets = [...dates.map((_, i) => `(k${i})`), ...coded.map((_, i) => `(v${i})`)];
  const select = [
    ...dates.map((_, i) => `k${i}`),
    ...coded.map((_, i) => `v${i}`),
    ...dates.map((_, i) => `GROUPING(k${i}) AS gk${i}`),
    ...coded.map((_, i) => `GROUPING(v${i}) AS gv${i}`),
    'count(*) AS n',
  ];
  const rows = await q(
    `SELECT ${select.join(', ')} FROM (SELECT ${keys.join(', ')} FROM ${rel}) GROUP BY GROUPING SETS (${sets.join(', ')})`,
  );
  for (const r of rows) {
    const n = Number(plain(r.n) ?? 0);
    dates.forEach((c, i) => {
      if (Number(plain(r[`gk${i}`])) !== 0 || r[`k${i}`] === null) return;
      (out.months[c] ??= {})[String(r[`k${i}`])] = n;
    });
    coded.forEach((c, i) => {
      if (Number(plain(r[`gv${i}`])) !== 0) return;
      (out.values[c] ??= {})[String(r[`v${i}`] ?? '')] = n;
    });
  }
  return out;
}

/** Both years' figures of one table, and the patients lost and added (patient table). */
export async function compareAggregates(p: CompareParams): Promise<CompareAggregates> {
  const inst = await DuckDBInstance.create(':memory:', { threads: '2', memory_limit: '256MB' });
  const conn = await inst.connect();
  const q: Q = async (sql) => {
    const r = await conn.runAndReadAll(sql);
    return r
      .getRowObjectsJS()
      .map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, plain(v)])));
  };
  try {
    const attach = async (paths: string[], prefix: string): Promise<string[]> => {
      const aliases: string[] = [];
      for (const [i, path] of paths.entries()) {
        const alias = `${prefix}${i}`;
        await q(`ATTACH ${lit(path)} AS ${alias} (READ_ONLY)`);
        aliases.push(alias);
      }
      return aliases;
    };
    const cur = await attach(p.current, 'cur');
    const prev = await attach(p.previous, 'prev');
    const current = await aggregate(q, cur, p.spec);
    const previous = await aggregate(q, prev, p.spec);
    let patients: CompareAggregates['patients'] = null;
    const id = p.spec.patientId;
    if (
      p.patientSets &&
      id &&
      current?.patients !== null &&
      previous?.patients !== null &&
      cur.length &&
      prev.length
    ) {
      const died = p.spec.death
        ? `, count(*) FILTER (WHERE o.${ident(p.spec.death)} IS NOT NULL) AS died`
        : '';
      const [lost] = await q(
        `SELECT count(*) AS n${died} FROM (SELECT DISTINCT ON (${ident(id)}) * FROM (${unionOf(prev)})) o WHERE ${ident(id)} NOT IN (SELECT ${ident(id)} FROM (${unionOf(cur)}) WHERE ${ident(id)} IS NOT NULL)`,
      );
      const [added] = await q(
        `SELECT count(DISTINCT ${ident(id)}) AS n FROM (${unionOf(cur)}) WHERE ${ident(id)} NOT IN (SELECT ${ident(id)} FROM (${unionOf(prev)}) WHERE ${ident(id)} IS NOT NULL)`,
      );
      patients = {
        lost: Number(lost?.n ?? 0),
        lostDied: Number(lost?.died ?? 0),
        added: Number(added?.n ?? 0),
      };
    }
    return { current, previous, patients };
  } finally {
    conn.closeSync();
    inst.closeSync();
  }
}

/** What the local list of changed patients needs: both years' patient artifacts. */
export interface PatientChangesParams {
  current: string[];
  previous: string[];
  patientId: string;
  death: string | null;
  /** The CSV to write (`cohortPatientId,change`): a file on this computer, never sent. */
  dest: string;
}

/**
 * Writes the patients present one year and absent the other, one per line: `lost` (no death
 * recorded last year), `lost-died`, `new`. Patient IDs: for the coordinator's own follow-up,
 * written on this computer only.
 */
export async function exportPatientChanges(p: PatientChangesParams): Promise<number> {
  const inst = await DuckDBInstance.create(':memory:', { threads: '2', memory_limit: '256MB' });
  const conn = await inst.connect();
  try {
    const attach = async (paths: string[], prefix: string): Promise<string[]> => {
      const aliases: string[] = [];
      for (const [i, path] of paths.entries()) {
        await conn.run(`ATTACH ${lit(path)} AS ${prefix}${i} (READ_ONLY)`);
        aliases.push(`${prefix}${i}`);
      }
      return aliases;
    };
    const cur = await attach(p.current, 'cur');
    const prev = await attach(p.previous, 'prev');
    if (cur.length === 0 || prev.length === 0) return 0;
    const id = ident(p.patientId);
    const died = p.death ? `bool_or(${ident(p.death)} IS NOT NULL)` : 'false';
    const sql = `
      WITH c AS (SELECT DISTINCT ${id} AS id FROM (${unionOf(cur)}) WHERE ${id} IS NOT NULL),
           o AS (SELECT ${id} AS id, ${died} AS died FROM (${unionOf(prev)}) WHERE ${id} IS NOT NULL GROUP BY 1)
      SELECT o.id AS cohortPatientId, CASE WHEN o.died THEN 'lost-died' ELSE 'lost' END AS change
        FROM o WHERE o.id NOT IN (SELECT id FROM c)
      UNION ALL
      SELECT c.id, 'new' FROM c WHERE c.id NOT IN (SELECT id FROM o)
      ORDER BY 2, 1`;
    const reader = await conn.runAndReadAll(
      `COPY (${sql}) TO ${lit(p.dest)} (HEADER, DELIMITER ',')`,
    );
    return Number(plain(reader.getRows()[0]?.[0]) ?? 0);
  } finally {
    conn.closeSync();
    inst.closeSync();
  }
}
