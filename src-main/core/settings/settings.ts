import Conf from 'conf';
import type { Settings } from '../../shared/settings';
import { settingsSchema } from '../../shared/settings';

export { settingsSchema, watchedFolderSchema } from '../../shared/settings';
export type { Settings, WatchedFolderSetting } from '../../shared/settings';

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

  /**
   * Current settings, defaults filled in. A file with a bad value keeps its good ones: each
   * field that does not validate falls back to its default (a hand-edited year of 1999 must
   * not wipe the NAS path).
   */
  get(): Settings {
    const stored = this.conf.store;
    const parsed = settingsSchema.safeParse(stored);
    if (parsed.success) return parsed.data;
    const bad = new Set(parsed.error.issues.map((i) => String(i.path[0])));
    const kept = Object.fromEntries(Object.entries(stored).filter(([k]) => !bad.has(k)));
    const retry = settingsSchema.safeParse(kept);
    return retry.success ? retry.data : settingsSchema.parse({});
  }

  update(patch: Partial<Settings>): Settings {
    const next = settingsSchema.parse({ ...this.get(), ...patch });
    this.conf.store = next as unknown as Record<string, unknown>;
    return next;
  }
}
