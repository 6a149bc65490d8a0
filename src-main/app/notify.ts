/**
 * Desktop notifications for finished files. Files from watched folders always get one (nobody
 * dropped them, so nobody may be looking); dropped files get one when the window is not in
 * front. Clicking it shows that file's report.
 */
import { Notification } from 'electron';
import type { EventMap } from '../shared/ipc';

const TITLES: Partial<Record<string, string>> = {
  ready: 'Ready to send',
  blocked: 'Problems to fix',
  failed: 'Could not be checked',
  pushed: 'Delivered',
};

export interface NotifyContext {
  /** Whether one of Courier's windows is in front (a dropped file's end is seen there). */
  windowFocused: boolean;
  /** The notification was clicked: show this job's report. */
  open: (jobId: string) => void;
}

/** Shows one notification for a file that finished, failed or was sent. */
export function notifyFinished(e: EventMap['job.finished'], ctx: NotifyContext): boolean {
  if (!Notification.isSupported()) return false;
  if (e.origin !== 'watch' && ctx.windowFocused) return false;
  const title = TITLES[e.stage];
  if (!title) return false;
  const note = new Notification({
    title: `Courier: ${title}`,
    body: e.message,
    silent: e.stage === 'pushed',
  });
  note.on('click', () => ctx.open(e.id));
  note.show();
  return true;
}
