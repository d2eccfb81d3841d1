// The translation hook of the app's components: `{ t, i18n }` like react-i18next's useTranslation,
// from the instance the root puts in I18nextProvider, with the memoising t of fast-t.ts.
//
// react-i18next's hook copies every property of the i18next instance into a wrapper object per
// component and hands out a t that makes i18next resolve the language again on every call; with a
// few hundred components and a thousand calls a page, that was a sixth of the server time of the
// KPI dashboard. The app never changes the language of an instance (a language has its own shared
// instance, see i18nFor), so the context value alone decides what to show.
import { useContext } from "react";
import { I18nContext } from "react-i18next";
import type { i18n as I18n, TFunction } from "i18next";
import { fastT } from "./fast-t";
import { DEFAULT_LOCALE, i18nFor } from "./i18n";

export function useTranslation(): { t: TFunction; i18n: I18n } {
  const i18n = useContext(I18nContext)?.i18n ?? i18nFor(DEFAULT_LOCALE);
  return { t: fastT(i18n), i18n };
}
