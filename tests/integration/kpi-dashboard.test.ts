// The KPI dashboard's data: every current KPI with its latest value, the target of that value's
// year, the traffic light, the incomplete flag and its last twelve values; the focus-area filter;
// retired KPIs absent; the summary; tenant isolation; and the KPI page data (forecast, year on
// year, provenance, definition summary). Plus a load check: 100 KPIs × 10 years of months.
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../app/db.server";
import type { Member } from "../../app/modules/auth/guards.server";
import { loadDashboard } from "../../app/modules/kpis/dashboard.server";
import { loadKpiPage } from "../../app/modules/kpis/kpi-page.server";
import { currentPeriod } from "../../app/modules/kpis/measurements.server";
import { shiftPeriod } from "../../app/modules/kpis/periods";
import { kpi, kpiInfluence, successFactor } from "../../db/schema/index";
import { useTestDatabase } from "./support/db";
import { createMunicipalityWithLead, createVerifiedUser } from "./support/factories";
import { addTestMember, createTestKpi, series, type TestKpi } from "./support/kpi-factories";
import { addFocusArea } from "./support/strategy";

useTestDatabase();

let enschede: Member;
let hengelo: Member;
const year = new Date().getUTCFullYear();
const q = (steps: number) => shiftPeriod(currentPeriod("quarter"), steps);

let green: TestKpi;
let red: TestKpi;
let noData: TestKpi;
let incomplete: TestKpi;
let retired: TestKpi;
let otherArea: { areaId: string; factorId: string | null };

beforeAll(async () => {
  enschede = await createMunicipalityWithLead("GM0153", "Enschede", "fenna@enschede.test");
  hengelo = await createMunicipalityWithLead("GM0164", "Hengelo", "lead@hengelo.test");
  const area = await addFocusArea(enschede, { name: "De bereikbare stad" });
  otherArea = await addFocusArea(enschede, { name: "De veilige stad" });
  // Last year's value against last year's target; this year's target is stricter.
  green = await createTestKpi(enschede, {
    name: "Tevredenheid wegen",
    templateCode: "KRS-BER-03",
    position: 1,
    successFactorIds: [area.factorId!],
    targets: [
      { year: year - 1, target: 7, greenFrom: 6.5, amberFrom: 6 },
      { year, target: 8, greenFrom: 7.5, amberFrom: 7 },
    ],
    measurements: series("quarter", { year: year - 1, index: 4 }, 14, (i) => 5 + i * 0.1),
  });
  red = await createTestKpi(enschede, {
    name: "Parkeerdruk",
    direction: "lower_is_better",
    unitKind: "percent",
    position: 2,
    successFactorIds: [otherArea.factorId!],
    targets: [{ year: q(-1).year, target: 80, greenFrom: 85, amberFrom: 90 }],
    measurements: [{ period: q(-1).label, value: 93 }],
  });
  noData = await createTestKpi(enschede, { name: "Zonder metingen", position: 3, successFactorIds: [area.factorId!] });
  incomplete = await createTestKpi(enschede, { name: "Half gedefinieerd", position: 4, formula: null, ownerUserId: null, targets: [], successFactorIds: [] });
  retired = await createTestKpi(enschede, { name: "Ingetrokken", position: 5, retiredAt: new Date(), successFactorIds: [area.factorId!] });
  await createTestKpi(hengelo, { name: "Van Hengelo" });
});

