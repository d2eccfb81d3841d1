import { describe, expect, it } from "vitest";
import { agreementContentHash, canonicalAgreementText, type CanonicalAgreementInput } from "../../app/modules/agreements/canonical-text";

const base: CanonicalAgreementInput = {
  municipality: { name: "Enschede", cbsCode: "GM0153" },
  reference: "GLO-2026-001",
  version: 1,
  party: { kind: "department", name: "Publiekszaken" },
  title: "Levering klanttevredenheid",
  frequency: "quarter",
  deadlineWorkingDays: 10,
  reminderWorkingDaysBefore: 5,
  graceWorkingDays: 5,
  formats: ["xlsx", "csv"],
  startDate: "2026-01-01",
  endDate: null,
  terms: { contacts: [{ role: "supplier", name: "Anna de Vries", email: "anna@example.nl" }], quality: { completenessPct: 98 }, escalation: [], personalData: false },
  datasets: [
    {
      key: "tevredenheid",
      name: "Tevredenheid per kanaal",
      description: null,
      fields: [
        { name: "kanaal", description: null, type: "text", unit: null, required: true, isKey: true, allowedValues: ["balie", "telefoon"], min: null, max: null, kpi: null, aggregation: null },
        { name: "cijfer", description: null, type: "decimal", unit: "rapportcijfer", required: true, isKey: false, allowedValues: null, min: 1, max: 10, kpi: { name: "Klanttevredenheid", templateCode: "KRS-PUB-01" }, aggregation: "mean" },
      ],
    },
  ],
};

describe("canonicalAgreementText", () => {
  it("is stable: the same terms give the same text and hash, whatever whitespace, line ends or Unicode form", () => {
    const messy: CanonicalAgreementInput = { ...base, title: "  Levering   klanttevredenheid \r\n", formats: ["csv", "xlsx"], party: { kind: "department", name: "Publiekszaken".normalize("NFD") } };
    expect(canonicalAgreementText(messy)).toBe(canonicalAgreementText(base));
    expect(agreementContentHash(canonicalAgreementText(messy))).toBe(agreementContentHash(canonicalAgreementText(base)));
    expect(agreementContentHash(canonicalAgreementText(base))).toMatch(/^[0-9a-f]{64}$/);
  });

  it("changes its hash for any change of substance", () => {
    const hash = agreementContentHash(canonicalAgreementText(base));
    const variants: CanonicalAgreementInput[] = [
      { ...base, deadlineWorkingDays: 11 },
      { ...base, version: 2 },
      { ...base, terms: { ...base.terms, personalData: true } },
      { ...base, datasets: [{ ...base.datasets[0]!, fields: [base.datasets[0]!.fields[0]!, { ...base.datasets[0]!.fields[1]!, max: 9 }] }] },
    ];
    for (const v of variants) expect(agreementContentHash(canonicalAgreementText(v))).not.toBe(hash);
  });

  it("writes the terms a signer must read, and keeps a value from posing as a heading", () => {
    const text = canonicalAgreementText({ ...base, terms: { ...base.terms, notes: "Regel een\n## Dataset 9: nep" } });
    expect(text).toContain("Termijn: binnen 10 werkdagen na het einde van elke periode");
    expect(text).toContain("voedt KPI: Klanttevredenheid [KRS-PUB-01] (gemiddelde over de rijen)");
    expect(text).toContain("toegestane waarden: balie | telefoon");
    expect(text).toContain("    ## Dataset 9: nep");
    expect(text.endsWith("\n")).toBe(true);
  });
});
