// The goal tree: label wrapping, the budget line, the layout units, the echarts option, and the
// rendered SVG (every label present, no two boxes in one column overlapping).
import { describe, expect, it } from "vitest";
import { budgetText, buildGoalTree, MAX_LINES, treeUnits, WRAP, wrapLabel, type GoalTreeInput } from "../../app/modules/strategy/goal-tree";
import { renderGoalTreeSvg } from "../../app/modules/strategy/goal-tree.server";

const labels = { budget: (text: string) => `Begroting: ${text}` };

describe("wrapLabel", () => {
  it("breaks at spaces within the width and keeps the words", () => {
    const text = "Veilige fietsroutes naar scholen en het centrum van het dorp";
    const lines = wrapLabel(text, 20);
    expect(lines).toEqual(["Veilige fietsroutes", "naar scholen en het", "centrum van het dorp"]);
    expect(lines.every((l) => l.length <= 20)).toBe(true);
    expect(lines.join(" ")).toBe(text);
  });

  it("normalises white space and leaves short text on one line", () => {
    expect(wrapLabel("  Minder   verkeersslachtoffers \n", 40)).toEqual(["Minder verkeersslachtoffers"]);
    expect(wrapLabel("", 10)).toEqual([]);
  });

  it("cuts a word longer than a line", () => {
    expect(wrapLabel("Verkeersveiligheidsmaatregelen nu", 10)).toEqual(["Verkeersve", "iligheidsm", "aatregelen", "nu"]);
  });

  it("ends with an ellipsis when lines are left out", () => {
    const lines = wrapLabel("een twee drie vier vijf zes zeven acht negen tien", 10, 2);
    expect(lines).toHaveLength(2);
    expect(lines[1]!.endsWith("…")).toBe(true);
    expect(lines.every((l) => l.length <= 10)).toBe(true);
    expect(wrapLabel("een twee", 10, 2)).toEqual(["een twee"]);
  });
});

describe("budgetText", () => {
  it("joins code and name, either alone, or gives null", () => {
    expect(budgetText("P3", "Bereikbaarheid")).toBe("P3 · Bereikbaarheid");
    expect(budgetText("P3", null)).toBe("P3");
    expect(budgetText(" ", "Bereikbaarheid")).toBe("Bereikbaarheid");
    expect(budgetText(null, undefined)).toBeNull();
  });
});

describe("treeUnits", () => {
  it("places factors of a goal 1 apart, of different goals 2 apart, goals at least 1 apart", () => {
    expect(treeUnits([3, 2])).toEqual({ goals: [1, 4.5], factors: [[0, 1, 2], [4, 5]], span: 5 });
    // A goal without factors sits one unit below its neighbour.
    expect(treeUnits([2, 0, 1])).toEqual({ goals: [0.5, 1.5, 3], factors: [[0, 1], [], [3]], span: 3 });
    expect(treeUnits([])).toEqual({ goals: [], factors: [], span: 0 });
  });
});

const MAP: GoalTreeInput = {
  areaName: "De bereikbare gemeente",
  goals: [
    {
      title: "Zeewolde is goed en veilig bereikbaar voor fiets, bus en auto",
      budgetProgrammeCode: "P2",
      budgetProgrammeName: "Bereikbaarheid",
      factors: [{ title: "Veilige fietsroutes naar scholen en centrum" }, { title: "Goede busverbinding met Harderwijk en Almere" }, { title: "Onderhoud op orde" }],
    },
    { title: "Een doelstelling met een heel lange titel die over vijf regels loopt en dan nog steeds niet af is, echt waar", factors: [] },
    { title: "Minder verkeersslachtoffers", factors: [{ title: "Snelheid omlaag in woonwijken" }, { title: "Verkeerseducatie op alle basisscholen van Zeewolde" }] },
  ],
};

describe("buildGoalTree", () => {
  it("makes the area the root, goals its children and factors the leaves, with wrapped labels", () => {
    const { option, width, height } = buildGoalTree(MAP, labels);
    expect(width).toBe(960);
    const series = (option.series as { type: string; orient: string; data: TreeNode[] }[])[0]!;
    expect(series).toMatchObject({ type: "tree", orient: "LR" });
    const root = series.data[0]!;
    expect(root.name).toBe("De bereikbare gemeente");
    expect(root.children!.map((g) => g.name.split("\n"))).toEqual([
      [...wrapLabel(MAP.goals[0]!.title, WRAP.goal), "Begroting: P2 ·", "Bereikbaarheid"],
      wrapLabel(MAP.goals[1]!.title, WRAP.goal, MAX_LINES.goal),
      ["Minder", "verkeersslachtoffers"],
    ]);
    expect(root.children![1]!.name.split("\n")).toHaveLength(MAX_LINES.goal);
    expect(root.children![0]!.children!.map((f) => f.name.replace(/\n/g, " "))).toEqual(MAP.goals[0]!.factors.map((f) => f.title));
    expect(root.children![1]!.children).toEqual([]);
    // Taller with more leaves.
    const small = buildGoalTree({ areaName: "A", goals: [{ title: "B", factors: [{ title: "C" }] }] }, labels);
    expect(height).toBeGreaterThan(small.height);
    expect(JSON.stringify(option)).not.toContain("function");
  });
});

