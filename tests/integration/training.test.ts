// Training (phase 4) on the real database: topics and role checklists, planning sessions without
// double-booking a trainer, seats and the waiting list under concurrent sign-ups, invitations with
// calendar files, changes and cancellations, logging attendance (checklists, coverage, the gate),
// the trainer's log reminder job, acknowledging the rules of use, tenant isolation and the
// attendance export. Every command gets a fixed `now` far from the real clock, so a command that
// secretly reads the clock gives itself away.
import { and, eq, inArray, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../app/db.server";
import { listAuditEvents } from "../../app/modules/audit/audit.server";
import type { Member } from "../../app/modules/auth/guards.server";
import type { Role } from "../../app/modules/auth/roles";
import { createDepartment, setDepartmentOwners } from "../../app/modules/departments/departments.server";
import { approveDocument, listDocuments, reopenDocument } from "../../app/modules/documents/documents.server";
import { acceptInvitation, inviteMember } from "../../app/modules/members/members.server";
import { loadProgramme } from "../../app/modules/programme/programme.server";
import { attendanceSheets } from "../../app/modules/training/attendance-export.server";
import { logSession } from "../../app/modules/training/attendance.server";
import { checklistOf, loadCoverage, trainingGateChecks } from "../../app/modules/training/coverage.server";
import { DEFAULT_TOPICS } from "../../app/modules/training/default-topics";
import { localToInstant } from "../../app/modules/training/local-time";
import { trainingJobHandlers } from "../../app/modules/training/log-reminder.server";
import { departmentsOfMembers, setMemberDepartment } from "../../app/modules/training/member-departments.server";
import { audienceMembers, cancelRegistration, inviteToSession, signUp } from "../../app/modules/training/registrations.server";
import { acknowledgeRules, rulesStatus } from "../../app/modules/training/rules.server";
import { loadHeaderSummary } from "../../app/modules/layout/header.server";
import { unreadCount } from "../../app/modules/notifications/notifications.server";
import { sessionSchema, type SessionInput } from "../../app/modules/training/schema";
import { getSession, listSessions } from "../../app/modules/training/session-view.server";
import { cancelSession, listTrainers, LOG_REMINDER_DELAY_MS, LOG_REMINDER_JOB, planSession, updateSession } from "../../app/modules/training/sessions.server";
import { coverageTarget, createTopic, ensureDefaultTopicsForAll, listTopics, setCoverageTarget, setTopicArchived, updateTopic } from "../../app/modules/training/topics.server";
import {
  auditEvent,
  job,
  notification,
  outbox,
  rulesAcknowledgement,
  trainingAttendance,
  trainingRegistration,
  trainingSession,
  trainingSessionTopic,
} from "../../db/schema/index";
import { runDueJobs } from "../../workflows/scheduler";
import { useTestDatabase } from "./support/db";
import { createMunicipalityWithLead, createVerifiedUser, memberOf } from "./support/factories";

useTestDatabase();

/** Monday 3 March 2025, 09:00 in Amsterdam: every session below lies after it (and before the real clock). */
const NOW = new Date("2025-03-03T08:00:00Z");
const at = localToInstant;
const hours = (n: number) => n * 3_600_000;

// Amsterdam (A): the main municipality. Utrecht (B): the other tenant. Rotterdam (C): a crowd for sign-ups.
let lead: Member;
let trainer: Member;
let trainer2: Member;
let staff: Member;
let staff2: Member;
let owner: Member;
let viewer: Member;
let leadB: Member;
let trainerB: Member;
let staffB: Member;
let leadC: Member;
let trainerC: Member;
let crowd: Member[];
let finance: string;
let social: string;
let departmentB: string;
/** A's topics by template key. */
let topicA: Record<string, string>;
let topicB: Record<string, string>;
let topicC: Record<string, string>;

async function addMember(by: Member, email: string, role: Role, name?: string): Promise<Member> {
  const invitee = await createVerifiedUser(email, name);
  const invited = await inviteMember(by, { email, role });
  if (!invited.ok) throw new Error(invited.error);
  const accepted = await acceptInvitation({ userId: invitee.id, name: invitee.name, email: invitee.email }, invited.invitationId, "127.0.0.1");
  if (!accepted.ok) throw new Error(accepted.error);
  return memberOf(invitee.id, by.cbsCode);
}

async function topicsByKey(actor: Member): Promise<Record<string, string>> {
  const topics = await listTopics(actor);
  return Object.fromEntries(DEFAULT_TOPICS.map((d, i) => [d.key, topics[i]!.id]));
}

/** A session as the form sends it, validated by the module's own schema. */
function sessionInput(fields: Partial<Record<keyof SessionInput, unknown>> & { trainerUserId: string; topicIds: string[]; date: string }): SessionInput {
  return sessionSchema.parse({
    title: "Dashboard lezen",
    startTime: "09:00",
    endTime: "11:00",
    capacity: 10,
    roles: [],
    departmentIds: [],
    openForSignUp: true,
    location: "Stadhuis, zaal 2",
    ...fields,
  });
}

async function plan(actor: Member, fields: Parameters<typeof sessionInput>[0], now = NOW): Promise<string> {
  const outcome = await planSession(actor, sessionInput(fields), now);
  if (!outcome.ok) throw new Error(`plan failed: ${outcome.error}`);
  return outcome.sessionId;
}

async function sessionRow(id: string) {
  const [row] = await db().select().from(trainingSession).where(eq(trainingSession.id, id));
  return row!;
}

async function registrations(sessionId: string) {
  return db().select().from(trainingRegistration).where(eq(trainingRegistration.sessionId, sessionId));
}

/** Outbox rows about one session (its link is in the mail's props). */
async function sessionMails(sessionId: string, template?: string) {
  const rows = await db().select().from(outbox).where(sql`${outbox.payload}->>'url' like ${`%${sessionId}%`}`);
  return rows.filter((r) => !template || r.template === template);
}

async function sessionNotifications(sessionId: string, kind?: string) {
  const rows = await db().select().from(notification).where(sql`${notification.payload}->>'sessionId' = ${sessionId}`);
  return rows.filter((r) => !kind || r.kind === kind);
}

async function count(table: typeof outbox | typeof auditEvent | typeof trainingRegistration | typeof trainingAttendance | typeof notification | typeof job): Promise<number> {
  const [row] = await db().select({ n: sql<number>`count(*)::int` }).from(table);
  return row!.n;
}

async function events(actor: Member, action?: string) {
  const { events: all } = await listAuditEvents(db(), actor.municipalityId, { limit: 1000 });
  return action ? all.filter((e) => e.action === action) : all;
}

const decoded = (attachment: { contentBase64: string }) => Buffer.from(attachment.contentBase64, "base64").toString("utf8").replace(/\r\n[ \t]/g, "");
const uidOf = (sessionId: string) => `UID:training-${sessionId}@koers`;

beforeAll(async () => {
  lead = await createMunicipalityWithLead("GM0363", "Amsterdam", "lead@amsterdam.test");
  trainer = await addMember(lead, "trainer@amsterdam.test", "trainer", "Tess Trainer");
  trainer2 = await addMember(lead, "trainer2@amsterdam.test", "trainer", "Tom Tweede");
  staff = await addMember(lead, "staff@amsterdam.test", "staff", "Sanne Staf");
  staff2 = await addMember(lead, "staff2@amsterdam.test", "staff", "Sem Sociaal");
  owner = await addMember(lead, "owner@amsterdam.test", "department_owner", "Otto Eigenaar");
  viewer = await addMember(lead, "viewer@amsterdam.test", "viewer", "Vera Meelezer");
  leadB = await createMunicipalityWithLead("GM0344", "Utrecht", "lead@utrecht.test");
  trainerB = await addMember(leadB, "trainer@utrecht.test", "trainer", "Ubbo Trainer");
  staffB = await addMember(leadB, "staff@utrecht.test", "staff", "Uma Utrecht");
  leadC = await createMunicipalityWithLead("GM0599", "Rotterdam", "lead@rotterdam.test");
  trainerC = await addMember(leadC, "trainer@rotterdam.test", "trainer", "Roos Trainer");
  crowd = [];
  for (let i = 1; i <= 20; i++) crowd.push(await addMember(leadC, `crowd${String(i).padStart(2, "0")}@rotterdam.test`, "staff", `Crowd ${String(i).padStart(2, "0")}`));

  const f = await createDepartment(lead, { name: "Financiën" });
  const s = await createDepartment(lead, { name: "Sociaal domein" });
  const b = await createDepartment(leadB, { name: "Burgerzaken Utrecht" });
  if (!f.ok || !s.ok || !b.ok) throw new Error("departments");
  finance = f.departmentId;
  social = s.departmentId;
  departmentB = b.departmentId;
  expect(await setMemberDepartment(lead, staff.userId, finance)).toEqual({ ok: true });
  expect(await setMemberDepartment(lead, staff2.userId, social)).toEqual({ ok: true });
  expect(await setDepartmentOwners(lead, finance, [owner.userId])).toMatchObject({ ok: true });
  topicA = await topicsByKey(lead);
  topicB = await topicsByKey(leadB);
  topicC = await topicsByKey(leadC);
});

describe("topics and checklists", () => {
  it("a new municipality has the model's topics, each with its roles", async () => {
    const topics = await listTopics(staff);
    expect(topics.map((t) => t.title)).toEqual(DEFAULT_TOPICS.map((t) => t.title));
    for (const [i, d] of DEFAULT_TOPICS.entries()) {
      expect(topics[i]).toMatchObject({ title: d.title, description: d.description, archived: false });
      expect([...topics[i]!.roles].sort()).toEqual([...d.roles].sort());
    }
    // Every municipality has its own copies.
    expect(new Set([...Object.values(topicA), ...Object.values(topicB)]).size).toBe(DEFAULT_TOPICS.length * 2);
  });

  it("gives each role its checklist, nothing ticked yet", async () => {
    const required = async (m: Member) => (await checklistOf(m))!.items.filter((i) => i.required).map((i) => i.title);
    expect(await required(staff)).toEqual(["Dashboard lezen", "Spelregels kennen", "Levering uploaden"]);
    expect(await required(viewer)).toEqual(["Dashboard lezen", "Spelregels kennen"]);
    expect(await required(trainer)).toEqual(["Dashboard lezen", "Spelregels kennen"]);
    expect(await required(owner)).toEqual(DEFAULT_TOPICS.map((t) => t.title));
    expect((await checklistOf(lead))!.items).toHaveLength(5);
    expect((await checklistOf(staff))!.items.every((i) => i.covered === null)).toBe(true);
    // Someone else's checklist within the municipality; nobody's of another one.
    expect((await checklistOf(trainer, staff.userId))!.role).toBe("staff");
    expect(await checklistOf(trainer, staffB.userId)).toBeNull();
  });

  it("a trainer creates, updates, archives and restores a topic; every change is audited", async () => {
    const created = await createTopic(trainer, { title: "Werken met de KPI-kaart", description: "Kaart lezen", roles: ["viewer", "staff", "staff"] });
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    const id = created.topicId;
    let topics = await listTopics(staff);
    expect(topics.at(-1)).toEqual({ id, title: "Werken met de KPI-kaart", description: "Kaart lezen", roles: ["staff", "viewer"], archived: false });
    expect((await checklistOf(viewer))!.items.map((i) => i.title)).toContain("Werken met de KPI-kaart");
    const [createdEvent] = await events(lead, "training.topic_created");
    expect(createdEvent).toMatchObject({ objectId: id, actorUserId: trainer.userId, objectType: "training_topic" });

    expect(await updateTopic(trainer, id, { title: "KPI-kaart lezen", roles: ["staff"] })).toEqual({ ok: true, topicId: id });
    topics = await listTopics(staff);
    expect(topics.find((t) => t.id === id)).toMatchObject({ title: "KPI-kaart lezen", description: null, roles: ["staff"] });
    expect((await checklistOf(viewer))!.items.map((i) => i.title)).not.toContain("KPI-kaart lezen");
    const [updatedEvent] = await events(lead, "training.topic_updated");
    expect(updatedEvent!.details).toMatchObject({ before: { title: "Werken met de KPI-kaart", roles: ["staff", "viewer"] }, after: { title: "KPI-kaart lezen", roles: ["staff"] } });

    expect(await setTopicArchived(trainer, id, true)).toEqual({ ok: true, topicId: id });
    expect((await listTopics(staff)).map((t) => t.id)).not.toContain(id);
    expect((await listTopics(staff, { includeArchived: true })).find((t) => t.id === id)?.archived).toBe(true);
    expect((await checklistOf(staff))!.items.map((i) => i.topicId)).not.toContain(id);
    expect(await setTopicArchived(trainer, id, true)).toEqual({ ok: false, error: "not_found" });
    expect(await updateTopic(trainer, id, { title: "Gearchiveerd", roles: [] })).toEqual({ ok: false, error: "not_found" });
    expect(await events(lead, "training.topic_archived")).toHaveLength(1);

    // A retired title is free again; bringing the old topic back then clashes.
    const again = await createTopic(trainer, { title: "kpi-kaart LEZEN", roles: [] });
    expect(again.ok).toBe(true);
    expect(await setTopicArchived(trainer, id, false)).toEqual({ ok: false, error: "title_taken" });
    if (again.ok) expect(await setTopicArchived(lead, again.topicId, true)).toMatchObject({ ok: true });
    expect(await setTopicArchived(lead, id, false)).toEqual({ ok: true, topicId: id });
    expect(await events(lead, "training.topic_restored")).toHaveLength(1);
    expect(await setTopicArchived(trainer, id, true)).toMatchObject({ ok: true });
  });

  it("refuses a title in use (ignoring case), without writing anything", async () => {
    const before = await count(auditEvent);
    expect(await createTopic(trainer, { title: "dashboard LEZEN", roles: [] })).toEqual({ ok: false, error: "title_taken" });
    expect(await updateTopic(trainer, topicA["rules-of-use"]!, { title: "Dashboard lezen", roles: ["staff"] })).toEqual({ ok: false, error: "title_taken" });
    expect(await count(auditEvent)).toBe(before);
    expect((await listTopics(staff)).find((t) => t.id === topicA["rules-of-use"])!.title).toBe("Spelregels kennen");
    // The same title is fine in another municipality.
    expect((await createTopic(trainerB, { title: "Werken met de KPI-kaart", roles: [] })).ok).toBe(true);
  });

  it("lets exactly one of two concurrent creations of the same title through", async () => {
    const outcomes = await Promise.all([createTopic(trainer, { title: "Gelijktijdig", roles: [] }), createTopic(trainer2, { title: "GELIJKTIJDIG", roles: [] })]);
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    expect(outcomes.filter((o) => !o.ok)).toEqual([{ ok: false, error: "title_taken" }]);
    const made = outcomes.find((o) => o.ok) as { topicId: string };
    expect(await setTopicArchived(trainer, made.topicId, true)).toMatchObject({ ok: true });
  });

  it("adds the model's topics once: setup may run again without duplicates or undoing renames", async () => {
    const before = await listTopics(lead, { includeArchived: true });
    expect(await updateTopic(lead, topicA["agreement-sign"]!, { title: "Afspraak tekenen", roles: ["programme_lead"] })).toMatchObject({ ok: true });
    await ensureDefaultTopicsForAll(db());
    await ensureDefaultTopicsForAll(db());
    const after = await listTopics(lead, { includeArchived: true });
    expect(after.map((t) => t.id)).toEqual(before.map((t) => t.id));
    expect(after.find((t) => t.id === topicA["agreement-sign"])).toMatchObject({ title: "Afspraak tekenen", roles: ["programme_lead"] });
    const original = DEFAULT_TOPICS.find((d) => d.key === "agreement-sign")!;
    expect(await updateTopic(lead, topicA["agreement-sign"]!, { title: original.title, description: original.description, roles: original.roles })).toMatchObject({ ok: true });
  });

  it("refuses staff, department owners and viewers", async () => {
    const before = await count(auditEvent);
    for (const m of [staff, owner, viewer]) {
      expect(await createTopic(m, { title: "Niet van mij", roles: [] })).toEqual({ ok: false, error: "not_allowed" });
      expect(await updateTopic(m, topicA["dashboard-read"]!, { title: "Niet van mij", roles: [] })).toEqual({ ok: false, error: "not_allowed" });
      expect(await setTopicArchived(m, topicA["dashboard-read"]!, true)).toEqual({ ok: false, error: "not_allowed" });
      expect(await setCoverageTarget(m, 10)).toEqual({ ok: false, error: "not_allowed" });
    }
    // Trainers edit checklists, but the coverage target belongs to the programme lead.
    expect(await setCoverageTarget(trainer, 10)).toEqual({ ok: false, error: "not_allowed" });
    expect(await count(auditEvent)).toBe(before);
    expect(await coverageTarget(lead.municipalityId)).toBe(80);
  });
});

describe("planning sessions", () => {
  it("plans a valid session: times in Amsterdam time, audience, topics, a log reminder job, an audit event", async () => {
    const id = await plan(lead, {
      title: "Dashboard lezen voor Financiën",
      date: "2025-04-01",
      startTime: "09:30",
      endTime: "12:00",
      capacity: 12,
      trainerUserId: trainer.userId,
      roles: ["staff", "department_owner"],
      departmentIds: [finance],
      topicIds: [topicA["dashboard-read"]!, topicA["rules-of-use"]!],
      onlineUrl: "https://meet.example.nl/koers",
    });
    const row = await sessionRow(id);
    // 1 April 2025 is summer time: 09:30 in Amsterdam is 07:30 UTC.
    expect(row).toMatchObject({ municipalityId: lead.municipalityId, status: "planned", sequence: 0, capacity: 12, trainerUserId: trainer.userId, createdBy: lead.userId, openForSignUp: true });
    expect(row.startsAt.toISOString()).toBe("2025-04-01T07:30:00.000Z");
    expect(row.endsAt.toISOString()).toBe("2025-04-01T10:00:00.000Z");

    const view = (await getSession(trainer, id, NOW))!;
    expect(view).toMatchObject({ title: "Dashboard lezen voor Financiën", location: "Stadhuis, zaal 2", onlineUrl: "https://meet.example.nl/koers", canManage: true, started: false, registeredCount: 0 });
    expect([...view.audience.roles].sort()).toEqual(["department_owner", "staff"]);
    expect(view.audience.departments).toEqual([{ id: finance, name: "Financiën" }]);
    expect(view.topics.map((t) => t.title)).toEqual(["Dashboard lezen", "Spelregels kennen"]);
    expect(view.trainer).toEqual({ userId: trainer.userId, name: "Tess Trainer", email: "trainer@amsterdam.test" });
    expect((await listSessions(staff, NOW)).map((s) => s.id)).toContain(id);

    const jobs = await db().select().from(job).where(and(eq(job.kind, LOG_REMINDER_JOB), sql`${job.payload}->>'sessionId' = ${id}`));
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.runAt.getTime()).toBe(row.endsAt.getTime() + LOG_REMINDER_DELAY_MS);
    const [planned] = await events(lead, "training.session_planned");
    expect(planned).toMatchObject({ objectId: id, actorUserId: lead.userId });
    expect(planned!.details).toMatchObject({ after: { title: "Dashboard lezen voor Financiën", capacity: 12, trainerUserId: trainer.userId } });
  });

  it("never books a trainer twice: overlap refused with the clash; adjacent sessions and cancelled ones are fine", async () => {
    const date = "2025-04-02";
    const dash = [topicA["dashboard-read"]!];
    const first = await plan(trainer, { title: "Ochtend", date, startTime: "09:00", endTime: "11:00", trainerUserId: trainer.userId, topicIds: dash });
    const sessionsBefore = (await db().select().from(trainingSession)).length;
    for (const [startTime, endTime] of [
      ["10:00", "12:00"],
      ["08:00", "09:30"],
      ["09:00", "11:00"],
      ["09:15", "10:45"],
      ["08:00", "12:00"],
    ] as const) {
      const outcome = await planSession(trainer, sessionInput({ title: "Dubbel", date, startTime, endTime, trainerUserId: trainer.userId, topicIds: dash }), NOW);
      expect(outcome).toEqual({ ok: false, error: "trainer_busy", clash: { title: "Ochtend", startsAt: at(date, "09:00"), endsAt: at(date, "11:00") } });
    }
    expect((await db().select().from(trainingSession)).length).toBe(sessionsBefore);
    // Back to back is fine, on both sides; so is another trainer at the same time.
    await plan(trainer, { title: "Aansluitend", date, startTime: "11:00", endTime: "12:00", trainerUserId: trainer.userId, topicIds: dash });
    await plan(trainer, { title: "Vroeg", date, startTime: "08:00", endTime: "09:00", trainerUserId: trainer.userId, topicIds: dash });
    await plan(trainer, { title: "Collega", date, startTime: "09:00", endTime: "11:00", trainerUserId: trainer2.userId, topicIds: dash });
    // A cancelled session frees its slot.
    expect(await cancelSession(trainer, first, "Zaal niet beschikbaar", NOW)).toEqual({ ok: true });
    await plan(trainer, { title: "In de plaats", date, startTime: "09:30", endTime: "10:30", trainerUserId: trainer.userId, topicIds: dash });
  });

  it("lets exactly one of concurrent plans for the same trainer and time through", async () => {
    const date = "2025-04-03";
    const input = (n: number) => sessionInput({ title: `Gelijktijdig ${n}`, date, trainerUserId: trainer2.userId, topicIds: [topicA["dashboard-read"]!] });
    const outcomes = await Promise.all([1, 2, 3, 4].map((n) => planSession(n % 2 ? lead : trainer, input(n), NOW)));
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    expect(outcomes.filter((o) => !o.ok).map((o) => !o.ok && o.error)).toEqual(["trainer_busy", "trainer_busy", "trainer_busy"]);
    const rows = await db()
      .select()
      .from(trainingSession)
      .where(and(eq(trainingSession.trainerUserId, trainer2.userId), eq(trainingSession.startsAt, at(date, "09:00"))));
    expect(rows).toHaveLength(1);
  });

  it("refuses topics, departments and trainers from elsewhere, trainers without the training role, and planners without it", async () => {
    const before = (await db().select().from(trainingSession)).length;
    const base = { date: "2025-04-04", trainerUserId: trainer.userId, topicIds: [topicA["dashboard-read"]!] };
    const p = (actor: Member, fields: Partial<Parameters<typeof sessionInput>[0]>) => planSession(actor, sessionInput({ ...base, ...fields }), NOW);
    expect(await p(trainer, { topicIds: [topicA["dashboard-read"]!, topicB["dashboard-read"]!] })).toEqual({ ok: false, error: "topics_invalid" });
    expect(await p(trainer, { topicIds: [topicB["rules-of-use"]!] })).toEqual({ ok: false, error: "topics_invalid" });
    expect(await p(trainer, { topicIds: ["no-such-topic"] })).toEqual({ ok: false, error: "topics_invalid" });
    expect(await p(trainer, { departmentIds: [finance, departmentB] })).toEqual({ ok: false, error: "departments_invalid" });
    expect(await p(trainer, { trainerUserId: staff.userId })).toEqual({ ok: false, error: "trainer_invalid" });
    expect(await p(trainer, { trainerUserId: viewer.userId })).toEqual({ ok: false, error: "trainer_invalid" });
    expect(await p(trainer, { trainerUserId: trainerB.userId })).toEqual({ ok: false, error: "trainer_invalid" });
    expect(await p(staff, {})).toEqual({ ok: false, error: "not_allowed" });
    expect(await p(owner, {})).toEqual({ ok: false, error: "not_allowed" });
    expect(await p(viewer, {})).toEqual({ ok: false, error: "not_allowed" });
    expect((await db().select().from(trainingSession)).length).toBe(before);
    // An archived topic cannot be planned any more.
    const archived = await createTopic(trainer, { title: "Verouderd", roles: [] });
    if (!archived.ok) throw new Error(archived.error);
    await setTopicArchived(trainer, archived.topicId, true);
    expect(await p(trainer, { topicIds: [archived.topicId] })).toEqual({ ok: false, error: "topics_invalid" });
    // A programme lead may give a training.
    expect((await p(trainer, { trainerUserId: lead.userId })).ok).toBe(true);
    expect((await listTrainers(staff)).map((t) => t.userId).sort()).toEqual([lead.userId, trainer.userId, trainer2.userId].sort());
  });
});

