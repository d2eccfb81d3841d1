// ODCS v3.1.0 export and import, the pure parts: the contract built from an agreement version
// validates against the official schema; mapping it back gives the same datasets, fields, KPI links
// and terms; hostile files are refused with Dutch problems that name their place.
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { AgreementTerms } from "../../db/schema/agreements";
import { translator } from "../../app/i18n/i18n";
import { assignDatasetKeys, diffDraft } from "../../app/modules/agreements/odcs-diff";
import { buildOdcsContract, odcsYaml, type OdcsExportInput } from "../../app/modules/agreements/odcs-export";
import { mapOdcsToKoers, mergeTerms, type DraftTerms, type KpiOption } from "../../app/modules/agreements/odcs-import";
import { parseOdcsYaml } from "../../app/modules/agreements/odcs-parse";
import { describeProblem, type OdcsProblem } from "../../app/modules/agreements/odcs-problem";
import { validateOdcs } from "../../app/modules/agreements/odcs-schema.server";
import { frequencyFromSla, ODCS_MAX_BYTES, retentionFromSla, retentionToSla } from "../../app/modules/agreements/odcs-vocabulary";

const nl = translator("nl") as unknown as (key: string, options?: Record<string, unknown>) => string;
const say = (problems: OdcsProblem[]) => problems.map((p) => describeProblem(nl, p));

const KPIS: KpiOption[] = [
  { id: "kpi-wegen", name: "Tevredenheid onderhoud wegen", templateCode: "KRS-BER-03" },
  { id: "kpi-meldingen", name: "Afgehandelde meldingen binnen termijn", templateCode: null },
];

const TERMS: AgreementTerms = {
  purpose: "Meldingen openbare ruimte per wijk, om de afhandeling te volgen.",
  contacts: [
    { role: "supplier", name: "Jan de Vries", email: "jan@zeewolde.nl", phone: "036 123 4567" },
    { role: "technical", name: "Servicedesk GIS", email: "gis@zeewolde.nl" },
    { role: "privacy", name: "FG Zeewolde" },
  ],
  quality: { completenessPct: 98.5, validity: "Wijkcodes volgens CBS.", timeliness: "Binnen de termijn." },
  escalation: [
    { afterWorkingDays: 2, to: "afdelingshoofd" },
    { afterWorkingDays: 5, to: "programmaleider" },
  ],
  legalGround: "Art. 6 lid 1 sub e AVG (publieke taak)",
  personalData: true,
  retention: "7 jaar",
  notes: "Geen BSN's leveren.",
};

function input(overrides: Partial<OdcsExportInput> = {}): OdcsExportInput {
  return {
    agreementId: "9b0c5d1e-0000-4000-8000-000000000001",
    status: "active",
    createdAt: new Date("2026-02-01T09:30:00Z"),
    municipality: { name: "Zeewolde", cbsCode: "GM0050" },
    reference: "GLO-2026-003",
    version: 2,
    party: { kind: "department", name: "Beheer openbare ruimte" },
    title: "Meldingen openbare ruimte",
    frequency: "quarter",
    deadlineWorkingDays: 10,
    reminderWorkingDaysBefore: 5,
    graceWorkingDays: 5,
    formats: ["csv", "xlsx"],
    startDate: "2026-01-01",
    endDate: "2027-12-31",
    terms: TERMS,
    datasets: [
      {
        key: "meldingen",
        name: "Meldingen per wijk",
        description: "Eén rij per wijk per kwartaal.",
        fields: [
          { name: "periode", description: null, type: "period", unit: null, required: true, isKey: true, allowedValues: null, min: null, max: null, kpi: null, aggregation: null },
          { name: "wijk", description: "CBS-wijkcode", type: "text", unit: null, required: true, isKey: true, allowedValues: ["WK005001", "WK005002"], min: null, max: null, kpi: null, aggregation: null },
          { name: "aantal", description: null, type: "integer", unit: "meldingen", required: true, isKey: false, allowedValues: null, min: 0, max: null, kpi: { name: "Afgehandelde meldingen binnen termijn", templateCode: null }, aggregation: "sum" },
          { name: "cijfer", description: null, type: "decimal", unit: "rapportcijfer", required: false, isKey: false, allowedValues: null, min: 1, max: 10, kpi: { name: "Tevredenheid onderhoud wegen", templateCode: "KRS-BER-03" }, aggregation: "mean" },
          { name: "gemeld_op", description: null, type: "date", unit: null, required: false, isKey: false, allowedValues: null, min: null, max: null, kpi: null, aggregation: null },
          { name: "spoed", description: null, type: "boolean", unit: null, required: false, isKey: false, allowedValues: null, min: null, max: null, kpi: null, aggregation: null },
        ],
      },
      { key: "wijken", name: "Wijken", description: null, fields: [{ name: "code", description: null, type: "text", unit: null, required: true, isKey: true, allowedValues: null, min: null, max: null, kpi: null, aggregation: null }] },
    ],
    ...overrides,
  };
}

