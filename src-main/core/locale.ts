/**
 * Where the language comes from outside the settings: `COURIER_LANG` (the command line, `courier
 * serve`, the desktop app), and the computer's locale as a terminal session or the system
 * gives it (LC_ALL, LC_MESSAGES, LANG; then what Node's Intl was started with).
 */
import { CourierError } from './errors';
import { parseLang, type Lang } from '../shared/i18n/lang';

type Env = Record<string, string | undefined>;

/** The computer's locale name ("fr_CA.UTF-8", "en-US"), as POSIX orders its variables. */
export function systemLocale(env: Env = process.env): string {
  for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANG'] as const) {
    const v = env[name]?.trim();
    // "C" and "POSIX" name no language: the next source decides.
    if (v && v !== 'C' && v !== 'POSIX' && !v.startsWith('C.')) return v;
  }
  return Intl.DateTimeFormat().resolvedOptions().locale;
}

/**
 * `COURIER_LANG`, if set: a language. Another value is a usage error for the command line
 * (`strict`); the window ignores it rather than refuse to start.
 */
export function envLang(env: Env = process.env, strict = true): Lang | null {
  const v = env.COURIER_LANG?.trim();
  if (!v) return null;
  const lang = parseLang(v);
  if (!lang && strict)
    throw new CourierError('usage', `COURIER_LANG must be en or fr (it is "${v}").`);
  return lang;
}
