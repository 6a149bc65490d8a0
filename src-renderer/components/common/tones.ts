/** Which tone a stage or table status is shown in. */
import type { Stage, TableStatus } from '../../../src-main/shared/ipc';
import type { Tone } from './Badge';

export function stageTone(stage: Stage): Tone {
  switch (stage) {
    case 'ready':
    case 'pushed':
      return 'ok';
    case 'blocked':
    case 'failed':
      return 'danger';
    case 'push-queued':
      return 'warn';
    case 'queued':
    case 'cancelled':
    case 'skipped':
      return 'neutral';
    default:
      return 'busy';
  }
}

export function tableTone(status: TableStatus): Tone {
  switch (status) {
    case 'sent':
    case 'saved locally':
    case 'ready':
      return 'ok';
    case 'problems':
      return 'danger';
    case 'in progress':
      return 'busy';
    case 'not available':
      return 'warn';
    default:
      return 'neutral';
  }
}
