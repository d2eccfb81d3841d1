// Measurement periods of a KPI by its frequency: a month ("2026-03"), a quarter ("2026-Q1") or a
// year ("2026"). Each period has a label and a first day; a value for a period that does not fit
// the frequency, or that has not begun, is refused.
import type { KpiFrequency } from "../../../db/schema/kpis";

export interface Period {
  /** "2026-03", "2026-Q1" or "2026". */
  label: string;
  /** First day, "YYYY-MM-DD". */
  start: string;
  year: number;
  /** Month 1–12, quarter 1–4, or 1 for a year. */
  index: number;
  frequency: KpiFrequency;
}

export const PERIODS_PER_YEAR: Readonly<Record<KpiFrequency, number>> = { month: 12, quarter: 4, year: 1 };
const MONTHS_PER_PERIOD: Readonly<Record<KpiFrequency, number>> = { month: 1, quarter: 3, year: 12 };

const pad = (n: number) => String(n).padStart(2, "0");

export function makePeriod(frequency: KpiFrequency, year: number, index: number): Period {
  const month = (index - 1) * MONTHS_PER_PERIOD[frequency] + 1;
  const label = frequency === "month" ? `${year}-${pad(index)}` : frequency === "quarter" ? `${year}-Q${index}` : String(year);
  return { label, start: `${year}-${pad(month)}-01`, year, index, frequency };
}

/** Reads a period label of the given frequency; null when it is not one ("2026-03" for a quarterly KPI). */
export function parsePeriod(frequency: KpiFrequency, label: string): Period | null {
  const text = label.trim().toUpperCase();
  const match =
    frequency === "month" ? /^(\d{4})-(\d{2})$/.exec(text) : frequency === "quarter" ? /^(\d{4})-Q([1-4])$/.exec(text) : /^(\d{4})()$/.exec(text);
  if (!match) return null;
  const year = Number(match[1]);
  const index = frequency === "year" ? 1 : Number(match[2]);
  if (year < 1900 || year > 2999 || index < 1 || index > PERIODS_PER_YEAR[frequency]) return null;
  return makePeriod(frequency, year, index);
}

/** The period containing a date (UTC). */
export function periodOf(frequency: KpiFrequency, date: Date): Period {
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + 1;
  return makePeriod(frequency, year, Math.floor((month - 1) / MONTHS_PER_PERIOD[frequency]) + 1);
}

/** The period `steps` periods after (or before, when negative) the given one. */
export function shiftPeriod(period: Period, steps: number): Period {
  const perYear = PERIODS_PER_YEAR[period.frequency];
  const ordinal = period.year * perYear + (period.index - 1) + steps;
  return makePeriod(period.frequency, Math.floor(ordinal / perYear), (ordinal % perYear) + 1);
}

/** Consecutive position of a period, for regression and gaps: months since year 0, etc. */
export function periodOrdinal(period: Period): number {
  return period.year * PERIODS_PER_YEAR[period.frequency] + (period.index - 1);
}

/** Whether the period has begun on the given day (a value for a future period is refused). */
export function hasBegun(period: Period, today: Date): boolean {
  return period.start <= today.toISOString().slice(0, 10);
}
