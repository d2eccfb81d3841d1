import { describe, expect, it } from "vitest";
import { columnName, finestFrequency, proposeFromKpis, valueRule, type ProposalKpi } from "../../app/modules/agreements/proposal";
import { suggestTemplate } from "../../app/modules/agreements/templates";

const kpi = (over: Partial<ProposalKpi>): ProposalKpi => ({
  id: crypto.randomUUID(),
  name: "KPI",
  unit: null,
  unitKind: "other",
  frequency: "year",
  sourceDepartmentId: null,
  sourceExternalSourceId: null,
  ...over,
});

describe("proposeFromKpis", () => {
  it("proposes one dataset: a period key field and a value field per KPI typed and ranged by its unit kind", () => {
    const kpis = [
      kpi({ name: "Meldingen op tijd opgelost", unit: "%", unitKind: "percent", frequency: "quarter" }),
      kpi({ name: "Tevredenheid wegen", unit: "Rapportcijfer 1-10", unitKind: "grade", frequency: "year" }),
      kpi({ name: "Aantal verkeersslachtoffers", unitKind: "count" }),
      kpi({ name: "Kosten per inwoner", unitKind: "money" }),
      kpi({ name: "Fietsers per 1.000 inwoners", unitKind: "rate" }),
    ];
    const p = proposeFromKpis(kpis);
    expect(p.datasets).toHaveLength(1);
    const [period, ...values] = p.datasets[0]!.fields;
    expect(period).toMatchObject({ name: "periode", type: "period", isKey: true, required: true, kpiId: null });
    expect(values.map((f) => [f.name, f.type, f.min, f.max, f.kpiId, f.aggregation])).toEqual([
      ["meldingen_op_tijd_opgelost", "decimal", 0, 100, kpis[0]!.id, "single"],
      ["tevredenheid_wegen", "decimal", 1, 10, kpis[1]!.id, "single"],
      ["aantal_verkeersslachtoffers", "integer", 0, null, kpis[2]!.id, "single"],
      ["kosten_per_inwoner", "decimal", 0, null, kpis[3]!.id, "single"],
      ["fietsers_per_1_000_inwoners", "decimal", 0, null, kpis[4]!.id, "single"],
    ]);
    expect(values[0]!.unit).toBe("%");
  });

  it("takes the finest frequency, a 10-working-day deadline, and the source most KPIs name", () => {
    const p = proposeFromKpis([
      kpi({ frequency: "year", sourceExternalSourceId: "cbs" }),
      kpi({ name: "B", frequency: "month", sourceDepartmentId: "or" }),
      kpi({ name: "C", frequency: "quarter", sourceDepartmentId: "or" }),
    ]);
    expect(p.frequency).toBe("month");
    expect(p.deadlineWorkingDays).toBe(10);
    expect(p.source).toEqual({ kind: "department", id: "or" });
    expect(proposeFromKpis([kpi({ sourceExternalSourceId: "cbs" })]).source).toEqual({ kind: "external_source", id: "cbs" });
    expect(proposeFromKpis([kpi({})]).source).toBeNull();
  });

  it("keeps column names unique and readable", () => {
    const p = proposeFromKpis([kpi({ name: "Tevredenheid (%)" }), kpi({ name: "Tevredenheid" }), kpi({ name: "Periode" }), kpi({ name: "€ ë" })]);
    expect(p.datasets[0]!.fields.map((f) => f.name)).toEqual(["periode", "tevredenheid", "tevredenheid_2", "periode_2", "e"]);
    expect(columnName("Éénheid—test")).toBe("eenheid_test");
    expect(columnName("!!!")).toBe("waarde");
  });

  it("proposes no dataset without KPIs, and a quarterly frequency when no KPI has one", () => {
    expect(proposeFromKpis([]).datasets).toEqual([]);
    expect(finestFrequency([null, null])).toBe("quarter");
    expect(finestFrequency(["year", null, "quarter"])).toBe("quarter");
    expect(valueRule("other")).toEqual({ type: "decimal", min: null, max: null });
  });
});

describe("suggestTemplate", () => {
  it("fits the internal template to departments and common sources by name", () => {
    expect(suggestTemplate({ kind: "department", name: "Burgerzaken" })).toBe("internal");
    expect(suggestTemplate({ kind: "external_source", name: "KvK" })).toBe("kvk");
    expect(suggestTemplate({ kind: "external_source", name: "Kadaster" })).toBe("kadaster_bag");
    expect(suggestTemplate({ kind: "external_source", name: "Politie Oost-Nederland" })).toBe("politie");
    expect(suggestTemplate({ kind: "external_source", name: "Centraal Bureau voor de Statistiek" })).toBe("cbs");
    expect(suggestTemplate({ kind: "external_source", name: "Brandweer" })).toBeNull();
  });
});