const DRAFT: DraftTerms = {
  title: "Leeg concept",
  frequency: "month",
  deadlineWorkingDays: 3,
  reminderWorkingDaysBefore: 1,
  graceWorkingDays: 1,
  formats: ["api"],
  startDate: "2025-01-01",
  endDate: null,
  terms: { contacts: [], quality: {}, escalation: [], personalData: false, purpose: "Oud doel" },
};

describe("ODCS export", () => {
  it("builds a contract that validates against the official v3.1.0 schema", () => {
    const contract = buildOdcsContract(input());
    expect(validateOdcs(contract)).toEqual([]);
    expect(contract).toMatchObject({ apiVersion: "v3.1.0", kind: "DataContract", id: "9b0c5d1e-0000-4000-8000-000000000001", version: "2.0.0", status: "active", name: "Meldingen openbare ruimte", domain: "Beheer openbare ruimte", dataProduct: "GLO-2026-003", contractCreatedTs: "2026-02-01T09:30:00.000Z" });
    expect(contract.description).toEqual({ purpose: TERMS.purpose, usage: "Levert de gegevens voor de KPI's: Afgehandelde meldingen binnen termijn; Tevredenheid onderhoud wegen [KRS-BER-03].", limitations: "Geen BSN's leveren." });
  });

  it("maps fields to logical types, keys, ranges, allowed values and the KPI they feed", () => {
    const contract = buildOdcsContract(input()) as { schema: { name: string; physicalName: string; properties: Record<string, unknown>[] }[] };
    const [meldingen] = contract.schema;
    expect(meldingen!.physicalName).toBe("meldingen");
    const byName = Object.fromEntries(meldingen!.properties.map((p) => [p.name, p]));
    expect(byName.periode).toMatchObject({ logicalType: "string", physicalType: "period", primaryKey: true, primaryKeyPosition: 1, logicalTypeOptions: { pattern: expect.any(String) } });
    expect(byName.wijk).toMatchObject({ logicalType: "string", primaryKey: true, primaryKeyPosition: 2, quality: [{ metric: "invalidValues", arguments: { validValues: ["WK005001", "WK005002"] }, mustBe: 0 }] });
    expect(byName.aantal).toMatchObject({ logicalType: "integer", logicalTypeOptions: { minimum: 0 }, required: true });
    expect(byName.aantal).not.toHaveProperty("primaryKey");
    expect(byName.cijfer).toMatchObject({
      logicalType: "number",
      required: false,
      logicalTypeOptions: { minimum: 1, maximum: 10 },
      customProperties: [
        { property: "unit", value: "rapportcijfer" },
        { property: "kpiCode", value: "KRS-BER-03" },
        { property: "kpiName", value: "Tevredenheid onderhoud wegen" },
        { property: "kpiAggregation", value: "mean" },
      ],
    });
    expect(byName.gemeld_op).toMatchObject({ logicalType: "date", logicalTypeOptions: { format: "yyyy-MM-dd" } });
    expect(byName.spoed).toMatchObject({ logicalType: "boolean" });
  });

  it("puts frequency, deadline, dates and retention in slaProperties and the rest in customProperties", () => {
    const contract = buildOdcsContract(input()) as { slaProperties: unknown[]; customProperties: { property: string; value: unknown }[]; team: unknown; support: unknown[] };
    expect(contract.slaProperties).toEqual([
      expect.objectContaining({ property: "frequency", value: 3, unit: "m" }),
      expect.objectContaining({ property: "latency", value: 10, unit: "d" }),
      expect.objectContaining({ property: "generalAvailability", value: "2026-01-01" }),
      expect.objectContaining({ property: "endOfLife", value: "2027-12-31" }),
      expect.objectContaining({ property: "retention", value: 7, unit: "y" }),
    ]);
    const custom = Object.fromEntries(contract.customProperties.map((c) => [c.property, c.value]));
    expect(custom).toMatchObject({ deliveryFormats: ["csv", "xlsx"], reminderWorkingDaysBefore: 5, escalationWorkingDaysAfterDeadline: 5, personalData: true, legalGround: TERMS.legalGround, qualityCompletenessPct: 98.5, escalationLadder: TERMS.escalation });
    expect(contract.team).toEqual({
      name: "Beheer openbare ruimte",
      members: [
        { username: "jan@zeewolde.nl", name: "Jan de Vries", role: "supplier", customProperties: [{ property: "phone", value: "036 123 4567" }] },
        { username: "gis@zeewolde.nl", name: "Servicedesk GIS", role: "technical" },
        { username: "FG Zeewolde", name: "FG Zeewolde", role: "privacy" },
      ],
    });
    expect(contract.support).toHaveLength(2);
  });

  it("validates for every status, without optional terms and for an external source", () => {
    for (const status of ["draft", "in_review", "awaiting_signatures", "active", "superseded", "terminated"] as const) {
      const bare = input({ status, endDate: null, party: { kind: "external_source", name: "Politie" }, terms: { contacts: [], quality: {}, escalation: [], personalData: false }, datasets: [input().datasets[1]!] });
      expect(validateOdcs(buildOdcsContract(bare)), status).toEqual([]);
    }
    expect(buildOdcsContract(input({ status: "awaiting_signatures" })).status).toBe("proposed");
    expect(buildOdcsContract(input({ status: "terminated" })).status).toBe("retired");
  });
});

