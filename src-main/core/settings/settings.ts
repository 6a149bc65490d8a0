import Conf from 'conf';
import { z } from 'zod';

/** One watched folder: files that settle there are ingested for its submission. */
export const watchedFolderSchema = z.object({
  path: z.string().min(1),
  /** The submission its files belong to; null: the general setting. */
  cohort: z.string().nullable().default(null),
  protocolYear: z.number().int().nullable().default(null),
  /** Push each file without blocking errors as soon as it is ready. */
  autoPush: z.boolean().default(false),
  /** Watch subfolders too. */
  recursive: z.boolean().default(false),
});

export type WatchedFolderSetting = z.infer<typeof watchedFolderSchema>;

/**
 * One settings schema for every front end. The desktop app reads and writes it with
 * electron-store; the CLI and browser mode read the same `config.json` under COURIER_HOME
 * through `conf`, the library electron-store is built on.
 */
export const settingsSchema = z.object({
  /** The NAS root (a mounted SMB/NFS folder); null: the local outbox. */
  nasPath: z.string().nullable().default(null),
  /** Share ids seen per destination root, so a missing marker means "not mounted". */
  shares: z.record(z.string(), z.string()).default({}),
  cohort: z.string().nullable().default(null),
  site: z.string().nullable().default(null),
  protocolYear: z.number().int().nullable().default(null),
  patientPolicy: z
    .object({ mode: z.enum(['strict', 'permissive']), threshold: z.number().int().min(0) })
    .default({ mode: 'strict', threshold: 0 }),
  definitionsDir: z.string().nullable().default(null),
  /** Days a pushed job's local artifact is kept. */
  retentionDays: z.number().int().min(0).default(30),
  /** Folders the window (and browser mode) watch for new files. */
  watchedFolders: z.array(watchedFolderSchema).default([]),
});

export type Settings = z.infer<typeof settingsSchema>;

/** What holds the settings file: `conf` here, electron-store (built on it) in the app. */
export interface SettingsBacking {
  store: Record<string, unknown>;
}

/** The options both libraries get, so they read and write the same `<home>/config.json`. */
export const SETTINGS_FILE_OPTIONS = {
  configFileMode: 0o600,
  clearInvalidConfig: false,
} as const;

export class SettingsStore {
  private readonly conf: SettingsBacking;

  constructor(home: string, backing?: SettingsBacking) {
    this.conf =
      backing ??
      new Conf<Record<string, unknown>>({
        cwd: home,
        configName: 'config',
        projectName: 'courier',
        ...SETTINGS_FILE_OPTIONS,
      });
  }

  /** Current settings, defaults filled in; a broken file falls back to defaults. */
  get(): Settings {
    const parsed = settingsSchema.safeParse(this.conf.store);
    return parsed.success ? parsed.data : settingsSchema.parse({});
  }

  update(patch: Partial<Settings>): Settings {
    const next = settingsSchema.parse({ ...this.get(), ...patch });
    this.conf.store = next as unknown as Record<string, unknown>;
    return next;
  }
}
