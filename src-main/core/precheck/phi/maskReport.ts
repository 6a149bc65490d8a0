/**
 * The rest of the report hides what the screen found: a column profile's smallest, largest and
 * most frequent values, and other issues' examples (a phone number in a number column is a
 * `type` example too), are shown masked.
 */
import type { ColumnProfile, Issue } from '../../../shared/report';

/** A value of a column as a report may show it, or null when the screen found nothing in it. */
export type ValueMask = (column: string, value: string) => string | null;

/** Masks the flagged values of each column's profile, in place. */
export function maskProfile(profile: ColumnProfile[], mask: ValueMask): void {
  for (const p of profile) {
    if (p.min !== null) p.min = mask(p.name, p.min) ?? p.min;
    if (p.max !== null) p.max = mask(p.name, p.max) ?? p.max;
    for (const t of p.top ?? []) t.value = mask(p.name, t.value) ?? t.value;
  }
}

/** Masks the flagged values among other issues' examples, in place. */
export function maskExamples(issues: Issue[], mask: ValueMask): void {
  for (const i of issues) {
    if (i.code === 'possible-phi' || i.column === null) continue;
    i.examples = i.examples.map((e) => mask(i.column!, e) ?? e);
  }
}
