/**
 * The desktop app around the service: IPC answered by the same handlers as browser mode,
 * service events forwarded to every window, exports saved where the coordinator chooses,
 * folders chosen with the system's picker, and notifications for finished files.
 */
import { join } from 'node:path';
import {
  app,
  BrowserWindow,
  dialog,
  type OpenDialogOptions,
  type WebContents,
  type WebFrameMain,
} from 'electron';
import type { AppInfo, FolderPurpose } from '../shared/ipc';
import { baseHandlers } from '../core/contract/dispatch';
import { serviceHandlers, type CourierService, type ExportTarget } from '../core/service';
import { registerFolderPicker, registerGrants, registerIpc, sendEvent } from './ipc';
import { notifyFinished } from './notify';

export interface DesktopOptions {
  service: CourierService;
  info: AppInfo;
  isTrusted: (frame: WebFrameMain) => boolean;
  windows: () => BrowserWindow[];
  /** A notification was clicked: bring the window forward on that job's report. */
  showReport: (jobId: string) => void;
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

const PICKER_TITLES: Record<FolderPurpose, string> = {
  nas: 'Choose the NAS folder',
  watched: 'Choose a folder to watch',
  definitions: 'Choose the definitions folder',
};

/** The system's folder picker, on the window that asked. */
export async function pickFolderDialog(
  purpose: FolderPurpose,
  sender: WebContents,
): Promise<string | null> {
  const win = BrowserWindow.fromWebContents(sender);
  const options: OpenDialogOptions = {
    title: PICKER_TITLES[purpose],
    buttonLabel: 'Choose',
    // No createDirectory for the NAS: Courier never creates a destination folder.
    properties: purpose === 'nas' ? ['openDirectory'] : ['openDirectory', 'createDirectory'],
  };
  const r = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
  return r.canceled ? null : (r.filePaths[0] ?? null);
}

/** Wires the service to IPC and the windows; returns what undoes the event forwarding. */
export function wireDesktop(o: DesktopOptions): () => void {
  const target = saveDialogTarget(() => o.windows().find((w) => w.isFocused()) ?? o.windows()[0]);
  const grant = (paths: string[]): void => o.service.grant(paths);
  registerIpc({ ...baseHandlers(o.info), ...serviceHandlers(o.service, target) }, o.isTrusted);
  registerGrants(grant, o.isTrusted);
  registerFolderPicker(pickFolderDialog, grant, o.isTrusted);
  return o.service.on((event, payload) => {
    for (const win of o.windows()) sendEvent(win, event, payload);
    if (event === 'job.finished')
      notifyFinished(payload as Parameters<typeof notifyFinished>[0], {
        windowFocused: o.windows().some((w) => !w.isDestroyed() && w.isFocused()),
        open: o.showReport,
      });
  });
}