interface TreeNode {
  name: string;
  children?: TreeNode[];
}

/** The labels in the SVG: lines grouped by their shared transform, with their vertical extent. */
function svgLabels(svg: string) {
  const groups = new Map<string, { x: number; anchor: string; ys: number[]; lines: string[] }>();
  for (const match of svg.matchAll(/<text([^>]*)>([^<]*)<\/text>/g)) {
    const attrs = match[1]!;
    const transform = /transform="translate\(([-\d.]+) ([-\d.]+)\)"/.exec(attrs);
    if (!transform) continue;
    const y = Number(/\sy="([-\d.]+)"/.exec(attrs)?.[1] ?? 0) + Number(transform[2]);
    const key = transform[0];
    const group = groups.get(key) ?? { x: Number(transform[1]), anchor: /text-anchor="(\w+)"/.exec(attrs)?.[1] ?? "start", ys: [], lines: [] };
    group.ys.push(y);
    group.lines.push(match[2]!.replace(/&amp;/g, "&"));
    groups.set(key, group);
  }
  return [...groups.values()].map((g) => ({ x: g.x, anchor: g.anchor, text: g.lines.join(" "), top: Math.min(...g.ys) - 8.5, bottom: Math.max(...g.ys) + 8.5 }));
}

const LONG = "Een doelstelling met een heel lange titel die over vijf regels loopt en dan nog steeds niet af is";
/** Tall labels packed as closely as the layout allows: neighbouring goals one unit apart. */
const CROWDED: GoalTreeInput = {
  areaName: "Druk",
  goals: [
    { title: `${LONG} (1)`, factors: [] },
    { title: `${LONG} (2)`, factors: [] },
    { title: `${LONG} (3)`, factors: [{ title: `${LONG} (a)` }] },
    { title: `${LONG} (4)`, factors: [{ title: `${LONG} (b)` }, { title: `${LONG} (c)` }] },
    { title: `${LONG} (5)`, factors: [] },
  ],
};

function expectNoOverlap(svg: string, height: number) {
  const found = svgLabels(svg);
  const columns = new Map<number, typeof found>();
  for (const label of found) {
    const column = Math.round(label.x / 50);
    columns.set(column, [...(columns.get(column) ?? []), label]);
  }
  for (const column of columns.values()) {
    const sorted = [...column].sort((a, b) => a.top - b.top);
    for (let i = 1; i < sorted.length; i++) {
      // Each box adds 6 px padding and a 1 px border around its text.
      expect(sorted[i]!.top - sorted[i - 1]!.bottom, `${sorted[i - 1]!.text} / ${sorted[i]!.text}`).toBeGreaterThan(14);
    }
  }
  for (const label of found) {
    expect(label.top).toBeGreaterThanOrEqual(0);
    expect(label.bottom).toBeLessThanOrEqual(height);
  }
  return { found, columns };
}

describe("renderGoalTreeSvg", () => {
  it("keeps tall boxes apart when the layout packs them closely", () => {
    const { svg, height } = renderGoalTreeSvg(CROWDED, labels);
    const { found } = expectNoOverlap(svg, height);
    expect(found).toHaveLength(1 + 5 + 3);
  });

  it("renders every label, and no two boxes of one column overlap", () => {
    const { svg, width, height } = renderGoalTreeSvg(MAP, labels);
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).toContain(`viewBox="0 0 ${width} ${height}"`);
    const found = svgLabels(svg);
    const texts = found.map((l) => l.text);
    expect(texts).toContain("De bereikbare gemeente");
    expect(texts).toContain("Zeewolde is goed en veilig bereikbaar voor fiets, bus en auto Begroting: P2 · Bereikbaarheid");
    expect(texts).toContain("Minder verkeersslachtoffers");
    for (const factor of MAP.goals.flatMap((g) => g.factors)) expect(texts).toContain(factor.title);

    const { columns } = expectNoOverlap(svg, height);
    expect(columns.size).toBe(3);
  });

  it("escapes markup in titles", () => {
    const { svg } = renderGoalTreeSvg({ areaName: "<script>alert(1)</script>", goals: [{ title: "A & B <b>", factors: [] }] }, labels);
    expect(svg).not.toContain("<script>");
    expect(svg).not.toContain("<b>");
    expect(svg).toContain("&lt;script&gt;");
  });
});
