import type { DeclaredEvent, JobEvent, LedgerEvent } from './events';
import { applyEvent, newRecord } from './fold';
import { KEPT_STAGES } from './record';
import type { JobRecord } from './record';

interface Entry {
  record: JobRecord;
  /** The `job` event as read: what to write again if the journal loses it (see Ledger). */
  job: JobEvent;
  /** Position among the jobs, in journal order. */
  seq: number;
  /** Whether it is in `patients` (its table is `patient`). */
  patient: boolean;
}

// Map keys; NUL occurs in no path, and a null cohort is told from one named "null".
const submissionKey = (cohort: string | null, year: number | null): string =>
  `${cohort === null ? '' : `=${cohort}`}\0${year}`;
const takenKey = (path: string, bytes: number, mtimeMs: number | undefined): string =>
  `${path}\0${bytes}\0${mtimeMs}`;

/**
 * The jobs of one journal, folded event by event as the journal grows, with the lookups the
 * ledger answers often kept ready: by id, by exact source file (path, size, mtime), the
 * patient tables of each submission, and the tables marked not available.
 */
export class JobIndex {
  private readonly entries = new Map<string, Entry>();
  private readonly taken = new Map<string, string[]>();
  private readonly patients = new Map<string, Set<Entry>>();
  private readonly marks = new Map<string, Map<string, string | null>>();
  private readonly declared = new Map<string, DeclaredEvent>();
  /** `all()`'s answer until the next change. */
  private list: JobRecord[] | null = null;

  apply(e: LedgerEvent): void {
    if (e.type === 'declared') {
      const key = submissionKey(e.cohort, e.protocolYear);
      const last = this.declared.get(key);
      if (!last || e.seq >= last.seq) this.declared.set(key, e);
      return;
    }
    if (e.type === 'not-available') {
      const key = submissionKey(e.cohort, e.protocolYear);
      const marks = this.marks.get(key) ?? new Map<string, string | null>();
      this.marks.set(key, marks);
      if (e.cleared) marks.delete(e.table);
      else marks.set(e.table, e.reason);
      return;
    }
    if (e.type === 'job') {
      // A job event written again (after the journal was replaced) restates the job; it does
      // not start it over.
      if (this.entries.has(e.id)) return;
      const entry: Entry = { record: newRecord(e), job: e, seq: this.entries.size, patient: false };
      this.entries.set(e.id, entry);
      const key = takenKey(e.source.path, e.source.bytes, e.source.mtimeMs);
      const ids = this.taken.get(key);
      if (ids) ids.push(e.id);
      else this.taken.set(key, [e.id]);
      this.patientTable(entry);
      this.list = null;
      return;
    }
    const entry = this.entries.get(e.id);
    // An event of a job whose `job` event is not in this journal: nothing to attach it to.
    if (!entry) return;
    entry.record = applyEvent(entry.record, e);
    this.patientTable(entry);
    this.list = null;
  }

  has(id: string): boolean {
    return this.entries.has(id);
  }

  get(id: string): JobRecord | null {
    return this.entries.get(id)?.record ?? null;
  }

  /** Every `job` event, in journal order. */
  jobEvents(): JobEvent[] {
    return [...this.entries.values()].map((e) => e.job);
  }

  /** Every job, oldest first: a new array (callers sort and reverse it) of frozen records. */
  all(): JobRecord[] {
    this.list ??= [...this.entries.values()].map((e) => e.record);
    return this.list.slice();
  }

  /** Ids of every job, in journal order. */
  ids(): IterableIterator<string> {
    return this.entries.keys();
  }

  /** Whether this exact file (path, size, mtime) became a job that did not fail. */
  hasTaken(path: string, bytes: number, mtimeMs: number): boolean {
    const ids = this.taken.get(takenKey(path, bytes, mtimeMs)) ?? [];
    return ids.some((id) => {
      const stage = this.entries.get(id)?.record.stage;
      return stage !== 'failed' && stage !== 'cancelled';
    });
  }

  /** The artifact of the submission's latest patient table whose artifact counts. */
  latestPatientArtifact(cohort: string | null, protocolYear: number | null): string | null {
    let best: Entry | null = null;
    for (const e of this.patients.get(submissionKey(cohort, protocolYear)) ?? []) {
      if (!KEPT_STAGES.has(e.record.stage) || !e.record.artifact) continue;
      if (!best || e.seq > best.seq) best = e;
    }
    return best?.record.artifact?.path ?? null;
  }

  /** Tables marked "not available" for a submission, with their reasons: a copy. */
  notAvailable(cohort: string | null, protocolYear: number | null): Map<string, string | null> {
    return new Map(this.marks.get(submissionKey(cohort, protocolYear)));
  }

  /** The latest declaration of a submission, if it was ever declared from here. */
  lastDeclaration(cohort: string, protocolYear: number): DeclaredEvent | null {
    return this.declared.get(submissionKey(cohort, protocolYear)) ?? null;
  }

  /** Keeps `patients` in step with a job's table, which its result may set or change. */
  private patientTable(entry: Entry): void {
    const patient = entry.record.table === 'patient';
    if (patient === entry.patient) return;
    entry.patient = patient;
    const key = submissionKey(entry.record.cohort, entry.record.protocolYear);
    let set = this.patients.get(key);
    if (!set) this.patients.set(key, (set = new Set()));
    if (patient) set.add(entry);
    else set.delete(entry);
  }
}