describe("seats and the waiting list", () => {
  it("gives exactly the capacity in seats to 20 simultaneous sign-ups, the rest a stable place on the waiting list", async () => {
    const id = await plan(trainerC, { title: "Drukbezocht", date: "2025-04-03", capacity: 5, trainerUserId: trainerC.userId, topicIds: [topicC["dashboard-read"]!] });
    const outcomes = await Promise.all(crowd.map((m) => signUp(m, id, NOW)));
    expect(outcomes.every((o) => o.ok)).toBe(true);
    const ok = outcomes as Extract<(typeof outcomes)[number], { ok: true }>[];
    expect(ok.filter((o) => o.status === "registered")).toHaveLength(5);
    expect(ok.filter((o) => o.status === "waitlisted")).toHaveLength(15);

    const rows = await registrations(id);
    expect(rows).toHaveLength(20);
    expect(new Set(rows.map((r) => r.userId)).size).toBe(20);
    expect(rows.filter((r) => r.status === "registered")).toHaveLength(5);

    // The positions handed out are 1..15, each once, and the list keeps exactly that order.
    const told = new Map(crowd.map((m, i) => [m.userId, ok[i]!.waitlistPosition]));
    const positions = [...told.values()].filter((p): p is number => p !== undefined).sort((a, b) => a - b);
    expect(positions).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
    const waitlistOrder = async () => ((await getSession(trainerC, id, NOW))!.registrations.filter((r) => r.status === "waitlisted").map((r) => r.userId));
    const order = await waitlistOrder();
    expect(order.map((userId) => told.get(userId))).toEqual(positions);
    expect(await waitlistOrder()).toEqual(order);
    for (const m of crowd.filter((c) => order.includes(c.userId)).slice(0, 3)) {
      expect((await getSession(m, id, NOW))!.myWaitlistPosition).toBe(told.get(m.userId));
    }
    expect(await listSessions(leadC, NOW)).toEqual([expect.objectContaining({ id, registered: 5, waitlisted: 15, capacity: 5 })]);

    // Everyone who got a seat has an invitation with the calendar file; the waiting list has none.
    const seated = rows.filter((r) => r.status === "registered").map((r) => r.userId);
    const invitations = await sessionMails(id, "training-invitation");
    expect(invitations.map((m) => m.toAddress).sort()).toEqual(crowd.filter((m) => seated.includes(m.userId)).map((m) => m.email).sort());

    // A freed seat goes to the first on the waiting list, with a mail and its calendar file.
    const leaving = crowd.find((m) => m.userId === seated[0])!;
    const first = crowd.find((m) => m.userId === order[0])!;
    const second = crowd.find((m) => m.userId === order[1])!;
    expect(await cancelRegistration(leaving, id, undefined, NOW)).toEqual({ ok: true, status: "cancelled" });
    const after = await registrations(id);
    expect(after.find((r) => r.userId === first.userId)!.status).toBe("registered");
    expect(after.find((r) => r.userId === leaving.userId)!.status).toBe("cancelled");
    expect(after.filter((r) => r.status === "registered")).toHaveLength(5);
    const seatMails = await sessionMails(id, "training-seat");
    expect(seatMails.map((m) => m.toAddress)).toEqual([first.email]);
    expect(seatMails[0]!.attachments).toHaveLength(1);
    const ics = decoded(seatMails[0]!.attachments![0]!);
    expect(ics).toContain("BEGIN:VCALENDAR");
    expect(ics).toContain("METHOD:REQUEST");
    expect(ics).toContain(uidOf(id));
    expect(ics.toLowerCase()).toContain(`mailto:${first.email}`);
    expect(await sessionNotifications(id, "training.seat")).toEqual([expect.objectContaining({ userId: first.userId })]);
    // The one who left gets the cancellation for their calendar.
    const cancelMails = await sessionMails(id, "training-cancelled");
    expect(cancelMails.map((m) => m.toAddress)).toEqual([leaving.email]);
    expect(decoded(cancelMails[0]!.attachments![0]!)).toContain("METHOD:CANCEL");
    // Everyone behind moves up one place.
    expect((await getSession(second, id, NOW))!.myWaitlistPosition).toBe(1);
    expect(await waitlistOrder()).toEqual(order.slice(1));
    expect((await events(leadC, "training.registration_cancelled"))[0]!.details).toMatchObject({ promotedFromWaitlist: [first.email] });

    // Cancelling a place on the waiting list frees no seat.
    expect(await cancelRegistration(second, id, undefined, NOW)).toMatchObject({ ok: true });
    expect((await sessionMails(id, "training-seat")).length).toBe(1);
    expect(await cancelRegistration(second, id, undefined, NOW)).toEqual({ ok: false, error: "not_registered" });
    // Coming back after cancelling: to the end of the waiting list.
    expect(await signUp(second, id, NOW)).toEqual({ ok: true, status: "waitlisted", waitlistPosition: 14 });
    // Only trainers cancel someone else's place.
    expect(await cancelRegistration(crowd[0]!, id, crowd[1]!.userId, NOW)).toEqual({ ok: false, error: "not_allowed" });
  });

  it("refuses a second sign-up, also two at once", async () => {
    const id = await plan(trainerC, { title: "Twee keer", date: "2025-04-04", capacity: 1, trainerUserId: trainerC.userId, topicIds: [topicC["dashboard-read"]!] });
    const both = await Promise.all([signUp(crowd[0]!, id, NOW), signUp(crowd[0]!, id, NOW)]);
    expect(both.filter((o) => o.ok)).toEqual([{ ok: true, status: "registered", waitlistPosition: undefined }]);
    expect(both.filter((o) => !o.ok)).toEqual([{ ok: false, error: "already_registered" }]);
    expect(await signUp(crowd[1]!, id, NOW)).toEqual({ ok: true, status: "waitlisted", waitlistPosition: 1 });
    expect(await signUp(crowd[1]!, id, NOW)).toEqual({ ok: false, error: "already_registered" });
    expect(await registrations(id)).toHaveLength(2);
  });

  it("gives a last seat to exactly one of a sign-up and an invitation arriving together", async () => {
    const id = await plan(trainerC, { title: "Laatste plek", date: "2025-04-09", capacity: 1, trainerUserId: trainerC.userId, topicIds: [topicC["dashboard-read"]!] });
    const [signed, invited] = await Promise.all([signUp(crowd[5]!, id, NOW), inviteToSession(trainerC, id, [crowd[6]!.userId], NOW)]);
    const rows = await registrations(id);
    expect(rows.filter((r) => r.status === "registered")).toHaveLength(1);
    if (invited.ok) {
      expect(signed).toEqual({ ok: true, status: "waitlisted", waitlistPosition: 1 });
      expect(rows.find((r) => r.status === "registered")!.userId).toBe(crowd[6]!.userId);
    } else {
      expect(invited).toEqual({ ok: false, error: "over_capacity", freeSeats: 0, requested: 1 });
      expect(signed).toMatchObject({ ok: true, status: "registered" });
    }
  });

  it("refuses sign-ups once the session started, for closed sessions and for other municipalities' members", async () => {
    const open = await plan(trainerC, { title: "Begonnen", date: "2025-04-07", trainerUserId: trainerC.userId, topicIds: [topicC["dashboard-read"]!] });
    expect(await signUp(crowd[2]!, open, at("2025-04-07", "09:00"))).toEqual({ ok: false, error: "started" });
    expect(await signUp(crowd[2]!, open, at("2025-04-07", "10:00"))).toEqual({ ok: false, error: "started" });
    expect(await signUp(crowd[2]!, open, at("2025-04-07", "08:59"))).toMatchObject({ ok: true, status: "registered" });
    const closed = await plan(trainerC, { title: "Op uitnodiging", date: "2025-04-08", trainerUserId: trainerC.userId, topicIds: [topicC["dashboard-read"]!], openForSignUp: false });
    expect(await signUp(crowd[2]!, closed, NOW)).toEqual({ ok: false, error: "closed" });
    expect(await signUp(staffB, open, NOW)).toEqual({ ok: false, error: "not_found" });
    expect(await signUp(crowd[2]!, "not-a-uuid", NOW)).toEqual({ ok: false, error: "not_found" });
    expect(await registrations(closed)).toEqual([]);
  });

  it("sets a member's department within the municipality only (programme leads only)", async () => {
    expect(await setMemberDepartment(trainer, staff2.userId, finance)).toEqual({ ok: false, error: "not_allowed" });
    expect(await setMemberDepartment(lead, staffB.userId, finance)).toEqual({ ok: false, error: "not_member" });
    expect(await setMemberDepartment(lead, staff2.userId, departmentB)).toEqual({ ok: false, error: "department_not_found" });
    expect((await departmentsOfMembers(lead.municipalityId)).get(staff2.userId)).toEqual({ departmentId: social, name: "Sociaal domein" });
    // An owner counts for the department they own; clearing an explicit department falls back to it.
    expect((await departmentsOfMembers(lead.municipalityId)).get(owner.userId)).toEqual({ departmentId: finance, name: "Financiën" });
    expect(await setMemberDepartment(lead, owner.userId, social)).toEqual({ ok: true });
    expect((await departmentsOfMembers(lead.municipalityId)).get(owner.userId)?.name).toBe("Sociaal domein");
    expect(await setMemberDepartment(lead, owner.userId, null)).toEqual({ ok: true });
    expect((await departmentsOfMembers(lead.municipalityId)).get(owner.userId)?.name).toBe("Financiën");
    expect((await events(lead, "member.department_set"))[0]!.details).toMatchObject({ before: { department: "Sociaal domein" }, after: { department: null } });
    expect((await departmentsOfMembers(leadB.municipalityId)).has(staff.userId)).toBe(false);
  });

  it("enforces the audience by role and by department", async () => {
    const dash = [topicA["dashboard-read"]!];
    const forOwners = await plan(trainer, { title: "Voor eigenaren", date: "2025-04-08", startTime: "13:00", endTime: "14:00", trainerUserId: trainer.userId, topicIds: dash, roles: ["department_owner"] });
    expect(await signUp(staff, forOwners, NOW)).toEqual({ ok: false, error: "not_in_audience" });
    expect(await signUp(viewer, forOwners, NOW)).toEqual({ ok: false, error: "not_in_audience" });
    expect(await signUp(owner, forOwners, NOW)).toMatchObject({ ok: true, status: "registered" });

    const forFinance = await plan(trainer, { title: "Voor Financiën", date: "2025-04-08", startTime: "14:00", endTime: "15:00", trainerUserId: trainer.userId, topicIds: dash, departmentIds: [finance] });
    expect(await signUp(staff2, forFinance, NOW)).toEqual({ ok: false, error: "not_in_audience" }); // Sociaal domein
    expect(await signUp(viewer, forFinance, NOW)).toEqual({ ok: false, error: "not_in_audience" }); // no department
    expect(await signUp(staff, forFinance, NOW)).toMatchObject({ ok: true }); // Financiën
    expect(await signUp(owner, forFinance, NOW)).toMatchObject({ ok: true }); // owns Financiën
    expect((await getSession(staff2, forFinance, NOW))!).toMatchObject({ eligible: false, canSignUp: false });
    expect((await getSession(viewer, forOwners, NOW))!).toMatchObject({ eligible: false, canSignUp: false });

    const both = await plan(trainer, { title: "Staf van Sociaal domein", date: "2025-04-08", startTime: "15:00", endTime: "16:00", trainerUserId: trainer.userId, topicIds: dash, departmentIds: [social], roles: ["staff"] });
    expect(await signUp(staff, both, NOW)).toEqual({ ok: false, error: "not_in_audience" });
    expect((await getSession(staff2, both, NOW))!).toMatchObject({ eligible: true, canSignUp: true });
    expect(await signUp(staff2, both, NOW)).toMatchObject({ ok: true });
    expect((await audienceMembers(trainer, both))!.map((m) => m.userId)).toEqual([staff2.userId]);
    // Moving a member to another department changes what they may join.
    expect(await setMemberDepartment(lead, staff.userId, social)).toEqual({ ok: true });
    expect(await signUp(staff, both, NOW)).toMatchObject({ ok: true });
    expect(await setMemberDepartment(lead, staff.userId, finance)).toEqual({ ok: true });
  });
});

