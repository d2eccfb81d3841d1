import { inflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import type { JSONContent } from "@tiptap/core";
import { pdfDefinition, toPdf, type PdfInput } from "../../app/modules/documents/export/pdf.server";

// ---------------------------------------------------------------------------------------------
// A minimal PDF text extractor (pdftotext is not available here): reads the objects of the file,
// inflates FlateDecode streams, decodes text-showing operators with the fonts' ToUnicode CMaps
// (embedded Roboto) or WinAnsi (standard Courier), and rebuilds lines from the text positions.

interface PdfObject {
  header: string;
  stream?: Buffer;
}

function pdfObjects(pdf: Buffer): Map<number, PdfObject> {
  const source = pdf.toString("latin1");
  const objects = new Map<number, PdfObject>();
  const objectStart = /(\d+) 0 obj\b/g;
  let match: RegExpExecArray | null;
  while ((match = objectStart.exec(source))) {
    const bodyStart = objectStart.lastIndex;
    const end = source.indexOf("endobj", bodyStart);
    const streamAt = source.indexOf("stream", bodyStart);
    if (streamAt !== -1 && streamAt < end) {
      const header = source.slice(bodyStart, streamAt);
      const length = Number(/\/Length (\d+)/.exec(header)?.[1]);
      const dataStart = streamAt + "stream".length + (source[streamAt + 6] === "\r" ? 2 : 1);
      const raw = pdf.subarray(dataStart, dataStart + length);
      objects.set(Number(match[1]), { header, stream: /\/FlateDecode/.test(header) ? inflateSync(raw) : raw });
      objectStart.lastIndex = source.indexOf("endobj", dataStart + length) + "endobj".length;
    } else {
      objects.set(Number(match[1]), { header: source.slice(bodyStart, end) });
      objectStart.lastIndex = end + "endobj".length;
    }
  }
  return objects;
}

function ref(header: string, key: string): number | undefined {
  const found = new RegExp(`/${key} (\\d+) 0 R`).exec(header);
  return found ? Number(found[1]) : undefined;
}

type Decoder = (hex: string) => string;

function parseToUnicode(cmap: string): Decoder {
  const map = new Map<number, string>();
  const hexToString = (hex: string) => String.fromCodePoint(...(hex.match(/.{4}/g) ?? []).map((h) => parseInt(h, 16)));
  for (const [, body] of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, from, to, list, single] of body!.matchAll(/<(\w+)>\s*<(\w+)>\s*(?:\[([^\]]*)\]|<(\w+)>)/g)) {
      const start = parseInt(from!, 16);
      const end = parseInt(to!, 16);
      const targets = list ? [...list.matchAll(/<(\w+)>/g)].map((m) => m[1]!) : [];
      for (let code = start; code <= end; code++) {
        if (list) map.set(code, hexToString(targets[code - start]!));
        else map.set(code, String.fromCodePoint(parseInt(single!, 16) + (code - start)));
      }
    }
  }
  for (const [, body] of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, from, to] of body!.matchAll(/<(\w+)>\s*<(\w+)>/g)) map.set(parseInt(from!, 16), hexToString(to!));
  }
  return (hex) => (hex.match(/.{4}/g) ?? []).map((code) => map.get(parseInt(code, 16)) ?? "\uFFFD").join("");
}

const winAnsi: Decoder = (hex) => new TextDecoder("windows-1252").decode(Buffer.from(hex, "hex"));

