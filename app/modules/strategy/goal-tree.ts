// The goal tree (doelenboom) of a policy map as an echarts tree option: the focus area as root,
// its strategic goals as children and their critical success factors as leaves, left to right.
// Pure: no echarts import, so it is cheap to test. goal-tree.server.ts renders it to SVG.

export interface GoalTreeInput {
  areaName: string;
  goals: {
    title: string;
    budgetProgrammeCode?: string | null;
    budgetProgrammeName?: string | null;
    factors: { title: string }[];
  }[];
}

export interface GoalTreeLabels {
  /** The line under a goal with its budget link, e.g. (text) => `Begroting: ${text}`. */
  budget: (text: string) => string;
}

export interface GoalTreeLayout {
  width: number;
  height: number;
  /** An echarts option (plain data; no functions). */
  option: Record<string, unknown>;
}

const FONT_SIZE = 13;
const LINE_HEIGHT = 17;
const PADDING_Y = 6;
const PADDING_X = 8;
/** Average advance of a character at FONT_SIZE in a sans-serif font (for sizing, not exact). */
const CHAR_WIDTH = 7.2;
const GAP = 14;

export const WRAP = { root: 22, goal: 26, factor: 28 } as const;
export const MAX_LINES = { root: 3, goal: 5, factor: 4 } as const;

export const TREE_COLORS = {
  line: "#767676",
  text: "#1a1a1a",
  root: { background: "#00487a", border: "#00487a", text: "#ffffff" },
  goal: { background: "#e6f0f7", border: "#00487a", text: "#1a1a1a" },
  factor: { background: "#eef6ee", border: "#2e6b30", text: "#1a1a1a" },
} as const;

/**
 * Breaks text into lines of at most `maxChars` characters at spaces; a word longer than a line is
 * cut. With `maxLines`, the last line kept ends in "…" when text was left out. Joining the lines
 * with single spaces gives back the (whitespace-normalised) text when nothing was cut.
 */
