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
 * died, and compacting its journal when that is worth it) and the settings; removes staging
 * folders nobody alive owns.
 */
export function openHome(
  explicit?: string | null,
  settingsBacking?: (home: string) => SettingsBacking,
): HomeContext {
  // Courier 0.1 kept Windows data in the roaming profile: the default folder takes it over once.
  if (!explicit && !process.env.COURIER_HOME && process.platform === 'win32')
    moveHomeOnce(roamingHome(), defaultHome());
  const home = privateDir(resolveHome(explicit));
  return finishOpening(home, new Ledger(home), settingsBacking);
}

/**
 * {@link openHome} for a long-running service: the journal is first read in slices, so that
 * a stop asked meanwhile is seen (`stop` says so, and the reading ends early).
 */
export async function openHomeInSlices(
  explicit: string | null | undefined,
  stop: () => boolean,
): Promise<HomeContext> {
  const home = privateDir(resolveHome(explicit));
  const ledger = new Ledger(home);
  await ledger.warmUp(stop);
  // Told to stop: the caller stops before using anything (no recovery, nothing read more).
  if (stop()) return { home, ledger, settings: new SettingsStore(home) };
  // Compaction is left to the service's quiet moments (intake/intake.ts): not at the start.
  return finishOpening(home, ledger, undefined, false);
}

function finishOpening(
  home: string,
  ledger: Ledger,
  settingsBacking?: (home: string) => SettingsBacking,
  compact = true,
): HomeContext {
  ledger.recover();
  if (compact) ledger.compactIfWorthIt();
  const staging = privateDir(homeLayout(home).staging);
  for (const name of readdirSync(staging)) {
    // Staging folders are named `<pid>-<job id>` by the process that owns them; the ledger
    // knows when that process started, so a PID in use again does not keep them.
    const m = /^(\d+)-(.*)$/.exec(name);
    const pid = Number(m?.[1] ?? 0);
    const start = m ? ledger.exact(m[2]!)?.proc : null;
    if (!pid || !isAlive(pid, start)) rmSync(join(staging, name), { recursive: true, force: true });
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
