/**
 * The events of Courier's two journals, as zod schemas: a journal line is validated against
 * them when read, so a damaged line, or one written by a newer Courier, is skipped instead of
 * breaking every command. The TypeScript types are derived from the schemas: one home.
 *
 * Contracts grow by addition: add event types and optional fields, never rename. A change
 * that an older Courier would misread takes a new {@link EVENT_VERSION}.
 */
import { z } from 'zod';
import { STAGES } from '../../shared/report';

/** The version every event is written with (`v`); lines without `v` are version 1. */
export const EVENT_VERSION = 1;

const at = z.string();
const jobId = z.string().min(1);
const count = z.number().int().nonnegative();
const issueCounts = z.object({ error: count, warning: count, info: count });

/** What the ledger remembers of a job's report: counts and codes, never cell values. */
export const resultSummarySchema = z.object({
  status: z.enum(['pass', 'warn', 'fail']),
  table: z.string().nullable(),
  rows: count,
  rowsStored: count,
  rowsRejected: count,
  issues: issueCounts,
  /** Header as read from the source (after the cohort mapping), for header-mismatch. */
  header: z.array(z.string()),
  patientIds: z.object({ distinct: count, unknown: count }).nullable(),
});
export type ResultSummary = z.infer<typeof resultSummarySchema>;

/**
 * A job begins. It is also the job's claim on its file: `source.identity` (device, inode, size,
 * mtime and ctime; see watch/identity.ts) is checked against the other jobs' claims in journal
 * order, which O_APPEND makes the same for every process.
 */
export const jobEventSchema = z.object({
  type: z.literal('job'),
  id: jobId,
  at,
  pid: z.number().int(),
  /** When the owning process started (ledger/owner.ts): a reused PID is not the owner. */
  proc: z.string().optional(),
  source: z.object({
    name: z.string(),
    path: z.string(),
    bytes: count,
    mtimeMs: z.number().optional(),
    identity: z.string().optional(),
  }),
  table: z.string().nullable(),
  cohort: z.string().nullable(),
  protocolYear: z.number().int().nullable(),
  site: z.string().nullable(),
});

export const stageEventSchema = z.object({
  type: z.literal('stage'),
  id: jobId,
  at,
  stage: z.enum(STAGES),
  error: z.string().nullable().optional(),
});

export const resultEventSchema = z.object({
  type: z.literal('result'),
  id: jobId,
  at,
  sha256: z.string(),
  summary: resultSummarySchema.nullable(),
  reportPath: z.string().nullable(),
  artifact: z.object({ path: z.string(), bytes: count, sha256: z.string() }).nullable(),
  /** Contract 2 `_meta` / manifest fields known when the artifact was written. */
  meta: z.record(z.string(), z.unknown()).nullable(),
  duplicateOf: z.string().nullable(),
  /** The artifact file name of the version this one replaces (the manifest's `supersedes`). */
  supersedes: z.string().nullable(),
  /** The job this one is a newer version of (same watched path, or a single-file table). */
  supersedesJob: z.string().nullable().optional(),
});

/**
 * A job's claim on the bytes it read, once their SHA-256 is known and before it converts
 * them: the first live or kept claim in journal order wins, a later one is a duplicate.
 */
export const claimEventSchema = z.object({
  type: z.literal('claim'),
  id: jobId,
  at,
  sha256: z.string(),
});

/**
 * A file whose identity changed but not its bytes (a `chmod`, a copy that kept the times):
 * hashed, found to be job `id`'s bytes, and so not taken again.
 */
export const sameFileEventSchema = z.object({
  type: z.literal('same-file'),
  id: jobId,
  at,
  path: z.string(),
  identity: z.string(),
});

/** An automatic push waits until `notBefore`, in case a newer version of the file arrives. */
export const pushScheduledEventSchema = z.object({
  type: z.literal('push-scheduled'),
  id: jobId,
  at,
  notBefore: z.string(),
});

/** One job's new cross-table findings in a {@link recheckEventSchema re-check}. */
export const recheckedJobSchema = z.object({
  id: jobId,
  status: z.enum(['pass', 'warn', 'fail']),
  issues: issueCounts,
  /** Distinct patient IDs not in the new patient table; null for a table without IDs. */
  unknown: count.nullable(),
  /** Issue counts by code, as the manifest carries them. */
  counts: z.record(z.string(), count),
  /** Blocking errors appeared or went away: the stage it moves from, and to. */
  stage: z.object({ from: z.enum(STAGES), to: z.enum(STAGES) }).optional(),
});

