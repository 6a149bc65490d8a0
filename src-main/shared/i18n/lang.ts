/**
 * The languages Courier speaks, and how the one in use is chosen: a choice in Settings, else
 * `--lang` / `COURIER_LANG` for the command line and `courier serve`, else the computer's own
 * locale (the OS's in the desktop app, LC_ALL / LC_MESSAGES / LANG in a terminal), else
 * English. Pure TypeScript: main, the command line and the window share it.
 */

export const LANGS = ['en', 'fr'] as const;
export type Lang = (typeof LANGS)[number];

/** What the Settings hold: a language, or `auto` (the computer's). */
export const LANGUAGE_CHOICES = ['auto', 'en', 'fr'] as const;
export type LanguageChoice = (typeof LANGUAGE_CHOICES)[number];

/**
 * The locale `Intl` formats with for each language: Canadian French (Québec's coordinators:
 * `1 234,5`, `30 nov. 2026`); English numbers as before (`1,234.5`).
 */
export const INTL_LOCALE: Record<Lang, string> = { en: 'en-US', fr: 'fr-CA' };

/** Dates in English keep the day-month order Courier always wrote ("30 Nov 2026"). */
export const DATE_LOCALE: Record<Lang, string> = { en: 'en-GB', fr: 'fr-CA' };

/**
 * The language of a locale name as systems write it (`fr`, `fr-CA`, `fr_CA.UTF-8`,
 * `en_US`); null for any other language or none (`C`, `POSIX`, empty).
 */
export function langOfLocale(locale: string | null | undefined): Lang | null {
  const code =
    (locale ?? '')
      .trim()
      .toLowerCase()
      .split(/[-_.@]/)[0] ?? '';
  return (LANGS as readonly string[]).includes(code) ? (code as Lang) : null;
}

/** `--lang` and `COURIER_LANG`: `en` or `fr` (a locale such as `fr-CA` is taken too). */
export function parseLang(value: string): Lang | null {
  return langOfLocale(value);
}

/**
 * The language in use. `launch` (a `--lang` flag or `COURIER_LANG`) wins over the setting for
 * this run until the coordinator picks a language in Settings (`launch` is then dropped by the
 * caller); `auto` follows the computer's locale; English otherwise.
 */
export function resolveLang(o: {
  setting: LanguageChoice;
  launch?: Lang | null;
  osLocale?: string | null;
}): Lang {
  if (o.launch) return o.launch;
  if (o.setting !== 'auto') return o.setting;
  return langOfLocale(o.osLocale) ?? 'en';
}
