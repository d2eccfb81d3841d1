// Measurements entered by hand: the period must fit the KPI's frequency and have begun, the value
// must be a number in the unit's range, a reason is required; an existing value is only replaced
// with confirmation; replacing and deleting are audited with the old value; delivery values stay;
// who may measure; and another municipality's KPI behaves as if it did not exist.
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../app/db.server";
import { listAuditEvents, verifyAuditChain } from "../../app/modules/audit/audit.server";
import type { Member } from "../../app/modules/auth/guards.server";
import { loadKpiPage } from "../../app/modules/kpis/kpi-page.server";
import { currentPeriod, deleteMeasurement, periodChoices, recordMeasurement } from "../../app/modules/kpis/measurements.server";
import { shiftPeriod } from "../../app/modules/kpis/periods";
import { auditEvent, measurement } from "../../db/schema/index";
import { useTestDatabase } from "./support/db";
import { createMunicipalityWithLead } from "./support/factories";
import { addMeasurements, addTestMember, createTestKpi, type TestKpi } from "./support/kpi-factories";

useTestDatabase();

let enschede: Member;
let hengelo: Member;

const lastQuarter = () => shiftPeriod(currentPeriod("quarter"), -1).label;
const quarterBefore = () => shiftPeriod(currentPeriod("quarter"), -2).label;

async function counts() {
  const [m] = await db().select({ n: sql<number>`count(*)::int` }).from(measurement);
  const [a] = await db().select({ n: sql<number>`count(*)::int` }).from(auditEvent);
  return { measurements: m!.n, audit: a!.n };
}

async function latestEvent(municipalityId: string) {
  const { events } = await listAuditEvents(db(), municipalityId, { limit: 1 });
  return events[0]!;
}

async function valueOf(kpiId: string, period: string) {
  const [row] = await db().select().from(measurement).where(and(eq(measurement.kpiId, kpiId), eq(measurement.period, period)));
  return row;
}

beforeAll(async () => {
  enschede = await createMunicipalityWithLead("GM0153", "Enschede", "fenna@enschede.test");
  hengelo = await createMunicipalityWithLead("GM0164", "Hengelo", "lead@hengelo.test");
});