describe("invitations", () => {
  it("invites members: seats, one mail each with the session's calendar file, notifications, an audit event", async () => {
    const id = await plan(trainer, { title: "Uitnodiging", date: "2025-04-09", capacity: 3, trainerUserId: trainer.userId, topicIds: [topicA["delivery-upload"]!], openForSignUp: false });
    const outbound = await count(outbox);
    expect(await inviteToSession(trainer, id, [staff.userId, staff2.userId, staff.userId], NOW)).toEqual({ ok: true, invited: 2, alreadyRegistered: 0 });
    expect(await count(outbox)).toBe(outbound + 2);
    const mails = await sessionMails(id, "training-invitation");
    expect(mails.map((m) => m.toAddress).sort()).toEqual([staff.email, staff2.email].sort());
    for (const mail of mails) {
      expect(mail.attachments).toHaveLength(1);
      const [file] = mail.attachments!;
      expect(file).toMatchObject({ filename: "training.ics", contentType: "text/calendar; charset=utf-8; method=REQUEST" });
      const ics = decoded(file!);
      expect(ics).toContain("BEGIN:VCALENDAR");
      expect(ics).toContain(uidOf(id));
      expect(ics).toContain("SEQUENCE:0");
      expect(ics).toContain("DTSTART:20250409T070000Z");
      expect(ics.toLowerCase()).toContain(`mailto:${mail.toAddress}`);
      expect(ics.toLowerCase()).toContain("mailto:trainer@amsterdam.test");
      expect(mail.municipalityId).toBe(lead.municipalityId);
    }
    expect((await sessionNotifications(id, "training.invited")).map((n) => n.userId).sort()).toEqual([staff.userId, staff2.userId].sort());
    expect((await registrations(id)).map((r) => [r.userId, r.status, r.source]).sort()).toEqual(
      [
        [staff.userId, "registered", "invited"],
        [staff2.userId, "registered", "invited"],
      ].sort(),
    );
    expect((await events(lead, "training.invited"))[0]).toMatchObject({ objectId: id, actorUserId: trainer.userId });

    // Those already registered are skipped, not mailed again.
    expect(await inviteToSession(trainer, id, [staff.userId, viewer.userId], NOW)).toEqual({ ok: true, invited: 1, alreadyRegistered: 1 });
    expect((await sessionMails(id, "training-invitation")).filter((m) => m.toAddress === staff.email)).toHaveLength(1);
  });

  it("invites nobody when there are more invitees than free seats, or one of them is not a member", async () => {
    const id = await plan(trainer, { title: "Vol", date: "2025-04-10", capacity: 2, trainerUserId: trainer.userId, topicIds: [topicA["delivery-upload"]!], openForSignUp: false });
    expect(await inviteToSession(trainer, id, [owner.userId], NOW)).toMatchObject({ ok: true, invited: 1 });
    const snapshot = async () => ({ registrations: await count(trainingRegistration), outbox: await count(outbox), notifications: await count(notification), audit: await count(auditEvent) });
    const before = await snapshot();
    expect(await inviteToSession(trainer, id, [staff.userId, staff2.userId], NOW)).toEqual({ ok: false, error: "over_capacity", freeSeats: 1, requested: 2 });
    expect(await inviteToSession(trainer, id, [staff.userId, staffB.userId], NOW)).toEqual({ ok: false, error: "not_members", userIds: [staffB.userId] });
    expect(await inviteToSession(trainer, id, ["no-such-user"], NOW)).toEqual({ ok: false, error: "not_members", userIds: ["no-such-user"] });
    expect(await inviteToSession(staff, id, [staff.userId], NOW)).toEqual({ ok: false, error: "not_allowed" });
    expect(await inviteToSession(trainer, id, [staff.userId], at("2025-04-10", "09:00"))).toEqual({ ok: false, error: "started" });
    expect(await snapshot()).toEqual(before);
    expect((await registrations(id)).map((r) => r.userId)).toEqual([owner.userId]);
    // Exactly the free seat works.
    expect(await inviteToSession(trainer, id, [staff.userId, owner.userId], NOW)).toEqual({ ok: true, invited: 1, alreadyRegistered: 1 });
    expect(await inviteToSession(trainer, id, [staff2.userId], NOW)).toEqual({ ok: false, error: "over_capacity", freeSeats: 0, requested: 1 });
  });

  it("counts a waitlisted or cancelled invitee as needing a seat, and re-seats them on their existing registration", async () => {
    const fields = { title: "Wachtlijst uitnodigen", date: "2025-04-11", capacity: 1, trainerUserId: trainer.userId, topicIds: [topicA["dashboard-read"]!] };
    const id = await plan(trainer, fields);
    expect(await signUp(staff, id, NOW)).toMatchObject({ status: "registered" });
    expect(await signUp(staff2, id, NOW)).toMatchObject({ status: "waitlisted" });
    expect(await inviteToSession(trainer, id, [staff2.userId], NOW)).toEqual({ ok: false, error: "over_capacity", freeSeats: 0, requested: 1 });
    // A trainer takes staff's seat away: staff2 moves up.
    expect(await cancelRegistration(trainer, id, staff.userId, NOW)).toMatchObject({ ok: true });
    expect((await registrations(id)).find((r) => r.userId === staff2.userId)!.status).toBe("registered");
    expect((await sessionMails(id, "training-seat")).map((m) => m.toAddress)).toEqual([staff2.email]);
    expect(await inviteToSession(trainer, id, [staff.userId], NOW)).toEqual({ ok: false, error: "over_capacity", freeSeats: 0, requested: 1 });
    expect(await updateSession(trainer, id, sessionInput({ ...fields, capacity: 2 }), NOW)).toMatchObject({ ok: true });
    expect(await inviteToSession(trainer, id, [staff.userId], NOW)).toEqual({ ok: true, invited: 1, alreadyRegistered: 0 });
    const rows = await registrations(id);
    expect(rows).toHaveLength(2);
    expect(rows.find((r) => r.userId === staff.userId)).toMatchObject({ status: "registered", source: "invited", waitlistedAt: null });
  });
});

