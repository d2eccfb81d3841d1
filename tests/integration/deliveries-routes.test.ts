// Deliveries through their routes: the push API with a good, bad, revoked and other-agreement
// token; the upload form's multipart post (with a too-large file the other fields survive); and
// another municipality's delivery, report, errors CSV and API keys by URL are 404/403.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../app/db.server";
import type { Member } from "../../app/modules/auth/guards.server";
import { createPushToken, revokePushToken } from "../../app/modules/deliveries/push-tokens.server";
import { action as pushAction } from "../../app/routes/api/deliveries-push";
import { action as uploadAction, loader as listLoader } from "../../app/routes/municipality/deliveries";
import { loader as reportLoader } from "../../app/routes/municipality/delivery";
import { loader as errorsCsvLoader } from "../../app/routes/municipality/delivery-errors-csv";
import { loader as tokensLoader } from "../../app/routes/municipality/delivery-tokens";
import { agreementPushToken, auditEvent, delivery, measurement } from "../../db/schema/index";
import { contextFor } from "./support/context";
import { useTestDatabase } from "./support/db";
import { createMunicipalityWithLead } from "./support/factories";
import { complaintsDataset, createActiveAgreement, type TestAgreement } from "./support/deliveries-factories";
import { addTestMember, createTestKpi, type TestKpi } from "./support/kpi-factories";

useTestDatabase();

let enschede: Member;
let hengelo: Member;
let k: TestKpi;
let glo: TestAgreement;
let other: TestAgreement;
let token: string;

beforeAll(async () => {
  enschede = await createMunicipalityWithLead("GM0153", "Enschede", "fenna@enschede.test");
  hengelo = await createMunicipalityWithLead("GM0164", "Hengelo", "lead@hengelo.test");
  k = await createTestKpi(enschede, { name: "Meldingen", unit: "aantal", unitKind: "count", decimals: 0 });
  glo = await createActiveAgreement(enschede, { datasets: [complaintsDataset(k.id)] });
  other = await createActiveAgreement(enschede, { datasets: [complaintsDataset(null)] });
  const created = await createPushToken(enschede, { agreementId: glo.agreementId, label: "Zaaksysteem" });
  if (!created.ok) throw new Error("token");
  token = created.token;
});

const GOOD = "Wijk;Datum;Aantal\nCentrum;01-10-2025;12\nNoord;02-10-2025;8\n";

function push(body: string, query: string, headers: Record<string, string> = {}) {
  const request = new Request(`http://localhost/api/v1/leveringen?${query}`, { method: "POST", headers: { "content-type": "text/csv", authorization: `Bearer ${token}`, ...headers }, body });
  return pushAction({ request, context: contextFor(enschede), params: {} } as never) as Promise<Response>;
}
const params = (m: Member, extra: Record<string, string> = {}) => ({ code: m.cbsCode, ...extra });
async function status(p: Promise<unknown>): Promise<number> {
  try {
    const r = await p;
    return r instanceof Response ? r.status : 200;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    throw thrown;
  }
}

