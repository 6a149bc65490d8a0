/**
 * Main's words in English: what main computes for every front end (a job's state, the
 * report's banner, why a file cannot be sent, the exported HTML report). The French catalog
 * (main.fr.ts) has the same keys; test/i18n/catalogs.test.ts holds them together.
 */
export const mainEn = {
  stage: {
    queued: 'Waiting',
    scanning: 'Reading',
    converting: 'Converting',
    checking: 'Checking',
    ready: 'Ready to send',
    'push-queued': 'Waiting to send',
    pushing: 'Sending',
    pushed: 'Sent',
    blocked: 'Problems to fix',
    failed: 'Could not be checked',
    cancelled: 'Cancelled',
    skipped: 'Skipped (added before)',
  },
  state: {
    removed: 'Removed',
    savedLocally: 'Saved locally (no NAS configured)',
    sentToNas: 'Sent to the NAS',
    readyOverride: 'Ready to send (override)',
    waitingForNas: 'Waiting for the NAS',
  },
  withdrawn: 'Removed from the inbox: it will not be sent.',
  submission: {
    none: 'no cohort or protocol year',
    noCohort: 'no cohort · {{year}}',
    noYear: '{{cohort}} · no protocol year',
    both: '{{cohort}} · {{year}}',
  },
  rows: {
    count_one: '{{count, number}} row',
    count_other: '{{count, number}} rows',
    withRejected: '{{rows}} ({{stored, number}} stored, {{rejected, number}} not readable)',
  },
  banner: {
    savedLocally: 'Saved locally (no NAS configured)',
    sent: 'Sent to the NAS',
    failed: 'This file could not be checked',
    skipped: 'Already added: these exact bytes were checked before',
    cancelled: 'Cancelled',
    sending: 'Sending…',
    waiting: 'Waiting to send',
    problems_one: '{{count, number}} problem to fix before sending',
    problems_other: '{{count, number}} problems to fix before sending',
    override: 'Ready to send despite its problems (override recorded)',
    ready: 'Ready to send',
  },
  send: {
    unassigned_none:
      'It has no cohort or protocol year: Courier sends nothing without both. Choose them in Settings, then check the file again.',
    unassigned_noCohort:
      'It has no cohort · {{year}}: Courier sends nothing without both. Choose them in Settings, then check the file again.',
    unassigned_noYear:
      'It has {{cohort}} · no protocol year: Courier sends nothing without both. Choose them in Settings, then check the file again.',
    blocked: 'It has problems to fix before sending (or an override with a reason).',
    pushed: 'It was sent already.',
    pushing: 'It is being sent now.',
    failed: 'It could not be checked, so there is nothing to send.',
    skipped: 'These exact bytes were added before: send that earlier file instead.',
    cancelled: 'It was cancelled before it was checked.',
    running: 'It is still being checked.',
    noTable: 'Its table is not recognised, so it cannot be sent.',
    noArtifact:
      'Its converted file is no longer on this computer: check the file again to send it.',
    cannot: 'It cannot be sent.',
  },
  override: {
    notBlocked:
      '{{name}} has no problems blocking it (it is {{stage}}): there is nothing to override.',
    noTable:
      '{{name}} is not a data table Courier recognises, so it cannot be sent, even with an override. Check that it is the right file (a CSV export of one of the 16 tables).',
    notConverted:
      '{{name}} could not be converted, so there is nothing to send, even with an override. Fix the file and add it again.',
  },
  finished: {
    ready: '{{name}} was checked: ready to send.',
    blocked_one: '{{name}} has {{count, number}} problem to fix before sending.',
    blocked_other: '{{name}} has {{count, number}} problems to fix before sending.',
    skipped: '{{name}} was added before (same bytes): skipped.',
    cancelled: '{{name}}: cancelled.',
    failed: '{{name}} could not be checked: {{reason}}',
    unknownReason: 'unknown reason',
    other: '{{name}}: {{stage}}.',
  },
  search: {
    noTable: 'table not recognised',
    duplicate: 'duplicate',
    override: 'override',
  },
  /** The 16 tables' names (the definitions' labels; a table of a definitions folder keeps its own). */
  tables: {
    census: 'Census Table',
    diagnosis: 'Diagnosis Record',
    discharge_dx: 'Discharge Diagnosis Data',
    encounter: 'Encounter Information',
    geography: 'Geographic Data',
    hospitalization: 'Hospitalizations',
    insurance: 'Insurance Information',
    laboratory: 'Laboratory Test Results Record',
    medication: 'Medications Record',
    medication_administration: 'Medication Administration (long-acting injectable ART)',
    mental_health_survey: 'Mental Health Survey Data',
    mortality: 'Cause of Death Record',
    patient: 'Patient Record',
    procedure: 'Procedures',
    risk_factor: 'HIV Acquisition Risk Factor Record',
    substance_survey: 'Substance Use Survey Information',
  },
  cli: {
    status: { pass: 'PASS', warn: 'PASS with warnings', fail: 'PROBLEMS TO FIX' },
    cancelled: 'cancelled',
    skipped: 'skipped: {{reason}}',
    sameBytes: 'the same bytes were ingested before (duplicate-file).',
    notProcessed: 'could not be processed. {{reason}}',
    detected: '{{table}} (detected, {{confidence}}%)',
    tableUnknown: 'table unknown',
    summary: '{{rows, number}} rows ({{stored, number}} stored, {{rejected, number}} set aside)',
    patients: '{{count, number}} distinct patient IDs',
    line_one: 'line',
    line_other: 'lines',
    severity: { error: 'ERROR', warning: 'WARNING', info: 'INFO' },
    example: 'e.g.',
    artifact: 'artifact: {{path}} ({{bytes, number}} bytes, sha256 {{sha}}…)',
    time: 'time: scan {{scan}} s, convert {{convert}} s, checks {{check}} s',
  },
  export: {
    firstLines:
      'Only the first 50 lines of this problem are known: the source file has changed or is no longer there.',
    noSource:
      'The source file has changed or is no longer there: the export has each line and its value, but not the whole source line.',
  },
  html: {
    severity: {
      error: 'Must be fixed before sending',
      warning: 'Worth checking',
      info: 'For information',
    },
    title: 'Courier report: {{name}}',
    code: 'Code',
    column: 'Column',
    rows: 'Rows',
    whatToDo: 'What is wrong, and how to fix it',
    lines: 'Lines',
    header: 'header',
    wholeFile: 'whole file',
    file: 'File',
    table: 'Table',
    notRecognised: 'not recognised',
    cohort: 'Cohort',
    year: 'Protocol year',
    rowsFact: '{{rows, number}} ({{stored, number}} stored, {{rejected, number}} rejected)',
    size: 'Size',
    bytes: '{{count, number}} bytes',
    encoding: 'Encoding',
    encodingFact: '{{encoding}}, {{ending}} line endings',
    patients: 'Patients',
    patientsFact: '{{distinct, number}} distinct IDs, {{unknown, number}} not in the patient table',
    noProblems: 'No problems found',
    columns: 'Columns',
    type: 'Type',
    filled: 'Filled',
    distinct: 'Distinct',
    min: 'Min',
    max: 'Max',
    footer:
      'Courier report (version {{version}}), job {{job}}, created {{created}}. Line numbers are lines of the source file; the header is line 1.',
  },
};

/** The shape every language's catalog of main's words has. */
export type MainCatalog = typeof mainEn;