describe("changing and cancelling sessions", () => {
  const base = () => ({ title: "Wijzigen", date: "2025-04-14", capacity: 2, trainerUserId: trainer.userId, topicIds: [topicA["dashboard-read"]!] });

  it("a change of time raises the sequence and mails the registered an updated invitation; a new log reminder follows the new end", async () => {
    const id = await plan(trainer, base());
    expect(await signUp(staff, id, NOW)).toMatchObject({ status: "registered" });
    expect(await signUp(staff2, id, NOW)).toMatchObject({ status: "registered" });
    expect(await signUp(viewer, id, NOW)).toMatchObject({ status: "waitlisted" });

    expect(await updateSession(trainer, id, sessionInput({ ...base(), startTime: "13:00", endTime: "15:00" }), NOW)).toEqual({ ok: true, sessionId: id });
    const row = await sessionRow(id);
    expect(row.sequence).toBe(1);
    expect(row.startsAt.toISOString()).toBe("2025-04-14T11:00:00.000Z");
    const updates = await sessionMails(id, "training-updated");
    expect(updates.map((m) => m.toAddress).sort()).toEqual([staff.email, staff2.email].sort());
    for (const mail of updates) {
      const ics = decoded(mail.attachments![0]!);
      expect(ics).toContain(uidOf(id));
      expect(ics).toContain("SEQUENCE:1");
      expect(ics).toContain("METHOD:REQUEST");
      expect(ics).toContain("DTSTART:20250414T110000Z");
    }
    expect((await sessionNotifications(id, "training.updated")).map((n) => n.userId).sort()).toEqual([staff.userId, staff2.userId].sort());
    const reminders = await db().select().from(job).where(and(eq(job.kind, LOG_REMINDER_JOB), sql`${job.payload}->>'sessionId' = ${id}`));
    expect(reminders.map((r) => r.runAt.toISOString()).sort()).toEqual(["2025-04-14T10:00:00.000Z", "2025-04-14T14:00:00.000Z"]);

    // A change that does not touch time or place neither raises the sequence nor mails.
    expect(await updateSession(trainer, id, sessionInput({ ...base(), startTime: "13:00", endTime: "15:00", description: "Neem je laptop mee" }), NOW)).toMatchObject({ ok: true });
    expect((await sessionRow(id)).sequence).toBe(1);
    expect(await sessionMails(id, "training-updated")).toHaveLength(2);
    // Moving the place does.
    expect(await updateSession(trainer, id, sessionInput({ ...base(), startTime: "13:00", endTime: "15:00", location: "Zaal 3" }), NOW)).toMatchObject({ ok: true });
    expect((await sessionRow(id)).sequence).toBe(2);
    expect(await sessionMails(id, "training-updated")).toHaveLength(4);
    expect((await events(lead, "training.session_updated")).filter((e) => e.objectId === id)).toHaveLength(3);
  });

  it("refuses a capacity below the registered; raising it gives the waiting list seats", async () => {
    const id = await plan(trainer, { ...base(), date: "2025-04-15" });
    for (const m of [staff, staff2, viewer, owner]) await signUp(m, id, NOW);
    const before = await sessionRow(id);
    expect(await updateSession(trainer, id, sessionInput({ ...base(), date: "2025-04-15", capacity: 1 }), NOW)).toEqual({ ok: false, error: "capacity_below_registered", registered: 2 });
    expect(await sessionRow(id)).toEqual(before);
    expect(await updateSession(trainer, id, sessionInput({ ...base(), date: "2025-04-15", capacity: 3 }), NOW)).toEqual({ ok: true, sessionId: id });
    const rows = await registrations(id);
    expect(rows.find((r) => r.userId === viewer.userId)!.status).toBe("registered");
    expect(rows.find((r) => r.userId === owner.userId)!.status).toBe("waitlisted");
    expect((await sessionMails(id, "training-seat")).map((m) => m.toAddress)).toEqual([viewer.email]);
    expect((await sessionRow(id)).sequence).toBe(0);
    const [updated] = (await events(lead, "training.session_updated")).filter((e) => e.objectId === id);
    expect(updated!.details).toMatchObject({ promotedFromWaitlist: [viewer.email] });
    // Lowering to exactly the registered is fine.
    expect(await updateSession(trainer, id, sessionInput({ ...base(), date: "2025-04-15", capacity: 3 }), NOW)).toMatchObject({ ok: true });
  });

  it("checks a change against the trainer's agenda (not against the session itself) and refuses others", async () => {
    const id = await plan(trainer, { ...base(), date: "2025-04-16" });
    await plan(trainer, { ...base(), title: "Middag", date: "2025-04-16", startTime: "13:00", endTime: "14:00" });
    expect(await updateSession(trainer, id, sessionInput({ ...base(), date: "2025-04-16", startTime: "10:00", endTime: "12:00" }), NOW)).toMatchObject({ ok: true });
    expect(await updateSession(trainer, id, sessionInput({ ...base(), date: "2025-04-16", startTime: "12:00", endTime: "13:30" }), NOW)).toMatchObject({ ok: false, error: "trainer_busy", clash: { title: "Middag" } });
    expect(await updateSession(staff, id, sessionInput({ ...base(), date: "2025-04-16" }), NOW)).toEqual({ ok: false, error: "not_allowed" });
    expect(await updateSession(trainer, id, sessionInput({ ...base(), date: "2025-04-16", trainerUserId: staff.userId }), NOW)).toEqual({ ok: false, error: "trainer_invalid" });
    expect(await updateSession(trainer, crypto.randomUUID(), sessionInput({ ...base(), date: "2025-04-16" }), NOW)).toEqual({ ok: false, error: "not_found" });
  });

  it("cancels: the registered get a METHOD:CANCEL calendar file with a raised sequence; the session is closed afterwards", async () => {
    const id = await plan(trainer, { ...base(), date: "2025-04-17" });
    await signUp(staff, id, NOW);
    await signUp(staff2, id, NOW);
    await signUp(viewer, id, NOW); // waitlisted
    expect(await cancelSession(staff, id, "Geen zin", NOW)).toEqual({ ok: false, error: "not_allowed" });
    expect(await cancelSession(trainer, id, "De trainer is ziek", NOW)).toEqual({ ok: true });
    const row = await sessionRow(id);
    expect(row).toMatchObject({ status: "cancelled", sequence: 1 });
    expect(row.cancelledAt!.getTime()).toBe(NOW.getTime());
    const mails = await sessionMails(id, "training-cancelled");
    expect(mails.map((m) => m.toAddress).sort()).toEqual([staff.email, staff2.email].sort());
    const [file] = mails[0]!.attachments!;
    expect(file).toMatchObject({ filename: "training-geannuleerd.ics", contentType: "text/calendar; charset=utf-8; method=CANCEL" });
    const ics = decoded(file!);
    expect(ics).toContain("METHOD:CANCEL");
    expect(ics).toContain("STATUS:CANCELLED");
    expect(ics).toContain("SEQUENCE:1");
    expect(ics).toContain(uidOf(id));
    expect((await events(lead, "training.session_cancelled")).find((e) => e.objectId === id)!.details).toMatchObject({ reason: "De trainer is ziek", registered: 2 });

    expect(await cancelSession(trainer, id, "Nog eens", NOW)).toEqual({ ok: false, error: "not_planned" });
    expect(await signUp(owner, id, NOW)).toEqual({ ok: false, error: "closed" });
    expect(await inviteToSession(trainer, id, [owner.userId], NOW)).toEqual({ ok: false, error: "not_planned" });
    expect(await updateSession(trainer, id, sessionInput({ ...base(), date: "2025-04-17" }), NOW)).toEqual({ ok: false, error: "not_planned" });
    expect(await logSession(trainer, id, { attendeeIds: [staff.userId], coveredTopicIds: [topicA["dashboard-read"]!] }, at("2025-04-17", "12:00"))).toEqual({ ok: false, error: "cancelled" });
  });
});

