// Pure rules of part B: the forecast (least squares with a 95 % prediction interval), year on year,
// reading typed numbers, Dutch and English number formatting, and the sparkline cache.
import { describe, expect, it } from "vitest";
import { forecast, tQuantile975 } from "../../app/modules/kpis/forecast";
import { formatNumber, inputText, parseDecimal } from "../../app/modules/kpis/number-format";
import { makePeriod, parsePeriod, type Period } from "../../app/modules/kpis/periods";
import { LruCache, sparklineRenderCount, sparklineSvg } from "../../app/modules/kpis/sparkline.server";
import { yearOnYear } from "../../app/modules/kpis/year-on-year";
import type { KpiFrequency } from "../../db/schema/kpis";

const p = (frequency: KpiFrequency, label: string): Period => parsePeriod(frequency, label)!;
const points = (frequency: KpiFrequency, pairs: [string, number][]) => pairs.map(([label, value]) => ({ period: p(frequency, label), value }));

describe("forecast", () => {
  it("continues an exact line with a zero-width band", () => {
    const f = forecast(points("quarter", [["2025-Q1", 5], ["2025-Q2", 5.5], ["2025-Q3", 6], ["2025-Q4", 6.5], ["2026-Q1", 7]]), "quarter", "grade")!;
    expect(f.n).toBe(5);
    expect(f.slope).toBeCloseTo(0.5, 12);
    expect(f.s).toBe(0);
    expect(f.points.map((x) => x.period.label)).toEqual(["2026-Q2", "2026-Q3", "2026-Q4"]);
    expect(f.points.map((x) => x.value)).toEqual([7.5, 8, 8.5].map((v) => expect.closeTo(v, 10)));
    for (const x of f.points) expect([x.low, x.high]).toEqual([x.value, x.value]);
  });

  it("matches a small example computed by hand", () => {
    // x = 0..3, y = 1, 3, 2, 5: x̄ = 1.5, ȳ = 2.75, Sxx = 5, Sxy = 5.5 → slope 1.1, intercept 1.1;
    // residuals −0.1, 0.8, −1.3, 0.6 → SSE 2.7, s = √1.35; at x = 4: ŷ = 5.5,
    // half width = t(2) · s · √(1 + 1/4 + 2.5²/5) = 4.303 · 1.161895 · √2.5 = 7.9051.
    const f = forecast(points("quarter", [["2020-Q1", 1], ["2020-Q2", 3], ["2020-Q3", 2], ["2020-Q4", 5]]), "quarter", "other")!;
    expect(f.slope).toBeCloseTo(1.1, 10);
    expect(f.intercept + f.slope * (2020 * 4)).toBeCloseTo(1.1, 8);
    expect(f.s).toBeCloseTo(Math.sqrt(1.35), 10);
    const [first] = f.points;
    expect(first!.period.label).toBe("2021-Q1");
    expect(first!.value).toBeCloseTo(5.5, 10);
    expect(first!.high - first!.value).toBeCloseTo(4.303 * Math.sqrt(1.35) * Math.sqrt(2.5), 8);
    expect(first!.value - first!.low).toBeCloseTo(7.9051, 3);
    // The band widens further out: x = 5 and 6.
    expect(f.points[1]!.high - f.points[1]!.low).toBeGreaterThan(first!.high - first!.low);
  });

  it("clips value and band to the unit's range", () => {
    const f = forecast(points("quarter", [["2020-Q1", 1], ["2020-Q2", 3], ["2020-Q3", 2], ["2020-Q4", 5]]), "quarter", "grade")!;
    expect(f.points[0]).toMatchObject({ low: 1, high: 10 });
    const percent = forecast(points("year", [["2020", 90], ["2021", 94], ["2022", 98], ["2023", 99.5]]), "year", "percent")!;
    expect(percent.points.map((x) => x.value)).toEqual([100, 100]);
  });

  it("gives no forecast with fewer than 4 measurements", () => {
    expect(forecast(points("month", [["2026-01", 1], ["2026-02", 2], ["2026-03", 3]]), "month")).toBeNull();
    expect(forecast([], "year")).toBeNull();
  });

  it("handles gaps through the period ordinal", () => {
    // y = 2x + 1 on the month ordinal, with March and April missing: still an exact line.
    const f = forecast(points("month", [["2026-01", 1], ["2026-02", 3], ["2026-05", 9], ["2026-06", 11]]), "month", "other")!;
    expect(f.slope).toBeCloseTo(2, 10);
    expect(f.points.map((x) => [x.period.label, x.value, x.high - x.low])).toEqual([
      ["2026-07", expect.closeTo(13, 8), 0],
      ["2026-08", expect.closeTo(15, 8), 0],
      ["2026-09", expect.closeTo(17, 8), 0],
    ]);
  });

  it("fits on the last three years only (six for a yearly KPI) and forecasts two years ahead", () => {
    const months: [string, number][] = [];
    for (let i = 0; i < 48; i++) months.push([makePeriod("month", 2022 + Math.floor(i / 12), (i % 12) + 1).label, i < 12 ? 100 - i * 7 : i]);
    const f = forecast(points("month", months), "month", "other")!;
    expect(f.n).toBe(36);
    expect(f.from.label).toBe("2023-01");
    expect(f.s).toBe(0);
    expect(f.points[0]!.value).toBeCloseTo(48, 8);

    const years = forecast(points("year", [["2017", 50], ["2020", 4], ["2021", 5], ["2022", 6], ["2023", 7]]), "year", "count")!;
    expect(years.n).toBe(4);
    expect(years.points.map((x) => x.period.label)).toEqual(["2024", "2025"]);
    expect(years.points[1]!.value).toBeCloseTo(9, 8);
  });

  it("uses the t table up to 30 degrees of freedom, then 1.96", () => {
    expect(tQuantile975(1)).toBe(12.706);
    expect(tQuantile975(2)).toBe(4.303);
    expect(tQuantile975(30)).toBe(2.042);
    expect(tQuantile975(31)).toBe(1.96);
  });
});