describe("recording a value by hand", () => {
  let k: TestKpi;
  beforeAll(async () => {
    k = await createTestKpi(enschede);
  });

  it("records a value with a Dutch decimal comma, and audits it", async () => {
    const outcome = await recordMeasurement(enschede, k.id, { period: lastQuarter(), value: "6,4", reason: "Uitkomst inwonerspanel" });
    expect(outcome).toMatchObject({ ok: true, period: lastQuarter(), value: 6.4, replaced: false });
    const row = await valueOf(k.id, lastQuarter());
    expect(row).toMatchObject({ value: 6.4, source: "manual", reason: "Uitkomst inwonerspanel", enteredByUserId: enschede.userId, municipalityId: enschede.municipalityId });
    const event = await latestEvent(enschede.municipalityId);
    expect(event).toMatchObject({ action: "measurement.recorded", objectType: "measurement", objectId: row!.id, actorUserId: enschede.userId });
    expect(event.details).toMatchObject({ kpiId: k.id, period: lastQuarter(), value: 6.4, reason: "Uitkomst inwonerspanel" });
  });

  it("accepts a dot as decimal separator and a lower-case typed period label", async () => {
    const label = quarterBefore().toLowerCase();
    expect(await recordMeasurement(enschede, k.id, { period: label, value: "7.1", reason: "Panel" })).toMatchObject({ ok: true, period: quarterBefore(), value: 7.1 });
  });

  it("refuses a period that does not fit the frequency, with an error at the field and nothing written", async () => {
    const before = await counts();
    const year = new Date().getUTCFullYear() - 1;
    for (const period of [`${year}-03`, String(year), `${year}-Q5`, "vorig kwartaal"]) {
      expect(await recordMeasurement(enschede, k.id, { period, value: "7", reason: "r" })).toEqual({ ok: false, error: "invalid", fieldErrors: { period: ["kpiDashboard.errors.periodNotQuarter"] } });
    }
    expect(await counts()).toEqual(before);
  });

  it("refuses a period that has not begun (Dutch time)", async () => {
    const next = shiftPeriod(currentPeriod("quarter"), 1).label;
    expect(await recordMeasurement(enschede, k.id, { period: next, value: "7", reason: "r" })).toEqual({ ok: false, error: "invalid", fieldErrors: { period: ["kpiDashboard.errors.periodNotBegun"] } });
    // 31 December 23:30 UTC is already 1 January in Amsterdam: the first quarter has begun there.
    const now = new Date("2030-12-31T23:30:00Z");
    expect(await recordMeasurement(enschede, k.id, { period: "2031-Q1", value: "7", reason: "r" }, { now })).toMatchObject({ ok: true });
    expect(currentPeriod("quarter", now).label).toBe("2031-Q1");
    expect(await recordMeasurement(enschede, k.id, { period: "2031-Q2", value: "7", reason: "r" }, { now })).toMatchObject({ ok: false, error: "invalid" });
  });

  it("refuses a value out of the unit's range, garbage and ambiguous notation", async () => {
    const before = await counts();
    const period = shiftPeriod(currentPeriod("quarter"), -5).label;
    expect(await recordMeasurement(enschede, k.id, { period, value: "11", reason: "r" })).toEqual({ ok: false, error: "invalid", fieldErrors: { value: ["kpiDashboard.errors.rangeGrade"] } });
    expect(await recordMeasurement(enschede, k.id, { period, value: "0,5", reason: "r" })).toEqual({ ok: false, error: "invalid", fieldErrors: { value: ["kpiDashboard.errors.rangeGrade"] } });
    expect(await recordMeasurement(enschede, k.id, { period, value: "12abc", reason: "r" })).toEqual({ ok: false, error: "invalid", fieldErrors: { value: ["kpiDashboard.errors.valueInvalid"] } });
    expect(await recordMeasurement(enschede, k.id, { period, value: "1.234", reason: "r" })).toEqual({ ok: false, error: "invalid", fieldErrors: { value: ["kpiDashboard.errors.valueAmbiguous"] } });
    expect(await counts()).toEqual(before);
  });

  it("requires a reason", async () => {
    const period = shiftPeriod(currentPeriod("quarter"), -6).label;
    expect(await recordMeasurement(enschede, k.id, { period, value: "7", reason: "   " })).toEqual({ ok: false, error: "invalid", fieldErrors: { reason: ["kpiDashboard.errors.reasonRequired"] } });
    expect(await recordMeasurement(enschede, k.id, { period, value: "7" } as never)).toMatchObject({ ok: false, error: "invalid", fieldErrors: { reason: ["kpiDashboard.errors.reasonRequired"] } });
  });

  it("asks for confirmation before replacing a value, says who entered the old one, and audits old and new", async () => {
    const before = await counts();
    const asked = await recordMeasurement(enschede, k.id, { period: lastQuarter(), value: "6,8", reason: "Correctie" });
    expect(asked).toMatchObject({ ok: false, error: "needsConfirmation", existing: { value: 6.4, source: "manual", enteredByName: enschede.userName, reason: "Uitkomst inwonerspanel" } });
    expect(await counts()).toEqual(before);
    expect((await valueOf(k.id, lastQuarter()))!.value).toBe(6.4);

    const replaced = await recordMeasurement(enschede, k.id, { period: lastQuarter(), value: "6,8", reason: "Correctie", confirmReplace: "on" });
    expect(replaced).toMatchObject({ ok: true, replaced: true, previous: 6.4, value: 6.8 });
    expect(await counts()).toEqual({ measurements: before.measurements, audit: before.audit + 1 });
    expect(await valueOf(k.id, lastQuarter())).toMatchObject({ value: 6.8, reason: "Correctie" });
    const event = await latestEvent(enschede.municipalityId);
    expect(event.action).toBe("measurement.replaced");
    expect(event.details).toMatchObject({ period: lastQuarter(), oldValue: 6.4, newValue: 6.8, reason: "Correctie", oldReason: "Uitkomst inwonerspanel" });
  });

  it("deletes a hand-entered value only with a reason, audited with the value it had", async () => {
    const row = (await valueOf(k.id, quarterBefore()))!;
    expect(await deleteMeasurement(enschede, k.id, { measurementId: row.id, reason: "" })).toEqual({ ok: false, error: "invalid", fieldErrors: { reason: ["kpiDashboard.errors.reasonRequired"] } });
    expect(await valueOf(k.id, quarterBefore())).toBeDefined();
    expect(await deleteMeasurement(enschede, k.id, { measurementId: row.id, reason: "Dubbel ingevoerd" })).toMatchObject({ ok: true, period: quarterBefore(), value: 7.1 });
    expect(await valueOf(k.id, quarterBefore())).toBeUndefined();
    const event = await latestEvent(enschede.municipalityId);
    expect(event).toMatchObject({ action: "measurement.deleted", objectId: row.id });
    expect(event.details).toMatchObject({ period: quarterBefore(), value: 7.1, reason: "Dubbel ingevoerd" });
    expect(await deleteMeasurement(enschede, k.id, { measurementId: row.id, reason: "Nog eens" })).toEqual({ ok: false, error: "notFound" });
  });

  it("keeps values from a delivery: not deleted, not replaced by hand", async () => {
    const period = shiftPeriod(currentPeriod("quarter"), -3).label;
    await addMeasurements(enschede, k.id, "quarter", [{ period, value: 7.7, source: "delivery", deliveryId: "levering-42" }]);
    const row = (await valueOf(k.id, period))!;
    const before = await counts();
    expect(await deleteMeasurement(enschede, k.id, { measurementId: row.id, reason: "Weg ermee" })).toMatchObject({ ok: false, error: "fromDelivery", existing: { deliveryId: "levering-42" } });
    expect(await recordMeasurement(enschede, k.id, { period, value: "5", reason: "Anders", confirmReplace: "on" })).toMatchObject({ ok: false, error: "fromDelivery" });
    expect(await counts()).toEqual(before);
    expect((await valueOf(k.id, period))!.value).toBe(7.7);
  });

  it("keeps the audit chain intact", async () => {
    expect((await verifyAuditChain(db())).ok).toBe(true);
  });
});