describe("loadDashboard", () => {
  it("shows every current KPI in order, retired ones absent, another municipality's never", async () => {
    const d = await loadDashboard(enschede);
    expect(d.kpis.map((k) => k.name)).toEqual(["Tevredenheid wegen", "Parkeerdruk", "Zonder metingen", "Half gedefinieerd"]);
    expect(d.kpis.map((k) => k.id)).not.toContain(retired.id);
    expect((await loadDashboard(hengelo)).kpis.map((k) => k.name)).toEqual(["Van Hengelo"]);
  });

  it("gives the latest value, the target of its year and the traffic light, with the last twelve values", async () => {
    const d = await loadDashboard(enschede);
    const k = d.kpis.find((x) => x.id === green.id)!;
    expect(k.templateCode).toBe("KRS-BER-03");
    expect(k.latest).toMatchObject({ period: `${year - 1}-Q4`, year: year - 1, value: expect.closeTo(6.3, 10) });
    expect(k.target).toEqual({ year: year - 1, target: 7, greenFrom: 6.5, amberFrom: 6 });
    expect(k.light).toBe("amber");
    expect(k.recent).toHaveLength(12);
    expect(k.recent[0]!.period).toBe(`${year - 3}-Q1`);
    expect(k.recent.at(-1)!.period).toBe(`${year - 1}-Q4`);
    expect(k.missing).toEqual([]);
    expect(k.focusAreas.map((a) => a.name)).toEqual(["De bereikbare stad"]);
    const r = d.kpis.find((x) => x.id === red.id)!;
    expect(r.light).toBe("red");
    expect(r.latest!.value).toBe(93);
  });

  it("marks KPIs without data and incomplete ones, and counts them in the summary", async () => {
    const d = await loadDashboard(enschede);
    const none = d.kpis.find((x) => x.id === noData.id)!;
    expect(none).toMatchObject({ latest: null, light: null, recent: [], missing: [] });
    expect(none.target).toMatchObject({ year });
    expect(d.kpis.find((x) => x.id === incomplete.id)!.missing).toEqual(["formula", "target", "owner", "successFactor"]);
    expect(d.summary).toEqual({ total: 4, green: 0, amber: 1, red: 1, noColour: 0, noData: 2, incomplete: 1 });
  });

  it("filters by focus area through success factor and goal, and offers the areas that have KPIs", async () => {
    const all = await loadDashboard(enschede);
    expect(all.focusAreas.map((a) => a.name).sort()).toEqual(["De bereikbare stad", "De veilige stad"]);
    const safe = await loadDashboard(enschede, { focusAreaId: otherArea.areaId });
    expect(safe.filter.focusAreaId).toBe(otherArea.areaId);
    expect(safe.kpis.map((k) => k.name)).toEqual(["Parkeerdruk"]);
    expect(safe.summary.total).toBe(1);
    // Another municipality's area id filters nothing: the whole dashboard, filter ignored.
    const foreign = await addFocusArea(hengelo);
    const ignored = await loadDashboard(enschede, { focusAreaId: foreign.areaId });
    expect(ignored.filter.focusAreaId).toBeNull();
    expect(ignored.kpis).toHaveLength(4);
  });

  it("drops a retired success factor from the filter and the completeness count", async () => {
    const area = await addFocusArea(enschede, { name: "Tijdelijk gebied" });
    const k = await createTestKpi(enschede, { name: "Tijdelijk", position: 6, successFactorIds: [area.factorId!] });
    expect((await loadDashboard(enschede, { focusAreaId: area.areaId })).kpis.map((x) => x.id)).toEqual([k.id]);
    await db().update(successFactor).set({ retiredAt: new Date() }).where(eq(successFactor.id, area.factorId!));
    const d = await loadDashboard(enschede);
    expect(d.kpis.find((x) => x.id === k.id)!.missing).toEqual(["successFactor"]);
    expect(d.focusAreas.map((a) => a.id)).not.toContain(area.areaId);
    await db().delete(kpi).where(eq(kpi.id, k.id));
  });

  it("counts an owner who is no longer a member as no owner, as the phase-2 gate does", async () => {
    const former = await createVerifiedUser(`former-${crypto.randomUUID().slice(0, 6)}@enschede.test`);
    const orphan = await createTestKpi(enschede, { name: "KPI van een vertrokken collega", ownerUserId: former.id });
    const card = (await loadDashboard(enschede)).kpis.find((k) => k.id === orphan.id)!;
    expect(card.missing).toEqual(["owner"]);
    await db().update(kpi).set({ retiredAt: new Date() }).where(eq(kpi.id, orphan.id));
  });

  it("is readable by every member, viewers included", async () => {
    const viewer = await addTestMember(enschede, "viewer");
    expect((await loadDashboard(viewer)).kpis).toHaveLength(4);
  });
});

