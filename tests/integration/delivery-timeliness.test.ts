// Phase 3 timeliness on a database that outlives its handle (a PGlite data dir in a temp folder, or
// a fresh PostgreSQL database), so a "restart" closes the handle and opens a new one on the same
// data: expected deliveries planned idempotently, reminders before and on the due day and the
// escalation each sent exactly once (twice-run and concurrent runners, restarts), nothing once
// delivered, statuses, data health, the two phase-3 gate checks, and municipality isolation.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { and, eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDatabase, db, useDatabase } from "../../app/db.server";
import type { Member } from "../../app/modules/auth/guards.server";
import { deliveryJobHandlers, DELIVERY_PLAN_DAILY, dailyPlanKey, ensureDailyPlanning, reminderKey } from "../../app/modules/deliveries/delivery-reminders.server";
import { loadKpiDataHealth, loadKpiDeliveryInfo, loadDataHealthRollup } from "../../app/modules/deliveries/data-health.server";
import { markExpectationFulfilled, planAllExpectations, planExpectations } from "../../app/modules/deliveries/expectations.server";
import { AGREEMENTS_ALL_KPIS_FED, DELIVERIES_FIRST_ON_TIME, phaseThreeGateCounts } from "../../app/modules/deliveries/gate-checks.server";
import { loadPhaseThreeSummary } from "../../app/modules/deliveries/timeliness.server";
import { amsterdamDay, amsterdamTime, addCalendarDays } from "../../app/modules/deliveries/working-days";
import { loadDashboard } from "../../app/modules/kpis/dashboard.server";
import { periodOf } from "../../app/modules/kpis/periods";
import { COMPUTED_CHECKS } from "../../app/modules/programme/gate-templates";
import { loader as phaseLoader } from "../../app/routes/municipality/phase";
import { loader as kpiLoader } from "../../app/routes/municipality/kpi";
import { createDb, migrateDb, type DbHandle } from "../../db/client";
import { auditEvent, department, departmentOwner, deliveryExpectation, externalSource, job, notification, outbox } from "../../db/schema/index";
import { runDueJobs } from "../../workflows/scheduler";
import { contextFor } from "./support/context";
import { createMunicipalityWithLead } from "./support/factories";
import { addTestMember, createTestKpi } from "./support/kpi-factories";
import { createTestAgreement, createTestDelivery, type TestAgreement } from "./support/timeliness-factories";

const serverUrl = process.env.TEST_DATABASE_URL;
let open: () => Promise<DbHandle>;
let dispose: () => Promise<void>;

