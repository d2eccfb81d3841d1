import { describe, expect, it } from "vitest";
import { getSchema, Mark as TiptapMark, type JSONContent } from "@tiptap/core";
import StarterKit from "@tiptap/starter-kit";
import { TableKit } from "@tiptap/extension-table";
import { prosemirrorJSONToYXmlFragment } from "@tiptap/y-tiptap";
import * as Y from "yjs";
import { toMarkdown } from "../../app/modules/documents/export/markdown";
import { docFromYjsState } from "../../app/modules/documents/prosemirror-json";

type Mark = string | { type: string; attrs?: Record<string, unknown> };
const text = (value: string, ...marks: Mark[]): JSONContent => ({
  type: "text",
  text: value,
  ...(marks.length ? { marks: marks.map((mark) => (typeof mark === "string" ? { type: mark } : mark)) } : {}),
});
const p = (...content: JSONContent[]): JSONContent => ({ type: "paragraph", ...(content.length ? { content } : {}) });
const h = (level: number, ...content: JSONContent[]): JSONContent => ({ type: "heading", attrs: { level }, content });
const li = (...content: JSONContent[]): JSONContent => ({ type: "listItem", content });
const ul = (...items: JSONContent[]): JSONContent => ({ type: "bulletList", content: items });
const ol = (start: number | undefined, ...items: JSONContent[]): JSONContent => ({
  type: "orderedList",
  ...(start === undefined ? {} : { attrs: { start } }),
  content: items,
});
const cell = (type: "tableHeader" | "tableCell", ...content: JSONContent[]): JSONContent => ({ type, content });
const row = (...cells: JSONContent[]): JSONContent => ({ type: "tableRow", content: cells });
const doc = (...content: JSONContent[]): JSONContent => ({ type: "doc", content });
const link = (href: string, title?: string) => ({ type: "link", attrs: { href, target: "_blank", rel: "noopener", class: null, title: title ?? null } });
const md = (...content: JSONContent[]) => toMarkdown(doc(...content));

