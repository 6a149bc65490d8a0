import type { VariableType } from '../definitions/schema';

/** A double-quoted SQL identifier. */
export function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** A single-quoted SQL string literal. */
export function lit(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** `(a, b, c)` of string literals. */
export function litList(values: string[]): string {
  return `(${values.map(lit).join(', ')})`;
}

/** SQL type of a definition type in the artifact (Contract 2). */
export function sqlType(type: VariableType | 'string'): string {
  switch (type) {
    case 'date':
      return 'DATE';
    case 'year':
      return 'INTEGER';
    case 'integer':
      return 'BIGINT';
    case 'number':
      return 'DOUBLE';
    default:
      return 'VARCHAR';
  }
}

const INTEGER_RE = String.raw`\s*[+-]?[0-9]+\s*`;
const NUMBER_RE = String.raw`\s*[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?\s*`;
const YEAR_RE = String.raw`\s*[0-9]{4}\s*`;
const DATE_RE = String.raw`[0-9]{4}-[0-9]{2}-[0-9]{2}`;

/**
 * The typed value of raw text `v`, or NULL when it does not fit the type. Strict on form:
 * dates must be YYYY-MM-DD and real (2021-02-30 is NULL), years four digits, numbers plain
 * decimals (no "1,5", no "inf").
 */
export function typedExpr(v: string, type: VariableType | 'string'): string {
  switch (type) {
    case 'date':
      return `CASE WHEN regexp_full_match(${v}, '${DATE_RE}') THEN TRY_CAST(${v} AS DATE) END`;
    case 'year':
      return `CASE WHEN regexp_full_match(${v}, '${YEAR_RE}') THEN TRY_CAST(trim(${v}) AS INTEGER) END`;
    case 'integer':
      return `CASE WHEN regexp_full_match(${v}, '${INTEGER_RE}') THEN TRY_CAST(trim(${v}) AS BIGINT) END`;
    case 'number':
      return `CASE WHEN regexp_full_match(${v}, '${NUMBER_RE}') THEN TRY_CAST(trim(${v}) AS DOUBLE) END`;
    default:
      return v;
  }
}

/** True for types whose raw text is converted (and can therefore be invalid). */
export function isTyped(type: VariableType | 'string'): boolean {
  return type === 'date' || type === 'year' || type === 'integer' || type === 'number';
}

/**
 * Empty: no value, or only spaces (what DuckDB's trim removes). A value starting with a
 * visible ASCII character is not empty, which spares trimming nearly every value: two byte
 * comparisons (plain comparisons, which DuckDB also checks against each row group's bounds)
 * before the trim, instead of a CASE on every value.
 */
export function isEmpty(v: string): string {
  return `(${v} IS NULL OR ((${v} < '!' OR ${v} >= chr(127)) AND trim(${v}) = ''))`;
}