describe("the push API", () => {
  it("accepts a good CSV with the agreement's token: 201, rows and KPI values, audited as the token", async () => {
    const res = await push(GOOD, "dataset=meldingen&periode=2025-Q3");
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body).toMatchObject({ status: "accepted", rows: 2, measurements: [{ kpiId: k.id, value: 20, previous: null }] });
    const [d] = await db().select().from(delivery).where(eq(delivery.id, body.deliveryId));
    expect(d).toMatchObject({ status: "accepted", channel: "api", uploadedByUserId: null });
    expect(d!.pushTokenId).not.toBeNull();
    const [m] = await db().select().from(measurement).where(and(eq(measurement.kpiId, k.id), eq(measurement.period, "2025-Q3")));
    expect(m).toMatchObject({ value: 20, source: "delivery", deliveryId: body.deliveryId });
    const [event] = await db().select().from(auditEvent).where(and(eq(auditEvent.objectId, body.deliveryId), eq(auditEvent.action, "delivery.accepted")));
    expect(event!.actorLabel).toMatch(/^API-sleutel koers_/);
    const [tk] = await db().select().from(agreementPushToken).where(eq(agreementPushToken.id, d!.pushTokenId!));
    expect(tk!.lastUsedAt).not.toBeNull();
    expect(tk!.tokenSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(tk!.tokenSha256).not.toContain(token);
  });

  it("answers 422 with every row error in Dutch for a bad CSV, storing nothing", async () => {
    const res = await push("Wijk;Datum;Aantal\nCentrum;01-10-2025;twaalf\n=cmd|' /C calc'!A0;02-10-2025;1\n", "dataset=meldingen&periode=2025-Q2");
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body).toMatchObject({ status: "rejected", errorCount: 2 });
    expect(body.errors).toEqual([
      { line: 2, column: "Aantal", code: "notInteger", message: "Geen geheel getal." },
      expect.objectContaining({ line: 3, column: "Wijk", code: "formula" }),
    ]);
    expect(await db().select().from(measurement).where(and(eq(measurement.kpiId, k.id), eq(measurement.period, "2025-Q2")))).toEqual([]);
  });

  it("answers 400 for a missing dataset or a wrong period, 415 for non-CSV, 401 without or with a revoked token, 403 for another agreement", async () => {
    expect((await push(GOOD, "periode=2025-Q3")).status).toBe(400);
    const wrong = await push(GOOD, "dataset=meldingen&periode=2025-13");
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toEqual({ error: "invalid", fields: { periode: ["Deze overeenkomst levert per kwartaal: schrijf de periode als 2026-Q1."] } });
    expect((await push(GOOD, "dataset=meldingen&periode=2025-Q3", { "content-type": "application/json" })).status).toBe(415);
    expect((await push(GOOD, "dataset=meldingen&periode=2025-Q3", { authorization: "Bearer koers_nietbestaand" })).status).toBe(401);
    expect((await push(GOOD, "dataset=meldingen&periode=2025-Q3", { authorization: "" })).status).toBe(401);
    expect((await push(GOOD, `dataset=meldingen&periode=2025-Q3&overeenkomst=${other.agreementId}`)).status).toBe(403);

    const second = await createPushToken(enschede, { agreementId: other.agreementId, label: "Ander systeem" });
    if (!second.ok) throw new Error("token");
    // A token of agreement Y delivers to Y, never to X: X's KPI value stays as it was.
    const res = await push(GOOD.replace("12", "99"), "dataset=meldingen&periode=2025-Q3", { authorization: `Bearer ${second.token}` });
    expect(res.status).toBe(201);
    const [d] = await db().select().from(delivery).where(eq(delivery.id, (await res.json()).deliveryId));
    expect(d!.agreementId).toBe(other.agreementId);
    const [m] = await db().select().from(measurement).where(and(eq(measurement.kpiId, k.id), eq(measurement.period, "2025-Q3")));
    expect(m!.value).toBe(20);

    expect(await revokePushToken(enschede, second.id)).toEqual({ ok: true });
    expect((await push(GOOD, "dataset=meldingen&periode=2025-Q3", { authorization: `Bearer ${second.token}` })).status).toBe(401);
  });

  it("only the lead makes and revokes tokens, only for the own municipality's agreements", async () => {
    const staff = await addTestMember(enschede, "staff");
    expect(await createPushToken(staff, { agreementId: glo.agreementId, label: "x" })).toEqual({ ok: false, error: "forbidden" });
    expect(await createPushToken(hengelo, { agreementId: glo.agreementId, label: "x" })).toEqual({ ok: false, error: "notFound" });
    const [tk] = await db().select().from(agreementPushToken).where(eq(agreementPushToken.agreementId, glo.agreementId));
    expect(await revokePushToken(hengelo, tk!.id)).toEqual({ ok: false, error: "notFound" });
    expect(await status(tokensLoader({ request: new Request("http://localhost/g/GM0153/leveringen/api-sleutels"), context: contextFor(staff), params: params(staff) } as never))).toBe(403);
  });
});

function uploadRequest(m: Member, fields: Record<string, string>, file?: { name: string; content: string | Uint8Array }) {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.set(key, value);
  if (file) form.set("file", new File([file.content as BlobPart], file.name, { type: "text/csv" }));
  return new Request(`http://localhost/g/${m.cbsCode}/leveringen`, { method: "POST", body: form });
}

