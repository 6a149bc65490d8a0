/** A planned column as the fix rules see it (what they may change and how it is spelled). */
import { documentedSpellings } from '../booleans';
import type { PlannedColumn } from '../columnPlan';
import type { FixColumn } from './rule';

/** The rules' view of a column; `patientIdColumn` names the column checked against the patient table. */
export function fixColumnOf(col: PlannedColumn, patientIdColumn: string | null): FixColumn {
  const v = col.variable;
  const documented =
    v?.type === 'boolean' ? documentedSpellings(v) : v?.type === 'enum' ? (v.values ?? []) : [];
  return {
    name: col.name,
    type: col.type,
    defined: v !== null,
    documented,
    patientIds: patientIdColumn !== null && col.name === patientIdColumn,
  };
}
