import { describe, expect, it } from "vitest";
import { DEFAULT_LOCALE, localeCookie, localeFromCookieHeader, toLocale } from "../../app/i18n/i18n";

describe("localeFromCookieHeader", () => {
  it("is Dutch without a cookie header or language cookie", () => {
    expect(DEFAULT_LOCALE).toBe("nl");
    expect(localeFromCookieHeader(null)).toBe("nl");
    expect(localeFromCookieHeader("")).toBe("nl");
    expect(localeFromCookieHeader("other=en")).toBe("nl");
  });

  it("reads koers_lang anywhere in the header", () => {
    expect(localeFromCookieHeader("koers_lang=en")).toBe("en");
    expect(localeFromCookieHeader("a=1; koers_lang=en; b=2")).toBe("en");
    expect(localeFromCookieHeader("a=1;koers_lang=nl")).toBe("nl");
  });

  it("ignores unsupported languages and look-alike cookie names", () => {
    expect(localeFromCookieHeader("koers_lang=de")).toBe("nl");
    expect(localeFromCookieHeader("xkoers_lang=en")).toBe("nl");
    expect(localeFromCookieHeader("koers_lang=EN")).toBe("nl");
  });

  it("round-trips the cookie it sets", () => {
    expect(localeFromCookieHeader(localeCookie("en").split(";")[0]!)).toBe("en");
  });
});

describe("toLocale", () => {
  it("maps unknown values to Dutch", () => {
    expect(toLocale("en")).toBe("en");
    expect(toLocale("fr")).toBe("nl");
    expect(toLocale(undefined)).toBe("nl");
    expect(toLocale(null)).toBe("nl");
  });
});
