/**
 * Realistic values for the NA-ACCORD tables, by table and variable.
 *
 * Anything not listed here falls back to a value made from the definition alone (enum
 * values, documented codes, type and range), so a new or user-supplied definition still
 * gets sensible data.
 */
import { labRow } from './labTests';
import type { Rng } from './random';
import { mentalHealthRow, substanceRow } from './surveys';

/** How to make one variable's values. */
export interface VariableHint {
  values?: readonly string[];
  weights?: readonly number[];
  gen?: (rng: Rng) => string;
  /** Probability that an optional variable is filled in (default {@link DEFAULT_FILL}). */
  fill?: number;
  /** Dates: earliest and latest (YYYY-MM-DD). */
  from?: string;
  to?: string;
  /** Dates with a notBefore rule: at most this many days after the earlier date. */
  maxGapDays?: number;
}

/** Hints for one table. */
export interface TableHints {
  variables?: Record<string, VariableHint>;
  /** Values that belong together in one row (a lab test with its units and range). */
  row?: (rng: Rng) => Record<string, string>;
}

export const DEFAULT_FILL = 0.6;

const digits = (rng: Rng, n: number): string => {
  let s = '';
  for (let i = 0; i < n; i++) s += String(rng.int(0, 9));
  return s;
};

const INSURANCE_CODES = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '99'];
const INSURANCE_WEIGHTS = [30, 15, 8, 3, 6, 8, 25, 4, 1, 2];
const encounterId = (rng: Rng): string => `E${digits(rng, 8)}`;
const ICD10 = [
  'I21.01',
  'J18.9',
  'A41.9',
  'N17.9',
  'B20',
  'E11.9',
  'F32.9',
  'K70.30',
  'C34.90',
  'B59',
  'I50.9',
  'A15.0',
];
const US_PLACES = [
  'WA',
  'CA',
  'NY',
  'TX',
  'MD',
  'AL',
  'NC',
  'TN',
  'OH',
  'MA',
  'GA',
  'PR',
  'ON',
  'QC',
  'BC',
  'XX',
];