export function wrapLabel(text: string, maxChars: number, maxLines = Infinity): string[] {
  const width = Math.max(1, Math.floor(maxChars));
  const words = text.trim().split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = "";
  for (let word of words) {
    while (word.length > width) {
      if (line) {
        lines.push(line);
        line = "";
      }
      lines.push(word.slice(0, width));
      word = word.slice(width);
    }
    if (!word) continue;
    if (!line) line = word;
    else if (line.length + 1 + word.length <= width) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  if (lines.length > maxLines) {
    const kept = lines.slice(0, Math.max(1, maxLines));
    const last = kept[kept.length - 1]!;
    kept[kept.length - 1] = (last.length + 1 > width ? last.slice(0, width - 1) : last) + "…";
    return kept;
  }
  return lines;
}

/** "P3 · Bereikbaarheid", "P3", "Bereikbaarheid", or null when the goal has no budget link. */
export function budgetText(code?: string | null, name?: string | null): string | null {
  const parts = [code?.trim(), name?.trim()].filter((p): p is string => Boolean(p));
  return parts.length ? parts.join(" · ") : null;
}

function boxHeight(lines: number): number {
  return lines * LINE_HEIGHT + 2 * PADDING_Y + 2;
}

function boxWidth(lines: string[]): number {
  return Math.max(...lines.map((l) => l.length), 1) * CHAR_WIDTH + 2 * PADDING_X + 2;
}

function boxStyle(colors: { background: string; border: string; text: string }) {
  return {
    backgroundColor: colors.background,
    borderColor: colors.border,
    borderWidth: 1,
    borderRadius: 4,
    padding: [PADDING_Y, PADDING_X],
    color: colors.text,
    fontSize: FONT_SIZE,
    lineHeight: LINE_HEIGHT,
    fontFamily: "sans-serif",
  };
}

/**
 * Where the tree layout (Reingold–Tilford, as echarts uses it) puts the goals and factors along
 * the vertical axis, in units: factors of one goal are 1 apart, factors of different goals at
 * least 2, neighbouring goals at least 1 (the layout may spread middle subtrees further, never
 * closer). Returns each goal's centre and each factor's position.
 */
export function treeUnits(factorCounts: number[]): { goals: number[]; factors: number[][]; span: number } {
  const goals: number[] = [];
  const factors: number[][] = [];
  let lastFactor = -Infinity;
  let lastGoal = -Infinity;
  factorCounts.forEach((count, index) => {
    const half = count > 0 ? (count - 1) / 2 : 0;
    let centre = index === 0 ? half : lastGoal + 1;
    if (count > 0 && index > 0) centre = Math.max(centre, lastFactor + 2 + half);
    goals.push(centre);
    factors.push(Array.from({ length: count }, (_, i) => centre - half + i));
    if (count > 0) lastFactor = centre + half;
    lastGoal = centre;
  });
  const all = [...goals, ...factors.flat()];
  const span = all.length ? Math.max(...all) - Math.min(...all) : 0;
  return { goals, factors, span };
}

/**
 * The tree's echarts option and the picture's size: tall enough that no two boxes in a column
 * overlap, however long their (wrapped) labels.
 */
export function buildGoalTree(input: GoalTreeInput, labels: GoalTreeLabels, options: { width?: number } = {}): GoalTreeLayout {
  const width = options.width ?? 960;
  const rootLines = wrapLabel(input.areaName, WRAP.root, MAX_LINES.root);
  const goals = input.goals.map((g) => {
    const budget = budgetText(g.budgetProgrammeCode, g.budgetProgrammeName);
    const lines = [...wrapLabel(g.title, WRAP.goal, MAX_LINES.goal), ...(budget ? wrapLabel(labels.budget(budget), WRAP.goal, 2) : [])];
    const factors = g.factors.map((f) => wrapLabel(f.title, WRAP.factor, MAX_LINES.factor));
    return { lines, factors };
  });

  // The pixels one unit needs so that neighbouring boxes keep a gap.
  const units = treeUnits(goals.map((g) => g.factors.length));
  let unit = boxHeight(1) + GAP;
  const need = (heightA: number, heightB: number, distance: number) => {
    if (distance > 0) unit = Math.max(unit, ((heightA + heightB) / 2 + GAP) / distance);
  };
  const columnOfFactors: { at: number; height: number }[] = [];
  goals.forEach((g, i) => {
    if (i > 0) need(boxHeight(goals[i - 1]!.lines.length), boxHeight(g.lines.length), units.goals[i]! - units.goals[i - 1]!);
    g.factors.forEach((lines, j) => columnOfFactors.push({ at: units.factors[i]![j]!, height: boxHeight(lines.length) }));
  });
  for (let i = 1; i < columnOfFactors.length; i++) {
    need(columnOfFactors[i - 1]!.height, columnOfFactors[i]!.height, columnOfFactors[i]!.at - columnOfFactors[i - 1]!.at);
  }
  unit = Math.ceil(unit);
  // echarts leaves up to one unit free above and below the outermost nodes.
  const margin = 4;
  const height = Math.max(boxHeight(rootLines.length) + 2 * margin + GAP, Math.ceil(unit * (units.span + 2)) + 2 * margin);

  const rootWidth = boxWidth(rootLines);
  const leafWidth = Math.max(0, ...goals.flatMap((g) => g.factors.map(boxWidth)));
  const left = Math.ceil(rootWidth / 2) + 8;
  // Factor boxes sit right of their node; a goal without factors is centred on its node.
  const right = Math.ceil(Math.max(leafWidth + 12, ...goals.map((g) => boxWidth(g.lines) / 2))) + 8;

  const data = {
    name: rootLines.join("\n"),
    label: { position: "inside", fontWeight: "bold", ...boxStyle(TREE_COLORS.root) },
    children: goals.map((g) => ({
      name: g.lines.join("\n"),
      label: { position: "inside", ...boxStyle(TREE_COLORS.goal) },
      children: g.factors.map((lines) => ({
        name: lines.join("\n"),
        label: { position: "right", distance: 6, align: "left", verticalAlign: "middle", ...boxStyle(TREE_COLORS.factor) },
      })),
    })),
  };

  return {
    width,
    height,
    option: {
      animation: false,
      backgroundColor: "#ffffff",
      series: [
        {
          type: "tree",
          orient: "LR",
          data: [data],
          top: margin,
          bottom: margin,
          left,
          right,
          symbol: "circle",
          symbolSize: 7,
          roam: false,
          expandAndCollapse: false,
          initialTreeDepth: -1,
          itemStyle: { color: TREE_COLORS.root.background, borderColor: TREE_COLORS.root.border },
          lineStyle: { color: TREE_COLORS.line, width: 1.5, curveness: 0.5 },
          label: { color: TREE_COLORS.text, fontSize: FONT_SIZE },
          emphasis: { disabled: true },
          // A picture, not a widget: no hover styles or pointer cursor.
          silent: true,
        },
      ],
    },
  };
}
