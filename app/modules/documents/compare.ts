/**
 * Compares two versions of a document block by block ("compare an old version with the current one").
 *
 * Each top-level block becomes a line-oriented text that shows its type ("## Title", "- item",
 * "> quote", "```lang", "| a | b |"); formatting marks are not part of it, so a formatting-only change
 * counts as "same". The block texts are aligned with `diffArrays`; within a run of removed and added
 * blocks, similar blocks (same position order, at least PAIR_THRESHOLD alike) are paired as "changed" with
 * a word-level diff (`diffWords`) in `inline`.
 */
import { diffArrays, diffWords, type Change } from "diff";

import {
  codeBlockLanguage,
  headingLevel,
  inlineText,
  isTextblock,
  orderedListStart,
  plainText,
  type JSONContent,
} from "./prosemirror-json";

export type InlineChange = { kind: "same" | "added" | "removed"; text: string };

export type BlockChange = {
  kind: "same" | "added" | "removed" | "changed";
  /** The block in the old version (for same, removed, changed). */
  before?: string;
  /** The block in the new version (for same, added, changed). */
  after?: string;
  /** Word-level diff from `before` to `after` (only for changed). */
  inline?: InlineChange[];
};

/** Minimum similarity (0–1, share of non-space characters in common) for a removed and an added block to count as one changed block. */
export const PAIR_THRESHOLD = 0.3;

/** Above this many removed×added candidates in one run, pairing is positional instead of optimal. */
const MAX_ALIGNMENT_CELLS = 2500;

export function compareDocs(oldDoc: JSONContent, newDoc: JSONContent): BlockChange[] {
  const result: BlockChange[] = [];
  let removed: string[] = [];
  let added: string[] = [];
  const flush = () => {
    if (removed.length || added.length) result.push(...alignRun(removed, added));
    removed = [];
    added = [];
  };
  for (const change of diffArrays(blockTexts(oldDoc), blockTexts(newDoc))) {
    if (change.removed) removed.push(...change.value);
    else if (change.added) added.push(...change.value);
    else {
      flush();
      for (const text of change.value) result.push({ kind: "same", before: text, after: text });
    }
  }
  flush();
  return result;
}

/** The text of each non-empty top-level block, as compared by `compareDocs`. */
export function blockTexts(doc: JSONContent): string[] {
  return (doc.content ?? []).map(blockText).filter((text) => text.trim() !== "");
}

/** One block as text with its type visible. */
export function blockText(node: JSONContent): string {
  switch (node.type) {
    case "paragraph":
      return inlineText(node, "\n");
    case "heading":
      return `${"#".repeat(headingLevel(node))} ${inlineText(node, " ")}`.trimEnd();
    case "bulletList":
      return listText(node, () => "-");
    case "orderedList": {
      const start = orderedListStart(node);
      return listText(node, (index) => `${start + index}.`);
    }
    case "blockquote":
      return childrenText(node)
        .split("\n")
        .map((line) => (line === "" ? ">" : `> ${line}`))
        .join("\n");
    case "codeBlock": {
      const code = inlineText(node, "\n").replace(/\n$/, "");
      return `\`\`\`${codeBlockLanguage(node)}\n${code}${code === "" ? "" : "\n"}\`\`\``;
    }
    case "horizontalRule":
      return "---";
    case "table":
      return (node.content ?? [])
        .map((row) => `| ${(row.content ?? []).map((cell) => plainText(cell).replace(/\n/g, " ")).join(" | ")} |`)
        .join("\n");
    default:
      if (isTextblock(node)) return inlineText(node, "\n");
      return childrenText(node);
  }
}

function childrenText(node: JSONContent): string {
  return (node.content ?? [])
    .map(blockText)
    .filter((text) => text !== "")
    .join("\n");
}

function listText(list: JSONContent, marker: (index: number) => string): string {
  return (list.content ?? [])
    .map((item, index) => {
      const bullet = marker(index);
      const indent = " ".repeat(bullet.length + 1);
      const lines = childrenText(item).split("\n");
      return lines.map((line, i) => (i === 0 ? `${bullet} ${line}`.trimEnd() : `${indent}${line}`)).join("\n");
    })
    .join("\n");
}