beforeAll(async () => {
  if (serverUrl) {
    const name = `koers_timeliness_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    open = () => createDb({ url: url.toString() });
    dispose = async () => {
      const dropper = new pg.Client({ connectionString: serverUrl });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    };
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "koers-timeliness-"));
    open = () => createDb({ dataDir: path.join(dir, "pglite") });
    dispose = async () => fs.rmSync(dir, { recursive: true, force: true });
  }
  const first = await open();
  await migrateDb(first);
  useDatabase(first);
}, 120_000);

afterAll(async () => {
  await closeDatabase();
  await dispose();
});

async function restart(): Promise<DbHandle> {
  await closeDatabase();
  const next = await open();
  useDatabase(next);
  return next;
}

/** The planning moment of these tests: 10 May 2026, noon in Amsterdam. */
const NOW = new Date("2026-05-10T10:00:00Z");
const SUPPLIER = "meldpunt@politie.test";

const mails = (template: string) => db().select().from(outbox).where(eq(outbox.template, template));
const notificationsOf = (userId: string, kind: string) => db().select().from(notification).where(and(eq(notification.userId, userId), eq(notification.kind, kind)));
const auditOf = (action: string) => db().select().from(auditEvent).where(eq(auditEvent.action, action));
const expectationOf = async (agreementId: string, period: string) =>
  (await db().select().from(deliveryExpectation).where(and(eq(deliveryExpectation.agreementId, agreementId), eq(deliveryExpectation.period, period))))[0]!;

/** Runs the due jobs at `at`, as two workers at once (two handles on PostgreSQL, one on PGlite), and once more. */
async function runJobsTwice(handle: DbHandle, at: Date): Promise<number> {
  const second = serverUrl ? await open() : handle;
  try {
    const reports = await Promise.all([runDueJobs(handle.db, deliveryJobHandlers, at), runDueJobs(second.db, deliveryJobHandlers, at)]);
    const again = await runDueJobs(handle.db, deliveryJobHandlers, at);
    return reports.reduce((n, r) => n + r.done, 0) + again.done;
  } finally {
    if (second !== handle) await second.close();
  }
}

let lead: Member;
let owner: Member;
let handle: DbHandle;
let ag1: TestAgreement; // department, active
let ag2: TestAgreement; // external source, active
let ag3: TestAgreement; // department, in review
const kpis: Record<string, string> = {};

describe("expected deliveries", () => {
  it("are planned per dataset and period of the versions in force, idempotently", async () => {
    lead = await createMunicipalityWithLead("GM0363", "Amsterdam", "lead@amsterdam.test");
    owner = await addTestMember(lead, "department_owner", "eigenaar@amsterdam.test");
    const departmentId = crypto.randomUUID();
    const sourceId = crypto.randomUUID();
    await db().insert(department).values({ id: departmentId, municipalityId: lead.municipalityId, name: "Stadsbeheer" });
    await db().insert(departmentOwner).values({ departmentId, userId: owner.userId });
    await db().insert(externalSource).values({ id: sourceId, municipalityId: lead.municipalityId, name: "Politie" });
    for (const k of ["k1", "k2", "k3", "k4", "k5"]) kpis[k] = (await createTestKpi(lead, { name: `KPI ${k}`, sourceDepartmentId: departmentId })).id;

    const common = { municipalityId: lead.municipalityId, startDate: "2026-01-01", activatedAt: new Date("2026-03-01T09:00:00Z") };
    ag1 = await createTestAgreement(db(), {
      ...common,
      departmentId,
      reference: "GLO-2026-001",
      status: "active",
      title: "Meldingen openbare ruimte",
      datasets: [{ key: "meldingen", name: "Meldingen per wijk", fields: [{ name: "wijk", type: "text" }, { name: "aantal", kpiId: kpis.k1 }] }],
    });
    ag2 = await createTestAgreement(db(), {
      ...common,
      externalSourceId: sourceId,
      reference: "GLO-2026-002",
      status: "active",
      terms: { contacts: [{ role: "supplier", name: "Meldpunt Politie", email: SUPPLIER }] },
      datasets: [{ key: "incidenten", name: "Incidenten", fields: [{ name: "aantal", kpiId: kpis.k2 }] }],
    });
    ag3 = await createTestAgreement(db(), {
      ...common,
      departmentId,
      reference: "GLO-2026-003",
      status: "in_review",
      datasets: [{ key: "afval", name: "Afval", fields: [{ name: "kilo", kpiId: kpis.k3 }] }],
    });

    // Q1 (due 15 April: ten working days after 31 March, Easter Monday skipped) and the current Q2.
    const first = await db().transaction((tx) => planExpectations(tx, ag1.agreementId, NOW));
    expect(first).toEqual({ created: 2, jobs: 6 });
    expect(await db().transaction((tx) => planExpectations(tx, ag1.agreementId, NOW))).toEqual({ created: 0, jobs: 0 });
    expect(await db().transaction((tx) => planAllExpectations(tx, NOW))).toEqual({ created: 2, jobs: 6 });
    expect(await db().transaction((tx) => planAllExpectations(tx, NOW))).toEqual({ created: 0, jobs: 0 });

    const rows = await db().select().from(deliveryExpectation).where(eq(deliveryExpectation.agreementId, ag1.agreementId));
    expect(rows.map((r) => [r.period, r.dueOn]).sort()).toEqual([
      ["2026-Q1", "2026-04-15"],
      ["2026-Q2", "2026-07-14"],
    ]);
    // The agreement in review expects nothing yet.
    expect(await db().select().from(deliveryExpectation).where(eq(deliveryExpectation.agreementId, ag3.agreementId))).toEqual([]);
    expect((await auditOf("delivery.expectations_planned")).map((e) => e.objectId).sort()).toEqual([ag1.agreementId, ag2.agreementId].sort());
    const q1 = await expectationOf(ag1.agreementId, "2026-Q1");
    const [before] = await db().select().from(job).where(eq(job.dedupeKey, reminderKey(q1.id, "before")));
    expect(before!.runAt.toISOString()).toBe("2026-04-08T06:00:00.000Z"); // 08:00 in Amsterdam, five working days before
  });
});

describe("reminders and escalation", () => {
  it("sends the reminder before the deadline once, to the department's owners or the source's supplier and the leads", async () => {
    handle = await restart();
    // A rejected attempt does not count as delivered: the reminder still goes.
    await createTestDelivery(db(), { municipalityId: lead.municipalityId, agreement: ag1, datasetKey: "meldingen", period: "2026-Q1", periodStart: "2026-01-01", status: "rejected", receivedAt: new Date("2026-04-07T10:00:00Z") });
    expect(await runJobsTwice(handle, new Date("2026-04-08T05:59:59Z"))).toBe(0);
    expect(await runJobsTwice(handle, new Date("2026-04-08T06:00:00Z"))).toBe(2);

    const sent = await mails("delivery-reminder");
    expect(sent.map((m) => m.toAddress).sort()).toEqual([owner.email, lead.email, SUPPLIER].sort());
    const toOwner = sent.find((m) => m.toAddress === owner.email)!;
    expect(toOwner.subject).toBe("Herinnering: levering “Meldingen per wijk” over 2026-Q1 uiterlijk 15 april 2026");
    expect(toOwner.text).toContain(`/g/${lead.cbsCode}/overeenkomsten/${ag1.agreementId}`);
    expect(await notificationsOf(owner.userId, "delivery.reminder")).toHaveLength(1);
    expect(await notificationsOf(lead.userId, "delivery.reminder")).toHaveLength(1); // for the external source
    expect(await auditOf("delivery.reminder_sent")).toHaveLength(2);
    expect((await expectationOf(ag1.agreementId, "2026-Q1")).remindedBeforeAt).not.toBeNull();
  });

  it("sends nothing on the due day for a delivery that came in, and the due-day reminder once for the other, across a restart", async () => {
    // The source delivers Q1 on 14 April; nobody calls markExpectationFulfilled: the job reads the delivery itself.
    await createTestDelivery(db(), { municipalityId: lead.municipalityId, agreement: ag2, datasetKey: "incidenten", period: "2026-Q1", periodStart: "2026-01-01", status: "accepted", receivedAt: new Date("2026-04-14T09:00:00Z") });
    handle = await restart();
    expect(await runJobsTwice(handle, new Date("2026-04-15T06:00:00Z"))).toBe(2);
    handle = await restart();
    expect(await runJobsTwice(handle, new Date("2026-04-15T12:00:00Z"))).toBe(0);

    const due = await mails("delivery-due");
    expect(due.map((m) => m.toAddress)).toEqual([owner.email]);
    const q1source = await expectationOf(ag2.agreementId, "2026-Q1");
    expect(q1source.remindedOnDueAt).toBeNull();
    expect(q1source.fulfilledAt?.toISOString()).toBe("2026-04-14T09:00:00.000Z");
    expect((await expectationOf(ag1.agreementId, "2026-Q1")).remindedOnDueAt).not.toBeNull();
    expect(await auditOf("delivery.due_reminder_sent")).toHaveLength(1);
  });

  it("escalates a still-missing delivery to the programme lead once, also when the runners run twice and restart", async () => {
    expect(await runJobsTwice(handle, new Date("2026-04-22T06:00:00Z"))).toBe(2);
    handle = await restart();
    expect(await runJobsTwice(handle, new Date("2026-04-23T06:00:00Z"))).toBe(0);

    const escalations = await mails("delivery-escalation");
    expect(escalations.map((m) => m.toAddress)).toEqual([lead.email]);
    expect(escalations[0]!.text).toContain(`/g/${lead.cbsCode}/fase/3`);
    expect(await notificationsOf(lead.userId, "delivery.escalated")).toHaveLength(1);
    expect(await notificationsOf(owner.userId, "delivery.escalated")).toHaveLength(0);
    const [event] = await auditOf("delivery.escalated");
    expect(event).toMatchObject({ municipalityId: lead.municipalityId, objectType: "delivery_expectation", actorLabel: "Koers" });
    expect((await expectationOf(ag2.agreementId, "2026-Q1")).escalatedAt).toBeNull();
    // Totals after everything: one of each per expectation and recipient, nothing doubled.
    expect(await mails("delivery-reminder")).toHaveLength(3);
    expect(await mails("delivery-due")).toHaveLength(1);
  });
});

describe("statuses, data health and the gate", () => {
  it("shows per department and source what is on time, rejected, late and open", async () => {
    let summary = await loadPhaseThreeSummary(lead, NOW);
    const dept = () => summary.parties.find((p) => p.name === "Stadsbeheer")!;
    const source = () => summary.parties.find((p) => p.name === "Politie")!;
    expect(dept().agreements.map((a) => [a.reference, a.status])).toEqual([
      ["GLO-2026-001", "active"],
      ["GLO-2026-003", "in_review"],
    ]);
    expect(dept().counts).toMatchObject({ rejected: 1, open: 1, late: 0, missing: 0, on_time: 0 });
    expect(source().counts).toMatchObject({ on_time: 1, open: 1 });
    expect(dept().problems.map((p) => [p.reference, p.dataset, p.period, p.status])).toEqual([["GLO-2026-001", "Meldingen per wijk", "2026-Q1", "rejected"]]);
    expect(summary.agreementsByStatus).toEqual({ active: 2, in_review: 1 });

    // Q1 comes in a week after its deadline: late.
    const late = await createTestDelivery(db(), { municipalityId: lead.municipalityId, agreement: ag1, datasetKey: "meldingen", period: "2026-Q1", periodStart: "2026-01-01", status: "accepted", receivedAt: new Date("2026-04-23T08:00:00Z") });
    expect(await db().transaction((tx) => markExpectationFulfilled(tx, late))).toBe(true);
    expect(await db().transaction((tx) => markExpectationFulfilled(tx, late))).toBe(false);
    expect((await expectationOf(ag1.agreementId, "2026-Q1")).fulfilledByDeliveryId).toBe(late.id);
    summary = await loadPhaseThreeSummary(lead, NOW);
    expect(dept().counts).toMatchObject({ late: 1, open: 1, rejected: 0 });
    expect(dept().problems.map((p) => [p.period, p.status, p.fulfilledAt])).toEqual([["2026-Q1", "late", "2026-04-23T08:00:00.000Z"]]);
    // On 15 July, Q2 (due 14 July) is missing.
    summary = await loadPhaseThreeSummary(lead, new Date("2026-07-15T10:00:00Z"));
    expect(dept().counts).toMatchObject({ late: 1, missing: 1 });
  });

  it("gives every KPI its data health, on the dashboard, the KPI page and the overview", async () => {
    await createTestAgreement(db(), {
      municipalityId: lead.municipalityId,
      departmentId: (await db().select().from(department).where(eq(department.name, "Stadsbeheer")))[0]!.id,
      reference: "GLO-2025-009",
      status: "active",
      startDate: "2025-01-01",
      endDate: "2026-03-31",
      datasets: [{ key: "oud", name: "Oude telling", fields: [{ name: "n", kpiId: kpis.k5 }] }],
    });
    const health = await loadKpiDataHealth(db(), lead.municipalityId, Object.values(kpis), NOW);
    expect(Object.fromEntries(Object.entries(kpis).map(([k, id]) => [k, health.get(id)]))).toEqual({ k1: "late", k2: "on_time", k3: "unsigned", k4: "no_agreement", k5: "ended" });
    // In July, both active agreements' latest due period (Q2) is missing.
    const july = await loadKpiDataHealth(db(), lead.municipalityId, [kpis.k1!, kpis.k2!], new Date("2026-07-15T10:00:00Z"));
    expect([...july.values()]).toEqual(["missing", "missing"]);

    const dashboard = await loadDashboard(lead, {}, { now: NOW });
    expect(dashboard.kpis.find((k) => k.id === kpis.k1)!.health).toBe("late");
    const info = await loadKpiDeliveryInfo(lead, kpis.k1!, NOW);
    expect(info.lastDelivery).toMatchObject({ period: "2026-Q1", reference: "GLO-2026-001", party: "Stadsbeheer", agreementId: ag1.agreementId, receivedAt: "2026-04-23T08:00:00.000Z" });
    expect(info.agreements.map((a) => [a.reference, a.status])).toEqual([["GLO-2026-001", "active"]]);
    const rollup = await loadDataHealthRollup(lead, NOW);
    expect(rollup.total).toBe(5);
    expect(rollup.counts).toMatchObject({ late: 1, on_time: 1, unsigned: 1, no_agreement: 1, ended: 1, missing: 0 });
  });

  it("computes the two phase-3 gate criteria from the agreements and first deliveries", async () => {
    expect(await phaseThreeGateCounts(db(), lead.municipalityId, NOW)).toEqual({ kpis: 5, fedKpis: 2, datasets: 2, firstOnTime: 1 });
    expect(await COMPUTED_CHECKS[AGREEMENTS_ALL_KPIS_FED]!(lead.municipalityId, db())).toBe(false);
    expect(await COMPUTED_CHECKS[DELIVERIES_FIRST_ON_TIME]!(lead.municipalityId, db())).toBe(false);

    // Another municipality where every KPI is fed and the first delivery came in on time.
    const other = await createMunicipalityWithLead("GM0599", "Rotterdam", "lead@rotterdam.test");
    const k = await createTestKpi(other, { name: "Afvalscheiding" });
    const departmentId = crypto.randomUUID();
    await db().insert(department).values({ id: departmentId, municipalityId: other.municipalityId, name: "Afval" });
    const ag = await createTestAgreement(db(), {
      municipalityId: other.municipalityId,
      departmentId,
      reference: "GLO-2026-001",
      status: "active",
      startDate: "2026-01-01",
      activatedAt: new Date("2026-02-01T09:00:00Z"),
      datasets: [{ key: "afval", name: "Afval", fields: [{ name: "kilo", kpiId: k.id }] }],
    });
    await createTestDelivery(db(), { municipalityId: other.municipalityId, agreement: ag, datasetKey: "afval", period: "2026-Q1", periodStart: "2026-01-01", status: "accepted", receivedAt: new Date("2026-04-15T20:00:00Z") });
    await db().transaction((tx) => planExpectations(tx, ag.agreementId, NOW));
    expect(await phaseThreeGateCounts(db(), other.municipalityId, NOW)).toEqual({ kpis: 1, fedKpis: 1, datasets: 1, firstOnTime: 1 });
    expect(await COMPUTED_CHECKS[AGREEMENTS_ALL_KPIS_FED]!(other.municipalityId, db())).toBe(true);
    expect(await COMPUTED_CHECKS[DELIVERIES_FIRST_ON_TIME]!(other.municipalityId, db())).toBe(true);
    // A delivery at 22:00 Dutch summer time on the due day is still on time; the next day's would not be.
    expect((await loadPhaseThreeSummary(other, NOW)).parties.find((p) => p.name === "Afval")!.counts.on_time).toBe(1);

    // Isolation: Rotterdam sees none of Amsterdam's agreements, deliveries or KPI data.
    const summary = await loadPhaseThreeSummary(other, NOW);
    expect(summary.parties.map((p) => p.name)).toContain("Afval");
    expect(summary.agreementsByStatus).toEqual({ active: 1 });
    for (const leaked of ["Stadsbeheer", "Politie", "Meldingen", "GLO-2026-002", ag1.agreementId]) expect(JSON.stringify(summary)).not.toContain(leaked);
    const foreign = await loadKpiDeliveryInfo(other, kpis.k1!, NOW);
    expect(foreign).toEqual({ health: "no_agreement", lastDelivery: null, agreements: [] });
    const phaseThrown = await phaseLoader({ request: new Request(`http://localhost/g/${lead.cbsCode}/fase/3`), context: contextFor(other), params: { code: lead.cbsCode, phase: "3" } }).catch((r: unknown) => r);
    expect(phaseThrown).toBeInstanceOf(Response);
    expect((phaseThrown as Response).status).toBe(404);
    const kpiThrown = await kpiLoader({ request: new Request(`http://localhost/g/${other.cbsCode}/kpis/${kpis.k1}`), context: contextFor(other), params: { code: other.cbsCode, kpiId: kpis.k1 } }).catch((r: unknown) => r);
    expect((kpiThrown as Response).status).toBe(404);
    // Amsterdam's own phase page lists its departments through the route.
    const own = await phaseLoader({ request: new Request(`http://localhost/g/${lead.cbsCode}/fase/3`), context: contextFor(lead), params: { code: lead.cbsCode, phase: "3" } });
    expect(own.deliveries!.parties.map((p) => p.name)).toEqual(expect.arrayContaining(["Stadsbeheer", "Politie"]));
    expect(own.deliveries!.parties.map((p) => p.name)).not.toContain("Afval");
  });
});

