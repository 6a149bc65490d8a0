/**
 * Adding files from the window. Desktop: the preload reads the dropped or picked files' paths
 * (granting them to main) and main queues them. Browser mode: each file is streamed to the
 * server (`POST /api/upload`), which keeps a private copy only until its job ends.
 */
import type { AddResult, Result } from '../../src-main/shared/ipc';
import { t } from '../i18n/i18n';
import { invoke } from './api';

const EMPTY: AddResult = { queued: [], refused: [] };

function merge(a: AddResult, b: AddResult): AddResult {
  return { queued: [...a.queued, ...b.queued], refused: [...a.refused, ...b.refused] };
}

/** Uploads one file to the browser-mode server. */
async function upload(file: File): Promise<AddResult> {
  try {
    const res = await fetch('/api/upload', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/octet-stream',
        'X-Courier-File-Name': encodeURIComponent(file.name),
      },
      body: file,
    });
    const reply = (await res.json()) as Result<AddResult>;
    if (reply.ok) return reply.value;
    return { queued: [], refused: [{ path: file.name, reason: reply.error.message }] };
  } catch {
    return {
      queued: [],
      refused: [{ path: file.name, reason: t('notices.uploadFailed') }],
    };
  }
}

/** Queues files (and, on the desktop, folders) the coordinator dropped or picked. */
export async function addFiles(files: readonly File[]): Promise<AddResult> {
  if (files.length === 0) return EMPTY;
  const desktop = window.courier;
  if (desktop?.pathsForFiles) {
    const paths = desktop.pathsForFiles(files);
    if (paths.length === 0)
      return { queued: [], refused: [{ path: '', reason: t('notices.unreadable') }] };
    const reply = await invoke('jobs.add', { paths });
    if (reply.ok) return reply.value;
    return { queued: [], refused: [{ path: '', reason: reply.error.message }] };
  }
  let result = EMPTY;
  // One at a time: the server converts one file at a time anyway, and the disk is shared.
  for (const file of files) result = merge(result, await upload(file));
  return result;
}

const DATA_NAME = /\.(csv|tsv|txt|tab|dat)$/i;
const TEMP_NAME = [/^~\$/, /\.part$/i, /\.crdownload$/i, /\.tmp$/i, /\.swp$/i, /^\./];

/** Reads every data file under a dropped folder (browser mode: the folder itself has no path). */
async function filesOf(entry: FileSystemEntry, depth = 0): Promise<File[]> {
  if (TEMP_NAME.some((re) => re.test(entry.name))) return [];
  if (entry.isFile) {
    if (depth > 0 && !DATA_NAME.test(entry.name)) return [];
    return new Promise((resolve) =>
      (entry as FileSystemFileEntry).file(
        (f) => resolve([f]),
        () => resolve([]),
      ),
    );
  }
  if (!entry.isDirectory || depth > 5 || entry.name === 'done' || entry.name === 'rejected')
    return [];
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  const entries: FileSystemEntry[] = [];
  // readEntries answers in batches until it answers an empty one.
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve) =>
      reader.readEntries(resolve, () => resolve([])),
    );
    if (batch.length === 0) break;
    entries.push(...batch);
  }
  const nested = await Promise.all(entries.map((e) => filesOf(e, depth + 1)));
  return nested.flat();
}

/**
 * The files of a drop. On the desktop the dropped items themselves (main expands folders);
 * in a browser, folders are walked here.
 */
export async function droppedFiles(data: DataTransfer): Promise<File[]> {
  const direct = Array.from(data.files);
  if (window.courier?.pathsForFiles) return direct;
  const entries = Array.from(data.items)
    .filter((i) => i.kind === 'file')
    .map((i) => i.webkitGetAsEntry?.() ?? null);
  if (entries.length === 0 || entries.some((e) => e === null)) return direct;
  const nested = await Promise.all(entries.map((e) => filesOf(e!)));
  return nested.flat();
}
