/**
 * The settings: one schema for every front end (the desktop app through electron-store, the
 * command line and browser mode through `conf`, the window's changes over IPC). Pure
 * TypeScript and zod: the rules of a value (a protocol year's range, a name's length) live
 * here once, and the window's patch schema is derived from the file's.
 */
import { z } from 'zod';

/** Protocol years Courier accepts anywhere (settings, IPC, command line). */
export const PROTOCOL_YEAR_RANGE = { min: 2000, max: 2100 } as const;

export const protocolYearSchema = z
  .number()
  .int()
  .min(PROTOCOL_YEAR_RANGE.min, `A protocol year from ${PROTOCOL_YEAR_RANGE.min} on.`)
  .max(PROTOCOL_YEAR_RANGE.max, `A protocol year up to ${PROTOCOL_YEAR_RANGE.max}.`);

/** A cohort's name as the consortium writes it. */
export const cohortNameSchema = z.string().trim().min(1).max(200);

const pathText = z.string().trim().min(1).max(4096);

/** One watched folder: files that settle there are ingested for its submission. */
export const watchedFolderSchema = z.object({
  path: pathText,
  /** The submission its files belong to; null: the general setting. */
  cohort: cohortNameSchema.nullable().default(null),
  protocolYear: protocolYearSchema.nullable().default(null),
  /** Push each file without blocking errors as soon as it is ready. */
  autoPush: z.boolean().default(false),
  /** Watch subfolders too. */
  recursive: z.boolean().default(false),
  /** Move finished files into done/ or rejected/ beside them (default: never touch sources). */
  moveFinished: z.boolean().default(false),
  /** Poll instead of native file events (network drives where events do not arrive). */
  polling: z.boolean().default(false),
});

export type WatchedFolderSetting = z.infer<typeof watchedFolderSchema>;

export const patientPolicySchema = z.object({
  mode: z.enum(['strict', 'permissive']),
  threshold: z.number().int().min(0).max(1_000_000),
});

/** Thresholds of the year-over-year comparison's warnings (a comparison never blocks sending). */
export const compareThresholdsSchema = z.object({
  /** `fewer-rows`: a table lost this share of its rows (percent). */
  fewerRowsPct: z.number().min(0).max(100),
  /** `patients-lost`: this share of last year's patients is absent without a recorded death. */
  patientsLostPct: z.number().min(0).max(100),
  /** `distribution-shift`: a coded value's share moved by this many percentage points. */
  shareShiftPoints: z.number().min(0).max(100),
});

export type CompareThresholds = z.infer<typeof compareThresholdsSchema>;

export const DEFAULT_COMPARE: CompareThresholds = {
  fewerRowsPct: 20,
  patientsLostPct: 5,
  shareShiftPoints: 10,
};

export const settingsSchema = z.object({
  /** The NAS root (a mounted SMB/NFS folder); null: the local outbox. */
  nasPath: pathText.nullable().default(null),
  /** Share ids seen per destination root, so a missing marker means "not mounted". */
  shares: z.record(z.string(), z.string()).default({}),
  cohort: cohortNameSchema.nullable().default(null),
  site: z.string().trim().max(200).nullable().default(null),
  protocolYear: protocolYearSchema.nullable().default(null),
  patientPolicy: patientPolicySchema.default({ mode: 'strict', threshold: 0 }),
  definitionsDir: pathText.nullable().default(null),
  /** Days a pushed job's local artifact is kept. */
  retentionDays: z.number().int().min(0).max(3650).default(30),
  /** Folders the window (and browser mode) watch for new files. */
  watchedFolders: z.array(watchedFolderSchema).max(50).default([]),
  /** When this year against last year is worth a warning. */
  compare: compareThresholdsSchema.default(DEFAULT_COMPARE),
  /**
   * Seconds a ready file of an auto-push folder waits before it is sent: a newer version of
   * it arriving meanwhile (a writer that only paused, a corrected export) is sent instead.
   */
  autoPushGraceSec: z.number().int().min(0).max(3600).default(60),
});

export type Settings = z.infer<typeof settingsSchema>;

/** What the window may change in the settings: any field but the pinned share ids. */
export const settingsPatchSchema = settingsSchema
  .omit({ shares: true })
  .extend({
    // Required inside a patch: a patch names what it changes.
    nasPath: pathText.nullable(),
    cohort: cohortNameSchema.nullable(),
    site: z.string().trim().max(200).nullable(),
    protocolYear: protocolYearSchema.nullable(),
    patientPolicy: patientPolicySchema,
    definitionsDir: pathText.nullable(),
    retentionDays: z.number().int().min(0).max(3650),
    watchedFolders: z.array(watchedFolderSchema).max(50),
    compare: compareThresholdsSchema,
    autoPushGraceSec: z.number().int().min(0).max(3600),
  })
  .partial()
  .strict();

export type SettingsPatch = z.input<typeof settingsPatchSchema>;
