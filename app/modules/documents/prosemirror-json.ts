/**
 * ProseMirror/Tiptap JSON helpers for the co-edited documents.
 *
 * Pure functions (no database, no editor instance, no schema): the server turns a stored Yjs state into
 * Tiptap JSON and derives text, word counts, exports and comparisons from that JSON.
 */
import type { JSONContent } from "@tiptap/core";
import { yXmlFragmentToProsemirrorJSON } from "@tiptap/y-tiptap";
import * as Y from "yjs";

export type { JSONContent };

/** A mark on a text node, as in Tiptap JSON (`{ type: "bold" }`, `{ type: "link", attrs: { href } }`). */
export type JSONMark = NonNullable<JSONContent["marks"]>[number];

/** The Y.XmlFragment that the Tiptap Collaboration extension binds the editor to. */
export const YJS_FIELD = "default";

/** An empty Tiptap document. */
export function emptyDoc(): JSONContent {
  return { type: "doc", content: [] };
}

/**
 * Reads a stored Yjs state (a `Y.encodeStateAsUpdate` result, or any update) into Tiptap JSON.
 * The returned doc always has `type: "doc"` and a `content` array (empty for an empty state).
 */
export function docFromYjsState(state: Uint8Array): JSONContent {
  const ydoc = new Y.Doc();
  try {
    if (state.byteLength > 0) Y.applyUpdate(ydoc, state);
    const json = yXmlFragmentToProsemirrorJSON(ydoc.getXmlFragment(YJS_FIELD)) as JSONContent;
    return { type: "doc", content: json.content ?? [] };
  } finally {
    ydoc.destroy();
  }
}

/** Node types whose children are inline content (text, hard breaks). */
const TEXTBLOCKS = new Set(["paragraph", "heading", "codeBlock"]);
/** Block nodes without content. */
const BLOCK_LEAVES = new Set(["horizontalRule", "image"]);
/** Inline nodes without content. */
const INLINE_LEAVES = new Set(["hardBreak", "mention", "emoji"]);

export function isTextblock(node: JSONContent): boolean {
  if (node.type && TEXTBLOCKS.has(node.type)) return true;
  // Unknown node types: a node that directly holds inline content behaves like a textblock.
  return (node.content ?? []).some((child) => child.type === "text" || isInlineLeaf(child));
}

export function isInlineLeaf(node: JSONContent): boolean {
  return node.type !== undefined && INLINE_LEAVES.has(node.type);
}

function isBlockLeaf(node: JSONContent): boolean {
  return node.type !== undefined && BLOCK_LEAVES.has(node.type);
}

/**
 * ProseMirror's `Node.textBetween(0, size, blockSeparator, leafText)` on JSON:
 * text of all text nodes; `blockSeparator` between textblocks (and non-empty block leaves);
 * `leafText` for leaf nodes (hard break, horizontal rule).
 */
export function textBetween(
  node: JSONContent,
  blockSeparator: string,
  leafText: string | ((leaf: JSONContent) => string),
): string {
  let text = "";
  let first = true;
  const leaf = (n: JSONContent) => (typeof leafText === "function" ? leafText(n) : leafText);
  const visit = (n: JSONContent) => {
    if (n.type === "text") {
      text += n.text ?? "";
      return;
    }
    const isLeaf = isInlineLeaf(n) || isBlockLeaf(n);
    const nodeText = isLeaf ? leaf(n) : "";
    const isBlock = !isInlineLeaf(n);
    if (isBlock && ((isLeaf && nodeText) || isTextblock(n))) {
      if (first) first = false;
      else text += blockSeparator;
    }
    text += nodeText;
    for (const child of n.content ?? []) visit(child);
  };
  for (const child of node.content ?? []) visit(child);
  return text;
}

/**
 * The document's text without formatting: textblocks (paragraphs, headings, code blocks, table cell
 * paragraphs, list item paragraphs) separated by "\n", hard breaks as "\n", horizontal rules left out.
 */
export function plainText(doc: JSONContent): string {
  return textBetween(doc, "\n", (leaf) => (leaf.type === "hardBreak" ? "\n" : ""));
}

/**
 * Number of words, counted like Tiptap's CharacterCount extension (`textBetween(0, size, " ", " ")`
 * split on spaces), except that any whitespace (newlines in code blocks, tabs) separates words.
 */
export function wordCount(doc: JSONContent): number {
  const text = textBetween(doc, " ", " ");
  return text.split(/\s+/).filter((word) => word !== "").length;
}

/** The text of a node's inline content (text nodes concatenated; hard breaks as `hardBreak`). */
export function inlineText(node: JSONContent, hardBreak = "\n"): string {
  let text = "";
  for (const child of node.content ?? []) {
    if (child.type === "text") text += child.text ?? "";
    else if (child.type === "hardBreak") text += hardBreak;
    else if (child.content) text += inlineText(child, hardBreak);
  }
  return text;
}

/** Heading level 1–6 (Tiptap stores it as a number; Yjs may hand back a string). */
export function headingLevel(node: JSONContent): number {
  const level = Number(node.attrs?.level ?? 1);
  return Number.isFinite(level) ? Math.min(6, Math.max(1, Math.trunc(level))) : 1;
}

/** Start number of an ordered list (Tiptap `start` attribute, default 1). */
export function orderedListStart(node: JSONContent): number {
  const start = Number(node.attrs?.start ?? 1);
  return Number.isFinite(start) ? Math.trunc(start) : 1;
}

/** Code block language (Tiptap `language` attribute), or "" when not set. */
export function codeBlockLanguage(node: JSONContent): string {
  const language = node.attrs?.language;
  return typeof language === "string" ? language.trim() : "";
}

/** Positive integer attribute (colspan, rowspan), default 1. */
export function spanAttr(node: JSONContent, name: "colspan" | "rowspan"): number {
  const value = Number(node.attrs?.[name] ?? 1);
  return Number.isFinite(value) && value >= 1 ? Math.trunc(value) : 1;
}
