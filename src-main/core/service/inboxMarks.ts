/**
 * The jobs the coordinator took out of the inbox (_Remove_, _Clear finished_): kept in
 * `inbox.json` in the data folder, versioned and validated when read, so the inbox stays tidy
 * across restarts. The ledger keeps every job; the history still lists them.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { Log } from '../log';

const VERSION = 1;
/** Marks of jobs older than this are dropped: the inbox no longer shows such jobs anyway. */
const KEEP_MS = 30 * 24 * 3600_000;

const fileSchema = z.object({
  v: z.literal(VERSION),
  removed: z.array(z.object({ id: z.string().min(1), at: z.string() })).max(100_000),
});

export class InboxMarks {
  private readonly path: string;
  private removed = new Map<string, string>();

  constructor(private readonly home: string) {
    this.path = join(home, 'inbox.json');
    this.read();
  }

  private read(): void {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch {
      return; // none yet
    }
    try {
      const parsed = fileSchema.parse(JSON.parse(text));
      this.removed = new Map(parsed.removed.map((r) => [r.id, r.at]));
    } catch (e) {
      // Damaged or written by a newer Courier: the inbox shows those jobs again, nothing else.
      new Log(this.home).warn(`inbox.json ignored: ${(e as Error).name}`);
    }
  }

  has(id: string): boolean {
    return this.removed.has(id);
  }

  /** Marks jobs removed; returns how many were not already. */
  add(ids: readonly string[]): number {
    const now = new Date().toISOString();
    let added = 0;
    for (const id of ids) {
      if (this.removed.has(id)) continue;
      this.removed.set(id, now);
      added++;
    }
    if (added > 0) this.write();
    return added;
  }

  private write(): void {
    const cutoff = Date.now() - KEEP_MS;
    const removed = [...this.removed]
      .filter(([, at]) => Date.parse(at) >= cutoff)
      .map(([id, at]) => ({ id, at }));
    // Written aside and renamed: a crash leaves the old file or the new one, never half.
    const tmp = `${this.path}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify({ v: VERSION, removed }) + '\n', { mode: 0o600 });
    renameSync(tmp, this.path);
  }
}