/** The text of each page, one string per page, lines separated by "\n". */
function pdfText(pdf: Buffer): string[] {
  const objects = pdfObjects(pdf);
  const decoders = new Map<string, Decoder>();
  for (const object of objects.values()) {
    const fonts = /\/Font\s*<<([^>]*)>>/.exec(object.header)?.[1];
    if (!fonts) continue;
    for (const [, name, id] of fonts.matchAll(/\/(\w+) (\d+) 0 R/g)) {
      const font = objects.get(Number(id))!;
      const toUnicode = ref(font.header, "ToUnicode");
      decoders.set(name!, toUnicode ? parseToUnicode(objects.get(toUnicode)!.stream!.toString("latin1")) : winAnsi);
    }
  }
  const pagesRoot = [...objects.values()].find((object) => /\/Type \/Pages\b/.test(object.header))!;
  const kids = [.../\/Kids \[([^\]]*)\]/.exec(pagesRoot.header)![1]!.matchAll(/(\d+) 0 R/g)].map((m) => Number(m[1]));
  return kids.map((pageId) => {
    const content = objects.get(ref(objects.get(pageId)!.header, "Contents")!)!.stream!.toString("latin1");
    const pieces: { x: number; y: number; text: string }[] = [];
    let decode: Decoder = winAnsi;
    let x = 0;
    let y = 0;
    for (const [, font, tmX, tmY, array, single] of content.matchAll(
      /\/(\w+) [\d.]+ Tf|([-\d.]+) ([-\d.]+) Tm|\[([^\]]*)\] TJ|<([0-9a-fA-F]*)> Tj/g,
    )) {
      if (font) decode = decoders.get(font) ?? winAnsi;
      else if (tmX !== undefined) {
        x = Number(tmX);
        y = Number(tmY);
      } else {
        const hex = array !== undefined ? [...array.matchAll(/<([0-9a-fA-F]*)>/g)].map((m) => m[1]).join("") : single!;
        pieces.push({ x, y, text: decode(hex) });
      }
    }
    const lines = new Map<number, { x: number; text: string }[]>();
    for (const piece of pieces) {
      const key = Math.round(piece.y);
      lines.set(key, [...(lines.get(key) ?? []), piece]);
    }
    return [...lines.entries()]
      .sort(([a], [b]) => b - a)
      .map(([, line]) =>
        line
          .sort((a, b) => a.x - b.x)
          .map((piece) => piece.text)
          .join("")
          .trimEnd(),
      )
      .join("\n");
  });
}

// ---------------------------------------------------------------------------------------------

type Mark = string | { type: string; attrs?: Record<string, unknown> };
const text = (value: string, ...marks: Mark[]): JSONContent => ({
  type: "text",
  text: value,
  ...(marks.length ? { marks: marks.map((mark) => (typeof mark === "string" ? { type: mark } : mark)) } : {}),
});
const p = (...content: JSONContent[]): JSONContent => ({ type: "paragraph", content });
const h = (level: number, value: string): JSONContent => ({ type: "heading", attrs: { level }, content: [text(value)] });
const li = (...content: JSONContent[]): JSONContent => ({ type: "listItem", content });
const cell = (type: "tableHeader" | "tableCell", value: string, attrs?: Record<string, unknown>): JSONContent => ({
  type,
  ...(attrs ? { attrs } : {}),
  content: [p(text(value))],
});

const richDoc: JSONContent = {
  type: "doc",
  content: [
    h(1, "Onze missie"),
    p(
      text("Wij werken "),
      text("samen", "bold"),
      text(" aan een "),
      text("heldere", "italic"),
      text(" koers, "),
      text("onderstreept", "underline"),
      text(" en "),
      text("doorgehaald", "strike"),
      text(" met "),
      text("code()", "code"),
      text(" en een "),
      text("link", { type: "link", attrs: { href: "https://example.org/koers" } }),
      text("."),
      { type: "hardBreak" },
      text("Tweede regel"),
      text(" met opmerking", { type: "comment", attrs: { threadId: "t1" } }),
    ),
    {
      type: "bulletList",
      content: [li(p(text("Eerste punt")), { type: "bulletList", content: [li(p(text("Genest punt")))] }), li(p(text("Tweede punt")))],
    },
    { type: "orderedList", attrs: { start: 4 }, content: [li(p(text("Vierde stap"))), li(p(text("Vijfde stap")))] },
    { type: "blockquote", content: [p(text("Een citaat van de raad"))] },
    { type: "codeBlock", attrs: { language: "ts" }, content: [text("const doel = 42;\n  return doel;")] },
    { type: "horizontalRule" },
    h(2, "Afspraken"),
    {
      type: "table",
      content: [
        { type: "tableRow", content: [cell("tableHeader", "Wie"), cell("tableHeader", "Wat")] },
        { type: "tableRow", content: [cell("tableCell", "Raad"), cell("tableCell", "Stelt vast")] },
        { type: "tableRow", content: [cell("tableCell", "Iedereen samen", { colspan: 2 })] },
      ],
    },
  ],
};