export const CATALOG: Record<string, TableHints> = {
  patient: {
    variables: {
      birthSex: { values: ['Female', 'Male', 'Intersexed'], weights: [30, 69, 1], fill: 0.9 },
      presentSex: { values: ['Female', 'Male', 'Intersexed'], weights: [35, 64, 1] },
      birthYear: { gen: (r) => String(r.int(1935, 2005)) },
      race: {
        values: [
          'American Indian',
          'Asian',
          'Black',
          'Pacific Islander',
          'White',
          'Asian/Pacific Islander',
          'Multiracial',
          'Other',
          'Unknown',
        ],
        weights: [2, 3, 40, 1, 42, 2, 4, 3, 3],
      },
      hispanic: { values: ['No', 'Yes', 'Unknown'], weights: [78, 17, 5] },
      enrollDate: { from: '1996-01-01', to: '2023-12-31' },
      deathDate: { fill: 0.08 },
      deathDateSource: { values: ['1', '2', '3', '4', '5', '6', '7', '8', '9'] },
      subSiteID: { values: ['001', '002', '003', '004', '010', '012'], fill: 0.5 },
      hivNegative: { values: ['Y', 'S'], fill: 0.03 },
      BirthCountry: {
        values: [
          'United States',
          'Canada',
          'Mexico',
          'Haiti',
          'Puerto Rico',
          'Ethiopia',
          'Jamaica',
          'Philippines',
        ],
        weights: [70, 10, 6, 3, 4, 2, 3, 2],
      },
      transgendered: { values: ['No', 'Yes'], weights: [95, 5], fill: 0.4 },
      LastNDIDate: { from: '2015-01-01', fill: 0.3 },
    },
  },
  laboratory: {
    row: labRow,
    variables: { source: { values: ['L1', 'L2', 'L3', 'L4', 'L5'], weights: [60, 20, 10, 5, 5] } },
  },
  medication: {
    variables: {
      medicationName: {
        values: [
          'tenofovir disoproxil fumarate',
          'emtricitabine',
          'efavirenz',
          'dolutegravir',
          'bictegravir/emtricitabine/tenofovir alafenamide',
          'abacavir/lamivudine',
          'raltegravir',
          'darunavir',
          'ritonavir',
          'atazanavir',
          'rilpivirine',
          'zidovudine',
          'trimethoprim/sulfamethoxazole',
          // A placeholder the consortium uses; its comma makes the writer quote it.
          'Hx ARV Treatment, Med unknown',
        ],
      },
      stopDate: { maxGapDays: 2500 },
      form: {
        values: ['Tablet', 'Capsule', 'Oral solution', 'Injection'],
        weights: [80, 10, 5, 5],
      },
      strength: { values: ['300', '200', '600', '50', '400/100', '200/25'] },
      units: { values: ['mg'] },
      route: { values: ['Oral', 'PO', 'IM'], weights: [60, 35, 5] },
      sig: {
        values: [
          '1 tab PO daily',
          '2BID',
          'Take 2 pills twice a day',
          'Take 1 tablet by mouth daily',
          '1 tab PO BID',
          'Take as directed, with food',
        ],
      },
      source: { values: ['M1', 'M2', 'M3', 'M4'] },
    },
  },
  medication_administration: {
    variables: {
      medicationName: {
        values: ['cabotegravir', 'CABENUVA', 'cabotegravir/rilpivirine', 'Apretude', 'lenacapavir'],
      },
      source: {
        values: [
          'Clinic administration record',
          'Pharmacy dispensing',
          'EHR medication administration',
        ],
      },
      strength: { values: ['600/900', '400/600', '600', '927'] },
      units: { values: ['mg'] },
    },
  },
  diagnosis: {
    variables: {
      diagnosis: {
        values: [
          'PCP',
          '112',
          'I21.01',
          'Kaposi sarcoma',
          'B20',
          '136.3',
          'E11.9',
          'F32.9',
          'Candidiasis, esophageal',
          'N18.3',
        ],
      },
      source: { values: ['D1', 'D2', 'D3', 'D4', 'D5'] },
    },
  },
  discharge_dx: {
    variables: {
      dischargeDx: { values: ICD10 },
      ranking: { values: ['1', '2', '3', '4', '5'], weights: [40, 25, 15, 10, 10] },
      source: { values: ['Hospital discharge abstract', 'Billing record', 'Chart review'] },
      encounterID: { gen: encounterId },
    },
  },
  hospitalization: {
    variables: { encounterID: { gen: encounterId }, dischargeDate: { maxGapDays: 30 } },
  },
  encounter: {
    variables: {
      encounterType: {
        values: [
          'HIV Primary Care',
          'Telemedicine – Video',
          'Telemedicine – Phone',
          'Specialty Care',
          'Emergency Department',
          'Nurse Visit',
        ],
        weights: [50, 10, 8, 12, 8, 12],
      },
      encounterInsType1: { values: INSURANCE_CODES, weights: INSURANCE_WEIGHTS, fill: 0.8 },
      encounterInsType2: { values: INSURANCE_CODES, weights: INSURANCE_WEIGHTS, fill: 0.2 },
      encounterInsType3: { values: INSURANCE_CODES, weights: INSURANCE_WEIGHTS, fill: 0.05 },
      encounterInsType4: { values: INSURANCE_CODES, weights: INSURANCE_WEIGHTS, fill: 0.02 },
      encounterInsType5: { values: INSURANCE_CODES, weights: INSURANCE_WEIGHTS, fill: 0.01 },
    },
  },
  insurance: {
    variables: {
      insurance: { values: INSURANCE_CODES, weights: INSURANCE_WEIGHTS },
      insuranceStopDate: { maxGapDays: 3000 },
    },
  },
  geography: {
    variables: {
      stateProv: { values: US_PLACES },
      postCode: {
        gen: (r) =>
          r.chance(0.85)
            ? digits(r, 5)
            : r.chance(0.9)
              ? r.pick(['M5V', 'H2X', 'V6B', 'K1A 0B1'])
              : 'ZZZ',
        fill: 0.8,
      },
      stateProvApprox: { values: ['Y'], fill: 0.1 },
    },
  },
  census: {
    variables: {
      censusTract: { gen: (r) => `0${digits(r, 10)}`, fill: 0.85 },
      zcta: { gen: (r) => `0${digits(r, 4)}`, fill: 0.85 },
      county: { gen: (r) => digits(r, 3), fill: 0.85 },
      state: { values: ['01', '06', '24', '36', '37', '47', '53'], fill: 0.9 },
      ...Object.fromEntries(
        ['mTractIncome', 'mZCTAIncome', 'mCountyIncome', 'mStateIncome'].map((n) => [
          n,
          { gen: (r: Rng) => String(r.int(18, 160) * 500), fill: 0.85 },
        ]),
      ),
      ...Object.fromEntries(
        ['Employed', 'College'].flatMap((k) =>
          ['Tract', 'ZCTA', 'County', 'State'].map((a) => [
            `p${a}${k}`,
            {
              gen: (r: Rng) => (k === 'Employed' ? 0.4 + r() * 0.55 : 0.05 + r() * 0.6).toFixed(3),
              fill: 0.85,
            },
          ]),
        ),
      ),
    },
  },
  mortality: {
    variables: {
      cause: {
        values: [
          'B20',
          'C34.9',
          'I21.9',
          'J18.9',
          'X42',
          'K74.6',
          'Unknown',
          'AIDS-defining illness',
        ],
      },
      type: { values: ['1', '2', '3', '4', '5', '6'], fill: 0.7 },
      source: { values: ['1', '2', '3', '4', '5', '6', '9'] },
    },
  },
  procedure: {
    variables: {
      siteProcedure: { values: ['99213', '87536', '45378', '0BH17EZ', '71046', '88142', '93000'] },
      procedureResult: { values: ['Normal', 'Abnormal', 'Positive', 'Negative', 'Completed'] },
      source: { values: ['P1', 'P2', 'P3'] },
    },
  },
  risk_factor: {
    variables: {
      risk: {
        values: [
          'Men who have sex with men',
          'Injection drug use',
          'Heterosexual contact - Unspecified',
          // Contains a comma: quoted by the writer.
          'Heterosexual contact - Sex with HIV-infected person, risk not specified',
          'Men who have sex with men and are an injection drug user',
          'Perinatal',
          'Unknown',
        ],
        weights: [45, 12, 20, 5, 5, 3, 10],
      },
    },
  },
  substance_survey: {
    row: substanceRow,
    variables: { questionLabel: { fill: 0.7 }, responseLabel: { fill: 0.7 } },
  },
  mental_health_survey: { row: mentalHealthRow },
};
