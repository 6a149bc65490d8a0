/**
 * The guided-fix parts of the window (the Fix… dialog, "Fixed by Courier", recipes) read their
 * words here, by name; each name reads the catalogs (i18n/en.ts, fr.ts: `fix.*`, `recipe.*`)
 * in the language in use when the component renders.
 */
import type { FixRule } from '../../../../src-main/shared/ipc';
import { num } from '../../../i18n/format';
import { t } from '../../../i18n/i18n';

export const FIX_WORDS = {
  get fixButton() {
    return t('fix.button');
  },
  dialogTitle: (column: string) => t('fix.dialogTitle', { column }),
  get loading() {
    return t('fix.loading');
  },
  get intro() {
    return t('fix.intro');
  },
  cells: (n: number) => t('fix.cells', { count: n }),
  firstOf: (shown: number, n: number) => t('fix.firstOf', { shown: num(shown), total: num(n) }),
  get line() {
    return t('fix.line');
  },
  get before() {
    return t('fix.before');
  },
  get after() {
    return t('fix.after');
  },
  get removed() {
    return t('fix.removed');
  },
  get nothing() {
    return t('fix.nothing');
  },
  get apply() {
    return t('fix.apply');
  },
  get applying() {
    return t('fix.applying');
  },
  get cancel() {
    return t('fix.cancel');
  },
  get applied() {
    return t('fix.applied');
  },
  get fixedTitle() {
    return t('fix.fixedTitle');
  },
  fixedIntro: (job: string) => t('fix.fixedIntro', { job }),
  fixedCells: (n: number) => t('fix.fixedCells', { count: n }),
  get exportCells() {
    return t('fix.exportCells');
  },
  get exportNote() {
    return t('fix.exportNote');
  },
  get undo() {
    return t('fix.undo');
  },
  get undone() {
    return t('fix.undone');
  },
  get column() {
    return t('fix.column');
  },
  get changedValues() {
    return t('fix.changedValues');
  },
};

const RULES: FixRule[] = [
  'iso-date',
  'missing-to-empty',
  'restore-leading-zeros',
  'trim',
  'case-to-documented',
  'decimal-point',
  'drop-thousands-separator',
  'map-values',
  'drop-column',
  'redact',
];

/** Each rule's name in plain words. */
export const FIX_RULE_WORDS = Object.defineProperties(
  {},
  Object.fromEntries(RULES.map((r) => [r, { get: () => t(`fix.rules.${r}`), enumerable: true }])),
) as Record<FixRule, string>;

/** The recipes' words (Settings, and the Fix… dialog's option). */
export const RECIPE_WORDS = {
  saveOption: (table: string) => t('recipe.saveOption', { table }),
  get title() {
    return t('recipe.title');
  },
  get intro() {
    return t('recipe.intro');
  },
  get none() {
    return t('recipe.none');
  },
  of: (cohort: string | null, table: string) => `${table}${cohort ? ` · ${cohort}` : ''}`,
  get auto() {
    return t('recipe.auto');
  },
  get export() {
    return t('recipe.export');
  },
  get remove() {
    return t('recipe.remove');
  },
  get import() {
    return t('recipe.import');
  },
  get imported() {
    return t('recipe.imported');
  },
  reportTitle: (table: string) => t('recipe.reportTitle', { table }),
  get proposes() {
    return t('recipe.proposes');
  },
  get applies() {
    return t('recipe.applies');
  },
  get applying() {
    return t('fix.applying');
  },
  get refused() {
    return t('recipe.refused');
  },
  get appliedByRecipe() {
    return t('recipe.appliedByRecipe');
  },
  get column() {
    return t('fix.column');
  },
};

/** The code map's words (Map values…). */
export const MAP_WORDS = {
  get button() {
    return t('map.button');
  },
  title: (column: string) => t('map.title', { column }),
  get intro() {
    return t('map.intro');
  },
  get none() {
    return t('map.none');
  },
  caption: (column: string) => t('map.caption', { column }),
  get found() {
    return t('map.found');
  },
  get rows() {
    return t('map.rows');
  },
  get means() {
    return t('map.means');
  },
  meansOf: (value: string) => t('map.meansOf', { value }),
  get leave() {
    return t('map.leave');
  },
  get preview() {
    return t('map.preview');
  },
};
