import type { Issue } from '../../shared/report';
import type { TableDefinition, Variable, VariableType } from '../definitions/schema';
import { makeIssue, plural } from './issue';

/** One column of the artifact's `data` table and where its values come from. */
export interface PlannedColumn {
  /** Final column name in `data`. */
  name: string;
  /** Header as written in the source (after the cohort mapping), or '' when missing. */
  source: string;
  /** 0-based position in the source record; null for a definition column the file lacks. */
  index: number | null;
  type: VariableType | 'string';
  variable: Variable | null;
  extra: boolean;
}

export interface ColumnPlan {
  columns: PlannedColumn[];
  issues: Issue[];
}

/**
 * The partner column that lets an optional conditional variable (one with `requiredWhen` or
 * `forbiddenWhen`, such as birthSex beside presentSex) be absent from the header, as the
 * depot's validator allows: the variable then reads as empty. Null when it may not be absent.
 */
export function absentPartner(
  v: Pick<Variable, 'optional' | 'requiredWhen' | 'forbiddenWhen'>,
  isPresent: (column: string) => boolean,
): string | null {
  if (!v.optional) return null;
  const partners = [...(v.requiredWhen ?? []), ...(v.forbiddenWhen ?? [])].map((c) => c.column);
  return partners.find(isPresent) ?? null;
}

/**
 * Matches a source header to a table definition (case-insensitively, renaming to the
 * definition's casing) and lays out the artifact's columns: definition variables in
 * definition order, then extra source columns as text. Without a definition (`--table any`)
 * every column is text under its header name, made unique.
 */
