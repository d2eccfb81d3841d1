import { describe, expect, it } from "vitest";
import { agreementGaps, gapKeys, type CompletenessFacts } from "../../app/modules/agreements/completeness";

const complete = (): CompletenessFacts => ({
  title: "Gegevenslevering Openbare ruimte",
  formats: ["csv"],
  startDate: "2026-01-01",
  endDate: null,
  terms: { contacts: [{ role: "supplier", name: "Jan", email: "jan@example.nl" }], personalData: false, escalation: [{ afterWorkingDays: 5, to: "Programmaleider" }] },
  datasets: [{ name: "KPI-waarden", fields: [{ kpiId: null }, { kpiId: "k1" }] }],
});

describe("agreementGaps", () => {
  it("finds nothing missing in a complete draft", () => {
    expect(agreementGaps(complete())).toEqual([]);
  });

  it("asks for a dataset, fields in every dataset and a field that feeds a KPI", () => {
    expect(gapKeys(agreementGaps({ ...complete(), datasets: [] }))).toEqual(["no_datasets", "no_kpi_field"]);
    expect(gapKeys(agreementGaps({ ...complete(), datasets: [...complete().datasets, { name: "Meldingen", fields: [] }] }))).toEqual(["empty_dataset:Meldingen"]);
    expect(gapKeys(agreementGaps({ ...complete(), datasets: [{ name: "A", fields: [{ kpiId: null }] }] }))).toEqual(["no_kpi_field"]);
  });

  it("requires a legal ground only when personal data is involved", () => {
    const facts = complete();
    expect(gapKeys(agreementGaps({ ...facts, terms: { ...facts.terms, personalData: true } }))).toEqual(["legal_ground"]);
    expect(gapKeys(agreementGaps({ ...facts, terms: { ...facts.terms, personalData: true, legalGround: "  " } }))).toEqual(["legal_ground"]);
    expect(agreementGaps({ ...facts, terms: { ...facts.terms, personalData: true, legalGround: "Art. 6 lid 1 sub e AVG" } })).toEqual([]);
  });

  it("needs a supplier contact that can be reached", () => {
    const facts = complete();
    expect(gapKeys(agreementGaps({ ...facts, terms: { ...facts.terms, contacts: [] } }))).toEqual(["supplier_contact"]);
    expect(gapKeys(agreementGaps({ ...facts, terms: { ...facts.terms, contacts: [{ role: "receiver", name: "Fatima", email: "f@example.nl" }] } }))).toEqual(["supplier_contact"]);
    expect(gapKeys(agreementGaps({ ...facts, terms: { ...facts.terms, contacts: [{ role: "supplier", name: "Jan" }] } }))).toEqual(["supplier_contact"]);
    expect(agreementGaps({ ...facts, terms: { ...facts.terms, contacts: [{ role: "supplier", name: "Jan", phone: "0612345678" }] } })).toEqual([]);
  });

  it("wants an end date after the start date, a format, a title and an escalation step", () => {
    expect(gapKeys(agreementGaps({ ...complete(), endDate: "2026-01-01" }))).toEqual(["end_before_start"]);
    expect(gapKeys(agreementGaps({ ...complete(), endDate: "2025-12-31" }))).toEqual(["end_before_start"]);
    expect(agreementGaps({ ...complete(), endDate: "2026-01-02" })).toEqual([]);
    expect(gapKeys(agreementGaps({ ...complete(), formats: [], title: " " }))).toEqual(["title", "no_formats"]);
    const facts = complete();
    expect(gapKeys(agreementGaps({ ...facts, terms: { ...facts.terms, escalation: [] } }))).toEqual(["escalation"]);
  });
});
