/**
 * Cohort column mapping: some cohort groups export other header names (CNICS writes
 * `sitePatientId` for `cohortPatientId`). The registry maps cohorts to a group and the group
 * to header renames. Mapping is a header rename only; cohorts not in a group pass through.
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { z } from 'zod';
import { DefinitionError, describeIssue, resourcesDir } from './loader';
import type { DefinitionProblem } from './loader';

const renameTarget = z.string().min(1);

const cohortMappingsSchema = z
  .object({
    formatVersion: z.literal(1),
    groups: z.record(
      z.string().min(1),
      z
        .object({
          cohorts: z.array(z.string().min(1)),
          /** Key `*`: every table; otherwise a table name. Inner map: source header → name. */
          renames: z.record(z.string().min(1), z.record(z.string().min(1), renameTarget)),
        })
        .strict(),
    ),
    /** Every cohort, for the settings picker. */
    cohorts: z.array(
      z.object({ name: z.string().min(1), kind: z.enum(['clinical', 'interval']) }).strict(),
    ),
  })
  .strict();

export type CohortMappings = z.infer<typeof cohortMappingsSchema>;

/** One header cell renamed by the mapping. */
export interface HeaderRename {
  from: string;
  to: string;
}

/** The bundled registry file, `resources/mappings/cohorts.json`. */
export function bundledCohortMappingsFile(): string {
  return join(resourcesDir(), 'mappings', 'cohorts.json');
}

/**
 * Load and check a cohort mapping registry (the bundled one by default).
 * @throws DefinitionError naming the file and field of each mistake.
 */
export async function loadCohortMappings(
  file = bundledCohortMappingsFile(),
): Promise<CohortMappings> {
  return parseCohortMappings(await readFile(file, 'utf8'), file);
}

/**
 * Parse and check the text of a registry file.
 * @throws DefinitionError naming the file and field of each mistake.
 */
export function parseCohortMappings(text: string, file: string): CohortMappings {
  const name = basename(file);
  const problems: DefinitionProblem[] = [];
  const add = (message: string): void => {
    problems.push({ file, message: `${name}: ${message}` });
  };
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    add(`is not valid JSON (${(err as Error).message})`);
    throw new DefinitionError(problems);
  }
  const result = cohortMappingsSchema.safeParse(json, { reportInput: true });
  if (!result.success) {
    for (const issue of result.error.issues) add(describeIssue(issue, cohortMappingsSchema));
    throw new DefinitionError(problems);
  }
  const mappings = result.data;
  const known = new Set<string>();
  mappings.cohorts.forEach((c, i) => {
    if (known.has(fold(c.name))) add(`cohorts[${i}].name: "${c.name}" is listed twice`);
    known.add(fold(c.name));
  });
  const groupOf = new Map<string, string>();
  for (const [group, g] of Object.entries(mappings.groups)) {
    g.cohorts.forEach((cohort, i) => {
      const where = `groups.${group}.cohorts[${i}]`;
      // A misspelt cohort here would silently switch its mapping off.
      if (!known.has(fold(cohort))) add(`${where}: "${cohort}" is not in the cohorts list`);
      const other = groupOf.get(fold(cohort));
      if (other !== undefined) add(`${where}: "${cohort}" is already in group ${other}`);
      groupOf.set(fold(cohort), group);
    });
    for (const [table, renames] of Object.entries(g.renames)) {
      if (table !== '*' && !/^[a-z][a-z0-9_]*$/.test(table)) {
        add(`groups.${group}.renames.${table}: expected "*" or a table name`);
      }
      const targets = new Map<string, string>();
      for (const [from, to] of Object.entries(renames)) {
        const earlier = targets.get(fold(to));
        if (earlier !== undefined) {
          add(`groups.${group}.renames.${table}.${from}: "${earlier}" is also renamed to "${to}"`);
        }
        targets.set(fold(to), from);
      }
    }
  }
  if (problems.length > 0) throw new DefinitionError(problems);
  return mappings;
}

/** The group a cohort belongs to, or null when it passes through unmapped. */
export function cohortGroup(mappings: CohortMappings, cohort: string | null): string | null {
  if (cohort === null) return null;
  for (const [group, g] of Object.entries(mappings.groups)) {
    if (g.cohorts.some((c) => fold(c) === fold(cohort))) return group;
  }
  return null;
}

let bundled: CohortMappings | undefined;

/**
 * Rename header cells the way the cohort's group exports them.
 *
 * Headers and cohort names match case-insensitively after trimming. Renames for `*` apply to
 * every table; a table's own renames apply on top (`table` null: only `*`). A cell is left
 * alone when its target name is already in the header, so the checker reports the extra
 * column instead of a duplicate one. `mappings` defaults to the bundled registry.
 */
export function applyCohortMapping(
  header: string[],
  table: string | null,
  cohort: string | null,
  mappings?: CohortMappings,
): { header: string[]; renamed: HeaderRename[] } {
  const registry = mappings ?? (bundled ??= readBundledSync());
  const group = cohortGroup(registry, cohort);
  const renames = group === null ? undefined : registry.groups[group]?.renames;
  if (!renames) return { header: [...header], renamed: [] };
  const map = new Map<string, string>();
  for (const key of ['*', ...(table === null ? [] : [table])]) {
    for (const [from, to] of Object.entries(renames[key] ?? {})) map.set(fold(from), to);
  }
  const taken = new Set(header.map(fold));
  const renamed: HeaderRename[] = [];
  const out = header.map((cell) => {
    const to = map.get(fold(cell));
    if (to === undefined || taken.has(fold(to))) return cell;
    taken.add(fold(to));
    renamed.push({ from: cell, to });
    return to;
  });
  return { header: out, renamed };
}

/** Sync so that applyCohortMapping keeps its simple signature; read once per process. */
function readBundledSync(): CohortMappings {
  const file = bundledCohortMappingsFile();
  return parseCohortMappings(readFileSync(file, 'utf8'), file);
}

function fold(s: string): string {
  return s.trim().toLowerCase();
}
