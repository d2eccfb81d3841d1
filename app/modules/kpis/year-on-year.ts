// Year on year (jaar op jaar): each period of the latest measured year beside the same period a
// year earlier, with the change. For a yearly KPI: each of the last five measured years beside the
// year before it.
import type { KpiFrequency } from "../../../db/schema/kpis";
import { makePeriod, type Period } from "./periods";

export interface YearOnYearRow {
  period: Period;
  value: number | null;
  previousPeriod: Period;
  previous: number | null;
  /** value − previous, when both are known. */
  change: number | null;
}

export interface YearOnYearInput {
  period: Period;
  value: number;
}

export const YEARLY_ROWS = 5;

export function yearOnYear(measurements: readonly YearOnYearInput[], frequency: KpiFrequency): YearOnYearRow[] {
  if (measurements.length === 0) return [];
  const byLabel = new Map(measurements.map((m) => [m.period.label, m.value]));
  const row = (period: Period): YearOnYearRow => {
    const previousPeriod = makePeriod(frequency, period.year - 1, period.index);
    const value = byLabel.get(period.label) ?? null;
    const previous = byLabel.get(previousPeriod.label) ?? null;
    return { period, value, previousPeriod, previous, change: value !== null && previous !== null ? value - previous : null };
  };
  const latest = measurements.reduce((a, b) => (b.period.start > a.period.start ? b : a));
  if (frequency === "year") {
    const years = [...new Set(measurements.map((m) => m.period.year))].sort((a, b) => b - a).slice(0, YEARLY_ROWS);
    return years.sort((a, b) => a - b).map((year) => row(makePeriod("year", year, 1)));
  }
  const rows: YearOnYearRow[] = [];
  for (let index = 1; index <= latest.period.index; index++) rows.push(row(makePeriod(frequency, latest.period.year, index)));
  return rows;
}
