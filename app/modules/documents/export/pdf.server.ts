/**
 * Tiptap JSON → PDF with pdfmake (server side, Node).
 *
 * Fonts: Roboto (the TTF files shipped in `pdfmake/fonts/Roboto`, embedded and subsetted, so the text is
 * extractable) and the PDF standard font Courier for code (used only when the code is representable in
 * WinAnsi; otherwise Roboto). pdfmake is configured once, on first use: it may read only those font files
 * and may not fetch URLs.
 */
import { createRequire } from "node:module";
import path from "node:path";

import pdfmake from "pdfmake";
import type { Content, CustomTableLayout, TableCell, TDocumentDefinitions } from "pdfmake/interfaces";

import {
  headingLevel,
  inlineText,
  isTextblock,
  orderedListStart,
  spanAttr,
  type JSONContent,
  type JSONMark,
} from "../prosemirror-json";

export interface PdfInput {
  title: string;
  municipalityName: string;
  /** Shown as is, e.g. "Concept" or "Vastgesteld op 12 november 2026". */
  status: string;
  generatedAt: Date;
  doc: JSONContent;
  locale: "nl" | "en";
}

const LABELS = {
  nl: {
    generatedOn: "Gegenereerd op",
    page: (page: number, count: number) => `Pagina ${page} van ${count}`,
    dateLocale: "nl-NL",
  },
  en: {
    generatedOn: "Generated on",
    page: (page: number, count: number) => `Page ${page} of ${count}`,
    dateLocale: "en-GB",
  },
} as const;

/** Dates in the PDF are shown in Dutch local time, whatever the server's time zone. */
const TIME_ZONE = "Europe/Amsterdam";

const PAGE_MARGINS: [number, number, number, number] = [56, 56, 56, 64];
const COLORS = { text: "#1a1a1a", muted: "#555555", rule: "#9e9e9e", border: "#bdbdbd", fill: "#f2f2f2", link: "#0b57d0" };

export function formatPdfDate(date: Date, locale: "nl" | "en"): string {
  return new Intl.DateTimeFormat(LABELS[locale].dateLocale, { dateStyle: "long", timeZone: TIME_ZONE }).format(date);
}

/** Renders the document as a PDF (A4, page numbers in the footer). */
export async function toPdf(input: PdfInput): Promise<Buffer> {
  configurePdfmake();
  return pdfmake.createPdf(pdfDefinition(input)).getBuffer();
}

/** The pdfmake document definition for `toPdf` (exported for tests and debugging). */
export function pdfDefinition(input: PdfInput): TDocumentDefinitions {
  const labels = LABELS[input.locale];
  const subtitle = [input.municipalityName, input.status, `${labels.generatedOn} ${formatPdfDate(input.generatedAt, input.locale)}`]
    .map((part) => part.trim())
    .filter(Boolean)
    .join(" · ");
  return {
    pageSize: "A4",
    pageMargins: PAGE_MARGINS,
    language: input.locale === "nl" ? "nl-NL" : "en-GB",
    info: { title: input.title, subject: input.municipalityName, creator: "Koers", producer: "Koers" },
    defaultStyle: { font: "Roboto", fontSize: 10.5, lineHeight: 1.25, color: COLORS.text },
    styles: {
      title: { fontSize: 22, bold: true, margin: [0, 0, 0, 4] },
      subtitle: { fontSize: 10, color: COLORS.muted, margin: [0, 0, 0, 18] },
      h1: { fontSize: 18, bold: true, margin: [0, 12, 0, 6] },
      h2: { fontSize: 15, bold: true, margin: [0, 10, 0, 5] },
      h3: { fontSize: 13, bold: true, margin: [0, 8, 0, 4] },
      h4: { fontSize: 11.5, bold: true, margin: [0, 8, 0, 4] },
      h5: { fontSize: 10.5, bold: true, margin: [0, 6, 0, 3] },
      h6: { fontSize: 10.5, bold: true, italics: true, margin: [0, 6, 0, 3] },
    },
    content: [
      { text: input.title, style: "title" },
      { text: subtitle, style: "subtitle" },
      ...blocks(input.doc.content ?? [], { depth: 0 }),
    ],
    footer: (currentPage, pageCount) => ({
      margin: [PAGE_MARGINS[0], 24, PAGE_MARGINS[2], 0],
      fontSize: 8.5,
      color: COLORS.muted,
      columns: [
        { text: input.title, width: "*" },
        { text: labels.page(currentPage, pageCount), width: "auto", alignment: "right" },
      ],
    }),
    // Keep a heading with what follows: move it to the next page when nothing follows it on its page.
    // (pdfmake also lists the footer among the "following" nodes, with a `top` measured inside the footer
    // area, so only nodes below the heading count.)
    pageBreakBefore: (node, queries) =>
      node.headlineLevel !== undefined &&
      !queries.getFollowingNodesOnPage().some((next) => next.startPosition.top > node.startPosition.top) &&
      queries.getNodesOnNextPage().length > 0,
  };
}

// ---------------------------------------------------------------------------------------------
// pdfmake setup

