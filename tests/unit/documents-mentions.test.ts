import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import * as encoding from "lib0/encoding";
import { updateInMessage } from "../../app/modules/documents/collab.server";
import { exportFileName } from "../../app/modules/documents/export/file-name";
import { findMentions } from "../../app/modules/documents/mentions";
import { restoreUpdate } from "../../app/modules/documents/versions.server";

const people = [
  { userId: "1", name: "Jan", email: "jan@gemeente.nl" },
  { userId: "2", name: "Jan Jansen", email: "j.jansen@gemeente.nl" },
  { userId: "3", name: "Anna de Vries", email: "anna@gemeente.nl" },
];

describe("findMentions", () => {
  it("matches full names and e-mail names, longest first, at word boundaries", () => {
    expect(findMentions("Vraag voor @Jan Jansen.", people).map((p) => p.userId)).toEqual(["2"]);
    expect(findMentions("@jan en @anna de vries, kijken jullie?", people).map((p) => p.userId).sort()).toEqual(["1", "3"]);
    expect(findMentions("mail j.jansen@gemeente.nl of @j.jansen", people).map((p) => p.userId)).toEqual(["2"]);
    expect(findMentions("@Janneke en jan@", people)).toEqual([]);
    expect(findMentions("(@Anna de Vries)", people).map((p) => p.userId)).toEqual(["3"]);
  });
});

function paragraphDoc(...texts: string[]): Y.Doc {
  const doc = new Y.Doc();
  const body = doc.getXmlFragment("default");
  for (const text of texts) {
    const p = new Y.XmlElement("paragraph");
    p.insert(0, [new Y.XmlText(text)]);
    body.insert(body.length, [p]);
  }
  return doc;
}

const textOf = (doc: Y.Doc) => doc.getXmlFragment("default").toArray().map((n) => (n as Y.XmlElement).toArray().map((t) => (t as Y.XmlText).toString()).join("")).join("|");

describe("restoreUpdate", () => {
  it("turns the current text into the old one, and merges with concurrent edits made on the old state", () => {
    const old = paragraphDoc("een");
    const current = new Y.Doc();
    Y.applyUpdate(current, Y.encodeStateAsUpdate(old));
    const body = current.getXmlFragment("default");
    const p = new Y.XmlElement("paragraph");
    p.insert(0, [new Y.XmlText("twee")]);
    body.insert(1, [p]);
    expect(textOf(current)).toBe("een|twee");

    const colleague = new Y.Doc();
    Y.applyUpdate(colleague, Y.encodeStateAsUpdate(current));
    const update = restoreUpdate(Y.encodeStateAsUpdate(current), Y.encodeStateAsUpdate(old));
    Y.applyUpdate(current, update);
    expect(textOf(current)).toBe("een");
    // A colleague applying the same update converges to the same text.
    Y.applyUpdate(colleague, update);
    expect(textOf(colleague)).toBe("een");
  });
});

describe("updateInMessage", () => {
  const message = (type: number, syncType: number, payload: Uint8Array) => {
    const e = encoding.createEncoder();
    encoding.writeVarString(e, "doc-id");
    encoding.writeVarUint(e, type);
    encoding.writeVarUint(e, syncType);
    encoding.writeVarUint8Array(e, payload);
    return encoding.toUint8Array(e);
  };
  it("extracts the update of sync step 2 and update messages only", () => {
    const update = Y.encodeStateAsUpdate(paragraphDoc("x"));
    expect(updateInMessage(message(0, 2, update))).toEqual(update);
    expect(updateInMessage(message(0, 1, update))).toEqual(update);
    expect(updateInMessage(message(0, 0, update))).toBeNull();
    expect(updateInMessage(message(1, 0, update))).toBeNull();
  });
  it("throws on a truncated message", () => {
    const full = message(0, 2, Y.encodeStateAsUpdate(paragraphDoc("x")));
    expect(() => updateInMessage(full.slice(0, full.length - 3))).toThrow();
  });
});

describe("exportFileName", () => {
  it("keeps Dutch letters, drops path and control characters", () => {
    expect(exportFileName("Visie op één gemeente", null, "pdf")).toBe("Visie op één gemeente.pdf");
    expect(exportFileName("../../etc/passwd", "v1: \"x\"", "md")).toBe(".. .. etc passwd - v1 x.md");
    expect(exportFileName("   ", null, "md")).toBe("document.md");
  });
});
