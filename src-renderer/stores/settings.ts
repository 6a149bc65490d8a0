/** The settings slice: what main has saved, and the result of the last save or NAS test. */
import { create } from 'zustand';
import type { NasTest, SettingsPatch, SettingsView } from '../../src-main/shared/ipc';
import type { LanguageChoice } from '../../src-main/shared/i18n/lang';
import { invoke, on } from '../services/api';
import { setLanguage as applyLanguage } from '../i18n/i18n';

export interface SettingsSlice {
  view: SettingsView | null;
  saving: boolean;
  problem: string | null;
  saved: boolean;
  /** The last NAS test, and the folder it was for. */
  test: (NasTest & { path: string }) | null;
  testing: boolean;
  load(): Promise<void>;
  save(patch: SettingsPatch): Promise<boolean>;
  testNas(path: string): Promise<NasTest>;
  /** Chooses the language: saved and applied at once, apart from the settings' draft. */
  setLanguage(language: LanguageChoice): Promise<boolean>;
  /** Sets the tested, empty folder up as the share (the coordinator said it is the NAS). */
  setupNas(path: string): Promise<NasTest>;
}

function failed(message: string): NasTest {
  return { ok: false, state: 'unreachable', message };
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
    if (reply.ok) {
      if (reply.value.lang) await applyLanguage(reply.value.lang);
      set({ view: reply.value });
    } else set({ problem: reply.error.message });
  },
  async save(patch) {
    set({ saving: true, problem: null, saved: false });
    const reply = await invoke('settings.update', { patch });
    if (reply.ok) {
      if (reply.value.lang) await applyLanguage(reply.value.lang);
      set({ view: reply.value, saving: false, saved: true });
      return true;
    }
    set({ saving: false, problem: reply.error.message });
    return false;
  },
  async setLanguage(language) {
    const reply = await invoke('settings.update', { patch: { language } });
    if (!reply.ok) {
      set({ problem: reply.error.message });
      return false;
    }
    if (reply.value.lang) await applyLanguage(reply.value.lang);
    set({ view: reply.value });
    return true;
  },
  async testNas(path) {
    set({ testing: true, test: null });
    const reply = await invoke('settings.testNas', { path });
    const test = reply.ok ? reply.value : failed(reply.error.message);
    set({ testing: false, test: { ...test, path } });
    return test;
  },
  async setupNas(path) {
    set({ testing: true });
    const reply = await invoke('settings.setupNas', { path });
    const test = reply.ok ? reply.value : failed(reply.error.message);
    set({ testing: false, test: { ...test, path } });
    return test;
  },
}));

export function followSettings(): () => void {
  return on('settings.changed', () => void useSettings.getState().load());
}
