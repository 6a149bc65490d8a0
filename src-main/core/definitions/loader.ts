/**
 * Loads Courier's table definitions (one JSON file per table) from one or more folders.
 *
 * The bundled NA-ACCORD definitions come first; a coordinator's own folder can follow and
 * replace a bundled table or add a new one. Every mistake is reported in plain words with the
 * file and the field path (`laboratory.json: variables[3].type: ...`), because the people who
 * edit these files are data coordinators, not programmers.
 */
import { existsSync } from 'node:fs';
import { readFile, readdir, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { CourierError } from '../errors';
import { tableDefinitionSchema } from './schema';
import type { TableDefinition, Variable } from './schema';

/** One mistake in a definition (or mapping) file. */
export interface DefinitionProblem {
  /** Full path of the file (or folder) at fault. */
  file: string;
  /** `<file name>: <field path>: <what is wrong>`. */
  message: string;
}

/** Definition files could not be loaded; `message` lists every mistake, one per line. */
export class DefinitionError extends CourierError {
  readonly problems: DefinitionProblem[];
  constructor(problems: DefinitionProblem[]) {
    super('definitions', problems.map((p) => p.message).join('\n'));
    this.name = 'DefinitionError';
    this.problems = problems;
  }
}

/** The loaded tables of one protocol. */
export interface DefinitionSet {
  readonly tables: ReadonlyMap<string, TableDefinition>;
  /** The file each table was read from (shows whether a user folder replaced it). */
  readonly sources: ReadonlyMap<string, string>;
  get(table: string): TableDefinition | undefined;
  /** Tables in submission order (`order`, then name). */
  ordered(): TableDefinition[];
}

/**
 * Load every `*.json` table definition of each folder.
 *
 * Later folders replace same-named tables of earlier ones. All mistakes of all files are
 * collected before throwing, so one run shows everything to fix.
 * @throws DefinitionError naming each file and field at fault.
 */
export async function loadDefinitions(dirs: string[]): Promise<DefinitionSet> {
  const problems: DefinitionProblem[] = [];
  const tables = new Map<string, TableDefinition>();
  const sources = new Map<string, string>();
  for (const dir of dirs) {
    const files = await jsonFilesIn(dir, problems);
    for (const file of files) {
      const def = parseDefinition(await readFile(file, 'utf8'), file, problems);
      if (def) {
        tables.set(def.table, def);
        sources.set(def.table, file);
      }
    }
  }
  if (problems.length === 0 && tables.size === 0) {
    problems.push({
      file: dirs.join(', '),
      message: `No table definitions (*.json) found in ${dirs.join(', ') || 'no folder'}.`,
    });
  }
  problems.push(...crossTableProblems(tables, sources));
  if (problems.length > 0) throw new DefinitionError(problems);
  return createDefinitionSet(tables, sources);
}

/**
 * Build a DefinitionSet from already validated definitions.
 *
 * Exported so tests and tools can work with in-memory definitions.
 */
export function createDefinitionSet(
  tables: ReadonlyMap<string, TableDefinition>,
  sources: ReadonlyMap<string, string> = new Map(),
): DefinitionSet {
  const ordered = [...tables.values()].sort(
    (a, b) => a.order - b.order || a.table.localeCompare(b.table),
  );
  return {
    tables,
    sources,
    get: (table) => tables.get(table),
    ordered: () => [...ordered],
  };
}

/**
 * Parse and check the text of one definition file.
 *
 * Returns the definition (with defaults filled in), or undefined after adding the mistakes
 * to `problems`.
 */
export function parseDefinition(
  text: string,
  file: string,
  problems: DefinitionProblem[],
): TableDefinition | undefined {
  const name = basename(file);
  const add = (message: string): void => {
    problems.push({ file, message: `${name}: ${message}` });
  };
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    add(`is not valid JSON (${(err as Error).message})`);
    return undefined;
  }
  const result = tableDefinitionSchema.safeParse(json, { reportInput: true });
  if (!result.success) {
    for (const issue of result.error.issues) add(describeIssue(issue, tableDefinitionSchema));
    return undefined;
  }
  const before = problems.length;
  for (const message of semanticProblems(result.data, name)) add(message);
  return problems.length === before ? result.data : undefined;
}

/**
 * Folder holding the bundled NA-ACCORD definitions.
 *
 * Walks up from this module's folder because the code runs both from its source folder
 * (tests) and bundled into `out/node/*.mjs` (app and CLI).
 */
export function bundledDefinitionsDir(startDir?: string): string {
  return join(resourcesDir(startDir), 'definitions', 'naaccord');
}

/**
 * The `resources` folder of the installation: the first ancestor holding `resources/definitions`.
 * @throws Error when no ancestor has one (a broken installation).
 */
