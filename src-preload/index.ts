/**
 * The preload: one narrow, typed object on `window.courier`. It forwards requests and events,
 * and reads the paths of dropped or picked files; validation happens in main, where it cannot
 * be bypassed.
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
} from '../src-main/shared/ipc';

// Literal copies, checked against the contract by their types: a value import would pull the
// contract's zod schemas into this bundle, which needs none of them.
const INVOKE: typeof IPC_INVOKE = 'courier:invoke';
const EVENT: typeof IPC_EVENT = 'courier:event';
const GRANT: typeof IPC_GRANT = 'courier:grant';

export const api: CourierApi = {
  invoke: (channel, ...args) => ipcRenderer.invoke(INVOKE, channel, args[0]),
  on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void) {
    // One IPC name carries every event; filter here so the page never sees an IpcRendererEvent.
    const forward = (_e: IpcRendererEvent, name: unknown, payload: unknown) => {
      if (name === event) listener(payload as EventMap[E]);
    };
    ipcRenderer.on(EVENT, forward);
    return () => {
      ipcRenderer.removeListener(EVENT, forward);
    };
  },
  pathsForFiles(files) {
    // Only real File objects from a drop or the picker have a path: the page cannot invent one.
    const paths = files.map((f) => webUtils.getPathForFile(f)).filter((p) => p !== '');
    // Sent before the page's next invoke on the same channel, so main knows them in time.
    if (paths.length > 0) ipcRenderer.send(GRANT, paths);
    return paths;
  },
};

contextBridge.exposeInMainWorld('courier', api);
