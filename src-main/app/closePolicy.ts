/**
 * What closing the window does. Work is never cancelled silently: while a file is being
 * checked or sent the coordinator is asked; with watched folders or files waiting to be sent,
 * Courier goes on in the tray; otherwise closing the window quits (through the one shutdown
 * sequence, so the window stays until the process can exit). On macOS a closed window leaves
 * the app running, as there.
 */
import { dialog, type BrowserWindow } from 'electron';
import type { ShutdownState } from './shutdown';

export type CloseAction = 'allow' | 'hold' | 'ask' | 'tray' | 'quit';

export interface CloseSituation {
  shutdown: ShutdownState;
  isMac: boolean;
  /** A file is being checked or waits, or a push runs. */
  busy: boolean;
  /** Watched folders (not paused) or files waiting to be sent. */
  background: boolean;
}

/** Decides what a window's `close` does. */
export function closeAction(s: CloseSituation): CloseAction {
  if (s.shutdown === 'done') return 'allow';
  // The window stays while Courier closes: it says so, and a relaunch finds it.
  if (s.shutdown === 'closing') return 'hold';
  if (s.isMac) return 'allow';
  if (s.busy) return 'ask';
  if (s.background) return 'tray';
  return 'quit';
}

export type CloseChoice = 'tray' | 'wait' | 'stop' | 'cancel';
const CHOICES: CloseChoice[] = ['tray', 'wait', 'stop', 'cancel'];

/** Asks what to do with the work under way. */
export async function askOnClose(win?: BrowserWindow): Promise<CloseChoice> {
  const options = {
    type: 'question' as const,
    title: 'Courier',
    message: 'Courier is still checking or sending files.',
    detail:
      'Keep it running in the tray to let it finish (and go on watching your folders), quit once the work is done, or stop now: a stopped file from a watched folder is checked again at the next start; a file you added yourself must be added again.',
    buttons: ['Keep Running in the &Tray', 'Quit When &Done', '&Stop and Quit', '&Cancel'],
    defaultId: 0,
    cancelId: 3,
    noLink: true,
  };
  const { response } = win
    ? await dialog.showMessageBox(win, options)
    : await dialog.showMessageBox(options);
  return CHOICES[response] ?? 'cancel';
}
