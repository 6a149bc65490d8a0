/**
 * What the generator needs to know about one table definition, worked out once.
 */
import type { TableDefinition, Variable } from '../definitions/schema';

/** A table definition with its columns indexed. */
export interface TableModel {
  def: TableDefinition;
  table: string;
  names: string[];
  variables: Variable[];
  index: ReadonlyMap<string, number>;
  /** The patient ID column: unique in the patient table, `inTable` elsewhere; null if none. */
  idIndex: number | null;
  /** The ID column must be unique (the patient table): row i gets pool ID i. */
  idUnique: boolean;
  /** The ID column refers to another table: IDs are drawn from the shared pool. */
  idForeign: boolean;
}

/** Index a definition for generation. */
export function tableModel(def: TableDefinition): TableModel {
  const names = def.variables.map((v) => v.name);
  const index = new Map(names.map((n, i) => [n, i]));
  let idIndex = def.variables.findIndex((v) => v.type === 'id' && (v.unique || v.inTable));
  if (idIndex < 0) idIndex = def.variables.findIndex((v) => v.type === 'id');
  const idVar = idIndex >= 0 ? def.variables[idIndex] : undefined;
  return {
    def,
    table: def.table,
    names,
    variables: def.variables,
    index,
    idIndex: idIndex >= 0 ? idIndex : null,
    idUnique: idVar?.unique === true,
    idForeign: idVar?.inTable !== undefined,
  };
}

/** Names of columns that some rule of the table looks at (conditions, date order). */
export function referencedColumns(model: TableModel): Set<string> {
  const out = new Set<string>();
  for (const v of model.variables) {
    for (const c of v.requiredWhen ?? []) out.add(c.column);
    for (const c of v.forbiddenWhen ?? []) out.add(c.column);
    for (const c of v.notBefore ?? []) out.add(c.column);
  }
  return out;
}
