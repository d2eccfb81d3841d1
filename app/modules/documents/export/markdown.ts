/**
 * Tiptap JSON → Markdown (CommonMark + GFM tables and strikethrough).
 *
 * Hand-written because prosemirror-markdown is not installed; it follows the same approach
 * (block serialisation with line prefixes for lists/blockquotes, mark nesting by how far each mark
 * continues, whitespace moved outside emphasis delimiters, escaping of Markdown syntax in text).
 *
 * Unknown marks (e.g. `comment`) are ignored; unknown block nodes are rendered by their content.
 */
import {
  codeBlockLanguage,
  headingLevel,
  inlineText,
  isTextblock,
  orderedListStart,
  spanAttr,
  type JSONContent,
  type JSONMark,
} from "../prosemirror-json";

/** Markdown for a document, optionally preceded by `# title`. Ends with a single "\n" (or is "" when empty). */
export function toMarkdown(doc: JSONContent, title?: string): string {
  const blocks: string[] = [];
  const trimmedTitle = title?.trim();
  if (trimmedTitle) blocks.push(`# ${escapeHeading(escapeInline(trimmedTitle.replace(/\s+/g, " "), INLINE_TOP))}`);
  const body = renderBlocks(doc.content ?? [], "\n\n");
  if (body !== "") blocks.push(body);
  return blocks.length ? `${blocks.join("\n\n")}\n` : "";
}

// ---------------------------------------------------------------------------------------------
// Blocks

/** Renders block nodes, joined by `separator` (a list following a block inside a list item is joined tightly). */
function renderBlocks(nodes: JSONContent[], separator: "\n\n" | "item"): string {
  const out: string[] = [];
  let previous: JSONContent | undefined;
  for (const node of nodes) {
    const text = renderBlock(node);
    if (text === null) continue;
    if (out.length) {
      const tight = separator === "item" && isList(node) && previous !== undefined && !isList(previous);
      out.push(tight ? "\n" : "\n\n");
    }
    out.push(text);
    previous = node;
  }
  return out.join("");
}

function isList(node: JSONContent): boolean {
  return node.type === "bulletList" || node.type === "orderedList";
}

/** Markdown for one block node, or null when it produces nothing (empty top-level paragraph). */
function renderBlock(node: JSONContent): string | null {
  switch (node.type) {
    case "paragraph": {
      const text = renderInline(node.content ?? [], INLINE_TOP);
      return text === "" ? null : text;
    }
    case "heading": {
      const text = renderInline(node.content ?? [], { ...INLINE_TOP, hardBreak: " " });
      return `${"#".repeat(headingLevel(node))} ${escapeHeading(text)}`.trimEnd();
    }
    case "blockquote": {
      const inner = renderBlocks(node.content ?? [], "\n\n");
      return prefixLines(inner === "" ? "" : inner, "> ", ">");
    }
    case "bulletList":
      return renderList(node, () => "-");
    case "orderedList": {
      const start = orderedListStart(node);
      return renderList(node, (index) => `${start + index}.`);
    }
    case "codeBlock":
      return renderCodeBlock(node);
    case "horizontalRule":
      return "---";
    case "table":
      return renderTable(node);
    case "listItem":
      return renderBlocks(node.content ?? [], "item");
    default:
      if (isTextblock(node)) {
        const text = renderInline(node.content ?? [], INLINE_TOP);
        return text === "" ? null : text;
      }
      if (node.content?.length) {
        const inner = renderBlocks(node.content, "\n\n");
        return inner === "" ? null : inner;
      }
      return null;
  }
}

function renderList(list: JSONContent, marker: (index: number) => string): string {
  const items = (list.content ?? []).map((item, index) => {
    const bullet = marker(index);
    const body = item.type === "listItem" ? renderBlocks(item.content ?? [], "item") : (renderBlock(item) ?? "");
    if (body === "") return bullet;
    const indent = " ".repeat(bullet.length + 1);
    const lines = body.split("\n");
    return lines.map((line, i) => (i === 0 ? `${bullet} ${line}` : line === "" ? "" : `${indent}${line}`)).join("\n");
  });
  return items.join("\n");
}

