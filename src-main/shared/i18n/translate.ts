/**
 * Main's translator: one i18next instance per language over main's words (main.*.ts) and the
 * report's issue templates (issues.*.ts), created once and kept. A missing French key falls
 * back to English, never to the key itself.
 */
import i18next, { type i18n } from 'i18next';
import { issuesFr } from './issues.fr';
import { INTL_LOCALE, type Lang } from './lang';
import { mainEn } from './main.en';
import { mainFr } from './main.fr';
import { prepareCatalog } from './resources';

/** Translates a key (dotted, of main's words) with its parameters. */
export type Translate = (key: string, params?: Record<string, unknown>) => string;

/** Main's catalogs: namespace `main` (words) and `issues` (report messages and hints). */
export const MAIN_CATALOGS = {
  // English issue text is what the rules write: no templates.
  en: { main: mainEn, issues: {} },
  fr: { main: mainFr, issues: issuesFr },
} as const;

const instances = new Map<Lang, i18n>();

/** The i18next instance of a language (initialised synchronously: the catalogs are bundled). */
export function i18nFor(lang: Lang): i18n {
  const known = instances.get(lang);
  if (known) return known;
  const instance = i18next.createInstance();
  void instance.init({
    // The Intl locale, so `{{n, number}}` writes 1 234,5 in Québec French; catalogs by language.
    lng: INTL_LOCALE[lang],
    fallbackLng: 'en',
    ns: ['main', 'issues'],
    defaultNS: 'main',
    initAsync: false,
    returnNull: false,
    interpolation: { escapeValue: false },
    resources: {
      en: prepareCatalog(MAIN_CATALOGS.en, 'en'),
      fr: prepareCatalog(MAIN_CATALOGS.fr, 'fr'),
    },
  });
  instances.set(lang, instance);
  return instance;
}

const translators = new Map<Lang, Translate>();

/** The translator of main's words in `lang` (one per language: `translator('en') === EN`). */
export function translator(lang: Lang): Translate {
  const known = translators.get(lang);
  if (known) return known;
  const t = i18nFor(lang).t;
  const made: Translate = (key, params) => t(key, params ?? {}) as string;
  translators.set(lang, made);
  return made;
}

/** English: what every word function says when no language is given. */
export const EN: Translate = translator('en');
