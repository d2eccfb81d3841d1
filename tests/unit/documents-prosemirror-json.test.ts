import { describe, expect, it } from "vitest";
import { getSchema, Mark, type JSONContent } from "@tiptap/core";
import StarterKit from "@tiptap/starter-kit";
import { TableKit } from "@tiptap/extension-table";
import { prosemirrorJSONToYXmlFragment } from "@tiptap/y-tiptap";
import * as Y from "yjs";
import { docFromYjsState, plainText, wordCount } from "../../app/modules/documents/prosemirror-json";

// The editor's schema: StarterKit + tables + the comment mark (threadId).
const Comment = Mark.create({ name: "comment", addAttributes: () => ({ threadId: { default: null } }) });
const schema = getSchema([StarterKit, TableKit, Comment]);

/** A Yjs state as the collaboration server stores it (fragment "default"). */
function yjsState(doc: JSONContent): Uint8Array {
  const ydoc = new Y.Doc();
  prosemirrorJSONToYXmlFragment(schema, doc, ydoc.getXmlFragment("default"));
  return Y.encodeStateAsUpdate(ydoc);
}

const text = (value: string, marks?: JSONContent["marks"]): JSONContent => ({ type: "text", text: value, ...(marks ? { marks } : {}) });
const p = (...content: JSONContent[]): JSONContent => ({ type: "paragraph", ...(content.length ? { content } : {}) });

const doc: JSONContent = {
  type: "doc",
  content: [
    { type: "heading", attrs: { level: 2 }, content: [text("Missie")] },
    p(
      text("Wij "),
      text("werken", [{ type: "bold" }, { type: "comment", attrs: { threadId: "t1" } }]),
      { type: "hardBreak" },
      text("samen", [{ type: "link", attrs: { href: "https://example.org" } }]),
    ),
    p(),
    { type: "orderedList", attrs: { start: 3 }, content: [{ type: "listItem", content: [p(text("drie stappen"))] }] },
    { type: "codeBlock", attrs: { language: null }, content: [text("let a = 1;")] },
    {
      type: "table",
      content: [
        {
          type: "tableRow",
          content: [
            { type: "tableHeader", content: [p(text("Kop"))] },
            { type: "tableCell", content: [p(text("cel een"))] },
          ],
        },
      ],
    },
    { type: "horizontalRule" },
    { type: "blockquote", content: [p(text("Tot slot."))] },
  ],
};

describe("docFromYjsState", () => {
  it("reads the 'default' fragment of a stored Yjs state into Tiptap JSON", () => {
    expect(docFromYjsState(yjsState(doc))).toEqual({
      type: "doc",
      content: [
        { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "Missie" }] },
        {
          type: "paragraph",
          content: [
            { type: "text", text: "Wij " },
            {
              type: "text",
              text: "werken",
              marks: [
                { type: "bold", attrs: {} },
                { type: "comment", attrs: { threadId: "t1" } },
              ],
            },
            { type: "hardBreak" },
            {
              type: "text",
              text: "samen",
              marks: [
                {
                  type: "link",
                  attrs: { href: "https://example.org", target: "_blank", rel: "noopener noreferrer nofollow", class: null, title: null },
                },
              ],
            },
          ],
        },
        { type: "paragraph" },
        {
          type: "orderedList",
          attrs: { start: 3 },
          content: [{ type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "drie stappen" }] }] }],
        },
        { type: "codeBlock", content: [{ type: "text", text: "let a = 1;" }] },
        {
          type: "table",
          content: [
            {
              type: "tableRow",
              content: [
                { type: "tableHeader", attrs: { colspan: 1, rowspan: 1 }, content: [{ type: "paragraph", content: [{ type: "text", text: "Kop" }] }] },
                { type: "tableCell", attrs: { colspan: 1, rowspan: 1 }, content: [{ type: "paragraph", content: [{ type: "text", text: "cel een" }] }] },
              ],
            },
          ],
        },
        { type: "horizontalRule" },
        { type: "blockquote", content: [{ type: "paragraph", content: [{ type: "text", text: "Tot slot." }] }] },
      ],
    });
  });

  it("returns an empty doc for an empty state or a state without the fragment", () => {
    expect(docFromYjsState(new Uint8Array())).toEqual({ type: "doc", content: [] });
    const other = new Y.Doc();
    other.getText("notes").insert(0, "niet het document");
    expect(docFromYjsState(Y.encodeStateAsUpdate(other))).toEqual({ type: "doc", content: [] });
  });

  it("reads the merged result of concurrent edits", () => {
    const a = new Y.Doc();
    prosemirrorJSONToYXmlFragment(schema, { type: "doc", content: [p(text("Eerste"))] }, a.getXmlFragment("default"));
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    // b appends a paragraph while a edits the first one
    const paragraph = new Y.XmlElement("paragraph");
    paragraph.insert(0, [new Y.XmlText("Tweede")]);
    b.getXmlFragment("default").push([paragraph]);
    ((a.getXmlFragment("default").get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(0, "De ");
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    expect(plainText(docFromYjsState(Y.encodeStateAsUpdate(a)))).toBe("De Eerste\nTweede");
  });
});

describe("plainText and wordCount", () => {
  it("gives the text with one line per textblock and hard breaks as newlines", () => {
    expect(plainText(doc)).toBe("Missie\nWij werken\nsamen\n\ndrie stappen\nlet a = 1;\nKop\ncel een\nTot slot.");
  });

  it("matches ProseMirror's textBetween on the same document", () => {
    const node = schema.nodeFromJSON(doc);
    expect(plainText(doc)).toBe(node.textBetween(0, node.content.size, "\n", (leaf) => (leaf.type.name === "hardBreak" ? "\n" : "")));
  });

  it("counts words like Tiptap's CharacterCount", () => {
    const node = schema.nodeFromJSON(doc);
    const tiptapWords = node
      .textBetween(0, node.content.size, " ", " ")
      .split(" ")
      .filter((word) => word !== "").length;
    expect(wordCount(doc)).toBe(15); // Missie · Wij werken samen · drie stappen · let a = 1; · Kop · cel een · Tot slot.
    expect(wordCount(doc)).toBe(tiptapWords);
  });

  it("separates words at any whitespace and counts nothing in an empty doc", () => {
    expect(wordCount({ type: "doc", content: [{ type: "codeBlock", content: [text("een\ntwee\tdrie")] }] })).toBe(3);
    expect(wordCount({ type: "doc", content: [p(text("aan")), p(text("een"), text("gesloten", [{ type: "bold" }]))] })).toBe(2);
    expect(wordCount({ type: "doc", content: [] })).toBe(0);
    expect(plainText({ type: "doc", content: [] })).toBe("");
  });
});
