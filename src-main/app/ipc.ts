/**
 * The Electron side of the contract: the only file that uses `ipcMain`. Every request is
 * checked for its sender (our page, top frame) and then dispatched like the WebSocket's.
 */
import { ipcMain, type BrowserWindow, type WebContents, type WebFrameMain } from 'electron';
import {
  FOLDER_PURPOSES,
  IPC_EVENT,
  IPC_GRANT,
  IPC_INVOKE,
  IPC_PICK_FOLDER,
  type EventMap,
  type FolderPurpose,
  type EventName,
  type Result,
} from '../shared/ipc';
import { dispatch, type SomeHandlers } from '../core/contract/dispatch';

type Sender = { senderFrame: WebFrameMain | null };

function trusted(event: Sender, isTrusted: (frame: WebFrameMain) => boolean): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame.parent === null && isTrusted(frame);
}

/**
 * Answers `window.courier.invoke` for the pages `isTrusted` accepts.
 *
 * A frame we did not load (an iframe, a page navigated elsewhere) gets an error, not an answer.
 */
export function registerIpc(
  handlers: SomeHandlers,
  isTrusted: (frame: WebFrameMain) => boolean,
): void {
  ipcMain.handle(
    IPC_INVOKE,
    async (event, channel: unknown, args: unknown): Promise<Result<unknown>> => {
      if (!trusted(event, isTrusted)) {
        return {
          ok: false,
          error: { code: 'forbidden', message: 'This page may not call Courier.' },
        };
      }
      if (typeof channel !== 'string') {
        return {
          ok: false,
          error: { code: 'bad-request', message: 'The channel name must be text.' },
        };
      }
      return dispatch(handlers, channel, args);
    },
  );
}

/**
 * Takes the paths the preload read from a drop or the file picker (`webUtils.getPathForFile`):
 * the only paths outside the watched folders main will read for the page.
 */
export function registerGrants(
  grant: (paths: string[]) => void,
  isTrusted: (frame: WebFrameMain) => boolean,
): void {
  ipcMain.on(IPC_GRANT, (event, paths: unknown) => {
    if (!trusted(event, isTrusted) || !Array.isArray(paths)) return;
    const clean = paths.filter(
      (p): p is string =>
        typeof p === 'string' && p.length > 0 && p.length <= 4096 && !p.includes('\0'),
    );
    if (clean.length > 0 && clean.length <= 1000) grant(clean);
  });
}

/**
 * Answers `window.courier.pickFolder`: main shows the system's folder picker and grants what
 * the coordinator chose (a path the page could not have made up), or answers null.
 */
export function registerFolderPicker(
  pick: (purpose: FolderPurpose, sender: WebContents) => Promise<string | null>,
  grant: (paths: string[]) => void,
  isTrusted: (frame: WebFrameMain) => boolean,
): void {
  ipcMain.handle(IPC_PICK_FOLDER, async (event, purpose: unknown): Promise<string | null> => {
    if (!trusted(event, isTrusted)) return null;
    if (!FOLDER_PURPOSES.includes(purpose as FolderPurpose)) return null;
    const path = await pick(purpose as FolderPurpose, event.sender);
    if (path) grant([path]);
    return path;
  });
}

/** Sends an event to one window's renderer. */
export function sendEvent<E extends EventName>(
  win: BrowserWindow,
  event: E,
  payload: EventMap[E],
): void {
  if (!win.isDestroyed()) win.webContents.send(IPC_EVENT, event, payload);
}
