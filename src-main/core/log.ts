import { appendFileSync, existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { privateDir } from './paths';

/** Rotate past this size; keep this many old files. */
export const LOG_MAX_BYTES = 1024 * 1024;
export const LOG_KEEP = 3;

/**
 * Courier's log file under `<home>/logs`: one line per event with job ids, file names, sizes
 * and hashes; never cell values or patient IDs (callers pass only those fields). Rotated by
 * size: courier.log, courier.log.1 … courier.log.3.
 */
export class Log {
  readonly file: string;

  constructor(
    home: string,
    private readonly maxBytes = LOG_MAX_BYTES,
  ) {
    this.file = join(privateDir(join(home, 'logs')), 'courier.log');
  }

  info(message: string): void {
    this.write('info', message);
  }

  warn(message: string): void {
    this.write('warn', message);
  }

  private write(level: string, message: string): void {
    try {
      if (existsSync(this.file) && statSync(this.file).size >= this.maxBytes) this.rotate();
      appendFileSync(
        this.file,
        `${new Date().toISOString()} ${level} ${message.replace(/\s+/g, ' ')}\n`,
        {
          mode: 0o600,
        },
      );
    } catch {
      // Logging must never break a job.
    }
  }

  private rotate(): void {
    rmSync(`${this.file}.${LOG_KEEP}`, { force: true });
    for (let k = LOG_KEEP - 1; k >= 1; k--) {
      if (existsSync(`${this.file}.${k}`)) renameSync(`${this.file}.${k}`, `${this.file}.${k + 1}`);
    }
    renameSync(this.file, `${this.file}.1`);
  }
}
