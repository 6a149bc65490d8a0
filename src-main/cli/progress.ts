import type { Progress } from '../shared/report';

const STAGE_WORDS: Record<string, string> = {
  scanning: 'Scanning',
  converting: 'Converting',
  checking: 'Checking',
};

function human(n: number, unit: 'bytes' | 'rows'): string {
  if (unit === 'rows') return `${n.toLocaleString('en-US')} rows`;
  if (n >= 1e9) return `${(n / 1e9).toFixed(2)} GB`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)} MB`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(0)} kB`;
  return `${n} B`;
}

/**
 * Progress on stderr: a redrawn bar when stderr is a terminal, nothing otherwise (logs of a
 * service or CI stay clean; the summary line per file is written by the caller).
 */
export function progressPrinter(fileName: string): (p: Progress) => void {
  const tty = process.stderr.isTTY === true;
  if (!tty) return () => {};
  return (p) => {
    const word = STAGE_WORDS[p.stage];
    if (!word) return;
    const frac = p.total > 0 ? Math.min(1, p.done / p.total) : 0;
    const width = 24;
    const filled = Math.round(frac * width);
    const bar = '█'.repeat(filled) + '░'.repeat(width - filled);
    const rate = p.ratePerSec > 0 ? ` ${human(p.ratePerSec, p.unit)}/s` : '';
    const eta = p.etaSec !== null && p.etaSec > 0.5 ? ` ETA ${Math.ceil(p.etaSec)}s` : '';
    process.stderr.write(
      `\r\x1b[2K${fileName}  ${word.padEnd(10)} ${bar} ${Math.round(frac * 100)}%${rate}${eta}`,
    );
  };
}

/** Clears the progress line (terminal only). */
export function clearProgress(): void {
  if (process.stderr.isTTY) process.stderr.write('\r\x1b[2K');
}