describe("logging attendance, checklists, coverage and the gate", () => {
  let sessionId: string;
  const date = "2025-03-10";
  const afterwards = at(date, "16:00");
  const covered = () => [topicA["dashboard-read"]!, topicA["rules-of-use"]!, topicA["delivery-upload"]!];

  beforeAll(async () => {
    sessionId = await plan(trainer, { title: "Basistraining", date, capacity: 10, trainerUserId: trainer.userId, topicIds: [...covered(), topicA["agreement-sign"]!] });
    expect(await inviteToSession(trainer, sessionId, [staff.userId, staff2.userId, viewer.userId], NOW)).toMatchObject({ ok: true, invited: 3 });
  });

  it("refuses a log before the session started, for people outside the municipality, for topics not planned, and for others than trainers", async () => {
    const snapshot = async () => ({ attendance: await count(trainingAttendance), audit: await count(auditEvent), row: await sessionRow(sessionId) });
    const before = await snapshot();
    const input = { attendeeIds: [staff.userId], coveredTopicIds: [topicA["dashboard-read"]!] };
    expect(await logSession(trainer, sessionId, input, NOW)).toEqual({ ok: false, error: "not_started" });
    expect(await logSession(trainer, sessionId, input, at(date, "08:59"))).toEqual({ ok: false, error: "not_started" });
    expect(await logSession(trainer, sessionId, { ...input, attendeeIds: [staff.userId, staffB.userId] }, afterwards)).toEqual({ ok: false, error: "not_members", userIds: [staffB.userId] });
    expect(await logSession(trainer, sessionId, { ...input, coveredTopicIds: [topicA["kpi-definition-change"]!] }, afterwards)).toEqual({ ok: false, error: "topics_invalid" });
    expect(await logSession(trainer, sessionId, { ...input, coveredTopicIds: [topicB["dashboard-read"]!] }, afterwards)).toEqual({ ok: false, error: "topics_invalid" });
    expect(await logSession(trainer, sessionId, { ...input, coveredTopicIds: [] }, afterwards)).toEqual({ ok: false, error: "topics_required" });
    expect(await logSession(staff, sessionId, input, afterwards)).toEqual({ ok: false, error: "not_allowed" });
    expect(await snapshot()).toEqual(before);
    expect((await checklistOf(staff))!.items.every((i) => i.covered === null)).toBe(true);
  });

  it("ticks the covered topics on every attendee's checklist, not on the absent's; coverage and the gate follow", async () => {
    // A's end users: lead, trainer, trainer2, staff, staff2, owner, viewer (every role has a checklist).
    const before = await loadCoverage(lead);
    expect(before.overall).toEqual({ required: 7, covered: 0, percent: 0 });
    expect(before.target).toBe(80);
    expect(before.met).toBe(false);
    // Three of seven fully trained is 42.857… %: a 42 % target is met by it, not before.
    expect(await setCoverageTarget(lead, 42)).toEqual({ ok: true });
    expect(await trainingGateChecks["training.coverage_80"]!(lead.municipalityId, db())).toBe(false);

    // staff and viewer were invited, trainer2 walked in; staff2 stayed away.
    expect(await logSession(trainer, sessionId, { attendeeIds: [staff.userId, viewer.userId, trainer2.userId], coveredTopicIds: covered(), notes: "Goede vragen" }, afterwards)).toEqual({
      ok: true,
      attended: 3,
      absent: 1,
    });
    expect(await sessionRow(sessionId)).toMatchObject({ status: "logged", notes: "Goede vragen", loggedBy: trainer.userId });
    const attendance = await db().select().from(trainingAttendance).where(eq(trainingAttendance.sessionId, sessionId));
    expect(attendance.map((a) => [a.userId, a.attended]).sort()).toEqual(
      [
        [staff.userId, true],
        [staff2.userId, false],
        [viewer.userId, true],
        [trainer2.userId, true],
      ].sort(),
    );
    const topicRows = await db().select().from(trainingSessionTopic).where(eq(trainingSessionTopic.sessionId, sessionId));
    expect(topicRows.filter((t) => t.covered).map((t) => t.topicId).sort()).toEqual(covered().sort());

    const ticked = async (m: Member) => (await checklistOf(lead, m.userId))!.items.filter((i) => i.covered).map((i) => i.title);
    expect(await ticked(staff)).toEqual(["Dashboard lezen", "Spelregels kennen", "Levering uploaden"]);
    expect((await checklistOf(staff))!.items.find((i) => i.covered)!.covered).toEqual({ sessionId, sessionTitle: "Basistraining", date: at(date, "09:00") });
    // A topic beyond one's checklist that one covered shows too.
    expect(await ticked(viewer)).toEqual(["Dashboard lezen", "Spelregels kennen", "Levering uploaden"]);
    expect((await checklistOf(viewer))!.items.find((i) => i.title === "Levering uploaden")!.required).toBe(false);
    expect(await ticked(staff2)).toEqual([]);
    expect(await ticked(owner)).toEqual([]);

    // Attendees see their own attendance, not the others'; trainers see everyone.
    expect((await getSession(staff, sessionId, afterwards))!).toMatchObject({ status: "logged", myAttendance: true, registrations: [], attendance: [], notes: null });
    expect((await getSession(staff2, sessionId, afterwards))!.myAttendance).toBe(false);
    expect((await getSession(trainer2, sessionId, afterwards))!.attendance).toHaveLength(4);

    const after = await loadCoverage(lead);
    expect(after.overall).toEqual({ required: 7, covered: 3, percent: 42.9 });
    expect(after.target).toBe(42);
    expect(after.met).toBe(true);
    expect(after.topics.find((t) => t.id === topicA["delivery-upload"])!.share).toEqual({ required: 4, covered: 1, percent: 25 }); // lead, staff, staff2, owner
    expect(after.topics.find((t) => t.id === topicA["dashboard-read"])!.share).toEqual({ required: 7, covered: 3, percent: 42.9 });
    const fin = after.byDepartment.find((d) => d.key === finance)!;
    expect(fin).toMatchObject({ label: "Financiën", people: 2, fullyTrained: { required: 2, covered: 1, percent: 50 } }); // staff and owner
    expect(after.byDepartment.at(-1)).toMatchObject({ key: "none", people: 4, fullyTrained: { required: 4, covered: 2, percent: 50 } });
    expect(after.byRole.find((g) => g.key === "staff")!.fullyTrained).toEqual({ required: 2, covered: 1, percent: 50 });
    expect(after.missing.map((m) => m.userId).sort()).toEqual([lead.userId, trainer.userId, staff2.userId, owner.userId].sort());
    expect(await trainingGateChecks["training.coverage_80"]!(lead.municipalityId, db())).toBe(true);
    const gate = (await loadProgramme(lead))!.phases.find((p) => p.number === 4)!.criteria.find((c) => c.computedKey === "training.coverage_80")!;
    expect(gate).toMatchObject({ computed: true, met: true });
    // One more percent and it is not met.
    expect(await setCoverageTarget(lead, 43)).toEqual({ ok: true });
    expect(await trainingGateChecks["training.coverage_80"]!(lead.municipalityId, db())).toBe(false);
    expect(await setCoverageTarget(lead, 42)).toEqual({ ok: true });
    expect((await events(lead, "training.coverage_target_set"))[0]!.details).toEqual({ before: { percent: 43 }, after: { percent: 42 } });
    expect((await events(lead, "training.session_logged")).find((e) => e.objectId === sessionId)).toMatchObject({ actorUserId: trainer.userId });
  });

  it("a corrected log unticks who is no longer on it, and the gate flips back", async () => {
    expect(await logSession(trainer, sessionId, { attendeeIds: [staff.userId, trainer2.userId], coveredTopicIds: covered() }, afterwards)).toEqual({ ok: true, attended: 2, absent: 2 });
    expect((await checklistOf(lead, viewer.userId))!.items.filter((i) => i.covered)).toEqual([]);
    expect((await checklistOf(lead, staff.userId))!.items.filter((i) => i.covered)).toHaveLength(3);
    const coverage = await loadCoverage(lead);
    expect(coverage.overall).toEqual({ required: 7, covered: 2, percent: 28.6 });
    expect(coverage.met).toBe(false);
    expect(await trainingGateChecks["training.coverage_80"]!(lead.municipalityId, db())).toBe(false);
    expect((await loadProgramme(lead))!.phases.find((p) => p.number === 4)!.criteria.find((c) => c.computedKey === "training.coverage_80")!.met).toBe(false);
    const [corrected] = (await events(lead, "training.session_log_corrected")).filter((e) => e.objectId === sessionId);
    expect(corrected!.details).toMatchObject({ before: { attended: [staff.userId, viewer.userId, trainer2.userId].sort() } });

    // Correcting which topics were covered unticks those on everyone's checklist.
    expect(await logSession(trainer, sessionId, { attendeeIds: [staff.userId, viewer.userId, trainer2.userId], coveredTopicIds: [topicA["dashboard-read"]!] }, afterwards)).toMatchObject({ ok: true });
    expect((await checklistOf(lead, staff.userId))!.items.filter((i) => i.covered).map((i) => i.title)).toEqual(["Dashboard lezen"]);
    expect((await loadCoverage(lead)).overall.covered).toBe(0);
    // And back to the full log for the tests below.
    expect(await logSession(trainer, sessionId, { attendeeIds: [staff.userId, viewer.userId, trainer2.userId], coveredTopicIds: covered() }, afterwards)).toMatchObject({ ok: true });
    expect((await loadCoverage(lead)).met).toBe(true);
  });

  it("the gate check reads inside the caller's transaction (as closeGate runs it; PGlite has one connection)", async () => {
    const withTimeout = <T>(p: Promise<T>) => Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error("deadlock: the check left the transaction")), 5_000))]);
    expect(await withTimeout(db().transaction((tx) => trainingGateChecks["training.coverage_80"]!(lead.municipalityId, tx)))).toBe(true);
    const phase4 = await withTimeout(db().transaction(async (tx) => (await loadProgramme(lead, tx))!.phases.find((p) => p.number === 4)!));
    expect(phase4.criteria.find((c) => c.computedKey === "training.coverage_80")!.met).toBe(true);
    expect((await withTimeout(db().transaction((tx) => loadCoverage(lead, tx)))).met).toBe(true);
  });

  it("a retired topic leaves the checklists and the coverage", async () => {
    // Retire "Levering uploaden": it leaves staff2's checklist and the coverage per topic.
    expect(await setTopicArchived(trainer, topicA["delivery-upload"]!, true)).toMatchObject({ ok: true });
    const coverage = await loadCoverage(lead);
    expect(coverage.topics.map((t) => t.id)).not.toContain(topicA["delivery-upload"]);
    expect((await checklistOf(lead, staff2.userId))!.items.map((i) => i.title)).toEqual(["Dashboard lezen", "Spelregels kennen"]);
    expect(await setTopicArchived(trainer, topicA["delivery-upload"]!, false)).toMatchObject({ ok: true });
  });

  it("exports the attendance list with present and absent people", async () => {
    const t = (key: string) => key;
    const sheets = (await attendanceSheets(trainer, t, sessionId))!;
    expect(sheets).toHaveLength(1);
    const rows = sheets[0]!.rows;
    expect(sheets[0]!.columns).toHaveLength(11);
    const state = Object.fromEntries(rows.map((r) => [r[7], r[9]]));
    expect(state).toEqual({
      [staff.email]: "training.export.states.present",
      [viewer.email]: "training.export.states.present",
      [trainer2.email]: "training.export.states.present",
      [staff2.email]: "training.export.states.absent",
    });
    expect(rows.every((r) => r[0] === "Basistraining" && r[5] === "training.sessionStatus.logged")).toBe(true);
    expect(rows.find((r) => r[7] === staff.email)![8]).toBe("Financiën");
    expect(rows[0]![10]).toBe("Dashboard lezen; Spelregels kennen; Levering uploaden");
    // All sessions: planned ones list registered and waitlisted people.
    const all = (await attendanceSheets(lead, t))!;
    const states = new Set(all[0]!.rows.map((r) => r[9]));
    expect(states).toEqual(new Set(["training.export.states.present", "training.export.states.absent", "training.export.states.registered", "training.export.states.waitlisted"]));
    expect(await attendanceSheets(trainer, t, crypto.randomUUID())).toBeNull();
  });
});

