/** Views as main would send them, for component tests. */
import { bannerOf } from '../../src-main/shared/banner';
import { sendBlock } from '../../src-main/shared/sendable';
import { jobStateWords, submissionWords } from '../../src-main/shared/words';
import type { JobView, Progress, ReportView, StatusView } from '../../src-main/shared/ipc';

/** A job as main words it: state, submission and send rule from its own fields. */
export function job(over: Partial<JobView> = {}): JobView {
  const j = base(over);
  return {
    ...j,
    state: over.state ?? jobStateWords(j),
    submission: over.submission ?? submissionWords(j.cohort, j.protocolYear),
    sendBlock: over.sendBlock !== undefined ? over.sendBlock : sendBlock(j),
  };
}

function base(over: Partial<JobView>): JobView {
  return {
    id: 'j1',
    pending: false,
    name: 'patient.csv',
    bytes: 12_345,
    table: 'patient',
    cohort: 'UW - Seattle',
    protocolYear: 2025,
    stage: 'ready',
    error: null,
    rows: 150,
    rowsRejected: 0,
    issues: { error: 0, warning: 0, info: 0 },
    duplicateOf: null,
    duplicateOfName: null,
    override: null,
    createdAt: '2026-11-24T08:00:00.000Z',
    pushedAt: null,
    push: { local: false, dest: null, attempts: 0, lastError: null, nextAttemptAt: null },
    progress: null,
    origin: 'drop',
    hasReport: true,
    canReingest: true,
    state: 'Ready to send',
    hasArtifact: true,
    sendBlock: null,
    overrideBlock: null,
    removed: false,
    rowsText: '150 rows',
    submission: 'UW - Seattle · 2025',
    ...over,
  };
}

export function progress(over: Partial<Progress> = {}): Progress {
  return {
    jobId: 'j1',
    stage: 'converting',
    done: 45,
    total: 100,
    unit: 'bytes',
    ratePerSec: 12 * 1024 * 1024,
    etaSec: 20,
    ...over,
  };
}

export function status(
  over: Partial<StatusView['nas']> = {},
  queue = { waiting: 0, running: 0, pushQueued: 0, ready: 0 },
): StatusView {
  return {
    nas: { state: 'not-configured', path: null, message: null, checkedAt: null, ...over },
    queue,
  };
}

export function reportView(j: JobView, issues = 1): ReportView {
  return {
    job: j,
    banner: bannerOf(j, issues),
    report: {
      reportVersion: 1,
      status: issues ? 'fail' : 'pass',
      file: {
        name: j.name,
        bytes: j.bytes,
        sha256: 'a'.repeat(64),
        encoding: 'utf-8',
        lineEnding: 'lf',
        delimiter: ',',
      },
      table: j.table,
      tableDetected: true,
      tableConfidence: 1,
      cohort: j.cohort,
      protocolYear: j.protocolYear,
      rows: 150,
      rowsStored: 150,
      rowsRejected: 0,
      columns: [{ name: 'resultDate', source: 'resultDate', type: 'date' }],
      patientIds: null,
      timings: { scanMs: 1, convertMs: 1, checkMs: 1 },
      counts: {
        error: { issues, rows: issues * 64 },
        warning: { issues: 0, rows: 0 },
        info: { issues: 0, rows: 0 },
      },
      profile: [
        {
          name: 'resultDate',
          type: 'date',
          filledPct: 57.3,
          distinct: 80,
          min: '1996-10-01',
          max: '2024-11-02',
          histogram: [{ bucket: '2020-01', count: 3 }],
        },
        {
          name: 'interpretation',
          type: 'enum',
          filledPct: 40,
          distinct: 3,
          min: 'High',
          max: 'Normal',
          top: [
            { value: 'High', count: 30 },
            { value: 'Low', count: 10 },
          ],
        },
      ],
    },
  };
}
