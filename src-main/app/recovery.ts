/**
 * A window whose page failed to load or whose renderer crashed is never left blank: the page
 * is loaded again once by itself; any later failure shows a plain message that offers to try
 * again, open the log folder or quit (a page that crashes as it loads never loops). Each
 * failure goes into the log.
 */
import { dialog, type BrowserWindow } from 'electron';

/** Chromium's "the load was aborted" (a newer navigation replaced it): not a failure. */
const ABORTED = -3;

export interface RecoveryDeps {
  /** Loads the page again (the same URL the window was opened with). */
  load: (win: BrowserWindow) => Promise<void>;
  log: (message: string) => void;
  openLogFolder: () => void;
  quit: () => void;
  /** While Courier closes, a crash is only logged. */
  closing: () => boolean;
}

/** Watches one window's page; call once, right after creating the window. */
export function watchRenderer(win: BrowserWindow, deps: RecoveryDeps): void {
  let failures = 0;
  let asking = false;

  const failed = (what: string): void => {
    deps.log(`window: ${what}`);
    if (deps.closing() || win.isDestroyed()) return;
    failures++;
    if (failures === 1) {
      deps.log('window: loading the page again');
      void deps.load(win).catch(() => undefined);
      return;
    }
    if (asking) return;
    asking = true;
    void dialog
      .showMessageBox(win, {
        type: 'error',
        title: 'Courier',
        message: 'Courier’s window stopped working.',
        detail:
          'Files being checked or sent are not affected. Try again; if it happens again, open the log folder and send the latest courier.log to your data manager.',
        buttons: ['&Try Again', 'Open &Log Folder', '&Quit'],
        defaultId: 0,
        cancelId: 0,
        noLink: true,
      })
      .then(({ response }) => {
        asking = false;
        if (response === 0) {
          failures = 0;
          void deps.load(win).catch(() => undefined);
        } else if (response === 1) {
          deps.openLogFolder();
        } else {
          deps.quit();
        }
      });
  };

  win.webContents.on('did-fail-load', (_e, code, description, url, isMainFrame) => {
    if (!isMainFrame || code === ABORTED) return;
    failed(`the page did not load (${code} ${description}) from ${url}`);
  });
  win.webContents.on('render-process-gone', (_e, details) => {
    if (details.reason === 'clean-exit') return;
    failed(`the renderer process is gone (${details.reason}, exit code ${details.exitCode})`);
  });
  win.webContents.on('unresponsive', () => deps.log('window: the page is not responding'));
}