describe("the upload form", () => {
  it("redirects to the report of an accepted delivery, and of a refused one", async () => {
    const content = await readFile(path.resolve("tests/fixtures/deliveries/excel-nl-bom.csv"));
    const res = (await uploadAction({ request: uploadRequest(enschede, { target: `${glo.agreementId}/meldingen`, period: "2025-Q1" }, { name: "meldingen.csv", content }), context: contextFor(enschede), params: params(enschede) } as never)) as Response;
    expect(res.status).toBe(302);
    const id = res.headers.get("location")!.split("/").pop()!;
    const report = await reportLoader({ request: new Request(`http://localhost${res.headers.get("location")}`), context: contextFor(enschede), params: params(enschede, { deliveryId: id }) } as never);
    expect(report.report).toMatchObject({ status: "accepted", rowCount: 3, measurements: [{ kpiId: k.id, value: 25 }] });

    const bad = (await uploadAction({ request: uploadRequest(enschede, { target: `${glo.agreementId}/meldingen`, period: "2025-Q1" }, { name: "fout.csv", content: "Wijk;Datum;Aantal\nCentrum;01-10-2025;x\n" }), context: contextFor(enschede), params: params(enschede) } as never)) as Response;
    const badId = bad.headers.get("location")!.split("/").pop()!;
    const badReport = await reportLoader({ request: new Request("http://localhost/"), context: contextFor(enschede), params: params(enschede, { deliveryId: badId }) } as never);
    expect(badReport.report).toMatchObject({ status: "rejected", errorCount: 1, errors: [{ line: 2, column: "Aantal", code: "notInteger" }] });
    const csv = (await errorsCsvLoader({ request: new Request("http://localhost/"), context: contextFor(enschede), params: params(enschede, { deliveryId: badId }) } as never)) as Response;
    expect(await csv.text()).toContain("2;Aantal;Geen geheel getal.");
  });

  it("keeps the fields and names the problem: no file, a wrong period, a file over the cap", async () => {
    const run = async (fields: Record<string, string>, file?: { name: string; content: string }) => {
      const res = (await uploadAction({ request: uploadRequest(enschede, fields, file), context: contextFor(enschede), params: params(enschede) } as never)) as unknown as { data: { result: { initialValue: Record<string, string>; error: Record<string, string[]> } }; init: { status: number } };
      return res;
    };
    const noFile = await run({ target: `${glo.agreementId}/meldingen`, period: "2025-Q1" });
    expect(noFile.init.status).toBe(400);
    expect(noFile.data.result.error).toEqual({ file: ["deliveries.form.errors.fileRequired"] });
    expect(noFile.data.result.initialValue).toMatchObject({ period: "2025-Q1" });
    const wrongPeriod = await run({ target: `${glo.agreementId}/meldingen`, period: "2025" }, { name: "m.csv", content: GOOD });
    expect(wrongPeriod.data.result.error).toEqual({ period: ["deliveries.form.errors.periodNotQuarter"] });
    process.env.DELIVERY_MAX_BYTES = "20";
    try {
      const tooLarge = await run({ target: `${glo.agreementId}/meldingen`, period: "2025-Q1" }, { name: "m.csv", content: GOOD });
      expect(tooLarge.data.result.error.file![0]).toMatch(/groter dan/);
      expect(tooLarge.data.result.initialValue).toMatchObject({ period: "2025-Q1", target: `${glo.agreementId}/meldingen` });
    } finally {
      delete process.env.DELIVERY_MAX_BYTES;
    }
  });
});

describe("another municipality", () => {
  it("cannot read Enschede's deliveries by URL, nor see them in its list, nor upload to its agreement", async () => {
    const [d] = await db().select({ id: delivery.id }).from(delivery).where(eq(delivery.municipalityId, enschede.municipalityId)).limit(1);
    const req = new Request("http://localhost/");
    expect(await status(reportLoader({ request: req, context: contextFor(hengelo), params: params(hengelo, { deliveryId: d!.id }) } as never))).toBe(404);
    expect(await status(errorsCsvLoader({ request: req, context: contextFor(hengelo), params: params(hengelo, { deliveryId: d!.id }) } as never))).toBe(404);
    // Enschede's code in the URL with a Hengelo member: not a member there, so 404.
    expect(await status(reportLoader({ request: req, context: contextFor(hengelo), params: params(enschede, { deliveryId: d!.id }) } as never))).toBe(404);
    const list = await listLoader({ request: new Request("http://localhost/g/GM0164/leveringen"), context: contextFor(hengelo), params: params(hengelo) } as never);
    expect(list.list.items).toEqual([]);
    expect(list.choices).toEqual([]);
    const res = (await uploadAction({ request: uploadRequest(hengelo, { target: `${glo.agreementId}/meldingen`, period: "2025-Q1" }, { name: "m.csv", content: GOOD }), context: contextFor(hengelo), params: params(hengelo) } as never)) as unknown as { data: { result: { error: Record<string, string[]> } } };
    expect(res.data.result.error).toEqual({ target: ["deliveries.form.errors.notActive"] });
  });

  it("a viewer may read but not upload", async () => {
    const viewer = await addTestMember(enschede, "viewer");
    const list = await listLoader({ request: new Request("http://localhost/g/GM0153/leveringen"), context: contextFor(viewer), params: params(viewer) } as never);
    expect(list.mayUpload).toBe(false);
    expect(list.list.items.length).toBeGreaterThan(0);
    expect(await status(uploadAction({ request: uploadRequest(viewer, { target: `${glo.agreementId}/meldingen`, period: "2025-Q1" }, { name: "m.csv", content: GOOD }), context: contextFor(viewer), params: params(viewer) } as never))).toBe(403);
  });
});