export function resourcesDir(startDir = dirname(fileURLToPath(import.meta.url))): string {
  let dir = resolve(startDir);
  for (;;) {
    if (existsSync(join(dir, 'resources', 'definitions'))) return join(dir, 'resources');
    const parent = dirname(dir);
    if (parent === dir) {
      throw new Error(
        `Courier's resources folder was not found above ${startDir}; the installation is incomplete.`,
      );
    }
    dir = parent;
  }
}

/**
 * Describe one zod issue as `<field path>: <what is wrong>` in plain words.
 *
 * `schema` is the schema that was parsed; it lets unknown fields be answered with the
 * closest allowed one (a misspelt field is the most common editing mistake).
 */
export function describeIssue(issue: z.core.$ZodIssue, schema: z.ZodType): string {
  const where = formatPath(issue.path);
  const got = 'input' in issue && issue.input !== undefined ? ` (got ${show(issue.input)})` : '';
  switch (issue.code) {
    case 'invalid_type':
      if (!('input' in issue) || issue.input === undefined)
        return `${where}: is missing (expected ${typeWord(issue.expected)})`;
      return `${where}: expected ${typeWord(issue.expected)}${got}`;
    case 'invalid_value':
      return issue.values.length === 1
        ? `${where}: must be ${show(issue.values[0])}${got}`
        : `${where}: expected one of ${issue.values.map(String).join(', ')}${got}`;
    case 'unrecognized_keys': {
      const allowed = allowedKeys(schema, issue.path);
      let guessed = false;
      const keys = issue.keys.map((key) => {
        const close = closest(key, allowed);
        guessed ||= close !== undefined;
        return close ? `"${key}" (did you mean "${close}"?)` : `"${key}"`;
      });
      // The full list only helps when no near spelling was found.
      const list = !guessed && allowed.length > 0 ? `; allowed fields: ${allowed.join(', ')}` : '';
      return `${where}: unknown field ${keys.join(', ')}${list}`;
    }
    case 'too_small':
      if (issue.origin === 'string') return `${where}: must not be empty`;
      if (issue.origin === 'array')
        return `${where}: must have at least ${String(issue.minimum)} item(s)`;
      return `${where}: must be ${issue.inclusive ? 'at least' : 'greater than'} ${String(issue.minimum)}${got}`;
    case 'too_big':
      return `${where}: must be ${issue.inclusive ? 'at most' : 'less than'} ${String(issue.maximum)}${got}`;
    case 'invalid_format':
      if (issue.path.length === 1 && issue.path[0] === 'table') {
        return `${where}: must be lower case letters, digits and _, starting with a letter${got}`;
      }
      return `${where}: has the wrong form${got}`;
    case 'invalid_union': {
      const options = issue.errors.flatMap((branch) =>
        branch
          .slice(0, 1)
          .map((i) =>
            i.code === 'invalid_type'
              ? typeWord(i.expected)
              : i.code === 'invalid_value'
                ? i.values.map((v) => show(v)).join(' or ')
                : i.message,
          ),
      );
      return `${where}: expected ${options.join(' or ')}${got}`;
    }
    default:
      return `${where}: ${issue.message}`;
  }
}

/** `['variables', 3, 'type']` → `variables[3].type`. */
function formatPath(path: PropertyKey[]): string {
  if (path.length === 0) return '(top level)';
  return path
    .map((seg, i) => (typeof seg === 'number' ? `[${seg}]` : `${i === 0 ? '' : '.'}${String(seg)}`))
    .join('');
}

function typeWord(expected: string): string {
  const words: Record<string, string> = {
    string: 'a text',
    number: 'a number',
    int: 'a whole number',
    boolean: 'true or false',
    array: 'a list [ ... ]',
    object: 'an object { ... }',
  };
  return words[expected] ?? expected;
}

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/** Field names allowed at `path`, found by walking the schema itself so they never drift. */
function allowedKeys(schema: z.ZodType, path: PropertyKey[]): string[] {
  let node: z.ZodType | undefined = schema;
  for (const seg of [...path, null]) {
    while (node instanceof z.ZodOptional || node instanceof z.ZodDefault)
      node = node.unwrap() as z.ZodType;
    if (seg === null) break;
    if (node instanceof z.ZodObject && typeof seg === 'string')
      node = node.shape[seg] as z.ZodType | undefined;
    else if (node instanceof z.ZodArray && typeof seg === 'number')
      node = node.element as z.ZodType;
    else node = undefined;
  }
  return node instanceof z.ZodObject ? Object.keys(node.shape) : [];
}

/** The allowed name nearest to a misspelt one (same letters in another case, or ≤ 2 edits). */
function closest(word: string, candidates: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const c of candidates) {
    const d =
      c.toLowerCase() === word.toLowerCase()
        ? 0
        : editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row.push(Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost));
    }
    prev = row;
  }
  return prev[b.length] ?? 0;
}

