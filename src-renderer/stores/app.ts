/**
 * The app slice: what `app.info` said, whether the shell is ready, the connection (browser
 * mode) and the screen on view (a section, or one file's report), kept in the URL's fragment
 * (router.ts) so Back stays in the app. A cache of main's truth: reconnecting refetches.
 */
import { create } from 'zustand';
import type { AppInfo } from '../../src-main/shared/ipc';
import { routeHash, type Route } from '../router';
import type { SectionId } from '../sections';
import { invoke, type ConnectionState } from '../services/api';
import { setLanguage } from '../i18n/i18n';

export interface AppSlice {
  state: 'loading' | 'ready';
  info: AppInfo | null;
  /** A plain-language problem to show, or null. */
  problem: string | null;
  connection: ConnectionState;
  section: SectionId;
  /** The job whose report is open (over the section it was opened from), or null. */
  reportId: string | null;
  /** The last notice from main (a watched folder that failed...), until dismissed. */
  notice: { level: 'info' | 'warning' | 'error'; message: string } | null;
  /**
   * Says whether leaving the screen would lose something (unsaved settings); the screen then
   * asks, and `pendingRoute` holds where the coordinator wanted to go.
   */
  leaveGuard: (() => boolean) | null;
  pendingRoute: Route | null;
  load(): Promise<void>;
  setConnection(connection: ConnectionState): void;
  /** Goes to a screen (a new history entry); `fromUrl`: the address changed already (Back). */
  navigate(route: Route, fromUrl?: boolean): void;
  setSection(section: SectionId): void;
  openReport(id: string): void;
  closeReport(): void;
  setNotice(notice: AppSlice['notice']): void;
  setLeaveGuard(guard: (() => boolean) | null): void;
  /** Leaves for the pending route after all (the changes are dropped), or stays. */
  resolveLeave(leave: boolean): void;
}

/** Writes the route into the address bar (a browser without `location` in tests: nothing). */
function writeUrl(route: Route, replace = false): void {
  if (typeof window === 'undefined' || !window.location) return;
  const hash = routeHash(route);
  if (window.location.hash === hash) return;
  if (replace) window.history.replaceState(null, '', hash);
  else window.history.pushState(null, '', hash);
}

export const useApp = create<AppSlice>()((set, get) => ({
  state: 'loading',
  info: null,
  problem: null,
  connection: 'connecting',
  section: 'inbox',
  reportId: null,
  notice: null,
  leaveGuard: null,
  pendingRoute: null,
  async load() {
    // The language main speaks, before the window says "ready": no screen flashes English.
    const [reply, settings] = await Promise.all([invoke('app.info'), invoke('settings.get')]);
    if (settings.ok && settings.value.lang) await setLanguage(settings.value.lang);
    if (reply.ok) set({ state: 'ready', info: reply.value, problem: null });
    else set({ problem: reply.error.message });
  },
  setConnection(connection) {
    set({ connection });
  },
  navigate(route, fromUrl = false) {
    const { section, reportId, leaveGuard } = get();
    if (route.section === section && route.reportId === reportId) return;
    if (leaveGuard?.()) {
      // Stay where the unsaved changes are; the screen asks whether to leave.
      if (fromUrl) writeUrl({ section, reportId }, true);
      set({ pendingRoute: route });
      return;
    }
    set({ section: route.section, reportId: route.reportId, pendingRoute: null });
    if (!fromUrl) writeUrl(route);
  },
  setSection(section) {
    get().navigate({ section, reportId: null });
  },
  openReport(id) {
    get().navigate({ section: get().section, reportId: id });
  },
  closeReport() {
    get().navigate({ section: get().section, reportId: null });
  },
  setNotice(notice) {
    set({ notice });
  },
  setLeaveGuard(leaveGuard) {
    set({ leaveGuard });
  },
  resolveLeave(leave) {
    const to = get().pendingRoute;
    set({ pendingRoute: null });
    if (!leave || !to) return;
    set({ leaveGuard: null });
    get().navigate(to);
  },
}));
