/**
 * Numbers, sizes, rates, times and dates in the window's language, through `Intl`
 * (`1 234,5`, `1,5 Mo`, `30 nov. 2026`), and the steps' words.
 */
import type { Progress } from '../../src-main/shared/ipc';
import { DATE_LOCALE } from '../../src-main/shared/i18n/lang';
import { currentLang, locale, t } from './i18n';

/** 1234.5 → "1,234.5" / "1 234,5". */
export function num(n: number, digits?: number): string {
  return n.toLocaleString(
    locale(),
    digits === undefined ? undefined : { maximumFractionDigits: digits },
  );
}

/** 45 → "45%" / "45 %". */
export function pct(n: number): string {
  return new Intl.NumberFormat(locale(), { style: 'percent', maximumFractionDigits: 1 }).format(
    n / 100,
  );
}

const UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;

/** A size in the language's units: "1.5 MB", "1,5 Mo". */
export function bytes(n: number): string {
  let v = n;
  let i = 0;
  while (v >= 1024 && i < UNITS.length - 1) {
    v /= 1024;
    i++;
  }
  const digits = i === 0 ? 0 : v < 10 ? 1 : 0;
  const value = v.toLocaleString(locale(), {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  // French keeps a number and its unit on one line (a no-break space), as Intl does.
  return `${value}${currentLang() === 'fr' ? '\u00a0' : ' '}${t(`units.${UNITS[i]}`)}`;
}

/**
 * How fast, where it means something: bytes read per second. Checking reports its steps, not
 * rows, so it has no rate; a rate that rounds to nothing is not shown ("0 rows/s").
 */
export function rate(p: Progress): string {
  if (p.unit !== 'bytes' || p.ratePerSec < 1) return '';
  return t('progress.perSecond', { size: bytes(p.ratePerSec) });
}

export function eta(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '';
  if (seconds < 1) return t('progress.almostDone');
  if (seconds < 60) return t('progress.seconds', { n: Math.ceil(seconds) });
  const m = Math.round(seconds / 60);
  if (m < 60) return t('progress.minutes', { n: m });
  return t('progress.hours', { h: Math.floor(m / 60), m: m % 60 });
}

function date(iso: string | null): Date | null {
  if (!iso) return null;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

const dateLocale = (): string => DATE_LOCALE[currentLang()];

/** A time never breaks inside ("08 h 15" stays whole when a narrow column wraps a date). */
const unbroken = (text: string): string => text.replace(/(\d) h (\d)/g, '$1\u00a0h\u00a0$2');

/** "24 Nov 2026, 08:15" / "24 nov. 2026, 08 h 15" in the coordinator's own time zone. */
export function when(iso: string | null): string {
  const d = date(iso);
  if (!d) return '—';
  return unbroken(
    d.toLocaleString(dateLocale(), {
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
    }),
  );
}

/** "24 Nov, 08:15" this year, "24 Nov 2025" before. */
export function shortWhen(iso: string | null): string {
  const d = date(iso);
  if (!d) return '—';
  const thisYear = d.getFullYear() === new Date().getFullYear();
  return unbroken(
    d.toLocaleString(
      dateLocale(),
      thisYear
        ? { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }
        : { day: 'numeric', month: 'short', year: 'numeric' },
    ),
  );
}

/** "30 Nov" (this year) or "30 Nov 2025"; "30 nov." / "30 nov. 2025". */
export function day(iso: string | null): string {
  const d = date(iso);
  if (!d) return '—';
  const thisYear = d.getFullYear() === new Date().getFullYear();
  return d.toLocaleDateString(
    dateLocale(),
    thisYear
      ? { day: 'numeric', month: 'short' }
      : { day: 'numeric', month: 'short', year: 'numeric' },
  );
}
