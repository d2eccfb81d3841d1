// The trend chart of a KPI page (echarts, rendered to SVG on the server): the measured values, the
// same period a year earlier, the target per year as a step line, the green/amber/red zones of each
// year's thresholds, and the forecast with its 95 % band. `trendRows` gives the same numbers as rows
// for the table beside the chart, so picture and table cannot disagree.
import * as echarts from "echarts";
import { LruCache } from "./sparkline.server";
import type { KpiDirection, KpiFrequency, UnitKind } from "../../../db/schema/kpis";
import type { KpiTargetValue } from "./dashboard.server";
import type { Forecast } from "./forecast";
import { makePeriod, parsePeriod, periodOrdinal, PERIODS_PER_YEAR, shiftPeriod, type Period } from "./periods";
import { UNIT_RANGES } from "./units";

/** Years of history the chart shows before the forecast. */
export const TREND_YEARS: Readonly<Record<KpiFrequency, number>> = { month: 3, quarter: 3, year: 8 };

export interface TrendInput {
  frequency: KpiFrequency;
  unitKind: UnitKind;
  direction: KpiDirection | null;
  /** Any order. */
  measurements: { period: string; value: number }[];
  targets: KpiTargetValue[];
  forecast: Forecast | null;
}

export interface TrendRow {
  period: string;
  year: number;
  value: number | null;
  lastYear: number | null;
  target: number | null;
  forecast: number | null;
  low: number | null;
  high: number | null;
}

export function trendRows(input: TrendInput): TrendRow[] {
  const { frequency } = input;
  const values = new Map<string, number>();
  let latest: Period | null = null;
  for (const m of input.measurements) {
    const period = parsePeriod(frequency, m.period);
    if (!period) continue;
    values.set(period.label, m.value);
    if (!latest || periodOrdinal(period) > periodOrdinal(latest)) latest = period;
  }
  if (!latest) return [];
  const targets = new Map(input.targets.map((t) => [t.year, t.target]));
  const forecasts = new Map((input.forecast?.points ?? []).map((p) => [p.period.label, p]));
  const shown = TREND_YEARS[frequency] * PERIODS_PER_YEAR[frequency];
  const earliest = Math.min(...[...values.keys()].map((label) => periodOrdinal(parsePeriod(frequency, label)!)));
  const first = shiftPeriod(latest, -Math.min(shown - 1, periodOrdinal(latest) - earliest));
  const last = input.forecast?.points.at(-1)?.period ?? latest;
  const rows: TrendRow[] = [];
  for (let period = first; periodOrdinal(period) <= periodOrdinal(last); period = shiftPeriod(period, 1)) {
    const f = forecasts.get(period.label);
    rows.push({
      period: period.label,
      year: period.year,
      value: values.get(period.label) ?? null,
      lastYear: values.get(makePeriod(frequency, period.year - 1, period.index).label) ?? null,
      target: targets.get(period.year) ?? null,
      forecast: f?.value ?? null,
      low: f?.low ?? null,
      high: f?.high ?? null,
    });
  }
  return rows;
}

export interface TrendLabels {
  value: string;
  lastYear: string;
  target: string;
  forecast: string;
  band: string;
  green: string;
  amber: string;
  red: string;
  /** Formats a number for the axis (Dutch: decimal comma). */
  format: (value: number) => string;
}

export const TREND_COLORS = {
  value: "#00487a",
  lastYear: "#767676",
  target: "#1a1a1a",
  forecast: "#8a4b00",
  band: "rgba(138, 75, 0, 0.18)",
  green: "rgba(46, 125, 50, 0.14)",
  amber: "rgba(230, 160, 0, 0.18)",
  red: "rgba(198, 40, 40, 0.12)",
} as const;

function yRange(rows: TrendRow[], targets: KpiTargetValue[], unitKind: UnitKind): [number, number] {
  const numbers: number[] = [];
  for (const r of rows) for (const v of [r.value, r.lastYear, r.target, r.forecast, r.low, r.high]) if (v !== null) numbers.push(v);
  const years = new Set(rows.map((r) => r.year));
  for (const t of targets) if (years.has(t.year)) for (const v of [t.greenFrom, t.amberFrom]) if (v !== null) numbers.push(v);
  let lo = Math.min(...numbers);
  let hi = Math.max(...numbers);
  const pad = (hi - lo) * 0.1 || Math.abs(hi) * 0.1 || 1;
  lo -= pad;
  hi += pad;
  const { min, max } = UNIT_RANGES[unitKind];
  if (min !== undefined) lo = Math.max(lo, min);
  if (max !== undefined) hi = Math.min(hi, max);
  return [lo, hi];
}