describe("loadKpiPage", () => {
  it("gives the definition summary, provenance, forecast and year on year", async () => {
    await db().insert(kpiInfluence).values({ fromKpiId: red.id, toKpiId: green.id, municipalityId: enschede.municipalityId });
    const page = (await loadKpiPage(enschede, green.id))!;
    expect(page.kpi).toMatchObject({ name: "Tevredenheid wegen", templateCode: "KRS-BER-03", templateName: "Tevredenheid onderhoud wegen en fietspaden", frequency: "quarter", ownerName: "fenna", sourceKind: "department" });
    expect(page.factors).toEqual([expect.objectContaining({ title: "Buurtpreventie actief in elke wijk", goalTitle: "Minder woninginbraken", areaName: "De bereikbare stad" })]);
    expect(page.influences).toEqual({ drives: [], drivenBy: [{ id: red.id, name: "Parkeerdruk" }] });
    expect(page.measurements).toHaveLength(14);
    expect(page.measurements[0]).toMatchObject({ period: `${year - 1}-Q4`, source: "manual", enteredByName: "fenna", reason: "Test" });
    expect(page.light).toBe("amber");
    // 12 quarters in the three-year window on an exact line: the forecast continues it.
    expect(page.forecast!.n).toBe(12);
    expect(page.forecast!.points.map((p) => p.period.label)).toEqual([`${year}-Q1`, `${year}-Q2`, `${year}-Q3`]);
    expect(page.forecast!.points[0]!.value).toBeCloseTo(6.4, 8);
    expect(page.yearOnYear.map((r) => [r.period.label, r.previous !== null])).toEqual([
      [`${year - 1}-Q1`, true],
      [`${year - 1}-Q2`, true],
      [`${year - 1}-Q3`, true],
      [`${year - 1}-Q4`, true],
    ]);
    expect(page.yearOnYear[0]!.change).toBeCloseTo(0.4, 8);
  });

  it("has no forecast with fewer than four values, and nothing for another municipality", async () => {
    expect((await loadKpiPage(enschede, red.id))!.forecast).toBeNull();
    expect(await loadKpiPage(hengelo, green.id)).toBeNull();
    expect(await loadKpiPage(enschede, "no-such-kpi")).toBeNull();
  });
});

describe("at scale", () => {
  it("loads 100 KPIs with ten years of monthly values in a few queries", async () => {
    const big = await createMunicipalityWithLead("GM0363", "Amsterdam", "lead@amsterdam.test");
    const area = await addFocusArea(big);
    for (let i = 0; i < 100; i++) {
      await createTestKpi(big, {
        name: `KPI ${String(i).padStart(3, "0")}`,
        frequency: "month",
        unitKind: "percent",
        successFactorIds: [area.factorId!],
        sourceDepartmentId: null,
        sourceExternalSourceId: null,
        measurements: series("month", { year: year - 1, index: 12 }, 120, (j) => 50 + ((i + j) % 40)),
      });
    }
    await loadDashboard(big);
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      const d = await loadDashboard(big);
      times.push(performance.now() - t0);
      expect(d.kpis).toHaveLength(100);
      expect(d.kpis.every((k) => k.recent.length === 12)).toBe(true);
    }
    const median = times.sort((a, b) => a - b)[2]!;
    console.log(`loadDashboard, 100 KPIs × 120 months: median ${median.toFixed(1)} ms`);
    expect(median).toBeLessThan(1000);
  }, 120_000);
});
