// The address of a sparkline picture. The numbers travel in the URL, so the picture needs no
// database and no session, the same numbers always give the same URL, and browsers keep it for a
// year: a dashboard's HTML carries a short link per card instead of an inline SVG (see
// app/routes/sparkline-image.ts, which renders it with echarts).
export const SPARKLINE_PATH = "/grafiek/sparkline.svg";
export const SPARKLINE_MAX_POINTS = 24;

export function sparklineUrl(values: readonly number[]): string | null {
  if (values.length === 0) return null;
  return `${SPARKLINE_PATH}?v=${values.slice(-SPARKLINE_MAX_POINTS).map((v) => String(v)).join(",")}`;
}

/** The values of a sparkline URL's `v` parameter; null unless 1–24 finite numbers. */
export function parseSparklineValues(text: string | null): number[] | null {
  if (!text || text.length > SPARKLINE_MAX_POINTS * 24) return null;
  const parts = text.split(",");
  if (parts.length > SPARKLINE_MAX_POINTS) return null;
  const values = parts.map((p) => (/^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(p) ? Number(p) : Number.NaN));
  return values.every(Number.isFinite) ? values : null;
}
