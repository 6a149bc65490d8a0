/** The settings slice: what main has saved, and the result of the last save or test. */
import { create } from 'zustand';
import type { NasTest, SettingsPatch, SettingsView } from '../../src-main/shared/ipc';
import { invoke, on } from '../services/api';

export interface SettingsSlice {
  view: SettingsView | null;
  saving: boolean;
  problem: string | null;
  saved: boolean;
  test: NasTest | null;
  testing: boolean;
  load(): Promise<void>;
  save(patch: SettingsPatch): Promise<boolean>;
  testNas(path: string): Promise<void>;
}

export const useSettings = create<SettingsSlice>()((set) => ({
  view: null,
  saving: false,
  problem: null,
  saved: false,
  test: null,
  testing: false,
  async load() {
    const reply = await invoke('settings.get');
    if (reply.ok) set({ view: reply.value });
    else set({ problem: reply.error.message });
  },
  async save(patch) {
    set({ saving: true, problem: null, saved: false });
    const reply = await invoke('settings.update', { patch });
    if (reply.ok) {
      set({ view: reply.value, saving: false, saved: true });
      return true;
    }
    set({ saving: false, problem: reply.error.message });
    return false;
  },
  async testNas(path) {
    set({ testing: true, test: null });
    const reply = await invoke('settings.testNas', { path });
    set({
      testing: false,
      test: reply.ok
        ? reply.value
        : { ok: false, state: 'unreachable', message: reply.error.message },
    });
  },
}));

export function followSettings(): () => void {
  return on('settings.changed', () => void useSettings.getState().load());
}
