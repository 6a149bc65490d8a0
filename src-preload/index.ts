/**
 * The preload: one narrow, typed object on `window.courier`. It forwards requests and events,
 * reads the paths of dropped or picked files, and opens the system's folder picker; validation
 * happens in main, where it cannot be bypassed.
 *
 * Sandboxed (sandbox: true), so it is bundled to a single CommonJS file that needs only `electron`.
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import type {
  CourierApi,
  EventMap,
  EventName,
  IPC_EVENT,
  IPC_GRANT,
  IPC_INVOKE,
  IPC_PICK_FOLDER,
} from '../src-main/shared/ipc';

// Literal copies, checked against the contract by their types: a value import would pull the
// contract's zod schemas into this bundle, which needs none of them.
const INVOKE: typeof IPC_INVOKE = 'courier:invoke';
const EVENT: typeof IPC_EVENT = 'courier:event';
const GRANT: typeof IPC_GRANT = 'courier:grant';
const PICK_FOLDER: typeof IPC_PICK_FOLDER = 'courier:pick-folder';

type Listener = (payload: unknown) => void;
/** The page's subscriptions, by event: one IPC listener serves them all. */
const subscribers = new Map<string, Set<Listener>>();
let listening = false;

function deliver(_e: IpcRendererEvent, name: unknown, payload: unknown): void {
  if (typeof name !== 'string') return;
  // A copy: a listener may unsubscribe while it runs.
  for (const l of [...(subscribers.get(name) ?? [])]) l(payload);
}

export const api: CourierApi = {
  invoke: (channel, ...args) => ipcRenderer.invoke(INVOKE, channel, args[0]),
  on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void) {
    // The page never sees an IpcRendererEvent, and many subscriptions add no IPC listeners
    // (Node would warn past ten, and each would filter every event).
    if (!listening) {
      ipcRenderer.on(EVENT, deliver);
      listening = true;
    }
    const l = listener as Listener;
    const set = subscribers.get(event) ?? new Set<Listener>();
    subscribers.set(event, set);
    set.add(l);
    return () => {
      set.delete(l);
    };
  },
  pathsForFiles(files) {
    // Only real File objects from a drop or the picker have a path: the page cannot invent one.
    const paths = files.map((f) => webUtils.getPathForFile(f)).filter((p) => p !== '');
    // Sent before the page's next invoke on the same channel, so main knows them in time.
    if (paths.length > 0) ipcRenderer.send(GRANT, paths);
    return paths;
  },
  pickFolder: (purpose) => ipcRenderer.invoke(PICK_FOLDER, purpose) as Promise<string | null>,
};

contextBridge.exposeInMainWorld('courier', api);
