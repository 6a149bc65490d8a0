/**
 * The window's i18next instance (with react-i18next): English and French catalogs, the
 * language main speaks (the Settings' choice, a launch --lang, or the computer's), and the
 * page's `lang` attribute kept in step so screen readers pronounce the right language.
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { INTL_LOCALE, langOfLocale, type Lang } from '../../src-main/shared/i18n/lang';
import { prepareCatalog } from '../../src-main/shared/i18n/resources';
import { en } from './en';
import { fr } from './fr';

export const WINDOW_CATALOGS = { en, fr } as const;

/** Until main says, the browser's own language (the same computer's, in both modes). */
function firstLang(): Lang {
  const nav = typeof navigator === 'undefined' ? undefined : navigator.language;
  return langOfLocale(nav) ?? 'en';
}

export const i18n = i18next.createInstance();
void i18n.use(initReactI18next).init({
  lng: INTL_LOCALE[firstLang()],
  fallbackLng: 'en',
  initAsync: false,
  returnNull: false,
  interpolation: { escapeValue: false },
  react: { useSuspense: false },
  resources: {
    en: { translation: prepareCatalog(en, 'en') },
    fr: { translation: prepareCatalog(fr, 'fr') },
  },
});

/** The language the window speaks now. */
export function currentLang(): Lang {
  return langOfLocale(i18n.language) ?? 'en';
}

/** The `Intl` locale of the window's language ("fr-CA"). */
export function locale(): string {
  return INTL_LOCALE[currentLang()];
}

function markPage(lang: Lang): void {
  if (typeof document !== 'undefined') document.documentElement.lang = INTL_LOCALE[lang];
}
markPage(currentLang());

/** Speaks `lang` from now on: every component re-renders, the page's `lang` follows. */
export async function setLanguage(lang: Lang): Promise<void> {
  markPage(lang);
  if (currentLang() !== lang) await i18n.changeLanguage(INTL_LOCALE[lang]);
}

/** A word of the window, outside React (stores, services). */
export const t = i18n.t.bind(i18n);
