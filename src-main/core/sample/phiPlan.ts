/**
 * `courier sample --phi RATE`: direct identifiers planted on purpose, so that the identifier
 * screen can be measured on whole files. A fraction of each table's rows gets one identifier:
 * in a free-text column ("per Dr. Alvarez, call (410) 555-0187") or in an extra column that
 * should not have been exported (`MRN`, `LastName`, `Phone`…), kinds dealt in turn. Each one
 * is listed in answers.json (`code: "possible-phi"`, with its `kind`).
 */
import census from '../precheck/phi/data/census-1990-names.json';
import type { PhiKind } from '../../shared/report';
import { clinicalNote } from './clinicalText';
import type { NameList, TextKind } from './identifiers';
import { identifier, TEXT_KINDS, withIdentifier } from './identifiers';
import type { TableModel } from './model';
import type { Rng } from './random';
import { shuffle, stream } from './random';

/** The free-text columns of the bundled tables: where a note (and so an identifier) is written. */
const FREE_TEXT: Readonly<Record<string, readonly string[]>> = {
  medication: ['sig'],
  diagnosis: ['diagnosis'],
  procedure: ['siteProcedure', 'procedureResult'],
  mortality: ['cause'],
  mental_health_survey: ['responseLabel'],
  substance_survey: ['responseLabel'],
};

/** Extra columns an export brings along by mistake, and what each holds. */
const EXTRA_COLUMNS: readonly { name: string; holds: TextKind | 'mrn' | 'surname' }[] = [
  { name: 'MRN', holds: 'mrn' },
  { name: 'LastName', holds: 'surname' },
  { name: 'patient_name', holds: 'name' },
  { name: 'Phone', holds: 'phone' },
  { name: 'email', holds: 'email' },
  { name: 'SSN', holds: 'ssn' },
  { name: 'address', holds: 'street-address' },
];

const cap = (w: string): string => w.charAt(0).toUpperCase() + w.slice(1);

/** People for the sample: the census names the screen ships, capitalized. */
const SAMPLE_NAMES: NameList = {
  first: census.first.map(cap),
  last: census.last.slice(0, 5000).map(cap),
};

/** One planted identifier, as answers.json lists it. */
export interface PhiAnswer {
  code: 'possible-phi';
  column: string;
  kind: PhiKind;
}

/** The identifiers of one table's rows, decided row by row in one pass. */
export class PhiPlan {
  /** The extra identifier column this table gets (added after the defined columns). */
  readonly extraColumn: string;
  private readonly extraHolds: (typeof EXTRA_COLUMNS)[number]['holds'];
  private readonly textColumns: number[];
  private readonly rng: Rng;
  private deck: (TextKind | 'identifier-column')[] = [];
  /** Rows that get an identifier: round(rate × rows). */
  private readonly count: number;
  private row = 0;
  private chosen = 0;

  constructor(
    private readonly model: TableModel,
    private readonly rows: number,
    rate: number,
    seed: number,
  ) {
    this.rng = stream(seed, model.table, 'phi');
    const extra = this.rng.pick(EXTRA_COLUMNS);
    // Never a name the definition already has.
    this.extraColumn = model.index.has(extra.name) ? `${extra.name}_export` : extra.name;
    this.extraHolds = extra.holds;
    this.textColumns = (FREE_TEXT[model.table] ?? []).flatMap((c) => {
      const i = model.index.get(c);
      return i === undefined ? [] : [i];
    });
    this.count = Math.round(rate * rows);
  }

  /**
   * For the next row: plants an identifier in `row` (its values, header order, with the extra
   * column's value last) and says what it planted, or null for a row left clean. `clean`
   * false (a row carrying an injected error) keeps the row as it is: one finding a row.
   */
  next(row: string[], clean: boolean): PhiAnswer | null {
    const i = this.row++;
    row.push('');
    // Selection sampling: exactly `count` rows, no list of them kept.
    const left = this.rows - i;
    if (this.chosen >= this.count || this.rng() * left >= this.count - this.chosen) return null;
    this.chosen++;
    if (!clean) return null;
    const kind = this.deal();
    if (kind === 'identifier-column') {
      row[row.length - 1] = this.extraValue();
      return { code: 'possible-phi', column: this.extraColumn, kind };
    }
    const j = this.rng.pick(this.textColumns);
    const id = identifier(kind, this.rng, SAMPLE_NAMES);
    const note = row[j]?.trim() ? row[j]! : clinicalNote(this.rng);
    row[j] = withIdentifier(note, kind, id, this.rng);
    return { code: 'possible-phi', column: this.model.names[j]!, kind };
  }

  /** Kinds from a shuffled deck: every kind about equally often. */
  private deal(): TextKind | 'identifier-column' {
    if (this.deck.length === 0) {
      const kinds: (TextKind | 'identifier-column')[] = this.textColumns.length
        ? [...TEXT_KINDS, 'identifier-column']
        : ['identifier-column'];
      this.deck = shuffle(this.rng, kinds);
    }
    return this.deck.pop()!;
  }

  private extraValue(): string {
    const r = this.rng;
    switch (this.extraHolds) {
      case 'mrn':
        return `${r.pick(['A', 'M', ''])}${r.int(1000000, 9999999)}`;
      case 'surname':
        return r.pick(SAMPLE_NAMES.last);
      case 'name':
        return `${r.pick(SAMPLE_NAMES.first)} ${r.pick(SAMPLE_NAMES.last)}`;
      default:
        return identifier(this.extraHolds, r, SAMPLE_NAMES);
    }
  }
}
