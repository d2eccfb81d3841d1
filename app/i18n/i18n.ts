// i18next set-up shared by server render, client hydration and e-mail templates.
// Dutch is the default; the chosen language is remembered in the `koers_lang` cookie.
import i18next, { type i18n as I18n } from "i18next";
import { en } from "./en";
import { nl } from "./nl";
import { fastT } from "./fast-t";

export const LOCALES = ["nl", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "nl";
export const LOCALE_COOKIE = "koers_lang";

export const resources = { nl: { translation: nl }, en: { translation: en } } as const;

export function toLocale(value: string | null | undefined): Locale {
  return (LOCALES as readonly string[]).includes(value ?? "") ? (value as Locale) : DEFAULT_LOCALE;
}

/** Locale from the cookie; Dutch unless the user chose English. */
export function localeFromCookieHeader(cookieHeader: string | null): Locale {
  const match = cookieHeader?.match(new RegExp(`(?:^|;\\s*)${LOCALE_COOKIE}=([a-z]{2})`));
  return toLocale(match?.[1]);
}

export function localeCookie(locale: Locale): string {
  return `${LOCALE_COOKIE}=${locale}; Path=/; Max-Age=${60 * 60 * 24 * 365}; SameSite=Lax`;
}

/** A fresh i18next instance per request (server) or one per page (client). */
export function createI18n(locale: Locale): I18n {
  const instance = i18next.createInstance();
  void instance.init({
    lng: locale,
    fallbackLng: DEFAULT_LOCALE,
    resources,
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
    showSupportNotice: false,
  });
  return instance;
}

const cache = new Map<Locale, I18n>();
/**
 * One instance per locale, shared by every render and mail: nobody calls changeLanguage on it, so
 * concurrent requests in different languages cannot disturb each other.
 */
export function i18nFor(locale: Locale): I18n {
  let instance = cache.get(locale);
  if (!instance) {
    instance = createI18n(locale);
    cache.set(locale, instance);
  }
  return instance;
}

/** A server-side translate function (mail, audit labels) without a React tree. */
export function translator(locale: Locale) {
  return fastT(i18nFor(locale));
}
