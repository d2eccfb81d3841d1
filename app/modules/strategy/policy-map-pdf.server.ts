// A policy map (beleidskaart) as PDF: the area's name and description, the goal tree as a vector
// picture (echarts SVG), and the goals with their success factors and budget links as text, so the
// PDF reads (and can be searched and copied) without the picture. A4 landscape, like a poster.
import pdfmake from "pdfmake";
import type { Content, CustomTableLayout, TableCell, TDocumentDefinitions } from "pdfmake/interfaces";
import { configurePdfmake, formatPdfDate } from "../documents/export/pdf.server";
import { budgetText } from "./goal-tree";
import { goalTreeInput, renderGoalTreeSvg } from "./goal-tree.server";
import { formatIv3, isIv3MainField } from "./iv3";
import type { PolicyMap } from "./policy-map.server";

type Translate = (key: string, options?: Record<string, unknown>) => string;

export interface PolicyMapPdfInput {
  map: PolicyMap;
  municipalityName: string;
  generatedAt: Date;
  locale: "nl" | "en";
  t: Translate;
}

// A4 landscape: 841.89 × 595.28 pt.
const PAGE = { width: 841.89, height: 595.28 };
const PAGE_MARGINS: [number, number, number, number] = [48, 48, 48, 56];
const CONTENT_WIDTH = PAGE.width - PAGE_MARGINS[0] - PAGE_MARGINS[2];
const CONTENT_HEIGHT = PAGE.height - PAGE_MARGINS[1] - PAGE_MARGINS[3];
const COLORS = { text: "#1a1a1a", muted: "#555555", border: "#bdbdbd", fill: "#f2f2f2" };

export async function policyMapPdf(input: PolicyMapPdfInput): Promise<Buffer> {
  configurePdfmake();
  return pdfmake.createPdf(policyMapPdfDefinition(input)).getBuffer();
}

/** The pdfmake document definition (exported for tests). */
export function policyMapPdfDefinition({ map, municipalityName, generatedAt, locale, t }: PolicyMapPdfInput): TDocumentDefinitions {
  const title = t("policyMaps.pdf.title", { area: map.area.name });
  const goals = map.goals.filter((g) => !g.retiredAt).map((g) => ({ ...g, factors: g.factors.filter((f) => !f.retiredAt) }));
  const iv3 = formatIv3(map.area.iv3, (main) => (isIv3MainField(main) ? t(`policyMaps.iv3Fields.${main}`) : null));
  const status = map.area.retiredAt ? t("policyMaps.areas.retired") : map.area.chosen ? t("policyMaps.areas.chosen") : t("policyMaps.areas.notChosen");
  const subtitle = [municipalityName, status, t("policyMaps.pdf.generatedOn", { date: formatPdfDate(generatedAt, locale) })].join(" · ");

  const intro: Content[] = [
    { text: title, style: "title" },
    { text: subtitle, style: "subtitle" },
  ];
  if (map.area.description) intro.push({ text: map.area.description, margin: [0, 0, 0, 4] });
  if (iv3.length) intro.push({ text: [{ text: `${t("policyMaps.areas.iv3")}: `, bold: true }, iv3.join("; ")], margin: [0, 0, 0, 8], color: COLORS.muted });

  const content: Content[] = [...intro];
  if (goals.length === 0) {
    content.push({ text: t("policyMaps.map.empty"), italics: true });
  } else {
    const tree = renderGoalTreeSvg(goalTreeInput(map), { budget: (text) => t("policyMaps.tree.budgetLine", { budget: text }) });
    // The picture fills the first page below the introduction (vector, so it stays sharp).
    const room = CONTENT_HEIGHT - 110;
    content.push({ text: t("policyMaps.tree.heading"), style: "h2" });
    content.push({ svg: tree.svg, fit: [CONTENT_WIDTH, Math.max(200, room)], alignment: "center" });
    content.push({ text: t("policyMaps.table.heading"), style: "h2", pageBreak: "before" });
    content.push(goalsTable(goals, t));
  }

  return {
    pageSize: "A4",
    pageOrientation: "landscape",
    pageMargins: PAGE_MARGINS,
    language: locale === "nl" ? "nl-NL" : "en-GB",
    info: { title, subject: municipalityName, creator: "Koers", producer: "Koers" },
    defaultStyle: { font: "Roboto", fontSize: 10, lineHeight: 1.2, color: COLORS.text },
    styles: {
      title: { fontSize: 20, bold: true, margin: [0, 0, 0, 4] },
      subtitle: { fontSize: 9.5, color: COLORS.muted, margin: [0, 0, 0, 10] },
      h2: { fontSize: 13, bold: true, margin: [0, 6, 0, 6] },
      th: { bold: true, fillColor: COLORS.fill },
      muted: { color: COLORS.muted },
    },
    content,
    footer: (currentPage, pageCount) => ({
      margin: [PAGE_MARGINS[0], 20, PAGE_MARGINS[2], 0],
      fontSize: 8.5,
      color: COLORS.muted,
      columns: [
        { text: `${title} · ${municipalityName}`, width: "*" },
        { text: t("policyMaps.pdf.page", { page: currentPage, count: pageCount }), width: "auto", alignment: "right" },
      ],
    }),
  };
}

function goalsTable(goals: PolicyMap["goals"], t: Translate): Content {
  const header: TableCell[] = [
    { text: "#", style: "th" },
    { text: t("policyMaps.table.goal"), style: "th" },
    { text: t("policyMaps.table.factors"), style: "th" },
    { text: t("policyMaps.table.budget"), style: "th" },
  ];
  const rows: TableCell[][] = goals.map((g, index) => {
    const goalCell: Content[] = [{ text: g.title, bold: true }];
    if (g.description) goalCell.push({ text: g.description, style: "muted", margin: [0, 2, 0, 0] });
    const factors: Content =
      g.factors.length === 0
        ? { text: t("policyMaps.map.noFactors"), italics: true, style: "muted" }
        : {
            ol: g.factors.map((f): Content => (f.description ? { stack: [{ text: f.title }, { text: f.description, style: "muted", fontSize: 9 }] } : { text: f.title })),
          };
    const budget = budgetText(g.budgetProgrammeCode, g.budgetProgrammeName);
    return [
      { text: String(index + 1) },
      { stack: goalCell },
      factors,
      budget ? { text: budget } : { text: t("policyMaps.map.noBudget"), italics: true, style: "muted" },
    ];
  });
  return {
    table: { headerRows: 1, widths: [18, "*", "*", 150], body: [header, ...rows], dontBreakRows: true },
    layout: TABLE_LAYOUT,
  };
}

const TABLE_LAYOUT: CustomTableLayout = {
  hLineWidth: () => 0.5,
  vLineWidth: () => 0.5,
  hLineColor: () => COLORS.border,
  vLineColor: () => COLORS.border,
  paddingLeft: () => 5,
  paddingRight: () => 5,
  paddingTop: () => 4,
  paddingBottom: () => 3,
};