// ---------------------------------------------------------------------------------------------

interface Pairing {
  removedIndex: number;
  addedIndex: number;
  words: Change[];
}

/** Turns a run of removed and added blocks (between two unchanged ones) into removed/added/changed entries. */
function alignRun(removed: string[], added: string[]): BlockChange[] {
  const pairs = removed.length * added.length <= MAX_ALIGNMENT_CELLS ? bestPairs(removed, added) : positionalPairs(removed, added);
  const out: BlockChange[] = [];
  let r = 0;
  let a = 0;
  for (const pair of pairs) {
    for (; r < pair.removedIndex; r++) out.push({ kind: "removed", before: removed[r]! });
    for (; a < pair.addedIndex; a++) out.push({ kind: "added", after: added[a]! });
    out.push({ kind: "changed", before: removed[r]!, after: added[a]!, inline: inlineChanges(pair.words) });
    r++;
    a++;
  }
  for (; r < removed.length; r++) out.push({ kind: "removed", before: removed[r]! });
  for (; a < added.length; a++) out.push({ kind: "added", after: added[a]! });
  return out;
}

/** Order-preserving pairing that maximises the total similarity (pairs below the threshold are not made). */
function bestPairs(removed: string[], added: string[]): Pairing[] {
  const n = removed.length;
  const m = added.length;
  if (n === 0 || m === 0) return [];
  const words: (Change[] | undefined)[][] = Array.from({ length: n }, () => new Array<Change[] | undefined>(m));
  const sims: number[][] = Array.from({ length: n }, () => new Array<number>(m).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      const diff = diffWords(removed[i]!, added[j]!);
      words[i]![j] = diff;
      sims[i]![j] = similarity(diff);
    }
  }
  // score[i][j]: best total for removed[i..] and added[j..]
  const score: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      const sim = sims[i]![j]!;
      const pair = sim >= PAIR_THRESHOLD ? sim + score[i + 1]![j + 1]! : -1;
      score[i]![j] = Math.max(pair, score[i + 1]![j]!, score[i]![j + 1]!);
    }
  }
  const pairs: Pairing[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    const sim = sims[i]![j]!;
    if (sim >= PAIR_THRESHOLD && score[i]![j] === sim + score[i + 1]![j + 1]!) {
      pairs.push({ removedIndex: i, addedIndex: j, words: words[i]![j]! });
      i++;
      j++;
    } else if (score[i]![j] === score[i + 1]![j]) i++;
    else j++;
  }
  return pairs;
}

/** Fallback for very large runs: the k-th removed block with the k-th added block, when alike enough. */
function positionalPairs(removed: string[], added: string[]): Pairing[] {
  const pairs: Pairing[] = [];
  for (let k = 0; k < Math.min(removed.length, added.length); k++) {
    const diff = diffWords(removed[k]!, added[k]!);
    if (similarity(diff) >= PAIR_THRESHOLD) pairs.push({ removedIndex: k, addedIndex: k, words: diff });
  }
  return pairs;
}

/** Share of non-whitespace characters the two texts have in common (Dice coefficient over the word diff). */
function similarity(diff: Change[]): number {
  let same = 0;
  let before = 0;
  let after = 0;
  for (const part of diff) {
    const size = part.value.replace(/\s+/g, "").length;
    if (part.added) after += size;
    else if (part.removed) before += size;
    else {
      same += size;
      before += size;
      after += size;
    }
  }
  return before + after === 0 ? 1 : (2 * same) / (before + after);
}

function inlineChanges(diff: Change[]): InlineChange[] {
  const out: InlineChange[] = [];
  for (const part of diff) {
    if (part.value === "") continue;
    const kind = part.added ? "added" : part.removed ? "removed" : "same";
    const last = out[out.length - 1];
    if (last && last.kind === kind) last.text += part.value;
    else out.push({ kind, text: part.value });
  }
  return out;
}
