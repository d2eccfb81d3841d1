// Date formatting for phases, the same on server and client (a fixed time zone, so hydration agrees).
const ZONE = "Europe/Amsterdam";

function localeOf(language: string) {
  return language === "en" ? "en-GB" : "nl-NL";
}

// Building an Intl.DateTimeFormat costs far more than using one; pages format hundreds of dates.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(language: string, kind: "day" | "moment"): Intl.DateTimeFormat {
  const key = `${localeOf(language)}:${kind}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(localeOf(language), kind === "day" ? { dateStyle: "medium", timeZone: "UTC" } : { dateStyle: "medium", timeStyle: "short", timeZone: ZONE });
    formatters.set(key, f);
  }
  return f;
}

/** A calendar date ("2026-03-01") as "1 mrt 2026". */
export function formatDay(value: string | null, language: string): string | null {
  if (!value) return null;
  const [y, m, d] = value.split("-").map(Number);
  if (!y || !m || !d) return value;
  return formatter(language, "day").format(new Date(Date.UTC(y, m - 1, d)));
}

/** A moment (Date or its JSON string) as date and time in Dutch time. */
export function formatMoment(value: string | Date | null, language: string): string | null {
  if (!value) return null;
  return formatter(language, "moment").format(new Date(value));
}

/** The i18n key and values of a criterion's label: a template's key, or the custom label itself. */
export function criterionLabel(c: { templateKey: string | null; label: string | null }, t: (key: string, options?: Record<string, unknown>) => string): string {
  if (c.templateKey) return t(`gate.criteria.${c.templateKey}`, { defaultValue: c.templateKey });
  return c.label ?? "";
}
