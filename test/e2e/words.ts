/**
 * The window's words in a language, for tests that find buttons and headings by what a
 * coordinator reads: the same catalogs and i18next options as the window (and main's words,
 * namespace `main`), so a test runs unchanged in English and in French.
 */
import i18next from 'i18next';
import { INTL_LOCALE, type Lang } from '../../src-main/shared/i18n/lang';
import { prepareCatalog } from '../../src-main/shared/i18n/resources';
import { mainEn } from '../../src-main/shared/i18n/main.en';
import { mainFr } from '../../src-main/shared/i18n/main.fr';
import { en } from '../../src-renderer/i18n/en';
import { fr } from '../../src-renderer/i18n/fr';

export type Words = (key: string, params?: Record<string, unknown>) => string;

/** What the window says for `key` in `lang` ("main:…" for main's words). */
export function words(lang: Lang): Words {
  const i = i18next.createInstance();
  void i.init({
    lng: INTL_LOCALE[lang],
    fallbackLng: 'en',
    initAsync: false,
    interpolation: { escapeValue: false },
    resources: {
      en: { translation: prepareCatalog(en, 'en'), main: prepareCatalog(mainEn, 'en') },
      fr: { translation: prepareCatalog(fr, 'fr'), main: prepareCatalog(mainFr, 'fr') },
    },
  });
  return (key, params) => i.t(key, params ?? {}) as string;
}
