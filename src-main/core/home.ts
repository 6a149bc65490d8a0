import { readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { bundledDefinitionsDir, loadDefinitions } from './definitions/loader';
import type { DefinitionSet } from './definitions/loader';
import { isAlive, Ledger } from './ledger/ledger';
import { moveHomeOnce } from './homeMove';
import { defaultHome, homeLayout, privateDir, resolveHome, roamingHome } from './paths';
import { SettingsStore } from './settings/settings';
import type { SettingsBacking } from './settings/settings';

export interface HomeContext {
  home: string;
  ledger: Ledger;
  settings: SettingsStore;
}

/**
 * Opens Courier's data folder: the ledger (recovering jobs left mid-way by a process that
 * died) and the settings; removes staging folders nobody alive owns.
 */
export function openHome(
  explicit?: string | null,
  settingsBacking?: (home: string) => SettingsBacking,
): HomeContext {
  // Courier 0.1 kept Windows data in the roaming profile: the default folder takes it over once.
  if (!explicit && !process.env.COURIER_HOME && process.platform === 'win32')
    moveHomeOnce(roamingHome(), defaultHome());
  const home = privateDir(resolveHome(explicit));
  const ledger = new Ledger(home);
  ledger.recover();
  const staging = privateDir(homeLayout(home).staging);
  for (const name of readdirSync(staging)) {
    // Staging folders are named `<pid>-…` by the process that owns them.
    const pid = Number(/^(\d+)-/.exec(name)?.[1] ?? 0);
    if (!pid || !isAlive(pid)) rmSync(join(staging, name), { recursive: true, force: true });
  }
  return { home, ledger, settings: new SettingsStore(home, settingsBacking?.(home)) };
}

/**
 * The bundled definitions, replaced or extended by a user folder.
 * @throws DefinitionError naming each file and field at fault.
 */
export function loadAllDefinitions(dir?: string | null): Promise<DefinitionSet> {
  return loadDefinitions([bundledDefinitionsDir(), ...(dir ? [resolve(dir)] : [])]);
}