describe("yearOnYear", () => {
  it("pairs each period of the latest year with the same period a year earlier", () => {
    const rows = yearOnYear(points("quarter", [["2025-Q1", 6], ["2025-Q2", 6.5], ["2025-Q4", 7], ["2026-Q1", 6.4], ["2026-Q2", 7.1]]), "quarter");
    expect(rows.map((r) => [r.period.label, r.value, r.previousPeriod.label, r.previous, r.change])).toEqual([
      ["2026-Q1", 6.4, "2025-Q1", 6, expect.closeTo(0.4, 10)],
      ["2026-Q2", 7.1, "2025-Q2", 6.5, expect.closeTo(0.6, 10)],
    ]);
  });

  it("leaves the change empty when one side is missing", () => {
    const rows = yearOnYear(points("month", [["2025-02", 10], ["2026-01", 8], ["2026-02", 11]]), "month");
    expect(rows.map((r) => [r.period.label, r.value, r.previous, r.change])).toEqual([
      ["2026-01", 8, null, null],
      ["2026-02", 11, 10, 1],
    ]);
  });

  it("lists the last five years of a yearly KPI beside the year before", () => {
    const rows = yearOnYear(points("year", [["2019", 1], ["2020", 2], ["2021", 4], ["2022", 3], ["2023", 5], ["2024", 6]]), "year");
    expect(rows.map((r) => [r.period.label, r.previous, r.change])).toEqual([
      ["2020", 1, 1],
      ["2021", 2, 2],
      ["2022", 4, -1],
      ["2023", 3, 2],
      ["2024", 5, 1],
    ]);
    expect(yearOnYear([], "year")).toEqual([]);
  });
});

describe("parseDecimal", () => {
  it("reads a decimal comma or a decimal dot, and a sign", () => {
    expect(parseDecimal("12,5")).toEqual({ ok: true, value: 12.5 });
    expect(parseDecimal(" 12.5 ")).toEqual({ ok: true, value: 12.5 });
    expect(parseDecimal("7")).toEqual({ ok: true, value: 7 });
    expect(parseDecimal("-3,25")).toEqual({ ok: true, value: -3.25 });
    expect(parseDecimal("0.125")).toEqual({ ok: true, value: 0.125 });
    expect(parseDecimal("1234,5")).toEqual({ ok: true, value: 1234.5 });
  });

  it("reads full Dutch notation with thousands dots and a decimal comma", () => {
    expect(parseDecimal("1.234,5")).toEqual({ ok: true, value: 1234.5 });
    expect(parseDecimal("1.234.567,00")).toEqual({ ok: true, value: 1234567 });
  });

  it("refuses a lone dot before three digits as ambiguous", () => {
    expect(parseDecimal("1.234")).toEqual({ ok: false, error: "ambiguous" });
    expect(parseDecimal("12.500")).toEqual({ ok: false, error: "ambiguous" });
  });

  it("refuses garbage", () => {
    for (const text of ["12abc", "", "abc", "1,234.5", "1 234", "12,", ",5", "1e3", "1.2.3", "1,2,3", "1.23,4", "NaN", "Infinity", "--1"]) {
      expect(parseDecimal(text), text).toEqual({ ok: false, error: "invalid" });
    }
  });
});

