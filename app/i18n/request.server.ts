import { localeFromCookieHeader, translator, type Locale } from "./i18n";

export function requestLocale(request: Request): Locale {
  return localeFromCookieHeader(request.headers.get("cookie"));
}

/** Translate on the server, for messages that need values (e.g. minutes until unlock). */
export function requestT(request: Request) {
  return translator(requestLocale(request));
}
