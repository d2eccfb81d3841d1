// Forecast (prognose) of a KPI's next periods: a straight line through its recent values.
//
// Method: ordinary least squares over the measurements of the last three years before and
// including the latest one (for a yearly KPI the last six years, or it could never reach the
// minimum), with x = `periodOrdinal` so a missing period leaves a gap instead of squeezing the
// line. It forecasts the next 3 periods (month, quarter) or 2 (year) after the latest value, each
// with a 95 % prediction interval
//   ŷ ± t(n−2; 0.975) · s · √(1 + 1/n + (x − x̄)² / Sxx),   s = √(Σ residual² / (n − 2)),
// t from the table below (df 1–30, then 1.96). Value and band are clipped to the unit's range.
// With fewer than 4 measurements there is no forecast.
import type { KpiFrequency, UnitKind } from "../../../db/schema/kpis";
import { periodOrdinal, PERIODS_PER_YEAR, shiftPeriod, type Period } from "./periods";
import { UNIT_RANGES } from "./units";

export const MIN_FORECAST_POINTS = 4;

/** Two-sided 95 % quantiles of Student's t, t(df; 0.975), df 1–30. */
const T_975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069,
  2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];

export function tQuantile975(df: number): number {
  if (df < 1) return Number.POSITIVE_INFINITY;
  return df <= 30 ? T_975[df - 1]! : 1.96;
}

export const FORECAST_STEPS: Readonly<Record<KpiFrequency, number>> = { month: 3, quarter: 3, year: 2 };
/** How many years back from the latest value the line is fitted on. */
export const FORECAST_WINDOW_YEARS: Readonly<Record<KpiFrequency, number>> = { month: 3, quarter: 3, year: 6 };

export interface ForecastPoint {
  period: Period;
  value: number;
  low: number;
  high: number;
}

export interface Forecast {
  /** Measurements the line was fitted on. */
  n: number;
  slope: number;
  intercept: number;
  /** Residual standard error. */
  s: number;
  /** First and last period of the fit. */
  from: Period;
  to: Period;
  points: ForecastPoint[];
}

export interface ForecastInput {
  period: Period;
  value: number;
}

function clip(value: number, unitKind: UnitKind): number {
  const { min, max } = UNIT_RANGES[unitKind];
  if (min !== undefined && value < min) return min;
  if (max !== undefined && value > max) return max;
  return value;
}

/** The forecast, or null with fewer than 4 measurements in the window. Input in any order. */
export function forecast(measurements: readonly ForecastInput[], frequency: KpiFrequency, unitKind: UnitKind = "other"): Forecast | null {
  if (measurements.length < MIN_FORECAST_POINTS) return null;
  const sorted = [...measurements].sort((a, b) => periodOrdinal(a.period) - periodOrdinal(b.period));
  const latest = sorted[sorted.length - 1]!;
  const latestX = periodOrdinal(latest.period);
  const windowStart = latestX - FORECAST_WINDOW_YEARS[frequency] * PERIODS_PER_YEAR[frequency];
  const points = sorted.filter((m) => periodOrdinal(m.period) > windowStart && Number.isFinite(m.value));
  const n = points.length;
  if (n < MIN_FORECAST_POINTS) return null;

  // Centre x on the latest period: ordinals are large (years × 12) and would cost precision.
  const xs = points.map((p) => periodOrdinal(p.period) - latestX);
  const ys = points.map((p) => p.value);
  const xBar = xs.reduce((a, b) => a + b, 0) / n;
  const yBar = ys.reduce((a, b) => a + b, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (xs[i]! - xBar) ** 2;
    sxy += (xs[i]! - xBar) * (ys[i]! - yBar);
  }
  const slope = sxy / sxx;
  const centredIntercept = yBar - slope * xBar;
  let sse = 0;
  for (let i = 0; i < n; i++) sse += (ys[i]! - (centredIntercept + slope * xs[i]!)) ** 2;
  const s = Math.sqrt(sse / (n - 2));
  const t = tQuantile975(n - 2);

  const forecastPoints: ForecastPoint[] = [];
  for (let step = 1; step <= FORECAST_STEPS[frequency]; step++) {
    const x = step;
    const yHat = centredIntercept + slope * x;
    // A residual sum of rounding noise on an exact line still gives an exactly zero-width band.
    const half = s < 1e-9 * Math.max(1, Math.abs(yBar)) ? 0 : t * s * Math.sqrt(1 + 1 / n + (x - xBar) ** 2 / sxx);
    forecastPoints.push({ period: shiftPeriod(latest.period, step), value: clip(yHat, unitKind), low: clip(yHat - half, unitKind), high: clip(yHat + half, unitKind) });
  }
  return {
    n,
    slope,
    // Intercept in the ordinal scale (value at ordinal 0), for reference.
    intercept: centredIntercept - slope * latestX,
    s: s < 1e-9 * Math.max(1, Math.abs(yBar)) ? 0 : s,
    from: points[0]!.period,
    to: latest.period,
    points: forecastPoints,
  };
}
