/**
 * Live progress per running job: the latest value for the views, and events throttled to at
 * most 10 a second a job (stage changes and completion always go through).
 */
import type { Progress } from '../../shared/report';
import { throttle } from '../jobs/throttle';

export class ProgressTracker {
  private readonly latest = new Map<string, Progress>();
  private readonly emitters = new Map<string, (p: Progress, force?: boolean) => void>();

  constructor(private readonly emit: (p: Progress) => void) {}

  update(p: Progress): void {
    const previous = this.latest.get(p.jobId);
    this.latest.set(p.jobId, p);
    let send = this.emitters.get(p.jobId);
    if (!send) {
      send = throttle(this.emit, 100);
      this.emitters.set(p.jobId, send);
    }
    send(p, previous?.stage !== p.stage || p.done >= p.total);
  }

  get(jobId: string): Progress | null {
    return this.latest.get(jobId) ?? null;
  }

  clear(jobId: string): void {
    this.latest.delete(jobId);
    this.emitters.delete(jobId);
  }
}