describe("the daily planning job", () => {
  it("plans new periods as time passes, books the next day once, and survives a restart", async () => {
    const today = amsterdamDay(new Date());
    expect((await ensureDailyPlanning(db())).created).toBe(true);
    expect((await ensureDailyPlanning(db())).created).toBe(false);
    handle = await restart();
    // Today's run is booked for 06:00 in Amsterdam; run it no earlier than that.
    const at = new Date(Math.max(Date.now(), amsterdamTime(today, 6).getTime()));
    expect((await runDueJobs(handle.db, { [DELIVERY_PLAN_DAILY]: deliveryJobHandlers[DELIVERY_PLAN_DAILY]! }, at)).done).toBe(1);
    const [done] = await db().select().from(job).where(eq(job.dedupeKey, dailyPlanKey(today)));
    expect(done!.status).toBe("done");
    const [next] = await db().select().from(job).where(eq(job.dedupeKey, dailyPlanKey(addCalendarDays(today, 1))));
    expect(next).toMatchObject({ kind: DELIVERY_PLAN_DAILY, status: "pending" });
    const current = periodOf("quarter", new Date(`${today}T00:00:00Z`)).label;
    expect((await expectationOf(ag1.agreementId, current)).dueOn > today).toBe(true);
    expect(await db().select().from(job).where(like(job.dedupeKey, "delivery-plan:%"))).toHaveLength(2);
  });
});
