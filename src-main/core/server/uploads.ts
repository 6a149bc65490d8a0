/**
 * `POST /api/upload`: a file dropped in a browser, streamed (never held in memory) to a private
 * temporary file, then handed to the service like any dropped file. The name travels in the
 * `X-Courier-File-Name` header (URI-encoded); the body is the raw bytes.
 */
import { createWriteStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { toIpcError } from '../contract/dispatch';
import { sendJson } from './responses';

export interface UploadSink {
  /** Where to write a file the browser sends (a private, fresh path). */
  target(name: string): { path: string; remove(): Promise<void> };
  /** The file is complete: queue it; the answer goes back to the page. */
  accept(file: { path: string; name: string; bytes: number; remove(): Promise<void> }): unknown;
}

function fail(res: ServerResponse, status: number, code: string, message: string): void {
  sendJson(res, status, { ok: false, error: { code, message } });
}

/** Streams one upload to disk and queues it. Answers the contract's result envelope. */
export async function handleUpload(
  req: IncomingMessage,
  res: ServerResponse,
  sink: UploadSink | undefined,
): Promise<void> {
  if (!sink) return fail(res, 404, 'unavailable', 'This server does not take files.');
  if (req.method !== 'POST') {
    res.setHeader('Allow', 'POST');
    return fail(res, 405, 'bad-request', 'Use POST.');
  }
  if ((req.headers['content-type'] ?? '') !== 'application/octet-stream')
    return fail(res, 415, 'bad-request', 'Send the file as application/octet-stream.');
  let name: string;
  try {
    name = decodeURIComponent(String(req.headers['x-courier-file-name'] ?? ''));
  } catch {
    name = '';
  }
  if (!name.trim()) return fail(res, 400, 'bad-request', 'The file name is missing.');
  const target = sink.target(name);
  let bytes = 0;
  req.on('data', (chunk: Buffer) => {
    bytes += chunk.length;
  });
  try {
    await pipeline(req, createWriteStream(target.path, { flags: 'wx', mode: 0o600 }));
  } catch {
    await target.remove();
    // The browser went away or the disk refused: nothing is kept.
    if (!res.headersSent && !res.destroyed)
      fail(res, 400, 'upload-failed', `${name} could not be received completely. Drop it again.`);
    return;
  }
  try {
    const value = await sink.accept({ path: target.path, name, bytes, remove: target.remove });
    sendJson(res, 200, { ok: true, value });
  } catch (e) {
    await target.remove();
    sendJson(res, 200, { ok: false, error: toIpcError(e) });
  }
}