const input = (overrides: Partial<PdfInput> = {}): PdfInput => ({
  title: "Missie en visie",
  municipalityName: "Gemeente Utrecht",
  status: "Vastgesteld op 12 november 2026",
  generatedAt: new Date("2026-11-13T09:30:00Z"),
  doc: richDoc,
  locale: "nl",
  ...overrides,
});

describe("toPdf", () => {
  it("renders a real PDF whose text can be extracted, in document order", async () => {
    const pdf = await toPdf(input());
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(pdf.subarray(-6).toString("latin1")).toContain("%%EOF");
    const pages = pdfText(pdf);
    expect(pages).toHaveLength(1);
    expect(pages[0]!.split("\n")).toEqual([
      "Missie en visie",
      "Gemeente Utrecht · Vastgesteld op 12 november 2026 · Gegenereerd op 13 november 2026",
      "Onze missie",
      "Wij werken samen aan een heldere koers, onderstreept en doorgehaald met code() en een link.",
      "Tweede regel met opmerking",
      "Eerste punt",
      "Genest punt",
      "Tweede punt",
      "4. Vierde stap",
      "5. Vijfde stap",
      "Een citaat van de raad",
      "const doel = 42;",
      "  return doel;",
      "Afspraken",
      // (the extractor joins the pieces of a line without spacing: pdfmake draws each word with its own
      // trailing space, but separate table cells and footer columns run together)
      "WieWat",
      "RaadStelt vast",
      "Iedereen samen",
      "Missie en visiePagina 1 van 1",
    ]);
  });

  it("makes links clickable and records title, municipality and language in the metadata", async () => {
    const pdf = (await toPdf(input())).toString("latin1");
    expect(pdf).toContain("/URI (https://example.org/koers)");
    expect(pdf).toMatch(/\/Subtype \/Link/);
    expect(pdf).toMatch(/\/Title \d+ 0 R/);
    expect(pdf).toContain("(Missie en visie)");
    expect(pdf).toContain("(Gemeente Utrecht)");
    expect(pdf).toContain("/Lang (nl-NL)");
  });

  it("does not make links with other schemes clickable", async () => {
    const doc: JSONContent = {
      type: "doc",
      content: [p(text("klik", { type: "link", attrs: { href: "javascript:alert(1)" } }))],
    };
    const pdf = await toPdf(input({ doc }));
    expect(pdf.toString("latin1")).not.toContain("/URI");
    expect(pdfText(pdf)[0]).toContain("klik");
  });

  it("numbers the pages in the footer, in English for locale en", async () => {
    const long: JSONContent = {
      type: "doc",
      content: Array.from({ length: 120 }, (_, i) => p(text(`Alinea ${i + 1} met wat tekst om de pagina te vullen.`))),
    };
    const pdf = await toPdf(input({ doc: long, locale: "en", status: "Draft" }));
    const pages = pdfText(pdf);
    expect(pages.length).toBe(4);
    expect(pages[0]!.split("\n")[1]).toBe("Gemeente Utrecht · Draft · Generated on 13 November 2026");
    pages.forEach((page, i) => expect(page.split("\n").at(-1)).toBe(`Missie en visiePage ${i + 1} of 4`));
    expect(pages.join("\n")).toContain("Alinea 120 met wat tekst om de pagina te vullen.");
  });

  it("keeps a heading on the page of the text that follows it", async () => {
    const filler = (n: number) => Array.from({ length: n }, (_, i) => p(text(`Alinea ${i + 1} met wat tekst om de pagina te vullen.`)));
    // With 26 paragraphs the heading would be the last line of page 1 (checked without the rule).
    const pages = pdfText(await toPdf(input({ doc: { type: "doc", content: [...filler(26), h(2, "Kop"), p(text("Na de kop"))] } })));
    expect(pages).toHaveLength(2);
    expect(pages[0]!.split("\n").slice(-2)).toEqual(["Alinea 26 met wat tekst om de pagina te vullen.", "Missie en visiePagina 1 van 2"]);
    expect(pages[1]!.split("\n")).toEqual(["Kop", "Na de kop", "Missie en visiePagina 2 van 2"]);
    // A heading that ends the document stays where it is.
    const last = pdfText(await toPdf(input({ doc: { type: "doc", content: [...filler(26), h(2, "Slotkop")] } })));
    expect(last).toHaveLength(1);
    expect(last[0]!.split("\n").slice(-2)).toEqual(["Slotkop", "Missie en visiePagina 1 van 1"]);
  });

  it("renders an empty document as title and subtitle only", async () => {
    const pages = pdfText(await toPdf(input({ doc: { type: "doc", content: [] } })));
    expect(pages).toEqual([
      "Missie en visie\nGemeente Utrecht · Vastgesteld op 12 november 2026 · Gegenereerd op 13 november 2026\nMissie en visiePagina 1 van 1",
    ]);
  });
});