export function planColumns(
  header: string[],
  def: TableDefinition | null,
  renamedByMapping: { from: string; to: string }[] = [],
): ColumnPlan {
  const issues: Issue[] = [];
  const blank: number[] = [];
  const seen = new Map<string, number>();
  const dupes: string[] = [];
  const unique: string[] = [];
  const taken = new Set<string>();
  header.forEach((raw, i) => {
    let name = raw.trim();
    if (name === '') {
      blank.push(i + 1);
      name = `column_${i + 1}`;
    }
    const key = name.toLowerCase();
    if (seen.has(key) && raw.trim() !== '') dupes.push(raw.trim());
    seen.set(key, (seen.get(key) ?? 0) + 1);
    let candidate = name;
    for (let k = 2; taken.has(candidate.toLowerCase()); k++) candidate = `${name}_${k}`;
    taken.add(candidate.toLowerCase());
    unique.push(candidate);
  });
  if (blank.length) {
    issues.push(
      makeIssue('blank-header', 'error', {
        count: blank.length,
        lines: [1],
        examples: blank.map((c) => `column ${c}`),
        message: `${plural(blank.length, 'column')} of the header ${blank.length === 1 ? 'has' : 'have'} no name (column ${blank.join(', ')}).`,
        hint: 'Give every column a name in the first line of the file, or remove empty trailing columns in the export.',
      }),
    );
  }
  if (dupes.length) {
    issues.push(
      makeIssue('duplicate-header', 'error', {
        count: dupes.length,
        lines: [1],
        examples: [...new Set(dupes)],
        message: `The header names ${[...new Set(dupes)].map((d) => `"${d}"`).join(', ')} more than once (names are compared ignoring case).`,
        hint: 'Each column must have its own name. Rename or remove the repeated column in the export.',
      }),
    );
  }
  for (const r of renamedByMapping) {
    issues.push(
      makeIssue('renamed-column', 'info', {
        column: r.to,
        count: 1,
        lines: [1],
        examples: [`${r.from} → ${r.to}`],
        message: `Column "${r.from}" was renamed to "${r.to}" by the cohort's column mapping.`,
        hint: 'Nothing to do: this is how your cohort group names this column.',
      }),
    );
  }

  if (!def) {
    return {
      columns: unique.map((name, i) => ({
        name,
        source: header[i] ?? '',
        index: i,
        type: 'string',
        variable: null,
        extra: false,
      })),
      issues,
    };
  }

  const byKey = new Map<string, number>();
  header.forEach((h, i) => {
    const k = h.trim().toLowerCase();
    if (k !== '' && !byKey.has(k)) byKey.set(k, i);
  });
  const used = new Set<number>();
  const columns: PlannedColumn[] = [];
  const missing: string[] = [];
  const renamed: { from: string; to: string }[] = [];
  for (const v of def.variables) {
    const i = byKey.get(v.name.toLowerCase());
    if (i === undefined) {
      missing.push(v.name);
      columns.push({
        name: v.name,
        source: '',
        index: null,
        type: v.type,
        variable: v,
        extra: false,
      });
      continue;
    }
    used.add(i);
    const src = header[i]!;
    if (src.trim() !== v.name) renamed.push({ from: src, to: v.name });
    columns.push({ name: v.name, source: src, index: i, type: v.type, variable: v, extra: false });
  }
  const defNames = new Set(def.variables.map((v) => v.name.toLowerCase()));
  // The cohort mapping's renamed columns are expected even where no definition knows them
  // (CNICS's siteRecordId → recordId): kept as text, not reported as extra.
  const mappedTo = new Set(renamedByMapping.map((r) => r.to.trim().toLowerCase()));
  const extras: string[] = [];
  header.forEach((h, i) => {
    if (used.has(i)) return;
    let name = unique[i]!;
    for (let k = 2; defNames.has(name.toLowerCase()); k++) name = `${unique[i]}_${k}`;
    if (h.trim() !== '' && !mappedTo.has(h.trim().toLowerCase())) extras.push(h.trim());
    columns.push({ name, source: h, index: i, type: 'string', variable: null, extra: true });
  });

  const present = new Set(header.map((h) => h.trim().toLowerCase()).filter((h) => h !== ''));
  for (const m of missing) {
    const variable = def.variables.find((v) => v.name === m)!;
    const partner = absentPartner(variable, (c) => present.has(c.toLowerCase()));
    const needed = variable.requiredWhen?.find((c) => c.column === partner);
    const when = needed
      ? ` Rows where "${partner}" is ${needed.is === 'absent' ? 'empty' : 'filled in'} need it and are reported (required-when).`
      : '';
    issues.push(
      partner
        ? makeIssue('missing-column', 'warning', {
            column: m,
            count: 1,
            lines: [1],
            message: `The column "${m}" of the ${def.label} is missing from the header. That is allowed beside "${partner}", as the consortium's depot allows it: Courier reads "${m}" as empty on every row.`,
            hint: `Add a "${m}" column if you have its values.${when}`,
          })
        : makeIssue('missing-column', 'error', {
            column: m,
            count: 1,
            lines: [1],
            message: `The column "${m}" of the ${def.label} is missing from the header.`,
            hint: `Add a "${m}" column to the export (it may stay empty where the variable is optional), or check the header's spelling.`,
          }),
    );
  }
  const extrasUnique = [...new Set(extras)];
  if (extrasUnique.length) {
    issues.push(
      makeIssue('extra-column', 'warning', {
        count: extrasUnique.length,
        lines: [1],
        examples: extrasUnique,
        message: `${plural(extrasUnique.length, 'column')} ${extrasUnique.length === 1 ? 'is' : 'are'} not part of the ${def.label} definition: ${extrasUnique.map((e) => `"${e}"`).join(', ')}. ${extrasUnique.length === 1 ? 'It is' : 'They are'} kept in the artifact as text.`,
        hint: 'Check the spelling against the data definition, or remove the column if it should not be sent.',
      }),
    );
  }
  for (const r of renamed) {
    issues.push(
      makeIssue('renamed-column', 'info', {
        column: r.to,
        count: 1,
        lines: [1],
        examples: [`${r.from} → ${r.to}`],
        message: `Column "${r.from}" was matched to "${r.to}" (names are compared ignoring case).`,
        hint: "Nothing to do. To silence this, use the definition's exact spelling in the header.",
      }),
    );
  }
  return { columns, issues };
}
