// Comparing a library KPI with other municipalities: opt-in, reciprocal, anonymised unless named,
// and a municipality that does not share never shows up — not in values, not in counts.
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvent, kpi, measurement } from "../../db/schema/index";
import { db } from "../../app/db.server";
import type { Member } from "../../app/modules/auth/guards.server";
import { acceptInvitation, inviteMember } from "../../app/modules/members/members.server";
import { loadBenchmark, MIN_ANONYMOUS_PEERS, setBenchmarkSharing, summarisePeers } from "../../app/modules/kpis/benchmark.server";
import { createMunicipalityWithLead, createVerifiedUser, memberOf } from "./support/factories";
import { useTestDatabase } from "./support/db";

useTestDatabase();

const TEMPLATE = "KRS-BER-03";

/** A library KPI with quarterly measurements, written straight to the tables. */
async function kpiWithValues(member: Member, values: Record<string, number>, options: { share?: boolean; named?: boolean; templateCode?: string | null } = {}): Promise<string> {
  const id = crypto.randomUUID();
  await db()
    .insert(kpi)
    .values({
      id,
      municipalityId: member.municipalityId,
      templateCode: options.templateCode === undefined ? TEMPLATE : options.templateCode,
      name: options.templateCode === null ? `Eigen KPI ${id.slice(0, 4)}` : `Bibliotheek-KPI ${options.templateCode ?? TEMPLATE}`,
      unit: "Rapportcijfer 1-10",
      unitKind: "grade",
      direction: "higher_is_better",
      frequency: "quarter",
      shareBenchmark: options.share ?? false,
      benchmarkNamed: options.named ?? false,
    });
  for (const [period, value] of Object.entries(values)) {
    const [year, q] = period.split("-Q");
    const month = String((Number(q) - 1) * 3 + 1).padStart(2, "0");
    await db().insert(measurement).values({ id: crypto.randomUUID(), municipalityId: member.municipalityId, kpiId: id, period, periodStart: `${year}-${month}-01`, value, source: "manual", reason: "test" });
  }
  return id;
}

let enschede: Member;
let staff: Member;
let deventer: Member;
let zwolle: Member;
let almelo: Member;
let hengelo: Member;
let oldenzaal: Member;
let ownKpi: string;

beforeAll(async () => {
  enschede = await createMunicipalityWithLead("GM0153", "Enschede", "lead@enschede.test");
  deventer = await createMunicipalityWithLead("GM0150", "Deventer", "lead@deventer.test");
  zwolle = await createMunicipalityWithLead("GM0193", "Zwolle", "lead@zwolle.test");
  almelo = await createMunicipalityWithLead("GM0141", "Almelo", "lead@almelo.test");
  hengelo = await createMunicipalityWithLead("GM0164", "Hengelo", "lead@hengelo.test");
  oldenzaal = await createMunicipalityWithLead("GM0173", "Oldenzaal", "lead@oldenzaal.test");
  const staffUser = await createVerifiedUser("staf@enschede.test", "Sanne Staf");
  const invited = await inviteMember(enschede, { email: staffUser.email, role: "staff" });
  if (!invited.ok) throw new Error(invited.error);
  const accepted = await acceptInvitation({ userId: staffUser.id, name: staffUser.name, email: staffUser.email }, invited.invitationId, "127.0.0.1");
  if (!accepted.ok) throw new Error(accepted.error);
  staff = await memberOf(staffUser.id, "GM0153");

  ownKpi = await kpiWithValues(enschede, { "2026-Q1": 6.4, "2026-Q2": 7.1 });
  // Deventer shares under its name; Zwolle and Almelo share anonymously; Hengelo does not share.
  await kpiWithValues(deventer, { "2026-Q1": 7.5, "2026-Q2": 7.6 }, { share: true, named: true });
  await kpiWithValues(zwolle, { "2026-Q1": 5.9, "2026-Q2": 6.2 }, { share: true });
  await kpiWithValues(almelo, { "2026-Q2": 8.8 }, { share: true });
  await kpiWithValues(hengelo, { "2026-Q1": 9.9, "2026-Q2": 9.9 });
});

describe("benchmark sharing", () => {
  it("only the programme lead opts a library KPI in, and the change is audited", async () => {
    expect(await setBenchmarkSharing(staff, ownKpi, { share: true, named: false })).toEqual({ ok: false, error: "notAllowed" });
    expect(await setBenchmarkSharing(enschede, ownKpi, { share: true, named: false })).toEqual({ ok: true, changed: true });
    expect(await setBenchmarkSharing(enschede, ownKpi, { share: true, named: false })).toEqual({ ok: true, changed: false });
    const events = await db()
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.municipalityId, enschede.municipalityId), eq(auditEvent.action, "kpi.benchmark_changed")));
    expect(events).toHaveLength(1);
    expect(events[0]!.details).toMatchObject({ before: { share: false, named: false }, after: { share: true, named: false } });
  });

  it("refuses a KPI of its own making (no common definition) and another municipality's KPI", async () => {
    const own = await kpiWithValues(enschede, {}, { templateCode: null });
    expect(await setBenchmarkSharing(enschede, own, { share: true, named: true })).toEqual({ ok: false, error: "notFromLibrary" });
    expect(await loadBenchmark(enschede, own)).toEqual({ status: "notFromLibrary" });
    const deventerKpi = await kpiWithValues(deventer, {}, { templateCode: "KRS-VEI-01" });
    expect(await setBenchmarkSharing(enschede, deventerKpi, { share: true, named: true })).toEqual({ ok: false, error: "notFound" });
    expect(await loadBenchmark(enschede, deventerKpi)).toBeNull();
  });

  it("never stores 'named' without sharing", async () => {
    const k = await kpiWithValues(oldenzaal, {}, { templateCode: "KRS-BER-01" });
    await setBenchmarkSharing(oldenzaal, k, { share: true, named: true });
    await setBenchmarkSharing(oldenzaal, k, { share: false, named: true });
    const [row] = await db().select({ share: kpi.shareBenchmark, named: kpi.benchmarkNamed }).from(kpi).where(eq(kpi.id, k));
    expect(row).toEqual({ share: false, named: false });
  });
});