/** The echarts option (plain data apart from the axis formatter). */
export function trendOption(input: TrendInput, labels: TrendLabels, rows = trendRows(input)): Record<string, unknown> {
  const [lo, hi] = yRange(rows, input.targets, input.unitKind);
  const categories = rows.map((r) => r.period);
  // Zones per year with thresholds: one rectangle per colour, from the year's first to last period shown.
  const zones: unknown[] = [];
  if (input.direction && input.direction !== "neutral") {
    for (const t of input.targets) {
      if (t.greenFrom === null || t.amberFrom === null) continue;
      const ofYear = rows.filter((r) => r.year === t.year);
      if (!ofYear.length) continue;
      const x0 = ofYear[0]!.period;
      // Up to the next year's first period when it is shown, so the zones of adjacent years touch.
      const next = rows[rows.indexOf(ofYear.at(-1)!) + 1];
      const x1 = (next ?? ofYear.at(-1)!).period;
      const higher = input.direction === "higher_is_better";
      const bands: [number, number, string, string][] = higher
        ? [
            [t.greenFrom, hi, TREND_COLORS.green, labels.green],
            [t.amberFrom, t.greenFrom, TREND_COLORS.amber, labels.amber],
            [lo, t.amberFrom, TREND_COLORS.red, labels.red],
          ]
        : [
            [lo, t.greenFrom, TREND_COLORS.green, labels.green],
            [t.greenFrom, t.amberFrom, TREND_COLORS.amber, labels.amber],
            [t.amberFrom, hi, TREND_COLORS.red, labels.red],
          ];
      for (const [a, b, color] of bands) {
        const from = Math.max(lo, Math.min(a, b));
        const to = Math.min(hi, Math.max(a, b));
        if (to > from) zones.push([{ xAxis: x0, yAxis: from, itemStyle: { color } }, { xAxis: x1, yAxis: to }]);
      }
    }
  }
  // The forecast line starts at the latest measured value, so it continues the line.
  const lastMeasured = rows.reduce<number>((found, r, i) => (r.value !== null ? i : found), -1);
  const forecastLine = rows.map((r, i) => (i === lastMeasured && input.forecast ? r.value : r.forecast));
  // The band, too, opens from the latest value (zero width there).
  const bandLow = rows.map((r, i) => (i === lastMeasured && input.forecast ? r.value : r.low));
  const bandWidth = rows.map((r, i) => (i === lastMeasured && input.forecast ? 0 : r.low !== null && r.high !== null ? r.high - r.low : null));
  const hasForecast = rows.some((r) => r.forecast !== null);
  const hasLastYear = rows.some((r) => r.lastYear !== null);
  const hasTarget = rows.some((r) => r.target !== null);
  const series: unknown[] = [
    {
      name: labels.value,
      type: "line",
      data: rows.map((r) => r.value),
      connectNulls: false,
      symbol: "circle",
      symbolSize: 7,
      lineStyle: { width: 3, color: TREND_COLORS.value },
      itemStyle: { color: TREND_COLORS.value },
      markArea: zones.length ? { silent: true, data: zones } : undefined,
      z: 5,
    },
  ];
  if (hasLastYear) {
    series.push({
      name: labels.lastYear,
      type: "line",
      data: rows.map((r) => r.lastYear),
      symbol: "emptyCircle",
      symbolSize: 5,
      lineStyle: { width: 2, type: "dotted", color: TREND_COLORS.lastYear },
      itemStyle: { color: TREND_COLORS.lastYear },
    });
  }
  if (hasTarget) {
    series.push({ name: labels.target, type: "line", step: "middle", data: rows.map((r) => r.target), symbol: "none", lineStyle: { width: 2, type: "dashed", color: TREND_COLORS.target }, itemStyle: { color: TREND_COLORS.target } });
  }
  if (hasForecast) {
    // The band as two stacked areas: an invisible base at the low end, then the width on top.
    series.push(
      { name: "band-base", type: "line", stack: "band", data: bandLow, symbol: "none", lineStyle: { opacity: 0 }, silent: true },
      {
        name: labels.band,
        type: "line",
        stack: "band",
        data: bandWidth,
        symbol: "none",
        lineStyle: { opacity: 0 },
        areaStyle: { color: TREND_COLORS.band },
        itemStyle: { color: TREND_COLORS.band },
        silent: true,
      },
      { name: labels.forecast, type: "line", data: forecastLine, symbol: "diamond", symbolSize: 7, lineStyle: { width: 2, type: "dashed", color: TREND_COLORS.forecast }, itemStyle: { color: TREND_COLORS.forecast } },
    );
  }
  const legend = [labels.value, hasLastYear ? labels.lastYear : null, hasTarget ? labels.target : null, hasForecast ? labels.forecast : null, hasForecast ? labels.band : null].filter(Boolean);
  return {
    animation: false,
    textStyle: { fontFamily: "sans-serif", color: "#1a1a1a" },
    legend: { top: 0, data: legend, textStyle: { fontSize: 12 } },
    grid: { left: 56, right: 16, top: 40, bottom: 40 },
    xAxis: { type: "category", data: categories, boundaryGap: false, axisLabel: { fontSize: 11, color: "#1a1a1a" } },
    yAxis: { type: "value", min: lo, max: hi, axisLabel: { fontSize: 11, color: "#1a1a1a", formatter: labels.format } },
    series,
  };
}

export const TREND_SIZE = { width: 760, height: 340 } as const;

const rendered = new LruCache<string>(500);

export function renderTrendChart(input: TrendInput, labels: TrendLabels, rows = trendRows(input)): string | null {
  if (rows.length === 0) return null;
  const option = trendOption(input, labels, rows);
  // The option (with the number format, which JSON leaves out as a function) decides the picture,
  // so a KPI page viewed again with the same data is served from the cache.
  const key = JSON.stringify([option, labels.format(1234.5678)]);
  const cached = rendered.get(key);
  if (cached !== undefined) return cached;
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width: TREND_SIZE.width, height: TREND_SIZE.height });
  try {
    chart.setOption(option);
    const svg = chart.renderToSVGString();
    rendered.set(key, svg);
    return svg;
  } finally {
    chart.dispose();
  }
}
