/**
 * The ledger's jobs, re-read only when the journal file changed: the window asks often (every
 * "jobs changed" event refetches a page), and folding the whole journal each time would cost
 * more than the answer.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { JobRecord, Ledger } from '../ledger/ledger';

export class JobSnapshot {
  private key = '';
  private cached: JobRecord[] = [];
  private byId = new Map<string, JobRecord>();

  constructor(private readonly ledger: Ledger) {}

  /** Every job, oldest first (the ledger's order). */
  all(): JobRecord[] {
    const file = join(this.ledger.home, 'ledger.jsonl');
    let key: string;
    try {
      const st = statSync(file);
      key = `${st.size}:${st.mtimeMs}`;
    } catch {
      key = 'none';
    }
    if (key !== this.key) {
      this.cached = this.ledger.jobs();
      this.byId = new Map(this.cached.map((j) => [j.id, j]));
      this.key = key;
    }
    return this.cached;
  }

  get(id: string): JobRecord | null {
    this.all();
    return this.byId.get(id) ?? null;
  }
}
