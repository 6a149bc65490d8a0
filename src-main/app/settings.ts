import Store from 'electron-store';
import type { SettingsBacking } from '../core/settings/settings';
import { SETTINGS_FILE_OPTIONS } from '../core/settings/settings';

/**
 * The desktop app keeps its settings with electron-store, in the same `<home>/config.json`
 * that the `courier` command and browser mode read through `conf` (electron-store is built on
 * it): one schema, one file.
 */
export function electronSettings(home: string): SettingsBacking {
  return new Store<Record<string, unknown>>({
    cwd: home,
    name: 'config',
    ...SETTINGS_FILE_OPTIONS,
  });
}
