// Sparklines on the KPI dashboard: the last values of a KPI as a tiny line, rendered with echarts'
// server-side SVG renderer. Rendering one costs a few milliseconds and a dashboard shows up to a
// hundred, so rendered SVGs are kept in a bounded in-memory LRU keyed by size and points; the same
// numbers give the same picture, so the cache never needs invalidating. The picture is decorative
// (aria-hidden): the card says the same in words.
import * as echarts from "echarts";
import { SPARKLINE_SIZE as SIZE } from "./sparkline-size";

export interface SparklineSize {
  width: number;
  height: number;
}

export const SPARKLINE_SIZE: SparklineSize = SIZE;
export const SPARKLINE_CACHE_SIZE = 2000;

/** A tiny LRU: a Map keeps insertion order, so the first key is the least recently used. */
export class LruCache<V> {
  private readonly entries = new Map<string, V>();
  constructor(readonly capacity: number) {}
  get(key: string): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }
  set(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }
  get size(): number {
    return this.entries.size;
  }
  clear(): void {
    this.entries.clear();
  }
}

const cache = new LruCache<string>(SPARKLINE_CACHE_SIZE);
let renders = 0;

/** How many sparklines were actually rendered (not served from the cache); for tests. */
export function sparklineRenderCount(): number {
  return renders;
}

function render(values: readonly number[], size: SparklineSize): string {
  renders++;
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width: size.width, height: size.height });
  try {
    chart.setOption({
      animation: false,
      grid: { left: 3, right: 3, top: 3, bottom: 3 },
      xAxis: { type: "category", show: false, boundaryGap: false, data: values.map((_, i) => i) },
      yAxis: { type: "value", show: false, scale: true },
      series: [
        {
          type: "line",
          // The latest value gets a dot, so a single measurement still shows.
          data: values.map((value, i) => (i === values.length - 1 ? { value, symbol: "circle", symbolSize: 5 } : value)),
          symbol: "none",
          showSymbol: true,
          silent: true,
          lineStyle: { width: 2, color: "#00487a" },
          itemStyle: { color: "#00487a" },
        },
      ],
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/**
 * The sparkline of the values (oldest first) as an SVG string; null without values. `idPrefix`
 * makes the SVG's internal ids (clip paths) unique on a page that shows the same picture twice.
 */
export function sparklineSvg(values: readonly number[], size: SparklineSize = SPARKLINE_SIZE, idPrefix?: string): string | null {
  if (values.length === 0) return null;
  const key = `${size.width}x${size.height}:${values.join(",")}`;
  let svg = cache.get(key);
  if (svg === undefined) {
    svg = render(values, size);
    cache.set(key, svg);
  }
  return idPrefix ? svg.replace(/zr\d+-/g, `${idPrefix}-`) : svg;
}
