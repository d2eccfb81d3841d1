import { describe, expect, it } from "vitest";
import type { JSONContent } from "@tiptap/core";
import { blockTexts, compareDocs } from "../../app/modules/documents/compare";

const text = (value: string, marks?: JSONContent["marks"]): JSONContent => ({ type: "text", text: value, ...(marks ? { marks } : {}) });
const p = (...values: string[]): JSONContent => ({ type: "paragraph", content: values.map((value) => text(value)) });
const h = (level: number, value: string): JSONContent => ({ type: "heading", attrs: { level }, content: [text(value)] });
const li = (...content: JSONContent[]): JSONContent => ({ type: "listItem", content });
const doc = (...content: JSONContent[]): JSONContent => ({ type: "doc", content });

describe("blockTexts", () => {
  it("shows each top-level block as text with its type, skipping empty paragraphs", () => {
    expect(
      blockTexts(
        doc(
          h(2, "Missie"),
          { type: "paragraph", content: [text("Wij "), text("werken", [{ type: "bold" }]), { type: "hardBreak" }, text("samen")] },
          { type: "paragraph" },
          { type: "bulletList", content: [li(p("een"), { type: "bulletList", content: [li(p("diep"))] }), li(p("twee"))] },
          { type: "orderedList", attrs: { start: 9 }, content: [li(p("negen")), li(p("tien"), p("vervolg"))] },
          { type: "blockquote", content: [p("citaat"), p("tweede")] },
          { type: "codeBlock", attrs: { language: "ts" }, content: [text("let a = 1;")] },
          { type: "horizontalRule" },
          {
            type: "table",
            content: [
              { type: "tableRow", content: [{ type: "tableHeader", content: [p("Wie")] }, { type: "tableHeader", content: [p("Wat")] }] },
              { type: "tableRow", content: [{ type: "tableCell", content: [p("Raad")] }, { type: "tableCell", content: [p("Stelt vast")] }] },
            ],
          },
        ),
      ),
    ).toEqual([
      "## Missie",
      "Wij werken\nsamen",
      "- een\n  - diep\n- twee",
      "9. negen\n10. tien\n    vervolg",
      "> citaat\n> tweede",
      "```ts\nlet a = 1;\n```",
      "---",
      "| Wie | Wat |\n| Raad | Stelt vast |",
    ]);
  });
});

