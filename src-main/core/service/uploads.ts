/**
 * Files added from a browser are the only copy Courier has of their source: each is kept in
 * its private upload folder until every job made from it is sent or removed from the inbox, so
 * _Check again_ works for them as for a dropped file. Then the copy is deleted.
 */
import { rm } from 'node:fs/promises';
import type { JobQueue } from '../intake/queue';
import type { JobRecord, Ledger } from '../ledger/ledger';
import type { InboxMarks } from './inboxMarks';
import { uploadDirOf } from './workspace';

export class UploadKeeper {
  constructor(
    private readonly home: string,
    private readonly ledger: Ledger,
    private readonly marks: InboxMarks,
    private readonly queue: JobQueue,
  ) {}

  /** Does the job still need its source? Until it is sent or removed. */
  private needs(j: JobRecord): boolean {
    return j.stage !== 'pushed' && !this.marks.has(j.id);
  }

  /** Whether some job, waiting file or running file still needs the upload folder `dir`. */
  keep(dir: string): boolean {
    const inDir = (path: string): boolean => uploadDirOf(this.home, path) === dir;
    const running = this.queue.running();
    if (running && inDir(running.path)) return true;
    if (this.queue.pending().some((i) => inDir(i.path))) return true;
    return this.ledger.jobs().some((j) => inDir(j.source.path) && this.needs(j));
  }

  /** Deletes the upload folders of these sources that nothing needs any more. */
  async release(paths: Iterable<string>): Promise<void> {
    const dirs = new Set<string>();
    for (const p of paths) {
      const dir = uploadDirOf(this.home, p);
      if (dir) dirs.add(dir);
    }
    for (const dir of dirs) if (!this.keep(dir)) await rm(dir, { recursive: true, force: true });
  }
}