describe("the trainer's log reminder", () => {
  const reminders = (sessionId: string) => sessionMails(sessionId, "training-log-reminder");

  it("reminds the trainer once after an unlogged session, also across restarts", async () => {
    const id = await plan(trainer, { title: "Vergeten te registreren", date: "2025-03-11", trainerUserId: trainer2.userId, topicIds: [topicA["dashboard-read"]!] });
    const [scheduled] = await db().select().from(job).where(and(eq(job.kind, LOG_REMINDER_JOB), sql`${job.payload}->>'sessionId' = ${id}`));
    expect(scheduled).toMatchObject({ status: "pending", municipalityId: lead.municipalityId });
    const end = at("2025-03-11", "11:00");
    // Not yet due just after the session.
    await runDueJobs(db(), trainingJobHandlers, new Date(end.getTime() + 30 * 60_000));
    expect(await reminders(id)).toEqual([]);

    const afterEnd = new Date(end.getTime() + hours(2));
    await runDueJobs(db(), trainingJobHandlers, afterEnd);
    const mails = await reminders(id);
    expect(mails.map((m) => m.toAddress)).toEqual([trainer2.email]);
    expect(mails[0]!.attachments).toBeNull();
    expect(await sessionNotifications(id, "training.log_reminder")).toEqual([expect.objectContaining({ userId: trainer2.userId, municipalityId: lead.municipalityId })]);
    expect((await events(lead, "training.log_reminder_sent")).filter((e) => e.objectId === id)).toHaveLength(1);
    expect((await db().select().from(job).where(eq(job.id, scheduled!.id)))[0]!.status).toBe("done");
    expect((await listSessions(trainer2, afterEnd)).find((s) => s.id === id)!.needsLog).toBe(true);

    // Again, and after a "restart" a day later: nothing more.
    await runDueJobs(db(), trainingJobHandlers, afterEnd);
    await runDueJobs(db(), trainingJobHandlers, new Date(afterEnd.getTime() + hours(24)));
    expect(await reminders(id)).toHaveLength(1);
    expect(await sessionNotifications(id, "training.log_reminder")).toHaveLength(1);
  });

  it("does not remind for a logged or cancelled session, and follows a moved one", async () => {
    const logged = await plan(trainer, { title: "Netjes geregistreerd", date: "2025-03-12", trainerUserId: trainer2.userId, topicIds: [topicA["dashboard-read"]!] });
    const cancelled = await plan(trainer, { title: "Afgelast", date: "2025-03-12", startTime: "13:00", endTime: "14:00", trainerUserId: trainer2.userId, topicIds: [topicA["dashboard-read"]!] });
    const moved = await plan(trainer, { title: "Verplaatst", date: "2025-03-13", trainerUserId: trainer2.userId, topicIds: [topicA["dashboard-read"]!] });
    expect(await logSession(trainer2, logged, { attendeeIds: [], coveredTopicIds: [] }, at("2025-03-12", "11:00"))).toEqual({ ok: true, attended: 0, absent: 0 });
    expect(await cancelSession(trainer, cancelled, "Te weinig aanmeldingen", NOW)).toEqual({ ok: true });
    expect(await updateSession(trainer, moved, sessionInput({ title: "Verplaatst", date: "2025-03-14", trainerUserId: trainer2.userId, topicIds: [topicA["dashboard-read"]!] }), NOW)).toMatchObject({ ok: true });

    await runDueJobs(db(), trainingJobHandlers, at("2025-03-13", "23:00"));
    expect(await reminders(logged)).toEqual([]);
    expect(await reminders(cancelled)).toEqual([]);
    expect(await reminders(moved)).toEqual([]); // its old end passed, its new one not yet
    await runDueJobs(db(), trainingJobHandlers, at("2025-03-14", "23:00"));
    expect((await reminders(moved)).map((m) => m.toAddress)).toEqual([trainer2.email]);
    await runDueJobs(db(), trainingJobHandlers, at("2025-03-20", "23:00"));
    expect(await reminders(moved)).toHaveLength(1);
    expect(await reminders(logged)).toEqual([]);
  });
});