let configured = false;

const STANDARD_FONTS = new Set(["Courier", "Courier-Bold", "Courier-Oblique", "Courier-BoldOblique"]);

/** Registers the fonts and the file/URL access policy once (shared by every PDF export). */
export function configurePdfmake(): void {
  if (configured) return;
  const require = createRequire(import.meta.url);
  const roboto = {
    normal: require.resolve("pdfmake/fonts/Roboto/Roboto-Regular.ttf"),
    bold: require.resolve("pdfmake/fonts/Roboto/Roboto-Medium.ttf"),
    italics: require.resolve("pdfmake/fonts/Roboto/Roboto-Italic.ttf"),
    bolditalics: require.resolve("pdfmake/fonts/Roboto/Roboto-MediumItalic.ttf"),
  };
  const allowedFiles = new Set(Object.values(roboto).map((file) => path.resolve(file)));
  pdfmake.addFonts({
    Roboto: roboto,
    Courier: { normal: "Courier", bold: "Courier-Bold", italics: "Courier-Oblique", bolditalics: "Courier-BoldOblique" },
  });
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((file) => STANDARD_FONTS.has(file) || allowedFiles.has(path.resolve(file)));
  configured = true;
}

// ---------------------------------------------------------------------------------------------
// Blocks

interface BlockContext {
  /** List nesting depth (for bullet styles). */
  depth: number;
  /** Inside a table cell or list item: tighter spacing. */
  compact?: boolean;
}

function blocks(nodes: JSONContent[], ctx: BlockContext): Content[] {
  const out: Content[] = [];
  for (const node of nodes) {
    const content = block(node, ctx);
    if (content !== null) out.push(content);
  }
  return out;
}

function paragraphMargin(ctx: BlockContext): [number, number, number, number] {
  return ctx.compact ? [0, 0, 0, 3] : [0, 0, 0, 8];
}

function block(node: JSONContent, ctx: BlockContext): Content | null {
  switch (node.type) {
    case "paragraph":
      return { text: inlines(node.content ?? []), margin: paragraphMargin(ctx) };
    case "heading": {
      const level = headingLevel(node);
      return { text: inlines(node.content ?? []), style: `h${level}`, headlineLevel: level };
    }
    case "bulletList":
      return {
        ul: listItems(node, ctx),
        type: (["disc", "circle", "square"] as const)[ctx.depth % 3],
        margin: ctx.compact ? [0, 0, 0, 2] : [0, 0, 0, 8],
      };
    case "orderedList":
      return { ol: listItems(node, ctx), start: orderedListStart(node), margin: ctx.compact ? [0, 0, 0, 2] : [0, 0, 0, 8] };
    case "blockquote":
      return {
        table: { widths: ["*"], body: [[{ stack: blocks(node.content ?? [], { ...ctx, compact: true }) }]] },
        layout: BLOCKQUOTE_LAYOUT,
        color: "#444444",
        margin: [0, 2, 0, 10],
      };
    case "codeBlock":
      return codeBlock(node);
    case "horizontalRule":
      return {
        table: { widths: ["*"], body: [[{ text: "", fontSize: 1, lineHeight: 1 }]] },
        layout: RULE_LAYOUT,
        margin: [0, 6, 0, 12],
      };
    case "table":
      return table(node, ctx);
    default:
      if (isTextblock(node)) return { text: inlines(node.content ?? []), margin: paragraphMargin(ctx) };
      if (node.content?.length) return { stack: blocks(node.content, ctx) };
      return null;
  }
}

function listItems(list: JSONContent, ctx: BlockContext): Content[] {
  return (list.content ?? []).map((item) => {
    const children = blocks(item.content ?? [], { depth: ctx.depth + 1, compact: true });
    if (children.length === 0) return { text: " " };
    return children.length === 1 ? children[0]! : { stack: children };
  });
}

function codeBlock(node: JSONContent): Content {
  const code = inlineText(node, "\n").replace(/\t/g, "    ").replace(/\n$/, "");
  return {
    table: {
      widths: ["*"],
      body: [
        [
          {
            text: code === "" ? " " : code,
            font: monospaceFont(code),
            fontSize: 9,
            lineHeight: 1.15,
            preserveLeadingSpaces: true,
          },
        ],
      ],
    },
    layout: CODE_LAYOUT,
    margin: [0, 2, 0, 10],
  };
}