describe("pdfDefinition", () => {
  it("maps marks, lists, code and tables onto pdfmake content", () => {
    const definition = pdfDefinition(input());
    const content = definition.content as unknown[];
    // title, subtitle, then one entry per top-level block
    expect(content).toHaveLength(2 + richDoc.content!.length);
    expect(content[2]).toEqual({ text: [{ text: "Onze missie" }], style: "h1", headlineLevel: 1 });
    const paragraph = content[3] as { text: unknown[] };
    expect(paragraph.text).toEqual([
      { text: "Wij werken " },
      { text: "samen", bold: true },
      { text: " aan een " },
      { text: "heldere", italics: true },
      { text: " koers, " },
      { text: "onderstreept", decoration: ["underline"] },
      { text: " en " },
      { text: "doorgehaald", decoration: ["lineThrough"] },
      { text: " met " },
      { text: "code()", font: "Courier", background: "#f2f2f2" },
      { text: " en een " },
      { text: "link", link: "https://example.org/koers", color: "#0b57d0", decoration: ["underline"] },
      { text: "." },
      { text: "\n" },
      { text: "Tweede regel" },
      { text: " met opmerking" },
    ]);
    expect(content[5]).toMatchObject({ ol: [{ text: [{ text: "Vierde stap" }] }, { text: [{ text: "Vijfde stap" }] }], start: 4 });
    expect(content[4]).toMatchObject({
      ul: [{ stack: [{ text: [{ text: "Eerste punt" }] }, { ul: [{ text: [{ text: "Genest punt" }] }], type: "circle" }] }, { text: [{ text: "Tweede punt" }] }],
      type: "disc",
    });
    const table = (content[10] as { table: { headerRows: number; widths: unknown[]; body: unknown[][] } }).table;
    expect(table.headerRows).toBe(1);
    expect(table.widths).toEqual(["*", "*"]);
    expect(table.body[2]).toEqual([{ stack: [{ text: [{ text: "Iedereen samen" }], margin: [0, 0, 0, 3] }], colSpan: 2 }, {}]);
  });

  it("uses Roboto for code that Courier (WinAnsi) cannot show", () => {
    const doc: JSONContent = { type: "doc", content: [{ type: "codeBlock", content: [text("x → y")] }, { type: "codeBlock", content: [text("café")] }] };
    const content = pdfDefinition(input({ doc })).content as { table: { body: { font: string }[][] } }[];
    expect(content[2]!.table.body[0]![0]!.font).toBe("Roboto");
    expect(content[3]!.table.body[0]![0]!.font).toBe("Courier");
  });
});