describe("benchmark view", () => {
  it("is reciprocal: a municipality that does not share sees nobody", async () => {
    const hengeloKpi = (await db().select({ id: kpi.id }).from(kpi).where(eq(kpi.municipalityId, hengelo.municipalityId)))[0]!.id;
    expect(await loadBenchmark(hengelo, hengeloKpi)).toEqual({ status: "notShared", settings: { share: false, named: false } });
  });

  it("shows named peers by name, withholds too few anonymous peers, and never reads a non-sharing municipality", async () => {
    await setBenchmarkSharing(enschede, ownKpi, { share: true, named: false });
    const view = await loadBenchmark(enschede, ownKpi);
    expect(view?.status).toBe("shared");
    if (view?.status !== "shared") return;
    const [q1, q2] = view.periods;
    // 2026-Q1: Deventer (named) and Zwolle (anonymous, alone): Zwolle is withheld.
    expect(q1).toMatchObject({ period: "2026-Q1", own: 6.4, peers: [{ name: "Deventer", value: 7.5 }], anonymousWithheld: 1, stats: null });
    // 2026-Q2: Zwolle and Almelo anonymous (2 < 3) withheld; Hengelo (9.9, not sharing) nowhere.
    expect(q2).toMatchObject({ period: "2026-Q2", own: 7.1, peers: [{ name: "Deventer", value: 7.6 }], anonymousWithheld: 2, stats: null });
    const text = JSON.stringify(view);
    expect(text).not.toContain("Hengelo");
    expect(text).not.toContain("9.9");
    expect(text).not.toContain("Zwolle");
    expect(text).not.toContain("Almelo");
  });

  it("shows anonymous values and statistics once there are enough of them, without names", async () => {
    await kpiWithValues(oldenzaal, { "2026-Q2": 6.9 }, { share: true });
    const view = await loadBenchmark(enschede, ownKpi);
    if (view?.status !== "shared") throw new Error("expected a shared view");
    const q2 = view.periods.find((p) => p.period === "2026-Q2")!;
    expect(q2.anonymousWithheld).toBe(0);
    expect(q2.peers).toEqual([
      { name: null, value: 6.2 },
      { name: null, value: 6.9 },
      { name: "Deventer", value: 7.6 },
      { name: null, value: 8.8 },
    ]);
    expect(q2.stats).toEqual({ count: 4, min: 6.2, median: 7.25, max: 8.8 });
    expect(JSON.stringify(view)).not.toMatch(/Zwolle|Almelo|Oldenzaal|Hengelo/);
  });

  it("drops a peer that stops sharing or retires its KPI", async () => {
    const almeloKpi = (await db().select({ id: kpi.id }).from(kpi).where(eq(kpi.municipalityId, almelo.municipalityId)))[0]!.id;
    // Zwolle and Oldenzaal remain, anonymous: too few to show.
    await setBenchmarkSharing(almelo, almeloKpi, { share: false, named: false });
    let view = await loadBenchmark(enschede, ownKpi);
    if (view?.status !== "shared") throw new Error("expected a shared view");
    expect(view.periods[1]!.peers.map((p) => p.value)).toEqual([7.6]);
    expect(view.periods[1]!.anonymousWithheld).toBe(2);
    await db().update(kpi).set({ retiredAt: new Date() }).where(eq(kpi.municipalityId, deventer.municipalityId));
    view = await loadBenchmark(enschede, ownKpi);
    if (view?.status !== "shared") throw new Error("expected a shared view");
    expect(view.periods[1]!.peers).toEqual([]);
  });
});

describe("summarisePeers", () => {
  it("needs at least MIN_ANONYMOUS_PEERS anonymous values before showing any", () => {
    const anon = (value: number) => ({ name: null, named: false, value });
    expect(summarisePeers([anon(1), anon(2)]).peers).toEqual([]);
    const shown = summarisePeers(Array.from({ length: MIN_ANONYMOUS_PEERS }, (_, i) => anon(i + 1)));
    expect(shown.peers).toHaveLength(MIN_ANONYMOUS_PEERS);
    expect(shown.stats).toEqual({ count: 3, min: 1, median: 2, max: 3 });
  });
});
