// ODCS v3.1.0 through the routes on a real database: exports of varied agreements validate against
// the official schema; an import replaces only a draft's datasets and fields (one transaction, with
// its audit event), is refused on frozen versions and for other roles, leaves nothing behind on any
// error; another municipality can neither export nor import by URL; and export → import → export
// gives the same contract.
import type { AppLoadContext } from "@remix-run/node";
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { db } from "../../app/db.server";
import type { Member } from "../../app/modules/auth/guards.server";
import { validateOdcs } from "../../app/modules/agreements/odcs-schema.server";
import { action as importAction, loader as importLoader } from "../../app/routes/municipality/agreement-odcs-import";
import { loader as exportLoader } from "../../app/routes/municipality/agreement-odcs-export";
import { agreementDataset, agreementField, agreementVersion, auditEvent, delivery } from "../../db/schema/index";
import { contextFor } from "./support/context";
import { useTestDatabase } from "./support/db";
import { createMunicipalityWithLead } from "./support/factories";
import { addTestMember, createTestKpi } from "./support/kpi-factories";
import { createTestAgreement, type TestDataset } from "./support/odcs-factories";

useTestDatabase();

let lead: Member;
let owner: Member;
let viewer: Member;
let otherLead: Member;
let kpiWegen: { id: string; name: string };
let kpiMeldingen: { id: string; name: string };

const MELDINGEN: TestDataset[] = [
  {
    key: "meldingen",
    name: "Meldingen per wijk",
    description: "Eén rij per wijk per kwartaal.",
    fields: [
      { name: "periode", type: "period", isKey: true },
      { name: "wijk", type: "text", isKey: true, allowedValues: ["WK005001", "WK005002"], description: "CBS-wijkcode" },
      { name: "aantal", type: "integer", min: 0, unit: "meldingen" },
      { name: "gemeld_op", type: "date", required: false },
    ],
  },
];