describe("formatNumber", () => {
  it("formats Dutch with a decimal comma and English with a dot, with the KPI's decimals", () => {
    expect(formatNumber(6.4, 1, "nl")).toBe("6,4");
    expect(formatNumber(6.4, 1, "en")).toBe("6.4");
    expect(formatNumber(12345.678, 2, "nl")).toBe("12.345,68");
    expect(formatNumber(12345.678, 0, "en")).toBe("12,346");
    expect(formatNumber(-0.01, 1, "nl")).toBe("0,0");
    expect(formatNumber(0.7, 1, "nl", { signed: true })).toBe("+0,7");
    expect(inputText(6.4, "nl")).toBe("6,4");
    expect(inputText(6.4, "en")).toBe("6.4");
  });
});

describe("sparklines", () => {
  it("renders once per size and points, then serves from the cache with unique ids", () => {
    const before = sparklineRenderCount();
    const a = sparklineSvg([1, 2, 3], undefined, "spark-a")!;
    const b = sparklineSvg([1, 2, 3], undefined, "spark-b")!;
    expect(sparklineRenderCount()).toBe(before + 1);
    expect(a).toContain("<svg");
    expect(a).toContain("spark-a-");
    expect(a).not.toMatch(/zr\d+-/);
    expect(b.replaceAll("spark-b-", "spark-a-")).toBe(a);
    expect(sparklineSvg([])).toBeNull();
  });

  it("forgets the least recently used entry beyond its capacity", () => {
    const lru = new LruCache<number>(2);
    lru.set("a", 1);
    lru.set("b", 2);
    expect(lru.get("a")).toBe(1);
    lru.set("c", 3);
    expect(lru.get("b")).toBeUndefined();
    expect(lru.get("a")).toBe(1);
    expect(lru.size).toBe(2);
  });
});

describe("sparkline pictures", () => {
  it("put the numbers in the URL and read back only 1–24 finite numbers", async () => {
    const { parseSparklineValues, sparklineUrl } = await import("../../app/modules/kpis/sparkline-url");
    expect(sparklineUrl([])).toBeNull();
    const url = sparklineUrl([61.2, 63, -4, 1e-7])!;
    expect(url).toBe("/grafiek/sparkline.svg?v=61.2,63,-4,1e-7");
    expect(parseSparklineValues(new URL(url, "http://x").searchParams.get("v"))).toEqual([61.2, 63, -4, 1e-7]);
    expect(sparklineUrl(Array.from({ length: 30 }, (_, i) => i))!.split(",")).toHaveLength(24);
    for (const bad of [null, "", "1,,2", "1;2", "NaN", "Infinity", "1,<svg>", Array.from({ length: 25 }, () => "1").join(",")]) expect(parseSparklineValues(bad)).toBeNull();
  });

  it("are served as cacheable SVG that can run nothing, and refuse bad input", async () => {
    const { loader } = await import("../../app/routes/sparkline-image");
    const ok = (await loader({ request: new Request("http://x/grafiek/sparkline.svg?v=1,2,3"), params: {}, context: {} } as never)) as Response;
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toContain("image/svg+xml");
    expect(ok.headers.get("cache-control")).toContain("immutable");
    expect(ok.headers.get("content-security-policy")).toContain("default-src 'none'");
    const svg = await ok.text();
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).not.toContain("<script");
    const bad = (await loader({ request: new Request("http://x/grafiek/sparkline.svg?v=1,abc"), params: {}, context: {} } as never)) as Response;
    expect(bad.status).toBe(400);
  });
});
