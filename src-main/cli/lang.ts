/**
 * The command line's language: `--lang` (any command), else `COURIER_LANG`, else the Settings'
 * choice in the data folder, else the computer's locale. Messages and hints of reports follow
 * it, on stderr and in `--json`; codes, fields and exit codes never change.
 */
import { InvalidArgumentError } from 'commander';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { envLang, systemLocale } from '../core/locale';
import { resolveHome } from '../core/paths';
import { parseLang, resolveLang, type Lang } from '../shared/i18n/lang';
import { settingsSchema } from '../shared/settings';

let current: Lang = 'en';
let asked: Lang | null = null;

/** The language this run speaks (set before any command runs). */
export function cliLang(): Lang {
  return current;
}

/** What `--lang` or `COURIER_LANG` asked for, if anything (`courier serve` hands it on). */
export function askedLang(): Lang | null {
  return asked;
}

/** commander's parser of `--lang`. */
export function langOption(value: string): Lang {
  const lang = parseLang(value);
  if (!lang) throw new InvalidArgumentError('en or fr');
  return lang;
}

/** The Settings' language choice, read without opening (or creating) the data folder. */
function settingChoice(home: string | undefined) {
  try {
    const file = join(resolveHome(home), 'config.json');
    if (!existsSync(file)) return 'auto' as const;
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { language?: unknown };
    const parsed = settingsSchema.shape.language.safeParse(stored.language);
    return parsed.success ? parsed.data : ('auto' as const);
  } catch {
    return 'auto' as const;
  }
}

/**
 * Decides the run's language from the command's options (`lang`, `home`); `explicit` is
 * what `--lang` or `COURIER_LANG` asked for, which `courier serve` hands to the service.
 */
export function chooseCliLang(o: { lang?: Lang; home?: string }): {
  lang: Lang;
  explicit: Lang | null;
} {
  const explicit = o.lang ?? envLang();
  asked = explicit;
  current = resolveLang({
    setting: explicit ? 'auto' : settingChoice(o.home),
    launch: explicit,
    osLocale: systemLocale(),
  });
  return { lang: current, explicit };
}
