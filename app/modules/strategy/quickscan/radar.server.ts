// The radar chart of a round's results: echarts rendered to an SVG string on the server (no
// browser needed, same picture with or without JavaScript). The page inlines it in a <figure>
// and shows the same numbers in a table beside it.
import { RadarChart } from "echarts/charts";
import { LegendComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { SVGRenderer } from "echarts/renderers";

echarts.use([RadarChart, LegendComponent, SVGRenderer]);

export interface RadarSeries {
  name: string;
  /** One value per indicator, in order; null where the round has no mean. */
  values: (number | null)[];
}

export interface RadarInput {
  indicators: string[];
  max: number;
  series: RadarSeries[];
  width?: number;
  height?: number;
}

/** Dark enough on white for text and lines (WCAG contrast ≥ 4.5:1). */
const COLORS = ["#00487a", "#a3410b"];

/** Breaks a long dimension name over lines so the labels stay inside the picture. */
function wrap(label: string, width = 18): string {
  const lines: string[] = [];
  let line = "";
  for (const word of label.split(/\s+/)) {
    if (line && line.length + word.length + 1 > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.join("\n");
}

export function renderRadarSvg(input: RadarInput): string {
  const width = input.width ?? 640;
  const height = input.height ?? 480;
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width, height });
  try {
    chart.setOption({
      animation: false,
      color: COLORS,
      textStyle: { fontFamily: "Arial, Helvetica, sans-serif", color: "#1a1a1a" },
      legend: { bottom: 0, data: input.series.map((s) => s.name), textStyle: { color: "#1a1a1a", fontSize: 14 } },
      radar: {
        center: ["50%", "48%"],
        radius: "62%",
        splitNumber: input.max,
        indicator: input.indicators.map((name) => ({ name: wrap(name), min: 0, max: input.max })),
        axisName: { color: "#1a1a1a", fontSize: 13 },
        axisLine: { lineStyle: { color: "#8a8a8a" } },
        splitLine: { lineStyle: { color: "#b0b0b0" } },
        splitArea: { show: false },
      },
      series: [
        {
          type: "radar",
          symbolSize: 6,
          data: input.series.map((s, i) => ({
            name: s.name,
            // A dimension without a mean is drawn at the centre; the table next to the chart says "geen".
            value: s.values.map((v) => (v === null ? 0 : Math.round(v * 100) / 100)),
            lineStyle: { width: 3, type: i === 0 ? "solid" : "dashed" },
            areaStyle: i === 0 ? { opacity: 0.15 } : undefined,
          })),
        },
      ],
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
