/**
 * One-time download links for exports in browser mode: the service writes the export to a
 * private scratch file, the page gets `/download/<random id>` and lets the browser's own
 * download manager fetch it (a large CSV never sits in the page's memory). A link works for
 * ten minutes; then the file is removed. Downloads are plain navigations, which carry no
 * Origin header, so the unguessable id and the session cookie are what protect them.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { sendText } from './responses';

const LIFETIME_MS = 10 * 60_000;

interface Offer {
  path: string;
  fileName: string;
  remove: () => Promise<void>;
  timer: NodeJS.Timeout;
}

export class Downloads {
  private readonly offers = new Map<string, Offer>();

  /** Registers a file; returns its link (relative to the server root). */
  offer(path: string, fileName: string, remove: () => Promise<void>): string {
    const id = randomBytes(18).toString('base64url');
    const timer = setTimeout(() => void this.drop(id), LIFETIME_MS);
    timer.unref();
    this.offers.set(id, { path, fileName, remove, timer });
    return `/download/${id}`;
  }

  /** Serves `/download/<id>` as an attachment, or 404 once expired. */
  async serve(id: string, res: ServerResponse): Promise<void> {
    const offer = this.offers.get(id);
    const st = offer ? await stat(offer.path).catch(() => null) : null;
    if (!offer || !st) return sendText(res, 404, 'This download has expired. Export it again.');
    res.statusCode = 200;
    res.setHeader('Content-Type', contentType(offer.fileName));
    res.setHeader('Content-Length', st.size);
    res.setHeader('Cache-Control', 'no-store');
    // RFC 6266: an ASCII fallback and the exact UTF-8 name.
    const ascii = offer.fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(offer.fileName)}`,
    );
    const stream = createReadStream(offer.path);
    stream.on('error', () => res.destroy());
    stream.pipe(res);
  }

  private async drop(id: string): Promise<void> {
    const offer = this.offers.get(id);
    if (!offer) return;
    this.offers.delete(id);
    clearTimeout(offer.timer);
    await offer.remove().catch(() => undefined);
  }

  /** Removes every offered file (server shutdown). */
  async close(): Promise<void> {
    await Promise.all([...this.offers.keys()].map((id) => this.drop(id)));
  }
}

function contentType(name: string): string {
  if (name.endsWith('.json')) return 'application/json; charset=utf-8';
  if (name.endsWith('.html')) return 'text/html; charset=utf-8';
  if (name.endsWith('.csv')) return 'text/csv; charset=utf-8';
  return 'application/octet-stream';
}