async function call<T>(fn: () => Promise<T>): Promise<Response | T> {
  try {
    return await fn();
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

function download(m: Member, agreementId: string, query = "", code = m.cbsCode) {
  return call(() => exportLoader({ request: new Request(`http://localhost/g/${code}/overeenkomsten/${agreementId}/odcs.yaml${query}`), context: contextFor(m), params: { code, agreementId } }) as Promise<Response>);
}

async function yamlOf(m: Member, agreementId: string, query = ""): Promise<Record<string, unknown>> {
  const res = (await download(m, agreementId, query)) as Response;
  expect(res.status).toBe(200);
  return parse(await res.text()) as Record<string, unknown>;
}

function importRequest(m: Member, agreementId: string, form: FormData, code = m.cbsCode) {
  const url = `http://localhost/g/${code}/overeenkomsten/${agreementId}/odcs-import`;
  return call(() => importAction({ request: new Request(url, { method: "POST", body: form }), context: contextFor(m) as AppLoadContext, params: { code, agreementId } }));
}

type Payload = { formId: string; result: { status?: string; error?: Record<string, string[]> }; preview: { document: string; fingerprint: string; diff: Record<string, unknown>; warnings: unknown[] } | null };

async function check(m: Member, agreementId: string, yaml: string | Uint8Array, code?: string): Promise<{ status: number; payload?: Payload }> {
  const form = new FormData();
  form.set("intent", "check");
  form.set("file", new File([yaml as BlobPart], "contract.yaml", { type: "application/yaml" }));
  const out = await importRequest(m, agreementId, form, code);
  if (out instanceof Response) return { status: out.status };
  const d = out as unknown as { data: Payload; init: { status?: number } | null };
  return { status: d.init?.status ?? 200, payload: d.data };
}

async function apply(m: Member, agreementId: string, preview: { document: string; fingerprint: string }): Promise<{ status: number; location?: string | null; payload?: Payload }> {
  const form = new FormData();
  form.set("intent", "apply");
  form.set("document", preview.document);
  form.set("fingerprint", preview.fingerprint);
  const out = await importRequest(m, agreementId, form);
  if (out instanceof Response) return { status: out.status, location: out.headers.get("location") };
  const d = out as unknown as { data: Payload; init: { status?: number } | null };
  return { status: d.init?.status ?? 200, payload: d.data };
}

async function importYaml(m: Member, agreementId: string, yaml: string) {
  const checked = await check(m, agreementId, yaml);
  expect(checked.status, JSON.stringify(checked.payload?.result)).toBe(200);
  return apply(m, agreementId, checked.payload!.preview!);
}

async function contentOf(versionId: string) {
  const datasets = await db().select().from(agreementDataset).where(eq(agreementDataset.versionId, versionId)).orderBy(asc(agreementDataset.position));
  const fields = datasets.length
    ? await db().select().from(agreementField).where(inArray(agreementField.datasetId, datasets.map((d) => d.id))).orderBy(asc(agreementField.position))
    : [];
  return datasets.map((d) => ({ key: d.key, name: d.name, fields: fields.filter((f) => f.datasetId === d.id).map((f) => ({ name: f.name, type: f.type, isKey: f.isKey, kpiId: f.kpiId, aggregation: f.aggregation, allowedValues: f.allowedValues, min: f.min, max: f.max, required: f.required, unit: f.unit })) }));
}

const auditsFor = (agreementId: string) => db().select().from(auditEvent).where(and(eq(auditEvent.objectId, agreementId), eq(auditEvent.action, "agreement.odcs_imported"))).orderBy(desc(auditEvent.seq));

/** The document with one thing changed, as a user editing the exported file would. */
function edited(doc: Record<string, unknown>, change: (d: any) => void): string {
  const copy = structuredClone(doc);
  change(copy);
  return JSON.stringify(copy); // JSON is YAML 1.2
}

beforeAll(async () => {
  lead = await createMunicipalityWithLead("GM0303", "Dronten", "lead@dronten.test");
  otherLead = await createMunicipalityWithLead("GM0034", "Almere", "lead@almere.test");
  owner = await addTestMember(lead, "department_owner");
  viewer = await addTestMember(lead, "viewer");
  kpiWegen = await createTestKpi(lead, { name: "Tevredenheid onderhoud wegen", templateCode: "KRS-BER-03" });
  kpiMeldingen = await createTestKpi(lead, { name: "Afgehandelde meldingen binnen termijn" });
});

describe("ODCS export", () => {
  it("serves a valid ODCS v3.1.0 YAML download of several varied agreements", async () => {
    const cases = [
      await createTestAgreement(lead, { datasets: MELDINGEN }),
      await createTestAgreement(lead, {
        status: "active",
        version: 3,
        terms: { personalData: true, legalGround: "Art. 6 lid 1 sub e AVG", contacts: [], escalation: [], retention: "tot einde project" },
        version_: { endDate: "2028-12-31", frequency: "month", formats: ["api"] },
        datasets: [
          { name: "Wegen", fields: [{ name: "cijfer", type: "decimal", min: 1, max: 10, kpiId: kpiWegen.id, aggregation: "mean" }, { name: "spoed", type: "boolean", required: false }] },
          { name: "Afhandeling", fields: [{ name: "melding", type: "text", isKey: true }, { name: "binnen_termijn", type: "integer", kpiId: kpiMeldingen.id, aggregation: "sum" }] },
        ],
      }),
      await createTestAgreement(lead, { status: "terminated", terms: { purpose: undefined, quality: {} }, datasets: [{ name: "Leeg veld", fields: [{ name: "x", type: "text", required: false, description: "Een regel\nmet twee regels en: een dubbele punt" }] }] }),
      await createTestAgreement(lead, { status: "in_review" }),
    ];
    for (const c of cases) {
      const res = (await download(lead, c.agreementId)) as Response;
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toContain("application/yaml");
      expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename=".+ versie \d+\.odcs\.yaml"/);
      expect(res.headers.get("content-disposition")).toContain(c.reference);
      const doc = parse(await res.text());
      expect(validateOdcs(doc), c.reference).toEqual([]);
      expect(doc).toMatchObject({ apiVersion: "v3.1.0", kind: "DataContract", id: c.agreementId, dataProduct: c.reference });
    }
    const active = await yamlOf(lead, cases[1]!.agreementId);
    expect(active).toMatchObject({ version: "3.0.0", status: "active" });
    const cijfer = (active.schema as any[])[0].properties[0];
    expect(cijfer.customProperties).toEqual([
      { property: "kpiCode", value: "KRS-BER-03" },
      { property: "kpiName", value: "Tevredenheid onderhoud wegen" },
      { property: "kpiAggregation", value: "mean" },
    ]);
  });

  it("exports a chosen version, and any member may download it", async () => {
    const a = await createTestAgreement(lead, { status: "superseded", title: "Eerste versie", datasets: MELDINGEN });
    const v2 = crypto.randomUUID();
    await db().insert(agreementVersion).values({ id: v2, municipalityId: lead.municipalityId, agreementId: a.agreementId, version: 2, title: "Tweede versie", frequency: "year", formats: ["csv"], startDate: "2027-01-01", terms: { contacts: [], quality: {}, escalation: [], personalData: false } });
    expect(await yamlOf(viewer, a.agreementId, "?versie=1")).toMatchObject({ version: "1.0.0", name: "Eerste versie", status: "deprecated" });
    expect(await yamlOf(viewer, a.agreementId, "?versie=2")).toMatchObject({ version: "2.0.0", name: "Tweede versie", status: "draft" });
    expect(((await download(lead, a.agreementId, "?versie=9")) as Response).status).toBe(404);
    expect(((await download(lead, a.agreementId, "?versie=abc")) as Response).status).toBe(404);
  });

  it("gives another municipality a 404 for the agreement, also with its own code in the URL", async () => {
    const a = await createTestAgreement(lead, { datasets: MELDINGEN });
    expect(((await download(otherLead, a.agreementId)) as Response).status).toBe(404);
    expect(((await download(otherLead, a.agreementId, "", lead.cbsCode)) as Response).status).toBe(404);
  });
});

describe("ODCS import", () => {
  it("previews the changes without writing, then replaces the draft's datasets and fields with an audit event", async () => {
    const source = await createTestAgreement(lead, {
      status: "active",
      datasets: [
        ...MELDINGEN,
        { key: "tevredenheid", name: "Tevredenheid", fields: [{ name: "cijfer", type: "decimal", min: 1, max: 10, kpiId: kpiWegen.id, aggregation: "mean" }] },
      ],
    });
    const target = await createTestAgreement(lead, { datasets: [{ key: "mld-oud", name: "MELDINGEN PER WIJK", fields: [{ name: "wijk", type: "text" }, { name: "weg", type: "text" }] }, { key: "oud", name: "Oud", fields: [{ name: "a" }] }] });
    const before = await contentOf(target.versionId);
    const doc = await yamlOf(lead, source.agreementId);

    const checked = await check(lead, target.agreementId, JSON.stringify(doc));
    expect(checked.status).toBe(200);
    expect(checked.payload!.preview!.diff).toMatchObject({
      datasetsAdded: [{ name: "Tevredenheid", fields: 1 }],
      datasetsRemoved: [{ name: "Oud", fields: 1 }],
      datasetsChanged: [{ name: "Meldingen per wijk", fieldsAdded: ["periode", "aantal", "gemeld_op"], fieldsChanged: ["wijk"], fieldsRemoved: ["weg"] }],
    });
    expect(await contentOf(target.versionId)).toEqual(before);
    expect(await auditsFor(target.agreementId)).toHaveLength(0);

    const applied = await apply(lead, target.agreementId, checked.payload!.preview!);
    expect(applied.status).toBe(302);
    expect(applied.location).toBe(`/g/${lead.cbsCode}/overeenkomsten/${target.agreementId}/odcs-import?geimporteerd=1`);
    const after = await contentOf(target.versionId);
    // The matching dataset keeps the draft's key; the new one takes the file's.
    expect(after.map((d) => [d.key, d.name])).toEqual([["mld-oud", "Meldingen per wijk"], ["tevredenheid", "Tevredenheid"]]);
    expect(after[0]!.fields.map((f) => f.name)).toEqual(["periode", "wijk", "aantal", "gemeld_op"]);
    expect(after[0]!.fields[1]).toMatchObject({ isKey: true, allowedValues: ["WK005001", "WK005002"] });
    expect(after[1]!.fields[0]).toMatchObject({ type: "decimal", kpiId: kpiWegen.id, aggregation: "mean", min: 1, max: 10 });
    const [audit] = await auditsFor(target.agreementId);
    expect(audit).toMatchObject({ municipalityId: lead.municipalityId, actorUserId: lead.userId, objectType: "agreement", result: "success" });
    expect(audit!.details).toMatchObject({ version: 1, datasetsAdded: ["Tevredenheid"], datasetsRemoved: ["Oud"], datasetsChanged: ["Meldingen per wijk"], fileSha256: expect.stringMatching(/^[0-9a-f]{64}$/) });

    const page = (await importLoader({ request: new Request(`http://localhost/g/${lead.cbsCode}/overeenkomsten/${target.agreementId}/odcs-import?geimporteerd=1`), context: contextFor(lead), params: { code: lead.cbsCode, agreementId: target.agreementId } })) as { imported: boolean; target: { datasets: { name: string }[] } };
    expect(page.imported).toBe(true);
    expect(page.target.datasets.map((d) => d.name)).toEqual(["Meldingen per wijk", "Tevredenheid"]);
  });

  it("imports an unknown KPI as a warning and the field without the KPI", async () => {
    const source = await createTestAgreement(lead, { datasets: [{ name: "Data", fields: [{ name: "waarde", type: "decimal", kpiId: kpiWegen.id, aggregation: "single" }] }] });
    const doc = await yamlOf(lead, source.agreementId);
    const target = await createTestAgreement(otherLead, { datasets: [] });
    const checked = await check(otherLead, target.agreementId, JSON.stringify(doc));
    expect(checked.status).toBe(200);
    expect(checked.payload!.preview!.warnings).toEqual([{ path: "schema[0].properties[0].customProperties", code: "kpiUnknown", values: { kpi: "Tevredenheid onderhoud wegen [KRS-BER-03]", field: "waarde" } }]);
    expect((await apply(otherLead, target.agreementId, checked.payload!.preview!)).status).toBe(302);
    expect((await contentOf(target.versionId))[0]!.fields[0]).toMatchObject({ name: "waarde", kpiId: null, aggregation: null });
  });

  it("refuses an invalid file with every problem at the file field, and writes nothing", async () => {
    const source = await createTestAgreement(lead, { datasets: MELDINGEN });
    const target = await createTestAgreement(lead, { datasets: [{ name: "Blijft", fields: [{ name: "a" }] }] });
    const before = await contentOf(target.versionId);
    const doc = await yamlOf(lead, source.agreementId);
    const bad = edited(doc, (d) => {
      d.schema[0].properties[2].logicalType = "getal";
      d.schema[0].properties[0].required = "ja";
    });
    const checked = await check(lead, target.agreementId, bad);
    expect(checked.status).toBe(400);
    expect(checked.payload!.result.error!.file).toEqual([
      "schema[0].properties[0].required: moet true of false zijn",
      "schema[0].properties[2].logicalType: moet één van string, date, timestamp, time, number, integer, object, array, boolean zijn",
    ]);
    expect(checked.payload!.preview).toBeNull();
    const bomb = ["a: &a [x, x, x, x, x, x, x, x, x, x]", ...Array.from({ length: 8 }, (_, i) => `${"bcdefghi"[i]}: &${"bcdefghi"[i]} [${Array(10).fill(`*${"abcdefgh"[i]}`).join(", ")}]`)].join("\n");
    expect((await check(lead, target.agreementId, bomb)).payload!.result.error!.file).toEqual(["Het bestand gebruikt te veel YAML-verwijzingen (aliassen, meer dan 100); Koers leest het niet."]);
    expect((await check(lead, target.agreementId, "")).payload!.result.error!.file).toEqual(["agreementOdcs.import.fileMissing"]);
    expect(await contentOf(target.versionId)).toEqual(before);
    expect(await auditsFor(target.agreementId)).toHaveLength(0);
  });

  it("refuses to import into a version that is not a draft, and says so", async () => {
    const source = await createTestAgreement(lead, { datasets: MELDINGEN });
    const doc = JSON.stringify(await yamlOf(lead, source.agreementId));
    for (const status of ["in_review", "awaiting_signatures", "active"] as const) {
      const frozen = await createTestAgreement(lead, { status, datasets: [{ name: "Getekend", fields: [{ name: "a" }] }] });
      const before = await contentOf(frozen.versionId);
      const checked = await check(lead, frozen.agreementId, doc);
      expect(checked.status, status).toBe(409);
      expect(checked.payload!.result.error![""]![0]).toMatch(/^Versie 1 heeft de status “.+”\. Alleen een concept kan met een ODCS-bestand worden gevuld/);
      const page = (await importLoader({ request: new Request(`http://localhost/g/${lead.cbsCode}/overeenkomsten/${frozen.agreementId}/odcs-import`), context: contextFor(lead), params: { code: lead.cbsCode, agreementId: frozen.agreementId } })) as { target: { editable: boolean } };
      expect(page.target.editable).toBe(false);
      expect(await contentOf(frozen.versionId)).toEqual(before);
    }
  });

  it("refuses when the draft changed after the preview", async () => {
    const source = await createTestAgreement(lead, { datasets: MELDINGEN });
    const target = await createTestAgreement(lead, { datasets: [{ name: "Blijft", fields: [{ name: "a" }] }] });
    const checked = await check(lead, target.agreementId, JSON.stringify(await yamlOf(lead, source.agreementId)));
    await db().update(agreementVersion).set({ title: "Intussen gewijzigd" }).where(eq(agreementVersion.id, target.versionId));
    const applied = await apply(lead, target.agreementId, checked.payload!.preview!);
    expect(applied.status).toBe(409);
    expect(applied.payload!.result.error![""]).toEqual(["Het concept is gewijzigd sinds de controle. Controleer het bestand opnieuw."]);
    expect((await contentOf(target.versionId)).map((d) => d.name)).toEqual(["Blijft"]);
  });

  it("leaves nothing half-written when the database refuses part of the import", async () => {
    const source = await createTestAgreement(lead, { datasets: MELDINGEN });
    const target = await createTestAgreement(lead, { datasets: [{ key: "met-levering", name: "Met levering", fields: [{ name: "a" }] }] });
    const [ds] = await db().select().from(agreementDataset).where(eq(agreementDataset.versionId, target.versionId));
    // A delivery still points at the draft's dataset, so deleting the dataset fails halfway.
    await db().insert(delivery).values({ id: crypto.randomUUID(), municipalityId: lead.municipalityId, agreementId: target.agreementId, versionId: target.versionId, datasetId: ds!.id, datasetKey: ds!.key, period: "2026-Q1", periodStart: "2026-01-01", channel: "upload" });
    const title = (await db().select({ title: agreementVersion.title }).from(agreementVersion).where(eq(agreementVersion.id, target.versionId)))[0]!.title;
    const checked = await check(lead, target.agreementId, edited(await yamlOf(lead, source.agreementId), (d) => (d.name = "Nieuwe titel")));
    expect(checked.status).toBe(200);
    await expect(apply(lead, target.agreementId, checked.payload!.preview!)).rejects.toThrow();
    expect((await contentOf(target.versionId)).map((d) => d.name)).toEqual(["Met levering"]);
    expect((await db().select({ title: agreementVersion.title }).from(agreementVersion).where(eq(agreementVersion.id, target.versionId)))[0]!.title).toBe(title);
    expect(await auditsFor(target.agreementId)).toHaveLength(0);
  });

  it("is for the programme lead of the agreement's own municipality only", async () => {
    const source = await createTestAgreement(lead, { datasets: MELDINGEN });
    const target = await createTestAgreement(lead, { datasets: [{ name: "Blijft", fields: [{ name: "a" }] }] });
    const doc = JSON.stringify(await yamlOf(lead, source.agreementId));
    expect((await check(owner, target.agreementId, doc)).status).toBe(403);
    // Another municipality's lead: the agreement does not exist for them, by its own code or the other's.
    const own = await check(otherLead, target.agreementId, doc);
    expect(own.status).toBe(404);
    expect((await check(otherLead, target.agreementId, doc, lead.cbsCode)).status).toBe(404);
    const loaderOut = await call(() => importLoader({ request: new Request(`http://localhost/g/${otherLead.cbsCode}/overeenkomsten/${target.agreementId}/odcs-import`), context: contextFor(otherLead), params: { code: otherLead.cbsCode, agreementId: target.agreementId } }));
    expect((loaderOut as Response).status).toBe(404);
    expect((await contentOf(target.versionId)).map((d) => d.name)).toEqual(["Blijft"]);
  });
});

describe("ODCS round trip", () => {
  it("export → import into a fresh draft → export gives the same contract, apart from ids and timestamps", async () => {
    const source = await createTestAgreement(lead, {
      status: "active",
      title: "Rondreis",
      terms: { personalData: true, legalGround: "Art. 6 lid 1 sub c AVG", notes: "Alleen geaggregeerd.", quality: { completenessPct: 97.5, validity: "CBS-codes", timeliness: "Op tijd" }, contacts: [{ role: "technical", name: "GIS", email: "gis@dronten.test", phone: "0321 000 000" }, { role: "privacy", name: "FG" }] },
      version_: { endDate: "2029-06-30", frequency: "month", deadlineWorkingDays: 7, reminderWorkingDaysBefore: 2, graceWorkingDays: 4, formats: ["xlsx", "api"] },
      datasets: [
        ...MELDINGEN,
        { key: "tevredenheid", name: "Tevredenheid", description: "Per wijk", fields: [{ name: "cijfer", type: "decimal", min: 1, max: 10, kpiId: kpiWegen.id, aggregation: "mean", unit: "rapportcijfer" }, { name: "n", type: "integer", kpiId: kpiMeldingen.id, aggregation: "count", required: false }, { name: "akkoord", type: "boolean", allowedValues: ["ja", "nee"] }] },
      ],
    });
    const first = await yamlOf(lead, source.agreementId);
    const fresh = await createTestAgreement(lead, { departmentId: source.departmentId, title: "Leeg", terms: { purpose: "Wordt overschreven" } });
    const applied = await importYaml(lead, fresh.agreementId, JSON.stringify(first));
    expect(applied.status).toBe(302);
    const second = await yamlOf(lead, fresh.agreementId);
    const strip = (doc: Record<string, unknown>) => {
      const { id: _id, contractCreatedTs: _ts, dataProduct: _p, status: _s, customProperties, ...rest } = doc as Record<string, unknown> & { customProperties: { property: string }[] };
      return { ...rest, customProperties: customProperties.filter((c) => !["koersReference", "koersStatus"].includes(c.property)) };
    };
    expect(strip(second)).toEqual(strip(first));
    expect(second).toMatchObject({ status: "draft", dataProduct: fresh.reference });
    // And importing the same file again changes nothing.
    const again = await check(lead, fresh.agreementId, JSON.stringify(first));
    expect(again.payload!.preview!.diff).toEqual({ datasetsAdded: [], datasetsRemoved: [], datasetsChanged: [], datasetsUnchanged: ["Meldingen per wijk", "Tevredenheid"], termsChanged: [] });
  });
});
