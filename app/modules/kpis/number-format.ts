// Reading and showing KPI values. Users type Dutch numbers ("12,5"); some paste with a dot ("12.5").
//
// Parsing is strict on purpose — a misread value is worse than a refused one:
// - one decimal separator, a comma or a dot: "12,5" and "12.5" are both 12.5; a sign is allowed;
// - thousands grouping only in full Dutch notation, dots in groups of three with a decimal comma:
//   "1.234,5" is 1234.5 and "1.234.567,0" is 1234567;
// - a lone dot followed by exactly three digits ("1.234", "12.500") is ambiguous (a Dutch thousand
//   or a decimal point?) and refused: write "1234" or "1,234";
// - anything else ("12abc", "1,234.5", "1 234", "12,", ",5", "1e3", "") is refused.
export type ParsedNumber = { ok: true; value: number } | { ok: false; error: "invalid" | "ambiguous" };

const PLAIN = /^[-+]?\d+(?:[.,]\d+)?$/;
const DUTCH_GROUPED = /^[-+]?[1-9]\d{0,2}(?:\.\d{3})+,\d+$/;
const AMBIGUOUS = /^[-+]?[1-9]\d{0,2}\.\d{3}$/;

export function parseDecimal(input: string): ParsedNumber {
  const text = input.trim().replace(/^−/, "-");
  if (AMBIGUOUS.test(text)) return { ok: false, error: "ambiguous" };
  let normal: string | null = null;
  if (PLAIN.test(text)) normal = text.replace(",", ".");
  else if (DUTCH_GROUPED.test(text)) normal = text.replace(/\./g, "").replace(",", ".");
  if (normal === null) return { ok: false, error: "invalid" };
  const value = Number(normal);
  return Number.isFinite(value) ? { ok: true, value } : { ok: false, error: "invalid" };
}

export function localeOf(language: string): string {
  return language === "en" ? "en-GB" : "nl-NL";
}

const formats = new Map<string, Intl.NumberFormat>();

/** A value with the KPI's decimals: "12,5" in Dutch, "12.5" in English; grouping from 10.000 on. */
export function formatNumber(value: number, decimals: number, language: string, options: { signed?: boolean } = {}): string {
  const digits = Math.max(0, Math.min(6, Math.trunc(decimals)));
  const key = `${language}:${digits}:${options.signed ? 1 : 0}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(localeOf(language), {
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
      signDisplay: options.signed ? "exceptZero" : "auto",
    });
    formats.set(key, format);
  }
  // Avoid "-0,0" for a tiny negative that rounds to zero.
  const rounded = Number(value.toFixed(digits));
  return format.format(rounded === 0 ? 0 : rounded);
}

/** The value as typed in the form again: the KPI's decimals are not forced, the Dutch comma is. */
export function inputText(value: number, language: string): string {
  const text = String(Number(value.toPrecision(12)));
  return language === "en" ? text : text.replace(".", ",");
}