describe("ODCS import mapping", () => {
  it("reads back what the export wrote: datasets, fields, KPI links and terms", () => {
    const parsed = parseOdcsYaml(odcsYaml(buildOdcsContract(input())));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(validateOdcs(parsed.document)).toEqual([]);
    const mapping = mapOdcsToKoers(parsed.document, KPIS);
    expect(mapping.errors).toEqual([]);
    expect(mapping.warnings).toEqual([]);
    expect(mapping.complete).toBe(true);
    const source = input();
    expect(mapping.datasets).toEqual(
      source.datasets.map((d) => ({
        name: d.name,
        description: d.description,
        physicalName: d.key,
        fields: d.fields.map(({ kpi, ...f }) => ({ ...f, allowedValues: f.allowedValues ? [...f.allowedValues] : null, kpiId: kpi ? KPIS.find((k) => k.name === kpi.name)!.id : null })),
      })),
    );
    const { terms, errors } = mergeTerms(DRAFT, mapping);
    expect(errors).toEqual([]);
    expect(terms).toEqual({
      title: source.title,
      frequency: "quarter",
      deadlineWorkingDays: 10,
      reminderWorkingDaysBefore: 5,
      graceWorkingDays: 5,
      formats: ["csv", "xlsx"],
      startDate: "2026-01-01",
      endDate: "2027-12-31",
      terms: TERMS,
    });
  });

  it("imports a field whose KPI is unknown without the KPI, with a warning", () => {
    const yaml = odcsYaml(buildOdcsContract(input()));
    const parsed = parseOdcsYaml(yaml);
    if (!parsed.ok) throw new Error("parse");
    const mapping = mapOdcsToKoers(parsed.document, [KPIS[1]!]);
    expect(mapping.errors).toEqual([]);
    expect(say(mapping.warnings)).toEqual(["schema[0].properties[3].customProperties: KPI “Tevredenheid onderhoud wegen [KRS-BER-03]” bestaat niet in deze gemeente; veld “cijfer” wordt zonder KPI-koppeling geïmporteerd"]);
    const cijfer = mapping.datasets[0]!.fields.find((f) => f.name === "cijfer")!;
    expect(cijfer).toMatchObject({ kpiId: null, aggregation: null });
  });

  it("matches a KPI by library code before name, ignoring case", () => {
    const doc = minimal([{ name: "x", logicalType: "number", customProperties: [{ property: "kpiCode", value: "krs-ber-03" }, { property: "kpiName", value: "Iets anders" }] }]);
    const mapping = mapOdcsToKoers(doc, KPIS);
    expect(mapping.datasets[0]!.fields[0]).toMatchObject({ kpiId: "kpi-wegen", aggregation: "single", type: "decimal" });
  });

  it("changes only the terms a file from elsewhere names", () => {
    const doc = { ...minimal([{ name: "id", logicalType: "string", primaryKey: true }]), slaProperties: [{ property: "frequency", value: 1, unit: "y" }] };
    const mapping = mapOdcsToKoers(doc, KPIS);
    expect(mapping.complete).toBe(false);
    const { terms } = mergeTerms(DRAFT, mapping);
    expect(terms).toEqual({ ...DRAFT, frequency: "year" });
  });

  it("refuses what Koers cannot hold, naming the place", () => {
    const doc = {
      ...minimal([
        { name: "adres", logicalType: "object", properties: [{ name: "straat" }] },
        { name: "Bedrag", logicalType: "number", logicalTypeOptions: { minimum: 10, maximum: 1 } },
        { name: "bedrag", logicalType: "number" },
      ]),
      slaProperties: [{ property: "frequency", value: 1, unit: "d" }, { property: "latency", value: 4, unit: "h" }],
      customProperties: [{ property: "personalData", value: true }, { property: "deliveryFormats", value: ["pdf"] }],
    };
    const mapping = mapOdcsToKoers(doc, KPIS);
    expect(say(mapping.errors)).toEqual([
      "schema[0].properties[0].logicalType: geneste velden (object of array) kan Koers niet ontvangen: een levering is een tabel met platte kolommen",
      "schema[0].properties[1].logicalTypeOptions: het minimum (10) is groter dan het maximum (1)",
      "schema[0].properties[2].name: het veld “bedrag” staat twee keer in deze dataset (hoofdletters tellen niet)",
      "slaProperties[0].value: Koers levert per maand (1 m), per kwartaal (3 m) of per jaar (1 y)",
      "slaProperties[1].value: de termijn moet een geheel aantal werkdagen zijn (eenheid d), van 0 tot 60",
      "customProperties[1].value: moet een lijst zijn met één of meer van csv, xlsx, api",
    ]);
    expect(say(mergeTerms(DRAFT, mapping).errors)).toEqual(["customProperties: bij persoonsgegevens is een grondslag onder de AVG verplicht (legalGround)"]);
  });

  it("refuses a contract without datasets", () => {
    const mapping = mapOdcsToKoers({ apiVersion: "v3.1.0", kind: "DataContract", id: "x", version: "1.0.0", status: "draft" }, KPIS);
    expect(say(mapping.errors)).toEqual(["schema: het bestand beschrijft geen datasets; een overeenkomst zonder datasets importeert Koers niet"]);
  });
});

