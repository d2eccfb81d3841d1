// Date formatting for phases, the same on server and client (a fixed time zone, so hydration agrees).
const ZONE = "Europe/Amsterdam";

function localeOf(language: string) {
  return language === "en" ? "en-GB" : "nl-NL";
}

/** A calendar date ("2026-03-01") as "1 mrt 2026". */
export function formatDay(value: string | null, language: string): string | null {
  if (!value) return null;
  const [y, m, d] = value.split("-").map(Number);
  if (!y || !m || !d) return value;
  return new Intl.DateTimeFormat(localeOf(language), { dateStyle: "medium", timeZone: "UTC" }).format(new Date(Date.UTC(y, m - 1, d)));
}

/** A moment (Date or its JSON string) as date and time in Dutch time. */
export function formatMoment(value: string | Date | null, language: string): string | null {
  if (!value) return null;
  return new Intl.DateTimeFormat(localeOf(language), { dateStyle: "medium", timeStyle: "short", timeZone: ZONE }).format(new Date(value));
}

/** The i18n key and values of a criterion's label: a template's key, or the custom label itself. */
export function criterionLabel(c: { templateKey: string | null; label: string | null }, t: (key: string, options?: Record<string, unknown>) => string): string {
  if (c.templateKey) return t(`gate.criteria.${c.templateKey}`, { defaultValue: c.templateKey });
  return c.label ?? "";
}
