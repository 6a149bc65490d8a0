/**
 * The desktop app around the service: IPC answered by the same handlers as browser mode,
 * service events forwarded to every window, exports saved where the coordinator chooses,
 * and a notification when a watched folder's file is done.
 */
import { join } from 'node:path';
import { app, dialog, type BrowserWindow, type WebFrameMain } from 'electron';
import type { AppInfo } from '../shared/ipc';
import { baseHandlers } from '../core/contract/dispatch';
import { serviceHandlers, type CourierService, type ExportTarget } from '../core/service';
import { registerGrants, registerIpc, sendEvent } from './ipc';
import { notifyFinished } from './notify';

export interface DesktopOptions {
  service: CourierService;
  info: AppInfo;
  isTrusted: (frame: WebFrameMain) => boolean;
  windows: () => BrowserWindow[];
}

/** Asks where to save an export (a save dialog on the focused window). */
export function saveDialogTarget(parent: () => BrowserWindow | undefined): ExportTarget {
  return async (fileName) => {
    const win = parent();
    const options = {
      title: 'Export',
      defaultPath: join(app.getPath('downloads'), fileName),
      buttonLabel: 'Save',
    };
    const r = win
      ? await dialog.showSaveDialog(win, options)
      : await dialog.showSaveDialog(options);
    if (r.canceled || !r.filePath) return null;
    const path = r.filePath;
    return { path, done: (note) => ({ kind: 'saved', path, note }) };
  };
}

/** Wires the service to IPC and the windows; returns what undoes the event forwarding. */
export function wireDesktop(o: DesktopOptions): () => void {
  const target = saveDialogTarget(() => o.windows().find((w) => w.isFocused()) ?? o.windows()[0]);
  registerIpc({ ...baseHandlers(o.info), ...serviceHandlers(o.service, target) }, o.isTrusted);
  registerGrants((paths) => o.service.grant(paths), o.isTrusted);
  return o.service.on((event, payload) => {
    for (const win of o.windows()) sendEvent(win, event, payload);
    if (event === 'job.finished') notifyFinished(payload as Parameters<typeof notifyFinished>[0]);
  });
}