function minimal(properties: Record<string, unknown>[]): Record<string, unknown> {
  return { apiVersion: "v3.1.0", kind: "DataContract", id: "x", version: "1.0.0", status: "draft", schema: [{ name: "Tabel", properties }] };
}

describe("hostile and broken ODCS files", () => {
  const problemsOf = (input: string | Uint8Array) => {
    const outcome = parseOdcsYaml(input);
    if (outcome.ok) return say(validateOdcs(outcome.document));
    return say(outcome.problems);
  };

  it("refuses a YAML syntax error with its line", () => {
    expect(problemsOf("apiVersion: v3.1.0\nkind: DataContract\n  schema: [\n")[0]).toBe("Het bestand is geen geldige YAML (regel 2, kolom 7).");
  });

  it("refuses a file that is not an object", () => {
    expect(problemsOf("- a\n- b\n")).toEqual(["Het bestand is geen datacontract: bovenaan moet een object staan met apiVersion, kind, id, version en status."]);
    expect(problemsOf("gewoon tekst")).toHaveLength(1);
  });

  it("refuses an alias bomb", () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 0; i < 9; i++) lines.push(`${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9).fill(`*${String.fromCharCode(97 + i)}`).join(",")}]`);
    expect(problemsOf(lines.join("\n"))).toEqual(["Het bestand gebruikt te veel YAML-verwijzingen (aliassen, meer dan 100); Koers leest het niet."]);
  });

  it("refuses a huge file before reading it", () => {
    const huge = new Uint8Array(ODCS_MAX_BYTES + 1).fill(0x20);
    expect(problemsOf(huge)).toEqual(["Het bestand is 1025 kB; Koers leest ODCS-bestanden tot 1024 kB."]);
  });

  it("refuses custom tags, duplicate keys, several documents and non-UTF-8", () => {
    expect(problemsOf('apiVersion: v3.1.0\nrun: !!js/function "function () { return 1 }"\n')).toEqual(["Onbekende YAML-tag op regel 2; Koers leest alleen gewone YAML zonder eigen tags."]);
    expect(problemsOf("apiVersion: v3.1.0\napiVersion: v3.1.0\n")[0]).toMatch(/^Een sleutel staat twee keer/);
    expect(problemsOf("apiVersion: v3.1.0\n---\napiVersion: v3.1.0\n")[0]).toMatch(/meer dan één YAML-document/);
    expect(problemsOf(new Uint8Array([0x61, 0x3a, 0x20, 0xff, 0xfe]))).toEqual(["Het bestand is geen tekst in UTF-8. Sla het op als UTF-8 en probeer het opnieuw."]);
  });

  it("refuses another apiVersion", () => {
    expect(problemsOf("apiVersion: v3.0.2\nkind: DataContract\n")).toEqual(["apiVersion: Koers leest alleen ODCS v3.1.0; dit bestand is v3.0.2."]);
    expect(problemsOf("kind: DataContract\n")).toEqual(["apiVersion: ontbreekt; Koers leest ODCS v3.1.0."]);
  });

  it("names every schema error with its path, e.g. an unknown logicalType", () => {
    const contract = buildOdcsContract(input()) as { schema: { properties: Record<string, unknown>[] }[]; [key: string]: unknown };
    contract.schema[0]!.properties[2]!.logicalType = "getal";
    contract.schema[0]!.properties[1]!.required = "ja";
    delete contract.id;
    contract.owner = "iemand";
    expect(problemsOf(odcsYaml(contract as never))).toEqual([
      "id: ontbreekt (verplicht)",
      "owner: is geen veld van ODCS v3.1.0 op deze plek",
      "schema[0].properties[1].required: moet true of false zijn",
      "schema[0].properties[2].logicalType: moet één van string, date, timestamp, time, number, integer, object, array, boolean zijn",
    ]);
  });
});