describe("toMarkdown", () => {
  it("serialises a complete document", () => {
    const input = doc(
      h(1, text("Missie & visie")),
      p(text("Wij werken "), text("samen", "bold"), text(" aan een "), text("heldere", "italic"), text(" koers.")),
      h(2, text("Afspraken")),
      ul(li(p(text("Eerste punt"))), li(p(text("Tweede punt")))),
      ol(undefined, li(p(text("Stap één"))), li(p(text("Stap twee")))),
      { type: "blockquote", content: [p(text("Een citaat."))] },
      { type: "codeBlock", attrs: { language: "ts" }, content: [text("const doel = 42;\nreturn doel;")] },
      { type: "horizontalRule" },
      {
        type: "table",
        content: [
          row(cell("tableHeader", p(text("Wie"))), cell("tableHeader", p(text("Wat")))),
          row(cell("tableCell", p(text("Raad"))), cell("tableCell", p(text("Stelt "), text("vast", "bold")))),
        ],
      },
    );
    expect(toMarkdown(input, "Missie en visie")).toBe(
      [
        "# Missie en visie",
        "",
        "# Missie & visie",
        "",
        "Wij werken **samen** aan een *heldere* koers.",
        "",
        "## Afspraken",
        "",
        "- Eerste punt",
        "- Tweede punt",
        "",
        "1. Stap één",
        "2. Stap twee",
        "",
        "> Een citaat.",
        "",
        "```ts",
        "const doel = 42;",
        "return doel;",
        "```",
        "",
        "---",
        "",
        "| Wie | Wat |",
        "| --- | --- |",
        "| Raad | Stelt **vast** |",
        "",
      ].join("\n"),
    );
  });

  it("returns an empty string for an empty doc, and only the title when there is one", () => {
    expect(toMarkdown(doc())).toBe("");
    expect(toMarkdown(doc(p(), p()))).toBe("");
    expect(toMarkdown(doc(), "Titel")).toBe("# Titel\n");
  });

  it("renders all heading levels and drops empty paragraphs", () => {
    expect(md(h(1, text("een")), p(), h(3, text("drie")), h(6, text("zes")))).toBe("# een\n\n### drie\n\n###### zes\n");
  });

  describe("inline marks", () => {
    it("renders bold, italic, strike, code, underline and links", () => {
      expect(
        md(
          p(
            text("b", "bold"),
            text(" "),
            text("i", "italic"),
            text(" "),
            text("s", "strike"),
            text(" "),
            text("c", "code"),
            text(" "),
            text("u", "underline"),
            text(" "),
            text("site", link("https://example.org")),
          ),
        ),
      ).toBe("**b** *i* ~~s~~ `c` <u>u</u> [site](https://example.org)\n");
    });

    it("nests marks that continue across text nodes without reopening them", () => {
      expect(md(p(text("vet ", "bold"), text("en schuin", "bold", "italic"), text(" weer vet", "bold")))).toBe(
        "**vet *en schuin* weer vet**\n",
      );
      expect(md(p(text("samen ", "bold", "italic"), text("aan", "italic")))).toBe("***samen** aan*\n");
    });

    it("keeps whitespace outside of the delimiters", () => {
      expect(md(p(text("een"), text(" vet ", "bold"), text("woord")))).toBe("een **vet** woord\n");
      expect(md(p(text("a"), text(" ", "italic"), text("b")))).toBe("a b\n");
    });

    it("renders link text with marks, titles and destinations that need brackets", () => {
      expect(md(p(text("de ", link("https://a.nl")), text("site", link("https://a.nl"), "bold")))).toBe("[de **site**](https://a.nl)\n");
      expect(md(p(text("x", link("https://a.nl/een pad (1)", 'Zeg "hoi"'))))).toBe('[x](<https://a.nl/een%20pad%20(1)> "Zeg \\"hoi\\"")\n');
      expect(md(p(text("a", link("https://a.nl")), text("b", link("https://b.nl"))))).toBe("[a](https://a.nl)[b](https://b.nl)\n");
    });

    it("uses longer backtick fences for code containing backticks", () => {
      expect(md(p(text("gebruik "), text("a`b", "code")))).toBe("gebruik ``a`b``\n");
      expect(md(p(text("`x`", "code")))).toBe("`` `x` ``\n");
      expect(md(p(text("*niet* [escapen]", "code")))).toBe("`*niet* [escapen]`\n");
    });

    it("ignores the comment mark and unknown marks", () => {
      expect(md(p(text("Wij "), text("werken", { type: "comment", attrs: { threadId: "t1" } }), text(" samen", "highlight")))).toBe(
        "Wij werken samen\n",
      );
    });

    it("renders hard breaks as backslash line breaks", () => {
      expect(md(p(text("regel een", "bold"), { type: "hardBreak" }, text("regel twee")))).toBe("**regel een**\\\nregel twee\n");
      expect(md(h(2, text("kop")), p(text("a ")), p(text("b"), { type: "hardBreak" }, text("- geen lijst")))).toBe(
        "## kop\n\na\n\nb\\\n\\- geen lijst\n",
      );
    });
  });

  describe("escaping", () => {
    it("escapes Markdown syntax in text", () => {
      expect(md(p(text("*geen* _nadruk_, `code`, [link](x), <b>html</b>, a\\b, ~~weg~~, &amp; en & blijft")))).toBe(
        "\\*geen\\* \\_nadruk\\_, \\`code\\`, \\[link\\](x), \\<b>html\\</b>, a\\\\b, \\~\\~weg\\~\\~, \\&amp; en & blijft\n",
      );
    });

    it("escapes block syntax at the start of a line only", () => {
      expect(md(p(text("# geen kop")), p(text("1. geen lijst")), p(text("- geen punt")), p(text("> geen citaat")), p(text("+ ook niet")))).toBe(
        "\\# geen kop\n\n1\\. geen lijst\n\n\\- geen punt\n\n\\> geen citaat\n\n\\+ ook niet\n",
      );
      expect(md(p(text("---")), p(text("===")), p(text("2024. Een jaar")), p(text("#hashtag -5 graden 3.5")))).toBe(
        "\\---\n\n\\===\n\n2024\\. Een jaar\n\n#hashtag -5 graden 3.5\n",
      );
    });

    it("escapes a trailing hash in a heading", () => {
      expect(md(h(2, text("Taal: C #")))).toBe("## Taal: C \\#\n");
    });
  });

  describe("lists", () => {
    it("renders nested lists, ordered lists with a start and multi-paragraph items", () => {
      expect(
        md(
          ul(li(p(text("een")), ul(li(p(text("een.een"))), li(p(text("een.twee"))))), li(p(text("twee")))),
          ol(9, li(p(text("negen"))), li(p(text("tien")), ol(undefined, li(p(text("a")))))),
          ul(li(p(text("alinea een")), p(text("alinea twee")))),
        ),
      ).toBe(
        [
          "- een",
          "  - een.een",
          "  - een.twee",
          "- twee",
          "",
          "9. negen",
          "10. tien",
          "    1. a",
          "",
          "- alinea een",
          "",
          "  alinea twee",
          "",
        ].join("\n"),
      );
    });

    it("renders empty items, and code blocks and quotes inside items", () => {
      expect(
        md(
          ul(li(p()), li(p(text("code:")), { type: "codeBlock", content: [text("x = 1\n\ny = 2")] })),
          ol(1, li({ type: "blockquote", content: [p(text("citaat"))] })),
        ),
      ).toBe(["-", "- code:", "", "  ```", "  x = 1", "", "  y = 2", "  ```", "", "1. > citaat", ""].join("\n"));
    });
  });

  describe("blockquotes and code blocks", () => {
    it("prefixes every line of a quote, including nested blocks", () => {
      expect(md({ type: "blockquote", content: [p(text("een")), ul(li(p(text("punt")))), { type: "blockquote", content: [p(text("diep"))] }] })).toBe(
        "> een\n>\n> - punt\n>\n> > diep\n",
      );
    });

    it("uses a longer fence when the code contains one, and keeps code unescaped", () => {
      expect(md({ type: "codeBlock", attrs: { language: "md" }, content: [text("```\n*x*\n```")] })).toBe("````md\n```\n*x*\n```\n````\n");
      expect(md({ type: "codeBlock", attrs: { language: null } })).toBe("```\n```\n");
    });
  });

  describe("tables", () => {
    it("uses the first row as header even without header cells, escapes pipes and joins cell paragraphs with <br>", () => {
      expect(
        md({
          type: "table",
          content: [
            row(cell("tableCell", p(text("a | b"))), cell("tableCell", p(text("c")))),
            row(cell("tableCell", p(text("een")), p(text("twee"))), cell("tableCell", p(text("x|y", "code")))),
            row(cell("tableCell", p(text("regel"), { type: "hardBreak" }, text("nieuw"))), cell("tableCell", p())),
          ],
        }),
      ).toBe(["| a \\| b | c |", "| --- | --- |", "| een<br>twee | `x\\|y` |", "| regel<br>nieuw | |", ""].join("\n"));
    });

    it("keeps columns aligned for merged cells and flattens lists in cells", () => {
      expect(
        md({
          type: "table",
          content: [
            row(cell("tableHeader", p(text("A"))), cell("tableHeader", p(text("B"))), cell("tableHeader", p(text("C")))),
            row({ type: "tableCell", attrs: { colspan: 2 }, content: [p(text("breed"))] }, { type: "tableCell", attrs: { rowspan: 2 }, content: [p(text("hoog"))] }),
            row(cell("tableCell", ul(li(p(text("een"))), li(p(text("twee"))))), cell("tableCell", p(text("b")))),
          ],
        }),
      ).toBe(["| A | B | C |", "| --- | --- | --- |", "| breed | | hoog |", "| een<br>twee | b | |", ""].join("\n"));
    });
  });

  it("exports a document read from a stored Yjs state", () => {
    const Comment = TiptapMark.create({ name: "comment", addAttributes: () => ({ threadId: { default: null } }) });
    const schema = getSchema([StarterKit, TableKit, Comment]);
    const ydoc = new Y.Doc();
    prosemirrorJSONToYXmlFragment(
      schema,
      doc(
        h(1, text("Visie")),
        p(text("Samen "), text("sterk", "bold", { type: "comment", attrs: { threadId: "t9" } }), text(" met "), text("Koers", link("https://koers.nl"))),
        ol(2, li(p(text("twee"))), li(p(text("drie")))),
        {
          type: "table",
          content: [row(cell("tableHeader", p(text("Kop")))), row(cell("tableCell", p(text("Cel"))))],
        },
      ),
      ydoc.getXmlFragment("default"),
    );
    expect(toMarkdown(docFromYjsState(Y.encodeStateAsUpdate(ydoc)))).toBe(
      "# Visie\n\nSamen **sterk** met [Koers](https://koers.nl)\n\n2. twee\n3. drie\n\n| Kop |\n| --- |\n| Cel |\n",
    );
  });
});
