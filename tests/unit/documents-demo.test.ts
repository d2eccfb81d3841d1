import { describe, expect, it } from "vitest";
import { demoVisionUpdate } from "../../db/seed/demo-documents";
import { docFromYjsState, plainText } from "../../app/modules/documents/prosemirror-json";
import { toMarkdown } from "../../app/modules/documents/export/markdown";

describe("demo vision", () => {
  it("is a valid editor document with a heading, a paragraph and a list", () => {
    const doc = docFromYjsState(demoVisionUpdate());
    expect(doc.content?.map((n) => n.type)).toEqual(["heading", "paragraph", "heading", "bulletList"]);
    expect(doc.content?.[0]?.attrs).toMatchObject({ level: 2 });
    expect(plainText(doc)).toContain("Sturen op feiten in Zeewolde");
    expect(toMarkdown(doc)).toContain("## Sturen op feiten in Zeewolde\n");
    expect(toMarkdown(doc)).toContain("- Elk aandachtsgebied heeft een beleidskaart");
  });
});