describe("rules of use", () => {
  let documentId: string;

  beforeAll(async () => {
    documentId = (await listDocuments(lead)).find((d) => d.kind === "rules_of_use")!.id;
  });

  it("has nothing to acknowledge before the rules are approved", async () => {
    expect(await rulesStatus(staff)).toEqual({ rules: null, acknowledgedAt: null, members: null });
    expect(await acknowledgeRules(staff, crypto.randomUUID(), NOW)).toEqual({ ok: false, error: "no_rules" });
    expect((await loadHeaderSummary(staff)).rulesToRead).toBe(false);
  });

  it("approving the rules asks every member to read them; acknowledging is per version and idempotent", async () => {
    const approved = await approveDocument(lead, documentId, NOW);
    if (!approved.ok) throw new Error(approved.error);
    const versionId = approved.versionId;
    const published = await db().select().from(notification).where(and(eq(notification.kind, "rules.published"), eq(notification.municipalityId, lead.municipalityId)));
    expect(published.map((n) => n.userId).sort()).toEqual([lead, trainer, trainer2, staff, staff2, owner, viewer].map((m) => m.userId).sort());
    expect(published.every((n) => n.payload.versionId === versionId && n.payload.documentId === documentId)).toBe(true);
    expect(await db().select().from(notification).where(and(eq(notification.kind, "rules.published"), inArray(notification.userId, [staffB.userId, leadB.userId])))).toEqual([]);

    // The page header (one query) asks to read them, and counts the notification as unread.
    const header = await loadHeaderSummary(staff);
    expect(header).toEqual({ rulesToRead: true, unreadNotifications: await unreadCount(staff), municipalityCount: 1 });
    expect(header.unreadNotifications).toBeGreaterThanOrEqual(1);
    expect((await loadHeaderSummary(staffB)).rulesToRead).toBe(false);

    const status = await rulesStatus(staff);
    expect(status.rules).toMatchObject({ documentId, versionId, revising: false, title: "Spelregels dashboard" });
    expect(status.acknowledgedAt).toBeNull();
    expect(status.members).toBeNull();

    const first = await acknowledgeRules(staff, versionId, NOW);
    expect(first).toEqual({ ok: true, acknowledgedAt: NOW });
    const later = new Date(NOW.getTime() + hours(5));
    expect(await acknowledgeRules(staff, versionId, later)).toEqual({ ok: true, acknowledgedAt: NOW });
    expect(await db().select().from(rulesAcknowledgement).where(eq(rulesAcknowledgement.userId, staff.userId))).toHaveLength(1);
    expect((await events(lead, "rules.acknowledged")).filter((e) => e.actorUserId === staff.userId)).toHaveLength(1);
    expect((await rulesStatus(staff)).acknowledgedAt).toEqual(NOW);
    expect((await loadHeaderSummary(staff)).rulesToRead).toBe(false);
    expect((await loadHeaderSummary(staff2)).rulesToRead).toBe(true);

    const overview = (await rulesStatus(lead)).members!;
    expect(overview).toHaveLength(7);
    expect(overview.filter((m) => m.acknowledgedAt).map((m) => m.userId)).toEqual([staff.userId]);
    expect((await rulesStatus(trainer)).members).toHaveLength(7);

    // Another municipality's member cannot acknowledge A's rules (B has none published).
    expect(await acknowledgeRules(staffB, versionId, NOW)).toEqual({ ok: false, error: "no_rules" });
  });

  it("two acknowledgements at once record one", async () => {
    const versionId = (await rulesStatus(owner)).rules!.versionId;
    const audits = (await events(lead, "rules.acknowledged")).length;
    const both = await Promise.all([acknowledgeRules(owner, versionId, NOW), acknowledgeRules(owner, versionId, new Date(NOW.getTime() + 1000))]);
    expect(both.every((o) => o.ok)).toBe(true);
    expect(new Set(both.map((o) => (o.ok ? o.acknowledgedAt.getTime() : 0))).size).toBe(1);
    expect(await db().select().from(rulesAcknowledgement).where(and(eq(rulesAcknowledgement.userId, owner.userId), eq(rulesAcknowledgement.versionId, versionId)))).toHaveLength(1);
    expect((await events(lead, "rules.acknowledged")).length).toBe(audits + 1);
  });

  it("a new version asks again: the old version is stale once the new one is approved", async () => {
    const old = (await rulesStatus(staff)).rules!.versionId;
    expect(await reopenDocument(lead, documentId, "Nieuwe verversingsfrequentie")).toEqual({ ok: true });
    // While revising, the approved version stays the published one.
    expect((await rulesStatus(viewer)).rules).toMatchObject({ versionId: old, revising: true });
    expect(await acknowledgeRules(viewer, old, NOW)).toMatchObject({ ok: true });

    const reapproved = await approveDocument(lead, documentId, new Date(NOW.getTime() + hours(48)));
    if (!reapproved.ok) throw new Error(reapproved.error);
    expect(reapproved.versionId).not.toBe(old);
    expect(await acknowledgeRules(staff2, old, NOW)).toEqual({ ok: false, error: "stale_version" });
    const status = await rulesStatus(lead);
    expect(status.rules!.versionId).toBe(reapproved.versionId);
    expect(status.members!.every((m) => m.acknowledgedAt === null)).toBe(true);
    expect(await acknowledgeRules(staff, reapproved.versionId, NOW)).toEqual({ ok: true, acknowledgedAt: NOW });
    expect((await rulesStatus(lead)).members!.filter((m) => m.acknowledgedAt).map((m) => m.userId)).toEqual([staff.userId]);
    const notified = await db().select().from(notification).where(and(eq(notification.kind, "rules.published"), eq(notification.userId, owner.userId)));
    expect(notified.map((n) => n.payload.versionId).sort()).toEqual([old, reapproved.versionId].sort());
  });
});