describe("compareDocs", () => {
  it("reports identical documents as all same", () => {
    const d = doc(h(1, "Missie"), p("Tekst."));
    expect(compareDocs(d, d)).toEqual([
      { kind: "same", before: "# Missie", after: "# Missie" },
      { kind: "same", before: "Tekst.", after: "Tekst." },
    ]);
  });

  it("reports added and removed blocks", () => {
    expect(compareDocs(doc(p("Een."), p("Twee."), p("Drie.")), doc(p("Een."), p("Drie."), p("Vier.")))).toEqual([
      { kind: "same", before: "Een.", after: "Een." },
      { kind: "removed", before: "Twee." },
      { kind: "same", before: "Drie.", after: "Drie." },
      { kind: "added", after: "Vier." },
    ]);
  });

  it("pairs a changed block with a word-level diff", () => {
    expect(
      compareDocs(
        doc(h(1, "Missie"), p("De gemeente werkt samen met inwoners."), p("Slot.")),
        doc(h(1, "Missie"), p("De gemeente werkt nauw samen met inwoners en partners."), p("Slot.")),
      ),
    ).toEqual([
      { kind: "same", before: "# Missie", after: "# Missie" },
      {
        kind: "changed",
        before: "De gemeente werkt samen met inwoners.",
        after: "De gemeente werkt nauw samen met inwoners en partners.",
        inline: [
          { kind: "same", text: "De gemeente werkt " },
          { kind: "added", text: "nauw " },
          { kind: "same", text: "samen met inwoners " },
          { kind: "added", text: "en partners" },
          { kind: "same", text: "." },
        ],
      },
      { kind: "same", before: "Slot.", after: "Slot." },
    ]);
  });

  it("shows replaced words as removed then added", () => {
    expect(compareDocs(doc(p("Wij werken samen.")), doc(p("Wij werkten samen!")))).toEqual([
      {
        kind: "changed",
        before: "Wij werken samen.",
        after: "Wij werkten samen!",
        inline: [
          { kind: "same", text: "Wij " },
          { kind: "removed", text: "werken" },
          { kind: "added", text: "werkten" },
          { kind: "same", text: " samen" },
          { kind: "removed", text: "." },
          { kind: "added", text: "!" },
        ],
      },
    ]);
  });

  it("shows a block type change (paragraph to heading) as a change", () => {
    expect(compareDocs(doc(p("Onze koers")), doc(h(2, "Onze koers")))).toEqual([
      {
        kind: "changed",
        before: "Onze koers",
        after: "## Onze koers",
        inline: [
          { kind: "added", text: "## " },
          { kind: "same", text: "Onze koers" },
        ],
      },
    ]);
  });

  it("does not pair unrelated blocks: a rewritten block is removed + added", () => {
    expect(compareDocs(doc(p("Een."), p("Oud blok dat helemaal verdwijnt.")), doc(p("Een."), p("Iets totaal anders hier.")))).toEqual([
      { kind: "same", before: "Een.", after: "Een." },
      { kind: "removed", before: "Oud blok dat helemaal verdwijnt." },
      { kind: "added", after: "Iets totaal anders hier." },
    ]);
  });

  it("pairs the right blocks when several change at once", () => {
    const before = doc(p("Start."), p("Wij willen een open gemeente zijn."), p("Dit blok gaat weg."), p("Samen bouwen we aan vertrouwen."));
    const after = doc(
      p("Start."),
      p("Een nieuw blok vooraan."),
      p("Wij willen een open en eerlijke gemeente zijn."),
      p("Samen bouwen we verder aan vertrouwen."),
    );
    expect(compareDocs(before, after).map(({ kind, before: b, after: a }) => [kind, b ?? a])).toEqual([
      ["same", "Start."],
      ["added", "Een nieuw blok vooraan."],
      ["changed", "Wij willen een open gemeente zijn."],
      ["removed", "Dit blok gaat weg."],
      ["changed", "Samen bouwen we aan vertrouwen."],
    ]);
  });

  it("treats formatting-only and comment changes as the same text", () => {
    const plain = doc(p("Wij werken samen."));
    const formatted = doc({
      type: "paragraph",
      content: [text("Wij "), text("werken", [{ type: "bold" }, { type: "comment", attrs: { threadId: "t1" } }]), text(" samen.")],
    });
    expect(compareDocs(plain, formatted)).toEqual([{ kind: "same", before: "Wij werken samen.", after: "Wij werken samen." }]);
  });

  it("compares a list as one block and diffs its items word by word", () => {
    const list = (...items: string[]): JSONContent => ({ type: "bulletList", content: items.map((item) => li(p(item))) });
    expect(compareDocs(doc(list("een", "twee")), doc(list("een", "drie", "twee")))).toEqual([
      {
        kind: "changed",
        before: "- een\n- twee",
        after: "- een\n- drie\n- twee",
        inline: [
          { kind: "same", text: "- een\n- " },
          { kind: "added", text: "drie\n- " },
          { kind: "same", text: "twee" },
        ],
      },
    ]);
  });

  it("handles empty documents", () => {
    expect(compareDocs(doc(), doc())).toEqual([]);
    expect(compareDocs(doc(), doc(p("Nieuw.")))).toEqual([{ kind: "added", after: "Nieuw." }]);
    expect(compareDocs(doc(p("Weg.")), { type: "doc" })).toEqual([{ kind: "removed", before: "Weg." }]);
  });

  it("keeps the inline diff consistent with the new text", () => {
    const [change] = compareDocs(doc(p("De raad stelt het kader vast in 2026.")), doc(p("De gemeenteraad stelt het nieuwe kader vast in 2027.")));
    expect(change!.kind).toBe("changed");
    const inline = change!.inline!;
    expect(inline.filter((part) => part.kind !== "removed").map((part) => part.text).join("")).toBe(change!.after);
    expect(inline.filter((part) => part.kind === "removed").map((part) => part.text)).toEqual(["raad", "2026"]);
  });
});
