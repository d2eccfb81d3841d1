// Renders the goal tree (doelenboom) of a policy map to an SVG string with echarts' server-side
// SVG renderer, for the page (inlined) and the PDF export (an svg node).
import * as echarts from "echarts";
import type { PolicyMap } from "./policy-map.server";
import { buildGoalTree, type GoalTreeInput, type GoalTreeLabels } from "./goal-tree";

export interface GoalTreeSvg {
  svg: string;
  width: number;
  height: number;
}

export function goalTreeInput(map: PolicyMap): GoalTreeInput {
  return {
    areaName: map.area.name,
    goals: map.goals
      .filter((g) => !g.retiredAt)
      .map((g) => ({
        title: g.title,
        budgetProgrammeCode: g.budgetProgrammeCode,
        budgetProgrammeName: g.budgetProgrammeName,
        factors: g.factors.filter((f) => !f.retiredAt).map((f) => ({ title: f.title })),
      })),
  };
}

export function renderGoalTreeSvg(input: GoalTreeInput, labels: GoalTreeLabels, options: { width?: number } = {}): GoalTreeSvg {
  const { width, height, option } = buildGoalTree(input, labels, options);
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width, height });
  try {
    chart.setOption(option);
    return { svg: chart.renderToSVGString(), width, height };
  } finally {
    // Without dispose the chart keeps a timer and the process does not exit.
    chart.dispose();
  }
}