describe("KPIs that cannot be measured", () => {
  it("says a KPI without frequency needs its definition first", async () => {
    const k = await createTestKpi(enschede, { frequency: null });
    expect(await recordMeasurement(enschede, k.id, { period: lastQuarter(), value: "7", reason: "r" })).toEqual({ ok: false, error: "noFrequency" });
  });

  it("refuses a retired KPI", async () => {
    const k = await createTestKpi(enschede, { retiredAt: new Date() });
    expect(await recordMeasurement(enschede, k.id, { period: lastQuarter(), value: "7", reason: "r" })).toEqual({ ok: false, error: "retired" });
  });

  it("offers the periods of the frequency from ten years back up to the current one", () => {
    const now = new Date("2026-05-10T10:00:00Z");
    const months = periodChoices("month", now);
    expect(months).toHaveLength(121);
    expect(months[0]!.label).toBe("2026-05");
    expect(months.at(-1)!.label).toBe("2016-05");
    expect(periodChoices("quarter", now).map((p) => p.label).slice(0, 3)).toEqual(["2026-Q2", "2026-Q1", "2025-Q4"]);
    expect(periodChoices("year", now)).toHaveLength(11);
  });
});

describe("who may measure", () => {
  let k: TestKpi;
  beforeAll(async () => {
    k = await createTestKpi(enschede);
  });

  it("lets staff and department owners record values", async () => {
    const staff = await addTestMember(enschede, "staff");
    const owner = await addTestMember(enschede, "department_owner");
    expect(await recordMeasurement(staff, k.id, { period: lastQuarter(), value: "7", reason: "Staf" })).toMatchObject({ ok: true });
    expect(await recordMeasurement(owner, k.id, { period: quarterBefore(), value: "7", reason: "Eigenaar" })).toMatchObject({ ok: true });
  });

  it("refuses trainers and viewers (they may read)", async () => {
    const before = await counts();
    const row = (await valueOf(k.id, lastQuarter()))!;
    for (const role of ["trainer", "viewer"] as const) {
      const m = await addTestMember(enschede, role);
      expect(await recordMeasurement(m, k.id, { period: shiftPeriod(currentPeriod("quarter"), -4).label, value: "7", reason: "r" })).toEqual({ ok: false, error: "forbidden" });
      expect(await deleteMeasurement(m, k.id, { measurementId: row.id, reason: "r" })).toEqual({ ok: false, error: "forbidden" });
      expect((await loadKpiPage(m, k.id))?.kpi.id).toBe(k.id);
    }
    expect(await counts()).toEqual(before);
  });
});

describe("another municipality", () => {
  it("cannot read, record or delete on a KPI that is not its own", async () => {
    const k = await createTestKpi(enschede, { measurements: [{ period: lastQuarter(), value: 7.2 }] });
    const row = (await valueOf(k.id, lastQuarter()))!;
    const before = await counts();
    expect(await loadKpiPage(hengelo, k.id)).toBeNull();
    expect(await recordMeasurement(hengelo, k.id, { period: quarterBefore(), value: "7", reason: "r" })).toEqual({ ok: false, error: "notFound" });
    expect(await deleteMeasurement(hengelo, k.id, { measurementId: row.id, reason: "r" })).toEqual({ ok: false, error: "notFound" });
    // Its own KPI with the other's measurement id: still not found.
    const own = await createTestKpi(hengelo);
    expect(await deleteMeasurement(hengelo, own.id, { measurementId: row.id, reason: "r" })).toEqual({ ok: false, error: "notFound" });
    expect(await counts()).toEqual(before);
    expect((await valueOf(k.id, lastQuarter()))!.value).toBe(7.2);
  });
});