describe("tenant isolation", () => {
  it("a trainer of another municipality can neither see nor touch a session of A", async () => {
    const input = { title: "Alleen Amsterdam", date: "2025-04-22", capacity: 3, trainerUserId: trainer.userId, topicIds: [topicA["dashboard-read"]!] };
    const id = await plan(trainer, input);
    expect(await inviteToSession(trainer, id, [staff.userId], NOW)).toMatchObject({ ok: true });
    const before = { row: await sessionRow(id), registrations: await registrations(id), outbox: await count(outbox), audit: await count(auditEvent) };

    expect(await getSession(trainerB, id, NOW)).toBeNull();
    expect(await getSession(leadB, id, NOW)).toBeNull();
    expect((await listSessions(trainerB, NOW)).map((s) => s.id)).not.toContain(id);
    expect(await audienceMembers(trainerB, id)).toBeNull();
    expect(await signUp(staffB, id, NOW)).toEqual({ ok: false, error: "not_found" });
    expect(await signUp(trainerB, id, NOW)).toEqual({ ok: false, error: "not_found" });
    expect(await inviteToSession(trainerB, id, [staffB.userId], NOW)).toEqual({ ok: false, error: "not_found" });
    expect(await cancelRegistration(trainerB, id, staff.userId, NOW)).toEqual({ ok: false, error: "not_found" });
    expect(await logSession(trainerB, id, { attendeeIds: [staffB.userId], coveredTopicIds: [topicA["dashboard-read"]!] }, at("2025-04-22", "12:00"))).toEqual({ ok: false, error: "not_found" });
    expect(await updateSession(trainerB, id, sessionInput({ ...input, trainerUserId: trainerB.userId, topicIds: [topicB["dashboard-read"]!] }), NOW)).toEqual({ ok: false, error: "not_found" });
    expect(await cancelSession(trainerB, id, "Overgenomen", NOW)).toEqual({ ok: false, error: "not_found" });
    expect(await attendanceSheets(trainerB, (k) => k, id)).toBeNull();
    const all = (await attendanceSheets(leadB, (k) => k))!;
    expect(all[0]!.rows.some((r) => r[0] === "Alleen Amsterdam" || String(r[7]).endsWith("@amsterdam.test"))).toBe(false);

    expect(await sessionRow(id)).toEqual(before.row);
    expect(await registrations(id)).toEqual(before.registrations);
    expect(await count(outbox)).toBe(before.outbox);
    expect(await count(auditEvent)).toBe(before.audit);
  });

  it("a trainer of another municipality cannot tick A's topics nor edit them", async () => {
    const mine = await plan(trainerB, { title: "Utrecht", date: "2025-04-22", trainerUserId: trainerB.userId, topicIds: [topicB["dashboard-read"]!] });
    expect(await planSession(trainerB, sessionInput({ title: "Met A", date: "2025-04-23", trainerUserId: trainerB.userId, topicIds: [topicA["dashboard-read"]!] }), NOW)).toEqual({ ok: false, error: "topics_invalid" });
    expect(await inviteToSession(trainerB, mine, [staff.userId], NOW)).toEqual({ ok: false, error: "not_members", userIds: [staff.userId] });
    expect(await logSession(trainerB, mine, { attendeeIds: [staffB.userId], coveredTopicIds: [topicA["dashboard-read"]!] }, at("2025-04-22", "12:00"))).toEqual({ ok: false, error: "topics_invalid" });
    expect(await logSession(trainerB, mine, { attendeeIds: [staffB.userId, staff.userId], coveredTopicIds: [topicB["dashboard-read"]!] }, at("2025-04-22", "12:00"))).toEqual({ ok: false, error: "not_members", userIds: [staff.userId] });
    expect(await updateTopic(trainerB, topicA["dashboard-read"]!, { title: "Overgenomen", roles: [] })).toEqual({ ok: false, error: "not_found" });
    expect(await setTopicArchived(trainerB, topicA["dashboard-read"]!, true)).toEqual({ ok: false, error: "not_found" });
    expect(await checklistOf(trainerB, staff.userId)).toBeNull();
    expect((await listTopics(trainerB)).map((t) => t.id)).not.toContain(topicA["dashboard-read"]);

    // B's own log counts for B only.
    const coverageA = await loadCoverage(lead);
    expect(await logSession(trainerB, mine, { attendeeIds: [staffB.userId], coveredTopicIds: [topicB["dashboard-read"]!] }, at("2025-04-22", "12:00"))).toMatchObject({ ok: true });
    expect((await checklistOf(leadB, staffB.userId))!.items.filter((i) => i.covered).map((i) => i.topicId)).toEqual([topicB["dashboard-read"]]);
    expect(await loadCoverage(lead)).toEqual(coverageA);
    expect((await loadCoverage(leadB)).topics.find((t) => t.id === topicB["dashboard-read"])!.share.covered).toBe(1);
  });
});

describe("a trainer who works for two municipalities", () => {
  it("is not booked twice at once, whichever municipality plans", async () => {
    const external = await addMember(lead, "extern@trainingsbureau.test", "trainer", "Eline Extern");
    const invited = await inviteMember(leadB, { email: external.email, role: "trainer" });
    if (!invited.ok) throw new Error(invited.error);
    expect(await acceptInvitation({ userId: external.userId, name: external.userName, email: external.email }, invited.invitationId, "127.0.0.1")).toMatchObject({ ok: true });
    await plan(leadB, { title: "Utrecht op dinsdag", date: "2025-05-06", trainerUserId: external.userId, topicIds: [topicB["dashboard-read"]!] });
    const outcome = await planSession(lead, sessionInput({ title: "Amsterdam op dinsdag", date: "2025-05-06", startTime: "10:00", endTime: "12:00", trainerUserId: external.userId, topicIds: [topicA["dashboard-read"]!] }), NOW);
    // The clash is named by time only: the other municipality's session title is not ours to see.
    expect(outcome).toMatchObject({ ok: false, error: "trainer_busy", clash: { title: null } });
    expect(JSON.stringify(outcome)).not.toContain("Utrecht op dinsdag");
    expect((await plan(lead, { title: "Amsterdam na de middag", date: "2025-05-06", startTime: "13:00", endTime: "15:00", trainerUserId: external.userId, topicIds: [topicA["dashboard-read"]!] })).length).toBe(36);
  });
});