describe("ODCS vocabulary, diff and keys", () => {
  it("converts frequency and retention both ways", () => {
    expect(frequencyFromSla(3, "m")).toBe("quarter");
    expect(frequencyFromSla(12, "months")).toBe("year");
    expect(frequencyFromSla(1, "d")).toBeUndefined();
    expect(retentionToSla("7 jaar")).toEqual({ value: 7, unit: "y" });
    expect(retentionToSla("1 maand")).toEqual({ value: 1, unit: "m" });
    expect(retentionToSla("tot einde project")).toEqual({ value: "tot einde project" });
    expect(retentionFromSla(3, "years")).toBe("3 jaar");
    expect(retentionFromSla(6, "m")).toBe("6 maanden");
    expect(retentionFromSla("zolang nodig", undefined)).toBe("zolang nodig");
  });

  it("says which datasets and fields an import adds, changes and removes", () => {
    const field = { description: null, type: "text" as const, unit: null, required: true, isKey: false, allowedValues: null, min: null, max: null, kpiId: null, aggregation: null };
    const current = {
      terms: DRAFT,
      datasets: [
        { name: "Meldingen", description: null, fields: [{ ...field, name: "wijk" }, { ...field, name: "oud" }] },
        { name: "Weg", description: null, fields: [{ ...field, name: "a" }] },
        { name: "Zelfde", description: null, fields: [{ ...field, name: "a" }] },
      ],
    };
    const next = {
      terms: { ...DRAFT, frequency: "quarter" as const },
      datasets: [
        { name: "meldingen", description: null, fields: [{ ...field, name: "wijk", required: false }, { ...field, name: "nieuw" }] },
        { name: "Zelfde", description: null, fields: [{ ...field, name: "a" }] },
        { name: "Nieuw", description: null, fields: [{ ...field, name: "a" }] },
      ],
    };
    expect(diffDraft(current, next)).toEqual({
      datasetsAdded: [{ name: "Nieuw", fields: 1 }],
      datasetsRemoved: [{ name: "Weg", fields: 1 }],
      datasetsChanged: [{ name: "meldingen", fieldsAdded: ["nieuw"], fieldsChanged: ["wijk"], fieldsRemoved: ["oud"] }],
      datasetsUnchanged: ["Zelfde"],
      termsChanged: ["frequency"],
    });
  });

  it("keeps a dataset's key when its name matches, else takes the file's key when free", () => {
    const keys = assignDatasetKeys(
      [{ key: "mld", name: "Meldingen" }, { key: "wijken", name: "Oud" }],
      [
        { name: "MELDINGEN", physicalName: "anders" },
        { name: "Wijken", physicalName: "wijken" },
        { name: "Straten en pleinen", physicalName: null },
        { name: "Kapot", physicalName: "Niet Geldig!" },
      ],
    );
    expect(keys).toEqual(["mld", "wijken", "straten-en-pleinen", "kapot"]);
  });

  it("parses the YAML it writes to the same document", () => {
    const contract = buildOdcsContract(input());
    expect(parse(odcsYaml(contract))).toEqual(contract);
  });
});
