/**
 * The Electron side of the contract: the only file that uses `ipcMain`. Every request is
 * checked for its sender (our page, top frame) and then dispatched like the WebSocket's.
 */
import { ipcMain, type BrowserWindow, type WebFrameMain } from 'electron';
import { IPC_EVENT, IPC_INVOKE, type EventMap, type EventName, type Result } from '../shared/ipc';
import { dispatch, type Handlers } from '../core/server/dispatch';

/**
 * Answers `window.courier.invoke` for the pages `isTrusted` accepts.
 *
 * A frame we did not load (an iframe, a page navigated elsewhere) gets an error, not an answer.
 */
export function registerIpc(handlers: Handlers, isTrusted: (frame: WebFrameMain) => boolean): void {
  ipcMain.handle(
    IPC_INVOKE,
    async (event, channel: unknown, args: unknown): Promise<Result<unknown>> => {
      const frame = event.senderFrame;
      if (!frame || frame.parent !== null || !isTrusted(frame)) {
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

/** Sends an event to one window's renderer. */
export function sendEvent<E extends EventName>(
  win: BrowserWindow,
  event: E,
  payload: EventMap[E],
): void {
  if (!win.isDestroyed()) win.webContents.send(IPC_EVENT, event, payload);
}
