// The coverage chart: per topic, the share trained in each group (department or role), as grouped
// horizontal bars with the target as a line. echarts rendered to SVG on the server; the page shows
// the same numbers in tables.
import { BarChart } from "echarts/charts";
import { GridComponent, LegendComponent, MarkLineComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { SVGRenderer } from "echarts/renderers";
import type { CoverageGroup } from "./coverage";

echarts.use([BarChart, GridComponent, LegendComponent, MarkLineComponent, SVGRenderer]);

/** Distinct, dark enough on white (contrast ≥ 3:1 for graphics), and told apart by the legend and tables too. */
const COLORS = ["#00487a", "#a3410b", "#2b6a2f", "#6b3f99", "#8a5a00", "#005f66", "#9c2a55", "#3d4b5c"];

export function renderCoverageSvg(input: { topics: { id: string; title: string }[]; groups: { label: string; group: CoverageGroup }[]; target: number }): string {
  const barsPerTopic = Math.max(1, input.groups.length);
  const height = Math.max(260, 80 + input.topics.length * (barsPerTopic * 14 + 26) + Math.ceil(input.groups.length / 3) * 24);
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width: 760, height });
  try {
    chart.setOption({
      animation: false,
      color: COLORS,
      textStyle: { fontFamily: "Arial, Helvetica, sans-serif", color: "#1a1a1a" },
      legend: { bottom: 0, textStyle: { color: "#1a1a1a", fontSize: 13 } },
      grid: { left: 200, right: 56, top: 36, bottom: 40 + Math.ceil(input.groups.length / 3) * 24, containLabel: false },
      xAxis: { type: "value", min: 0, max: 100, axisLabel: { formatter: "{value}%", color: "#1a1a1a" }, splitLine: { lineStyle: { color: "#d0d0d0" } } },
      yAxis: {
        type: "category",
        inverse: true,
        data: input.topics.map((t) => t.title),
        axisLabel: { color: "#1a1a1a", fontSize: 13, width: 185, overflow: "break" },
      },
      series: input.groups.map(({ label, group }, i) => ({
        type: "bar",
        name: label,
        barMaxWidth: 14,
        label: { show: true, position: "right", formatter: "{c}%", color: "#1a1a1a", fontSize: 11 },
        data: input.topics.map((t) => group.perTopic[t.id]?.percent ?? null),
        ...(i === 0
          ? { markLine: { symbol: "none", silent: true, label: { position: "end", formatter: `${input.target}%`, color: "#1a1a1a", fontWeight: "bold" }, lineStyle: { color: "#1a1a1a", type: "dashed", width: 2 }, data: [{ xAxis: input.target }] } }
          : {}),
      })),
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
