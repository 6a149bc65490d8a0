import type { DeclaredEvent, JobEvent, LedgerEvent } from './events';
import { applyEvent, applyRecheck, newRecord } from './fold';
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
  /** The SHA-256 it claimed (a `claim` event, or its first result). */
  claimed: string | null;
}

// Map keys; NUL occurs in no path, and a null cohort is told from one named "null".
const submissionKey = (cohort: string | null, year: number | null): string =>
  `${cohort === null ? '' : `=${cohort}`}\0${year}`;
const takenKey = (path: string, bytes: number, mtimeMs: number | undefined): string =>
  `${path}\0${bytes}\0${mtimeMs}`;

/** A job's claim on a file identity or a SHA-256, and where it stands in the journal. */
export interface Claim {
  id: string;
  /** Position among the events, in journal order: the earlier claim wins. */
  seq: number;
}

const VOID_STAGES = new Set(['failed', 'cancelled']);

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * The jobs of one journal, folded event by event as the journal grows, with the lookups the
 * ledger answers often kept ready: by id, by exact source file (its identity; path, size and
 * mtime for jobs of earlier versions), the claims on file identities and hashes, the patient
 * tables of each submission, and the tables marked not available.
 */
export class JobIndex {
  private readonly entries = new Map<string, Entry>();
  /** Jobs of earlier versions (no identity recorded), by path, size and mtime. */
  private readonly taken = new Map<string, string[]>();
  /** File identity → the jobs that claimed it (their `job` events, and `same-file` ones). */
  private readonly identities = new Map<string, Claim[]>();
  /** Source path → its jobs, oldest first. */
  private readonly paths = new Map<string, Entry[]>();
  /** SHA-256 → the jobs that claimed those bytes. */
  private readonly hashes = new Map<string, Claim[]>();
  /** Events applied: positions for claims, and how much compaction would save. */
  events = 0;
  private readonly patients = new Map<string, Set<Entry>>();
  private readonly marks = new Map<string, Map<string, string | null>>();
  private readonly declared = new Map<string, DeclaredEvent>();
  /** `all()`'s answer until the next change. */
  private list: JobRecord[] | null = null;

  apply(e: LedgerEvent): void {
    const seq = this.events++;
    if (e.type === 'sealed') return;
    if (e.type === 'declared') {
      const key = submissionKey(e.cohort, e.protocolYear);
      const last = this.declared.get(key);
      if (!last || e.seq >= last.seq) this.declared.set(key, e);
      return;
    }
    if (e.type === 'claim') {
      const entry = this.entries.get(e.id);
      if (entry && entry.claimed !== e.sha256) {
        entry.claimed = e.sha256;
        push(this.hashes, e.sha256, { id: e.id, seq });
      }
      return;
    }
    if (e.type === 'same-file') {
      if (this.entries.has(e.id)) push(this.identities, e.identity, { id: e.id, seq });
      return;
    }
    if (e.type === 'recheck') {
      for (const r of e.jobs) {
        const entry = this.entries.get(r.id);
        if (entry) entry.record = applyRecheck(entry.record, r);
      }
      this.list = null;
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
      const entry: Entry = {
        record: newRecord(e),
        job: e,
        seq: this.entries.size,
        patient: false,
        claimed: null,
      };
      this.entries.set(e.id, entry);
      push(this.paths, e.source.path, entry);
      if (e.source.identity) push(this.identities, e.source.identity, { id: e.id, seq });
      else push(this.taken, takenKey(e.source.path, e.source.bytes, e.source.mtimeMs), e.id);
      this.patientTable(entry);
      this.list = null;
      return;
    }
    const entry = this.entries.get(e.id);
    // An event of a job whose `job` event is not in this journal: nothing to attach it to.
    if (!entry) return;
    // A result names the bytes a job read: a claim on them, for jobs that recorded none.
    if (e.type === 'result' && e.sha256 && entry.claimed !== e.sha256) {
      entry.claimed = e.sha256;
      push(this.hashes, e.sha256, { id: e.id, seq });
    }
    entry.record = applyEvent(entry.record, e);
    this.patientTable(entry);
    this.list = null;
  }

  /** How many jobs. */
  get size(): number {
    return this.entries.size;
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

  /**
   * Whether this exact file became a job that did not fail: by its identity, or, for jobs of
   * earlier versions that recorded none, by path, size and mtime.
   */
  hasTaken(identity: string, path: string, bytes: number, mtimeMs: number): boolean {
    const live = (id: string): boolean => {
      const stage = this.entries.get(id)?.record.stage;
      return stage !== undefined && !VOID_STAGES.has(stage);
    };
    if (this.identities.get(identity)?.some((c) => live(c.id))) return true;
    return (this.taken.get(takenKey(path, bytes, mtimeMs)) ?? []).some(live);
  }

  /** The jobs of one source path, oldest first. */
  atPath(path: string): JobRecord[] {
    return (this.paths.get(path) ?? []).map((e) => e.record);
  }

  /** The claims on a file identity, in journal order. */
  identityClaims(identity: string): readonly Claim[] {
    return this.identities.get(identity) ?? [];
  }

  /** The claims on a SHA-256, in journal order. */
  hashClaims(sha256: string): readonly Claim[] {
    return this.hashes.get(sha256) ?? [];
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
