/**
 * Clean free text for synthetic data and the identifier screen's benchmark: short clinical
 * notes composed from the catalogs' values (sigs, medications, diagnoses, lab tests, encounter
 * types, survey labels) and the eponyms, drugs and tests a note names. No identifiers.
 */
import { CATALOG } from './catalog';
import type { Rng } from './random';

function catalogValues(table: string, variable: string): string[] {
  return [...(CATALOG[table]?.variables?.[variable]?.values ?? [])];
}

const SIGS = catalogValues('medication', 'sig');
const MEDS = [
  ...catalogValues('medication', 'medicationName'),
  ...catalogValues('medication_administration', 'medicationName'),
  'Abacavir',
  'Biktarvy',
  'Truvada',
  'Descovy',
  'Triumeq',
  'Bactrim DS',
];
const DIAGNOSES = [
  ...catalogValues('diagnosis', 'diagnosis'),
  ...catalogValues('mortality', 'cause'),
  'Pneumocystis pneumonia',
  'Hodgkin lymphoma',
  'Epstein-Barr virus',
  'Addison disease',
  'Kaposi sarcoma',
  'Burkitt lymphoma',
  'Cryptococcal meningitis',
  'Hepatitis C',
  'Crohn disease',
  'Graves disease',
  "Bell's palsy",
  'Cushing syndrome',
  'Guillain-Barre syndrome',
  'Hashimoto thyroiditis',
  'Parkinson disease',
  'Wilson disease',
];
const TESTS = [
  'Abs CD4',
  'CD4 %',
  'HIV-1 RNA',
  'Hemoglobin A1c',
  'Creatinine',
  'ALT',
  'Platelets',
  'Total cholesterol',
  'Albumin',
];
const VISITS = [
  ...catalogValues('encounter', 'encounterType'),
  ...catalogValues('procedure', 'procedureResult'),
  'Dr. visit',
  'Follow-up visit',
  'Lab draw only',
  'Phone follow-up',
];
const OTHER = [
  ...catalogValues('risk_factor', 'risk'),
  'Little interest or pleasure in doing things',
  'Feeling down, depressed, or hopeless',
  'Do you currently smoke cigarettes?',
  'Several days',
  'More than half the days',
  'Refused',
  'Self pay / none (including Ryan White HIV/AIDS Program)',
];

/**
 * Services, pharmacies, labs and makers a note names after "per", "called", "referred to": the
 * words that make a surname a person. Some are in the screen's clinical vocabulary, some are
 * not (Kroger, Hepatology), so the benchmark also measures what the screen does not know.
 */
const PLACES = [
  'Pharmacy',
  'Case Management',
  'Social Work',
  'ID Clinic',
  'Walgreens',
  'CVS',
  'Quest',
  'LabCorp',
  'Medicaid',
  'Ryan White',
  'ADAP',
  'Gilead',
  'ViiV',
  'Kroger',
  'Hepatology',
  'Dermatology',
  'Cardiology',
];
const CUES = ['per', 'called', 'referred to', 'faxed to', 'spoke with', 'sent to', 'seen by'];

const TEMPLATES: ((r: Rng) => string)[] = [
  (r) => `${r.pick(SIGS)}; ${r.pick(CUES)} ${r.pick(PLACES)}`,
  (r) => r.pick(SIGS),
  (r) => `${r.pick(SIGS)} x ${r.int(5, 90)} days, refills ${r.int(0, 5)}`,
  (r) =>
    `Started ${r.pick(MEDS)} ${r.pick(['300', '200', '600', '50'])} mg ${r.pick(['PO', 'daily', 'BID'])}`,
  (r) => `${r.pick(MEDS)}: ${r.pick(SIGS).toLowerCase()}`,
  (r) => `Hx of ${r.pick(DIAGNOSES)}`,
  (r) =>
    `${r.pick(DIAGNOSES)}, ${r.pick(['stable', 'resolved', 'on treatment', 'new dx', 'recurrent'])}`,
  (r) =>
    `${r.pick(TESTS)} ${r.int(20, 1200)} on 20${r.int(10, 24)}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`,
  (r) => `Recheck ${r.pick(TESTS)} in ${r.int(2, 12)} weeks`,
  (r) => `${r.pick(VISITS)}; ${r.pick(SIGS).toLowerCase()}`,
  (r) => `${r.pick(VISITS)} for ${r.pick(DIAGNOSES)}`,
  (r) => r.pick(OTHER),
  (r) =>
    `Switched from ${r.pick(MEDS)} to ${r.pick(MEDS)} (${r.pick(['side effects', 'simplification', 'resistance', 'insurance'])})`,
  (r) => `VL <${r.pick(['20', '50'])} copies/mL, CD4 ${r.int(200, 900)}`,
];

/** One clean note. */
export function clinicalNote(rng: Rng): string {
  return rng.pick(TEMPLATES)(rng);
}
