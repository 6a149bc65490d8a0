/**
 * The system's folder picker, in the desktop app only (browser mode has no paths to give).
 * Main shows the picker and grants the chosen folder; the page only receives its path.
 */
import type { FolderPurpose } from '../../src-main/shared/ipc';

/** Whether this window can show the system's folder picker. */
export function canPickFolders(): boolean {
  return typeof window.courier?.pickFolder === 'function';
}

/** The folder the coordinator chose, or null (cancelled, or no picker here). */
export async function pickFolder(purpose: FolderPurpose): Promise<string | null> {
  const pick = window.courier?.pickFolder;
  if (!pick) return null;
  return pick(purpose).catch(() => null);
}