function table(node: JSONContent, ctx: BlockContext): Content | null {
  const rows = (node.content ?? []).filter((row) => row.content?.length);
  if (rows.length === 0) return null;
  const grid: (TableCell | undefined)[][] = rows.map(() => []);
  rows.forEach((row, r) => {
    const line = grid[r]!;
    let column = 0;
    for (const cell of row.content ?? []) {
      while (line[column] !== undefined) column++;
      const colSpan = spanAttr(cell, "colspan");
      const rowSpan = Math.min(spanAttr(cell, "rowspan"), rows.length - r);
      const header = cell.type === "tableHeader";
      const body = blocks(cell.content ?? [], { depth: ctx.depth, compact: true });
      const content: TableCell = {
        stack: body.length ? body : [{ text: " " }],
        ...(colSpan > 1 ? { colSpan } : {}),
        ...(rowSpan > 1 ? { rowSpan } : {}),
        ...(header ? { bold: true, fillColor: COLORS.fill } : {}),
      };
      for (let dr = 0; dr < rowSpan; dr++) {
        for (let dc = 0; dc < colSpan; dc++) grid[r + dr]![column + dc] = dr === 0 && dc === 0 ? content : {};
      }
      column += colSpan;
    }
  });
  const columns = Math.max(1, ...grid.map((row) => row.length));
  const body: TableCell[][] = grid.map((row) => Array.from({ length: columns }, (_, i) => row[i] ?? { text: "" }));
  const headerRow = rows[0]!.content?.every((cell) => cell.type === "tableHeader") ?? false;
  return {
    table: { headerRows: headerRow ? 1 : 0, widths: Array.from({ length: columns }, () => "*"), body, dontBreakRows: true },
    layout: TABLE_LAYOUT,
    margin: [0, 2, 0, 10],
  };
}

const BLOCKQUOTE_LAYOUT: CustomTableLayout = {
  hLineWidth: () => 0,
  vLineWidth: (i) => (i === 0 ? 2 : 0),
  vLineColor: () => COLORS.rule,
  paddingLeft: () => 10,
  paddingRight: () => 0,
  paddingTop: () => 1,
  paddingBottom: () => 1,
};

const CODE_LAYOUT: CustomTableLayout = {
  hLineWidth: () => 0,
  vLineWidth: () => 0,
  fillColor: () => COLORS.fill,
  paddingLeft: () => 6,
  paddingRight: () => 6,
  paddingTop: () => 5,
  paddingBottom: () => 5,
};

const RULE_LAYOUT: CustomTableLayout = {
  hLineWidth: (i) => (i === 0 ? 0.75 : 0),
  vLineWidth: () => 0,
  hLineColor: () => COLORS.rule,
  paddingLeft: () => 0,
  paddingRight: () => 0,
  paddingTop: () => 0,
  paddingBottom: () => 0,
};

const TABLE_LAYOUT: CustomTableLayout = {
  hLineWidth: () => 0.5,
  vLineWidth: () => 0.5,
  hLineColor: () => COLORS.border,
  vLineColor: () => COLORS.border,
  paddingLeft: () => 4,
  paddingRight: () => 4,
  paddingTop: () => 3,
  paddingBottom: () => 2,
};

// ---------------------------------------------------------------------------------------------
// Inline content

interface InlineText {
  text: string;
  bold?: boolean;
  italics?: boolean;
  decoration?: ("underline" | "lineThrough")[];
  link?: string;
  color?: string;
  font?: string;
  background?: string;
}

/** pdfmake inline texts for a textblock's content; a single " " for an empty block (keeps its line height). */
function inlines(nodes: JSONContent[]): InlineText[] {
  const out: InlineText[] = [];
  const visit = (node: JSONContent) => {
    if (node.type === "text") {
      const text = node.text ?? "";
      if (text !== "") out.push(styledText(text, node.marks ?? []));
    } else if (node.type === "hardBreak") {
      out.push({ text: "\n" });
    } else if (node.content?.length) {
      node.content.forEach(visit);
    } else if (typeof node.attrs?.label === "string") {
      out.push(styledText(node.attrs.label, node.marks ?? []));
    }
  };
  nodes.forEach(visit);
  return out.length ? out : [{ text: " " }];
}

function styledText(text: string, marks: JSONMark[]): InlineText {
  const inline: InlineText = { text };
  const decoration: ("underline" | "lineThrough")[] = [];
  for (const mark of marks) {
    switch (mark.type) {
      case "bold":
        inline.bold = true;
        break;
      case "italic":
        inline.italics = true;
        break;
      case "underline":
        decoration.push("underline");
        break;
      case "strike":
        decoration.push("lineThrough");
        break;
      case "code":
        inline.font = monospaceFont(text);
        inline.background = COLORS.fill;
        break;
      case "link": {
        const href = safeHref(mark.attrs?.href);
        if (href) {
          inline.link = href;
          inline.color = COLORS.link;
          if (!decoration.includes("underline")) decoration.push("underline");
        }
        break;
      }
      default:
        // comment threads and other editor-only marks are not exported
        break;
    }
  }
  if (decoration.length) inline.decoration = [...new Set(decoration)];
  return inline;
}

/** Only web, mail and phone links become clickable. */
function safeHref(href: unknown): string | null {
  if (typeof href !== "string") return null;
  const trimmed = href.trim();
  return /^(https?:|mailto:|tel:)/i.test(trimmed) ? trimmed : null;
}

/** Characters of WinAnsiEncoding (what the standard Courier font can show). */
const WIN_ANSI_EXTRA = new Set("€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ");

function monospaceFont(text: string): "Courier" | "Roboto" {
  for (const char of text) {
    const code = char.codePointAt(0)!;
    const ok = char === "\n" || (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(char);
    if (!ok) return "Roboto";
  }
  return "Courier";
}