function prefixLines(text: string, prefix: string, emptyPrefix: string): string {
  return text
    .split("\n")
    .map((line) => (line === "" ? emptyPrefix : prefix + line))
    .join("\n");
}

function renderCodeBlock(node: JSONContent): string {
  const code = inlineText(node, "\n").replace(/\n$/, "");
  const longestFence = Math.max(0, ...(code.match(/`{3,}/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(Math.max(3, longestFence + 1));
  // An info string may not contain backticks.
  const language = codeBlockLanguage(node).replace(/[`\s]+/g, "");
  return `${fence}${language}\n${code}${code === "" ? "" : "\n"}${fence}`;
}

// ---------------------------------------------------------------------------------------------
// Tables (GFM pipe tables; the first row is the header row)

function renderTable(table: JSONContent): string | null {
  const grid = tableGrid(table);
  if (grid.length === 0) return null;
  const columns = Math.max(1, ...grid.map((row) => row.length));
  const rows = grid.map((row) => {
    const cells = Array.from({ length: columns }, (_, i) => row[i] ?? "");
    return `|${cells.map((cell) => (cell === "" ? " |" : ` ${cell} |`)).join("")}`;
  });
  const separatorRow = `| ${Array.from({ length: columns }, () => "---").join(" | ")} |`;
  return [rows[0], separatorRow, ...rows.slice(1)].join("\n");
}

/**
 * Rows of cell Markdown with colspans/rowspans expanded: the spanned positions are empty strings,
 * so every column of the pipe table lines up.
 */
function tableGrid(table: JSONContent): string[][] {
  const grid: string[][] = [];
  const rows = (table.content ?? []).filter((row) => row.type === "tableRow" || row.content?.length);
  rows.forEach((row, r) => {
    const line = (grid[r] ??= []);
    let column = 0;
    for (const cell of row.content ?? []) {
      while (line[column] !== undefined) column++;
      const colspan = spanAttr(cell, "colspan");
      const rowspan = spanAttr(cell, "rowspan");
      for (let dr = 0; dr < rowspan && r + dr < rows.length; dr++) {
        const target = (grid[r + dr] ??= []);
        for (let dc = 0; dc < colspan; dc++) target[column + dc] = dr === 0 && dc === 0 ? renderCell(cell) : "";
      }
      column += colspan;
    }
  });
  return grid.map((row) => Array.from(row, (cell) => cell ?? ""));
}

/** A cell's blocks on one line: paragraphs joined with <br>, inner structure flattened to text. */
function renderCell(cell: JSONContent): string {
  const parts: string[] = [];
  const collect = (node: JSONContent) => {
    if (isTextblock(node)) {
      const text =
        node.type === "codeBlock"
          ? codeSpan(inlineText(node, "\n").replace(/\n/g, " "), true)
          : renderInline(node.content ?? [], INLINE_TABLE);
      if (text !== "") parts.push(text);
      return;
    }
    for (const child of node.content ?? []) collect(child);
  };
  for (const child of cell.content ?? []) collect(child);
  return parts.join("<br>");
}

// ---------------------------------------------------------------------------------------------
// Inline content

interface InlineOptions {
  /** Markdown for a hard break. */
  hardBreak: string;
  /** Inside a table cell: escape pipes (also in code spans). */
  table: boolean;
}

const INLINE_TOP: InlineOptions = { hardBreak: "\\\n", table: false };
const INLINE_TABLE: InlineOptions = { hardBreak: "<br>", table: true };

type MarkName = "link" | "bold" | "italic" | "strike" | "underline" | "code";

/** Outer-to-inner preference when marks start together and end together. `code` is always innermost. */
const MARK_ORDER: MarkName[] = ["link", "bold", "italic", "strike", "underline", "code"];

interface ActiveMark {
  name: MarkName;
  key: string;
  close: string;
}

interface InlineItem {
  /** Text (for text nodes) or null for a hard break / other inline leaf. */
  text: string | null;
  leafText?: string;
  marks: Map<string, { name: MarkName; mark: JSONMark }>;
}

function markKey(mark: JSONMark): string {
  return mark.type === "link" ? `link:${String(mark.attrs?.href ?? "")}` : mark.type;
}

function knownMarks(node: JSONContent): Map<string, { name: MarkName; mark: JSONMark }> {
  const marks = new Map<string, { name: MarkName; mark: JSONMark }>();
  for (const mark of node.marks ?? []) {
    if ((MARK_ORDER as string[]).includes(mark.type)) {
      if (mark.type === "link" && !mark.attrs?.href) continue;
      marks.set(markKey(mark), { name: mark.type as MarkName, mark });
    }
  }
  return marks;
}

function flattenInline(nodes: JSONContent[]): InlineItem[] {
  const items: InlineItem[] = [];
  for (const node of nodes) {
    if (node.type === "text") {
      const text = (node.text ?? "").replace(/\r?\n/g, " ");
      if (text !== "") items.push({ text, marks: knownMarks(node) });
    } else if (node.type === "hardBreak") {
      items.push({ text: null, marks: new Map() });
    } else if (node.content?.length) {
      items.push(...flattenInline(node.content));
    } else if (typeof node.attrs?.label === "string") {
      // e.g. a mention: keep its visible label
      items.push({ text: String(node.attrs.label), marks: knownMarks(node) });
    }
  }
  return items;
}

function renderInline(nodes: JSONContent[], options: InlineOptions): string {
  const items = flattenInline(nodes);
  let out = "";
  let atLineStart = true;
  const stack: ActiveMark[] = [];

  // How many consecutive items (from index i) carry the mark with this key.
  const runLength = (key: string, from: number): number => {
    let n = 0;
    for (let i = from; i < items.length && items[i]!.marks.has(key); i++) n++;
    return n;
  };

  const closeTo = (depth: number) => {
    if (stack.length <= depth) return;
    // Delimiters must not follow whitespace: move trailing whitespace outside the closing marks.
    const trailing = /[ \t]+$/.exec(out)?.[0] ?? "";
    if (stack[stack.length - 1]!.name !== "code" && trailing) out = out.slice(0, -trailing.length);
    while (stack.length > depth) out += stack.pop()!.close;
    out += trailing;
  };

  items.forEach((item, index) => {
    if (item.text === null) {
      closeTo(0);
      out = out.replace(/[ \t]+$/, "");
      out += options.hardBreak;
      atLineStart = true;
      return;
    }
    // Close every open mark this item does not carry (and everything opened inside it).
    const keep = stack.findIndex((active) => !item.marks.has(active.key));
    if (keep !== -1) closeTo(keep);

    const open = [...item.marks.entries()]
      .filter(([key]) => !stack.some((active) => active.key === key))
      .sort(([keyA, a], [keyB, b]) => {
        if (a.name === "code" || b.name === "code") return a.name === "code" ? 1 : -1;
        return runLength(keyB, index) - runLength(keyA, index) || MARK_ORDER.indexOf(a.name) - MARK_ORDER.indexOf(b.name);
      });

    let text = item.text;
    if (atLineStart) text = text.replace(/^[ \t]+/, "");
    if (text === "") return;
    if (open.length) {
      // Delimiters must not precede whitespace: move leading whitespace before the opening marks.
      const leading = /^[ \t]+/.exec(text)?.[0] ?? "";
      out += leading;
      text = text.slice(leading.length);
      if (leading) atLineStart = false;
      if (text === "") return;
    }

    let codeOpen = stack.some((active) => active.name === "code");
    for (const [key, { name, mark }] of open) {
      if (name === "code") {
        const run = items
          .slice(index, index + runLength(key, index))
          .map((i) => i.text ?? "")
          .join("");
        const fence = codeFence(run);
        const pad = codeNeedsPadding(run) ? " " : "";
        out += fence + pad;
        stack.push({ name, key, close: pad + fence });
        codeOpen = true;
      } else {
        const [openDelimiter, closeDelimiter] = delimiters(name, mark);
        out += openDelimiter;
        stack.push({ name, key, close: closeDelimiter });
      }
    }

    if (codeOpen) out += options.table ? text.replace(/\|/g, "\\|") : text;
    else out += escapeInline(text, options, atLineStart && stack.length === 0);
    atLineStart = false;
  });
  closeTo(0);
  return out.replace(/[ \t]+$/, "");
}

function delimiters(name: Exclude<MarkName, "code">, mark: JSONMark): [string, string] {
  switch (name) {
    case "bold":
      return ["**", "**"];
    case "italic":
      return ["*", "*"];
    case "strike":
      return ["~~", "~~"];
    case "underline":
      return ["<u>", "</u>"];
    case "link":
      return ["[", `](${linkDestination(String(mark.attrs?.href ?? ""))}${linkTitle(mark.attrs?.title)})`];
  }
}

function linkDestination(href: string): string {
  const encoded = href.trim().replace(/\s/g, (c) => encodeURIComponent(c));
  if (/[()<>\\]/.test(encoded)) return `<${encoded.replace(/[<>\\]/g, (c) => `\\${c}`)}>`;
  return encoded;
}

function linkTitle(title: unknown): string {
  if (typeof title !== "string" || title.trim() === "") return "";
  return ` "${title.replace(/\s+/g, " ").replace(/["\\]/g, (c) => `\\${c}`)}"`;
}

function codeFence(code: string): string {
  const longest = Math.max(0, ...(code.match(/`+/g) ?? []).map((run) => run.length));
  return "`".repeat(longest + 1);
}

function codeNeedsPadding(code: string): boolean {
  return code.startsWith("`") || code.endsWith("`") || (/^ .* $/.test(code) && code.trim() !== "");
}

/** A standalone code span (used for code blocks inside table cells). */
function codeSpan(code: string, table: boolean): string {
  if (code === "") return "";
  const fence = codeFence(code);
  const pad = codeNeedsPadding(code) ? " " : "";
  const body = table ? code.replace(/\|/g, "\\|") : code;
  return `${fence}${pad}${body}${pad}${fence}`;
}

// ---------------------------------------------------------------------------------------------
// Escaping

/** Escapes Markdown syntax in plain text. `lineStart`: the text begins a line (block-level syntax matters). */
function escapeInline(text: string, options: InlineOptions, lineStart = false): string {
  let escaped = text
    .replace(/[\\`*_[\]~<]/g, (c) => `\\${c}`)
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, "\\&")
    .replace(/!(?=\\\[)/g, "\\!");
  if (options.table) escaped = escaped.replace(/\|/g, "\\|");
  if (lineStart) {
    escaped = escaped
      .replace(/^(#{1,6})(?=[ \t]|$)/, "\\$1") // ATX heading
      .replace(/^>/, "\\>") // blockquote
      .replace(/^([-+])(?=[ \t]|$)/, "\\$1") // bullet list item
      .replace(/^([-=])(?=[-= \t]*$)/, "\\$1") // setext underline / thematic break
      .replace(/^(\d{1,9})([.)])(?=[ \t]|$)/, "$1\\$2"); // ordered list item
  }
  return escaped;
}

/** An ATX heading drops a closing sequence of `#`s: escape trailing hashes. */
function escapeHeading(text: string): string {
  return text.replace(/(^|\s)(#+)$/, "$1\\$2");
}
