/**
 * Desktop notifications for files from watched folders: nobody dropped them, so nobody may be
 * looking at the window when they are done. Dropped files need none (the window shows them).
 */
import { Notification } from 'electron';
import type { EventMap } from '../shared/ipc';

const TITLES: Partial<Record<string, string>> = {
  ready: 'Ready to send',
  blocked: 'Problems to fix',
  failed: 'Could not be checked',
  pushed: 'Delivered',
};

/** Shows one notification for a watched file that finished, failed or was sent. */
export function notifyFinished(e: EventMap['job.finished']): boolean {
  if (e.origin !== 'watch' || !Notification.isSupported()) return false;
  const title = TITLES[e.stage];
  if (!title) return false;
  new Notification({
    title: `Courier: ${title}`,
    body: e.message,
    silent: e.stage === 'pushed',
  }).show();
  return true;
}