/**
 * The submission's other tables checked again against a new patient table: one event for
 * the whole re-check, however many jobs it changed.
 */
export const recheckEventSchema = z.object({
  type: z.literal('recheck'),
  at,
  cohort: z.string().nullable(),
  protocolYear: z.number().int().nullable(),
  jobs: z.array(recheckedJobSchema),
});

/**
 * The last line of a journal file that compaction replaced (see ledger/compact.ts): a writer
 * whose line lands after it writes it again into the new file.
 */
export const sealedEventSchema = z.object({
  type: z.literal('sealed'),
  at,
  seal: z.string(),
});

export const overrideEventSchema = z.object({
  type: z.literal('override'),
  id: jobId,
  at,
  by: z.string(),
  reason: z.string(),
});

export const pushedEventSchema = z.object({
  type: z.literal('pushed'),
  id: jobId,
  at,
  dest: z.string(),
  local: z.boolean(),
  files: z.object({ artifact: z.string(), manifest: z.string() }),
  already: z.boolean(),
});

export const pushFailedEventSchema = z.object({
  type: z.literal('push-failed'),
  id: jobId,
  at,
  attempt: count,
  code: z.string(),
  message: z.string(),
  nextAttemptAt: z.string().nullable(),
});

export const artifactRemovedEventSchema = z.object({
  type: z.literal('artifact-removed'),
  id: jobId,
  at,
  reason: z.string(),
});

export const notAvailableEventSchema = z.object({
  type: z.literal('not-available'),
  at,
  cohort: z.string().nullable(),
  protocolYear: z.number().int().nullable(),
  table: z.string(),
  reason: z.string().nullable(),
  /** The table is expected after all: the mark is withdrawn. */
  cleared: z.boolean().optional(),
});

/** A submission declared on the NAS (`submission-<seq>.json`). */
export const declaredEventSchema = z.object({
  type: z.literal('declared'),
  at,
  cohort: z.string(),
  protocolYear: z.number().int(),
  seq: z.number().int().min(1),
  /** Where it was written (the NAS root, or the local outbox). */
  dest: z.string(),
  local: z.boolean(),
  complete: z.boolean(),
  /** What was declared, as a hash of the tables' statuses and artifacts: tells a later change. */
  fingerprint: z.string(),
});

export const ledgerEventSchema = z.discriminatedUnion('type', [
  jobEventSchema,
  stageEventSchema,
  resultEventSchema,
  overrideEventSchema,
  pushedEventSchema,
  pushFailedEventSchema,
  artifactRemovedEventSchema,
  notAvailableEventSchema,
  declaredEventSchema,
  claimEventSchema,
  sameFileEventSchema,
  pushScheduledEventSchema,
  recheckEventSchema,
  sealedEventSchema,
]);
export type DeclaredEvent = z.infer<typeof declaredEventSchema>;
export type LedgerEvent = z.infer<typeof ledgerEventSchema>;
export type JobEvent = z.infer<typeof jobEventSchema>;
/** The events that change one job's record, recorded before by its `job` event. */
export type JobUpdateEvent = Exclude<
  LedgerEvent,
  | JobEvent
  | NotAvailableEvent
  | DeclaredEvent
  | ClaimEvent
  | SameFileEvent
  | RecheckEvent
  | SealedEvent
>;
export type NotAvailableEvent = z.infer<typeof notAvailableEventSchema>;
export type ClaimEvent = z.infer<typeof claimEventSchema>;
export type SameFileEvent = z.infer<typeof sameFileEventSchema>;
export type RecheckEvent = z.infer<typeof recheckEventSchema>;
export type RecheckedJob = z.infer<typeof recheckedJobSchema>;
export type SealedEvent = z.infer<typeof sealedEventSchema>;

/** An audit record: file operations with hashes, never contents. */
export const auditEventSchema = z.object({
  at,
  op: z.enum(['read', 'staged', 'converted', 'pushed', 'deleted', 'override']),
  jobId,
  file: z.string().optional(),
  bytes: count.optional(),
  sha256: z.string().optional(),
  detail: z.string().optional(),
});
export type AuditEvent = z.infer<typeof auditEventSchema>;