/** Mistakes the schema cannot see: they need the whole table at once. */
function semanticProblems(def: TableDefinition, fileName: string): string[] {
  const out: string[] = [];
  // The file name is how a user folder says which bundled table it replaces.
  if (fileName !== `${def.table}.json`) {
    out.push(
      `table: is "${def.table}" but the file is named ${fileName}; name the file ${def.table}.json`,
    );
  }
  const byName = new Map<string, { variable: Variable; index: number }>();
  def.variables.forEach((variable, index) => {
    const key = variable.name.toLowerCase();
    const earlier = byName.get(key);
    if (earlier) {
      out.push(
        `variables[${index}].name: "${variable.name}" is already used by variables[${earlier.index}] (names are compared without regard to case)`,
      );
    } else {
      byName.set(key, { variable, index });
    }
  });
  const exact = new Map(def.variables.map((v) => [v.name, v]));
  const referTo = (where: string, column: string): Variable | undefined => {
    const target = exact.get(column);
    if (!target) {
      const near = closest(column, [...exact.keys()]);
      out.push(
        `${where}: no variable named "${column}" in this table${near ? `; did you mean "${near}"?` : ''}`,
      );
    }
    return target;
  };
  def.variables.forEach((v, i) => {
    const at = `variables[${i}]`;
    if (v.type === 'enum' && (v.values ?? []).length === 0) {
      out.push(`${at}.values: "${v.name}" is an enum and needs a list of allowed values`);
    }
    if (v.booleanValues && v.type !== 'boolean') {
      out.push(
        `${at}.booleanValues: only boolean variables take booleanValues ("${v.name}" is ${v.type})`,
      );
    }
    if (v.booleanValues) {
      const seen = new Map<string, string>();
      for (const kind of ['true', 'false', 'unknown'] as const) {
        for (const spelling of v.booleanValues[kind] ?? []) {
          const other = seen.get(spelling.trim().toLowerCase());
          if (other && other !== kind)
            out.push(`${at}.booleanValues.${kind}: "${spelling}" is also listed under ${other}`);
          seen.set(spelling.trim().toLowerCase(), kind);
        }
      }
      // A boolean's values are its documented spellings: each must be one it accepts.
      for (const value of v.type === 'boolean' ? (v.values ?? []) : []) {
        if (!seen.has(value.trim().toLowerCase()))
          out.push(
            `${at}.values: "${value}" is not a spelling booleanValues accepts for "${v.name}"`,
          );
      }
    }
    if (v.range) {
      if (!['year', 'integer', 'number'].includes(v.type)) {
        out.push(
          `${at}.range: only year, integer and number variables take a range ("${v.name}" is ${v.type})`,
        );
      }
      const year = new Date().getFullYear();
      const min = v.range.min === 'currentYear' ? year : v.range.min;
      const max = v.range.max === 'currentYear' ? year : v.range.max;
      if (min !== undefined && max !== undefined && min > max) {
        out.push(
          `${at}.range: min (${String(v.range.min)}) is greater than max (${String(v.range.max)})`,
        );
      }
    }
    v.requiredWhen?.forEach((c, j) => referTo(`${at}.requiredWhen[${j}].column`, c.column));
    v.forbiddenWhen?.forEach((c, j) => referTo(`${at}.forbiddenWhen[${j}].column`, c.column));
    v.notBefore?.forEach((c, j) => {
      const where = `${at}.notBefore[${j}].column`;
      if (v.type !== 'date')
        out.push(`${at}.notBefore: only date variables take notBefore ("${v.name}" is ${v.type})`);
      const target = referTo(where, c.column);
      if (target && target.type !== 'date') out.push(`${where}: "${c.column}" is not a date`);
    });
  });
  return out;
}

/** inTable must point at a table and column that exist once all folders are merged. */
function crossTableProblems(
  tables: ReadonlyMap<string, TableDefinition>,
  sources: ReadonlyMap<string, string>,
): DefinitionProblem[] {
  const out: DefinitionProblem[] = [];
  for (const def of tables.values()) {
    const file = sources.get(def.table) ?? `${def.table}.json`;
    def.variables.forEach((v, i) => {
      if (!v.inTable) return;
      const target = tables.get(v.inTable.table);
      const where = `${basename(file)}: variables[${i}].inTable`;
      if (!target) {
        out.push({ file, message: `${where}.table: there is no table "${v.inTable.table}"` });
      } else if (!target.variables.some((t) => t.name === v.inTable?.column)) {
        out.push({
          file,
          message: `${where}.column: table "${target.table}" has no variable "${v.inTable.column}"`,
        });
      }
    });
  }
  return out;
}

async function jsonFilesIn(dir: string, problems: DefinitionProblem[]): Promise<string[]> {
  try {
    if (!(await stat(dir)).isDirectory()) {
      problems.push({ file: dir, message: `${dir}: is not a folder` });
      return [];
    }
  } catch {
    problems.push({ file: dir, message: `${dir}: folder not found` });
    return [];
  }
  const names = await readdir(dir);
  // Sorted so that load order (and so the order of reported mistakes) never depends on the disk.
  return names
    .filter((n) => n.toLowerCase().endsWith('.json'))
    .sort()
    .map((n) => join(dir, n));
}
