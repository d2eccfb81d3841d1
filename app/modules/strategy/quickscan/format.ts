// Number formatting for quickscan results, the same on server and client (hydration agrees).
function localeOf(language: string) {
  return language === "en" ? "en-GB" : "nl-NL";
}

/** A mean score with two decimals: "3,25". */
export function formatMean(value: number, language: string): string {
  return new Intl.NumberFormat(localeOf(language), { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value);
}

/** A change with its sign: "+0,50", "−0,25", "0,00". */
export function formatDelta(value: number, language: string): string {
  const rounded = Math.round(value * 100) / 100;
  return new Intl.NumberFormat(localeOf(language), { minimumFractionDigits: 2, maximumFractionDigits: 2, signDisplay: "exceptZero" }).format(rounded === 0 ? 0 : rounded);
}

/** A share (0–1) as a whole percentage: "75%". */
export function formatPercent(value: number, language: string): string {
  return new Intl.NumberFormat(localeOf(language), { style: "percent", maximumFractionDigits: 0 }).format(value);
}
