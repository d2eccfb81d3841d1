// The policy map PDF: the area, the goal tree as an SVG node, and the goals with their factors and
// budget links as text (retired ones left out); a real PDF comes out.
import { describe, expect, it } from "vitest";
import type { Content } from "pdfmake/interfaces";
import { translator } from "../../app/i18n/i18n";
import { policyMapPdf, policyMapPdfDefinition } from "../../app/modules/strategy/policy-map-pdf.server";
import type { PolicyMap } from "../../app/modules/strategy/policy-map.server";

const retired = new Date("2026-02-01T10:00:00Z");

const MAP: PolicyMap = {
  area: { id: "a1", key: "bereikbaar", name: "De bereikbare gemeente", description: "Verkeer, vervoer, parkeren en openbaar vervoer.", iv3: ["2"], chosen: true, position: 1, retiredAt: null },
  goals: [
    {
      id: "g1",
      title: "Zeewolde is goed bereikbaar",
      description: "Vlot van en naar het dorp.",
      budgetProgrammeCode: "P2",
      budgetProgrammeName: "Verkeer en bereikbaarheid",
      position: 0,
      retiredAt: null,
      factors: [
        { id: "f1", goalId: "g1", title: "Veilige fietsroutes", description: "Naar scholen en centrum.", position: 0, retiredAt: null },
        { id: "f2", goalId: "g1", title: "Ingetrokken factor", description: null, position: 1, retiredAt: retired },
        { id: "f3", goalId: "g1", title: "Goede busverbinding", description: null, position: 2, retiredAt: null },
      ],
    },
    { id: "g2", title: "Ingetrokken doel", description: null, budgetProgrammeCode: null, budgetProgrammeName: null, position: 1, retiredAt: retired, factors: [] },
    { id: "g3", title: "Minder verkeersslachtoffers", description: null, budgetProgrammeCode: null, budgetProgrammeName: null, position: 2, retiredAt: null, factors: [] },
  ],
};

/** Every text of a pdfmake content tree, in order. */
function texts(node: unknown): string[] {
  if (typeof node === "string") return [node];
  if (Array.isArray(node)) return node.flatMap(texts);
  if (node && typeof node === "object") {
    const { svg: _svg, ...rest } = node as Record<string, unknown>;
    return Object.values(rest).flatMap(texts);
  }
  return [];
}

function findSvg(node: unknown): string | undefined {
  if (Array.isArray(node)) return node.map(findSvg).find(Boolean);
  if (node && typeof node === "object") {
    const record = node as Record<string, unknown>;
    if (typeof record.svg === "string") return record.svg;
    return Object.values(record).map(findSvg).find(Boolean);
  }
  return undefined;
}

describe("policyMapPdfDefinition", () => {
  const input = { map: MAP, municipalityName: "Zeewolde", generatedAt: new Date("2026-03-01T09:00:00Z"), locale: "nl" as const, t: translator("nl") };

  it("has the area, the tree picture and the goals with factors and budget links as text", () => {
    const definition = policyMapPdfDefinition(input);
    expect(definition.pageOrientation).toBe("landscape");
    expect(definition.info?.title).toBe("Beleidskaart: De bereikbare gemeente");
    const all = texts(definition.content as Content).join("\n");
    expect(all).toContain("Beleidskaart: De bereikbare gemeente");
    expect(all).toContain("Zeewolde · Gekozen · Gegenereerd op 1 maart 2026");
    expect(all).toContain("Verkeer, vervoer, parkeren en openbaar vervoer.");
    expect(all).toContain("2 · Verkeer, vervoer en waterstaat");
    for (const text of ["Zeewolde is goed bereikbaar", "Vlot van en naar het dorp.", "Veilige fietsroutes", "Naar scholen en centrum.", "Goede busverbinding", "P2 · Verkeer en bereikbaarheid", "Minder verkeersslachtoffers", "Niet gekoppeld"]) {
      expect(all).toContain(text);
    }
    expect(all).not.toContain("Ingetrokken");

    const svg = findSvg(definition.content)!;
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).toContain("Veilige fietsroutes");
    expect(svg).toContain("verkeersslachtoffers");
    expect(svg).not.toContain("Ingetrokken");
  });

  it("says so when the map has no goals yet, and has no picture", () => {
    const definition = policyMapPdfDefinition({ ...input, map: { ...MAP, goals: [] }, locale: "en", t: translator("en") });
    const all = texts(definition.content as Content).join("\n");
    expect(all).toContain("Policy map: De bereikbare gemeente");
    expect(all).toContain("This policy map has no strategic goals yet.");
    expect(findSvg(definition.content)).toBeUndefined();
  });
});

describe("policyMapPdf", () => {
  it("produces a PDF", async () => {
    const pdf = await policyMapPdf({ map: MAP, municipalityName: "Zeewolde", generatedAt: new Date(), locale: "nl", t: translator("nl") });
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(pdf.length).toBeGreaterThan(10_000);
    expect(pdf.subarray(-1024).toString("latin1")).toContain("%%EOF");
    // Two pages: the picture, then the table.
    expect(pdf.toString("latin1").match(/\/Type \/Page\b/g)).toHaveLength(2);
  });
});
