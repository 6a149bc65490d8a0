/**
 * Every word the guided-fix parts of the window say, in one place (to be moved to the
 * translation catalogs as they are): the Fix… dialog and the "Fixed by Courier" section.
 */
import type { FixRule } from '../../../../src-main/shared/ipc';

export const FIX_WORDS = {
  fixButton: 'Fix…',
  dialogTitle: (column: string) => `Fix “${column}”`,
  loading: 'Looking at what would change…',
  intro:
    'Courier changes the converted file only, never your source file, and keeps the original of every changed cell.',
  cells: (n: number) => `${n.toLocaleString('en-US')} ${n === 1 ? 'cell' : 'cells'} would change.`,
  firstOf: (shown: number, n: number) => `The first ${shown} of ${n.toLocaleString('en-US')}:`,
  line: 'Line',
  before: 'Now',
  after: 'After the fix',
  removed: '(column left out)',
  nothing: 'Nothing would change.',
  apply: 'Apply',
  applying: 'Applying and checking again…',
  cancel: 'Cancel',
  applied: 'Fixed: this is the report of the fixed file. It replaces the unfixed one for sending.',
  fixedTitle: 'Fixed by Courier',
  fixedIntro: (job: string) =>
    `These cells were changed by Courier in the converted file (the source file is unchanged). The unfixed version is job ${job}, kept in the history.`,
  fixedCells: (n: number) => `${n.toLocaleString('en-US')} ${n === 1 ? 'cell' : 'cells'}`,
  exportCells: 'Export changed cells (CSV)',
  exportNote:
    'The CSV holds each changed cell with its original value: patient data. It is saved on this computer only.',
  undo: 'Undo',
  undone: 'Undone: this is the unfixed file again, and the one that counts for sending.',
} as const;

/** Each rule's name in plain words. */
export const FIX_RULE_WORDS: Record<FixRule, string> = {
  'iso-date': 'Dates to YYYY-MM-DD',
  'missing-to-empty': 'Missing-value codes to empty',
  'restore-leading-zeros': 'Leading zeros restored',
  trim: 'Spaces trimmed',
  'case-to-documented': 'Spelling as documented',
  'decimal-point': 'Decimal commas to points',
  'drop-thousands-separator': 'Thousands separators removed',
  'map-values': 'Codes mapped',
  'drop-column': 'Column left out',
  redact: 'Identifiers redacted',
};

/** The recipes' words (Settings, and the Fix… dialog's option). */
export const RECIPE_WORDS = {
  saveOption: (table: string) =>
    `Also save as the recipe for ${table}: proposed first for its next file`,
  title: 'Recipes',
  intro:
    'A recipe keeps the fixes you applied to a table. Courier proposes them first for the next file of that table, or applies them by itself when you choose so. It never applies a fix to a column that changed since.',
  none: 'No recipes yet. Save one from the Fix… dialog of a report.',
  of: (cohort: string | null, table: string) => `${table}${cohort ? ` · ${cohort}` : ''}`,
  auto: 'Apply by itself to each new file',
  export: 'Export…',
  remove: 'Remove',
  import: 'Import a recipe…',
  imported: 'Recipe imported.',
  reportTitle: (table: string) => `Recipe for ${table}`,
  proposes: 'Your saved recipe proposes these fixes for this file:',
  applies: 'Apply the recipe',
  applying: 'Applying and checking again…',
  refused: 'Not applied, because this file differs from what the recipe was made for:',
  appliedByRecipe: 'Applied by your saved recipe.',
} as const;
