// The training pages through their routes: roles (403), another municipality's session by URL (404),
// a form with bad input (400, field errors, nothing written), sign-up and invitation through the
// session page's action, the XLSX attendance list, and rules acknowledgement by the page.
import { and, eq, sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../app/db.server";
import type { Member } from "../../app/modules/auth/guards.server";
import { approveDocument, listDocuments } from "../../app/modules/documents/documents.server";
import { createDepartment } from "../../app/modules/departments/departments.server";
import { departmentsOfMembers, setMemberDepartment } from "../../app/modules/training/member-departments.server";
import { planSession } from "../../app/modules/training/sessions.server";
import { listTopics } from "../../app/modules/training/topics.server";
import type { SessionInput } from "../../app/modules/training/schema";
import { loader as exportLoader } from "../../app/routes/municipality/training-attendance-export";
import { action as checklistsAction, loader as checklistsLoader } from "../../app/routes/municipality/training-checklists";
import { action as coverageAction, loader as coverageLoader } from "../../app/routes/municipality/training-coverage";
import { action as rulesAction, loader as rulesLoader } from "../../app/routes/municipality/training-rules";
import { action as sessionAction, loader as sessionLoader } from "../../app/routes/municipality/training-session";
import { loader as editLoader } from "../../app/routes/municipality/training-session-edit";
import { action as logAction, loader as logLoader } from "../../app/routes/municipality/training-session-log";
import { action as newAction, loader as newLoader } from "../../app/routes/municipality/training-session-new";
import { loader as trainingLoader } from "../../app/routes/municipality/training";
import { memberDepartment, outbox, rulesAcknowledgement, trainingAttendance, trainingRegistration, trainingSession, trainingTopic } from "../../db/schema/index";
import { contextFor } from "./support/context";
import { useTestDatabase } from "./support/db";
import { createMunicipalityWithLead } from "./support/factories";
import { addTestMember } from "./support/kpi-factories";

useTestDatabase();

let lead: Member;
let trainer: Member;
let staff: Member;
let viewer: Member;
let otherLead: Member;
let otherTrainer: Member;
let sessionId: string;
let pastSessionId: string;
let dashboardTopic: string;

const DAY = 86_400_000;
const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * DAY).toISOString().slice(0, 10);

function input(over: Partial<SessionInput> = {}): SessionInput {
  return { title: "Dashboard lezen", date: isoDay(10), startTime: "09:00", endTime: "10:30", location: "Stadhuis", capacity: 2, trainerUserId: trainer.userId, roles: [], departmentIds: [], topicIds: [dashboardTopic], openForSignUp: true, ...over };
}

function get(m: Member, path: string) {
  return new Request(`http://localhost/g/${m.cbsCode}${path}`);
}

function post(m: Member, path: string, fields: Record<string, string | string[]>) {
  const body = new FormData();
  for (const [key, value] of Object.entries(fields)) for (const v of Array.isArray(value) ? value : [value]) body.append(key, v);
  return new Request(`http://localhost/g/${m.cbsCode}${path}`, { method: "POST", body });
}

/** The HTTP status of a loader/action outcome: thrown or returned Response, or data() with its init. */
async function statusOf(p: Promise<unknown>): Promise<number> {
  try {
    const r = await p;
    if (r instanceof Response) return r.status;
    return (r as { init?: { status?: number } | null }).init?.status ?? 200;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    throw thrown;
  }
}

const args = (m: Member, request: Request, extra: Record<string, string> = {}) => ({ request, context: contextFor(m), params: { code: m.cbsCode, ...extra } }) as never;

async function count(table: typeof trainingSession | typeof trainingRegistration | typeof outbox | typeof trainingTopic): Promise<number> {
  const [row] = await db().select({ n: sql<number>`count(*)::int` }).from(table);
  return row!.n;
}

beforeAll(async () => {
  lead = await createMunicipalityWithLead("GM0344", "Utrecht", "lead@utrecht.test");
  trainer = await addTestMember(lead, "trainer");
  staff = await addTestMember(lead, "staff");
  viewer = await addTestMember(lead, "viewer");
  otherLead = await createMunicipalityWithLead("GM0363", "Amsterdam", "lead@amsterdam.test");
  otherTrainer = await addTestMember(otherLead, "trainer");
  dashboardTopic = (await listTopics(lead)).find((t) => t.title === "Dashboard lezen")!.id;
  const planned = await planSession(trainer, input());
  if (!planned.ok) throw new Error(planned.error);
  sessionId = planned.sessionId;
  const past = await planSession(trainer, input({ title: "Gisteren", date: isoDay(-1) }));
  if (!past.ok) throw new Error(past.error);
  pastSessionId = past.sessionId;
});

describe("training routes", () => {
  it("refuses the trainer's pages and forms to staff and viewers (403), and shows the rest", async () => {
    expect(await statusOf(newLoader(args(staff, get(staff, "/training/sessies/nieuw"))))).toBe(403);
    expect(await statusOf(newAction(args(viewer, post(viewer, "/training/sessies/nieuw", {}))))).toBe(403);
    expect(await statusOf(logLoader(args(staff, get(staff, `/training/sessies/${pastSessionId}/registreren`), { sessionId: pastSessionId })))).toBe(403);
    expect(await statusOf(exportLoader(args(viewer, get(viewer, "/training/aanwezigheid.xlsx"))))).toBe(403);
    expect(await statusOf(sessionAction(args(staff, post(staff, `/training/sessies/${sessionId}`, { intent: "invite", sessionId, userIds: viewer.userId }), { sessionId })))).toBe(403);
    expect(await statusOf(checklistsAction(args(staff, post(staff, "/training/checklists", { intent: "createTopic", topicId: "new", title: "Iets" }))))).toBe(403);
    expect(await statusOf(coverageAction(args(trainer, post(trainer, "/training/dekking", { percent: "50" }))))).toBe(403);
    // Everyone reads the training page, the checklists, the coverage and the rules.
    for (const m of [staff, viewer]) {
      expect(await statusOf(trainingLoader(args(m, get(m, "/training"))))).toBe(200);
      expect(await statusOf(checklistsLoader(args(m, get(m, "/training/checklists"))))).toBe(200);
      expect(await statusOf(coverageLoader(args(m, get(m, "/training/dekking"))))).toBe(200);
      expect(await statusOf(rulesLoader(args(m, get(m, "/training/spelregels"))))).toBe(200);
    }
  });

  it("answers 404 for another municipality's session by URL, and changes nothing of it", async () => {
    const before = await db().select().from(trainingSession).where(eq(trainingSession.id, sessionId));
    // Through the other municipality's own URL, with this municipality's session id.
    expect(await statusOf(sessionLoader(args(otherTrainer, get(otherTrainer, `/training/sessies/${sessionId}`), { sessionId })))).toBe(404);
    expect(await statusOf(editLoader(args(otherTrainer, get(otherTrainer, `/training/sessies/${sessionId}/bewerken`), { sessionId })))).toBe(404);
    expect(await statusOf(logLoader(args(otherTrainer, get(otherTrainer, `/training/sessies/${pastSessionId}/registreren`), { sessionId: pastSessionId })))).toBe(404);
    expect(await statusOf(exportLoader(args(otherTrainer, get(otherTrainer, `/training/aanwezigheid.xlsx?sessie=${sessionId}`))))).toBe(404);
    for (const intent of ["signUp", "cancelSession"]) {
      expect(await statusOf(sessionAction(args(otherTrainer, post(otherTrainer, `/training/sessies/${sessionId}`, { intent, sessionId, reason: "weg" }), { sessionId })))).toBe(404);
    }
    expect(
      await statusOf(sessionAction(args(otherTrainer, post(otherTrainer, `/training/sessies/${sessionId}`, { intent: "invite", sessionId, userIds: otherTrainer.userId }), { sessionId }))),
    ).toBe(404);
    expect(await statusOf(logAction(args(otherTrainer, post(otherTrainer, `/training/sessies/${pastSessionId}/registreren`, { sessionId: pastSessionId, attendeeIds: otherTrainer.userId, coveredTopicIds: dashboardTopic }), { sessionId: pastSessionId })))).toBe(404);
    // And through this municipality's URL by someone who is not a member of it.
    const foreign = new Request(`http://localhost/g/${lead.cbsCode}/training/sessies/${sessionId}`);
    expect(await statusOf(sessionLoader({ request: foreign, context: contextFor(otherTrainer), params: { code: lead.cbsCode, sessionId } } as never))).toBe(404);
    expect(await db().select().from(trainingSession).where(eq(trainingSession.id, sessionId))).toEqual(before);
    expect(await db().select().from(trainingRegistration).where(eq(trainingRegistration.sessionId, sessionId))).toEqual([]);
    // The list of the other municipality does not show it either.
    const list = (await trainingLoader(args(otherTrainer, get(otherTrainer, "/training")))) as { upcoming: { id: string }[]; past: { id: string }[] };
    expect([...list.upcoming, ...list.past].map((s) => s.id)).not.toContain(sessionId);
  });

  it("shows every bad field of the plan form with its message and writes nothing", async () => {
    const sessions = await count(trainingSession);
    const res = (await newAction(
      args(trainer, post(trainer, "/training/sessies/nieuw", { title: "", date: "2026-02-30", startTime: "25:00", endTime: "10:00", capacity: "0", trainerUserId: trainer.userId, onlineUrl: "javascript:alert(1)" })),
    )) as { init: { status: number }; data: { result: { error: Record<string, string[]> } } };
    expect(res.init.status).toBe(400);
    expect(res.data.result.error).toMatchObject({
      title: ["training.errors.sessionTitleRequired"],
      date: ["training.errors.dateInvalid"],
      startTime: ["training.errors.timeInvalid"],
      capacity: ["training.errors.capacityInvalid"],
      onlineUrl: ["training.errors.urlInvalid"],
      topicIds: ["training.errors.topicsRequired"],
    });
    // The trainer is booked at that time already: the error names the clash at the trainer field.
    const clash = (await newAction(
      args(trainer, post(trainer, "/training/sessies/nieuw", { title: "Dubbel", date: isoDay(10), startTime: "10:00", endTime: "11:00", location: "Zaal 2", capacity: "5", trainerUserId: trainer.userId, topicIds: dashboardTopic })),
    )) as { init: { status: number }; data: { result: { error: Record<string, string[]> } } };
    expect(clash.init.status).toBe(409);
    expect(clash.data.result.error.trainerUserId![0]).toContain("geeft dan al de sessie “Dashboard lezen”");
    expect(await count(trainingSession)).toBe(sessions);
  });

  it("plans through the form and redirects to the session page", async () => {
    const res = (await newAction(
      args(trainer, post(trainer, "/training/sessies/nieuw", { title: "Leveren", date: isoDay(12), startTime: "13:00", endTime: "14:00", location: "Zaal 3", capacity: "4", trainerUserId: trainer.userId, topicIds: dashboardTopic, roles: "staff", openForSignUp: "on" })),
    )) as Response;
    expect(res.status).toBe(302);
    const id = res.headers.get("location")!.match(/sessies\/([0-9a-f-]{36})/)![1]!;
    const [row] = await db().select().from(trainingSession).where(eq(trainingSession.id, id));
    expect(row).toMatchObject({ title: "Leveren", capacity: 4, openForSignUp: true, municipalityId: lead.municipalityId });
    const view = (await sessionLoader(args(staff, get(staff, `/training/sessies/${id}`), { sessionId: id }))) as { session: { canSignUp: boolean; audience: { roles: string[] } } };
    expect(view.session).toMatchObject({ canSignUp: true, audience: { roles: ["staff"] } });
    // Not in the audience: a viewer cannot sign up.
    const refused = (await sessionAction(args(viewer, post(viewer, `/training/sessies/${id}`, { intent: "signUp", sessionId: id }), { sessionId: id }))) as { init: { status: number }; data: { result: { error: Record<string, string[]> } } };
    expect(refused.init.status).toBe(409);
    expect(refused.data.result.error[""]![0]).toBe("Deze sessie is voor een andere doelgroep.");
  });

  it("signs up through the page, puts the next on the waiting list, and invites all or nothing", async () => {
    const one = (await sessionAction(args(staff, post(staff, `/training/sessies/${sessionId}`, { intent: "signUp", sessionId }), { sessionId }))) as { data: { notice: { key: string } } };
    expect(one.data.notice.key).toBe("training.notices.signedUp");
    const two = (await sessionAction(args(viewer, post(viewer, `/training/sessies/${sessionId}`, { intent: "signUp", sessionId }), { sessionId }))) as { data: { notice: { key: string } } };
    expect(two.data.notice.key).toBe("training.notices.signedUp");
    const third = await addTestMember(lead, "staff");
    const waitlisted = (await sessionAction(args(third, post(third, `/training/sessies/${sessionId}`, { intent: "signUp", sessionId }), { sessionId }))) as unknown as { data: { notice: { key: string; values: { position: number } } } };
    expect(waitlisted.data.notice).toEqual({ key: "training.notices.waitlisted", values: { position: 1 } });
    // Full: inviting one more is refused with the free seats, and nothing is written.
    const mails = await count(outbox);
    const fourth = await addTestMember(lead, "staff");
    const full = (await sessionAction(args(trainer, post(trainer, `/training/sessies/${sessionId}`, { intent: "invite", sessionId, userIds: fourth.userId }), { sessionId }))) as { init: { status: number }; data: { result: { error: Record<string, string[]> } } };
    expect(full.init.status).toBe(409);
    expect(full.data.result.error.userIds![0]).toBe("Er zijn nog 0 plaatsen vrij; je koos 1 mensen. Kies minder mensen of verhoog de capaciteit.");
    expect(await count(outbox)).toBe(mails);
    expect(await db().select().from(trainingRegistration).where(and(eq(trainingRegistration.sessionId, sessionId), eq(trainingRegistration.userId, fourth.userId)))).toEqual([]);
    // The trainer removes one registration: the waitlisted person gets the seat and a mail with the calendar file.
    await sessionAction(args(trainer, post(trainer, `/training/sessies/${sessionId}`, { intent: "removeRegistration", sessionId, userId: viewer.userId }), { sessionId }));
    const [seat] = await db().select().from(trainingRegistration).where(and(eq(trainingRegistration.sessionId, sessionId), eq(trainingRegistration.userId, third.userId)));
    expect(seat!.status).toBe("registered");
    const [mail] = await db().select().from(outbox).where(and(eq(outbox.toAddress, third.email), eq(outbox.template, "training-seat")));
    expect(Buffer.from(mail!.attachments![0]!.contentBase64, "base64").toString()).toContain("METHOD:REQUEST");
  });

  it("logs attendance through the form (walk-ins count as attendees; an outsider writes nothing)", async () => {
    const outsider = await db().select().from(trainingAttendance).where(eq(trainingAttendance.sessionId, pastSessionId));
    const refused = (await logAction(args(trainer, post(trainer, `/training/sessies/${pastSessionId}/registreren`, { sessionId: pastSessionId, walkInIds: otherTrainer.userId, coveredTopicIds: dashboardTopic }), { sessionId: pastSessionId }))) as {
      init: { status: number };
      data: { result: { error: Record<string, string[]> } };
    };
    expect(refused.init.status).toBe(409);
    expect(refused.data.result.error.attendeeIds![0]).toContain("geen lid van deze gemeente");
    expect(await db().select().from(trainingAttendance).where(eq(trainingAttendance.sessionId, pastSessionId))).toEqual(outsider);
    const res = (await logAction(args(trainer, post(trainer, `/training/sessies/${pastSessionId}/registreren`, { sessionId: pastSessionId, walkInIds: staff.userId, coveredTopicIds: dashboardTopic, notes: "Goed gegaan" }), { sessionId: pastSessionId }))) as Response;
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toContain("aanwezig=1");
    const checklist = (await trainingLoader(args(staff, get(staff, "/training")))) as { checklist: { items: { topicId: string; covered: unknown }[] } };
    expect(checklist.checklist.items.find((i) => i.topicId === dashboardTopic)!.covered).not.toBeNull();
  });

  it("exports the attendance list as a real XLSX workbook", async () => {
    const res = (await exportLoader(args(trainer, get(trainer, `/training/aanwezigheid.xlsx?sessie=${pastSessionId}`)))) as Response;
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("spreadsheetml");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).value).toBe("Sessie");
    const rows = sheet.getSheetValues().slice(2).filter(Boolean) as unknown[][];
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain(staff.email);
    expect(rows[0]).toContain("Aanwezig");
  });

  it("acknowledges the published rules of use through the page, once per version", async () => {
    const noRules = (await rulesAction(args(staff, post(staff, "/training/spelregels", { versionId: crypto.randomUUID() })))) as { init: { status: number }; data: { error: string } };
    expect(noRules.init.status).toBe(409);
    expect(noRules.data.error).toBe("training.errors.no_rules");
    const rules = (await listDocuments(lead)).find((d) => d.kind === "rules_of_use")!;
    const approved = await approveDocument(lead, rules.id);
    if (!approved.ok) throw new Error(approved.error);
    const page = (await rulesLoader(args(staff, get(staff, "/training/spelregels")))) as { status: { rules: { versionId: string }; acknowledgedAt: unknown; members: unknown } };
    expect(page.status.rules.versionId).toBe(approved.versionId);
    expect(page.status.acknowledgedAt).toBeNull();
    expect(page.status.members).toBeNull(); // staff see only their own state
    const done = (await rulesAction(args(staff, post(staff, "/training/spelregels", { versionId: approved.versionId })))) as { data: { notice: string } };
    expect(done.data.notice).toBe("training.rules.acknowledgedNotice");
    await rulesAction(args(staff, post(staff, "/training/spelregels", { versionId: approved.versionId })));
    expect(await db().select().from(rulesAcknowledgement).where(eq(rulesAcknowledgement.userId, staff.userId))).toHaveLength(1);
    const leadView = (await rulesLoader(args(lead, get(lead, "/training/spelregels")))) as { status: { members: { userId: string; acknowledgedAt: unknown }[] } };
    expect(leadView.status.members.find((m) => m.userId === staff.userId)!.acknowledgedAt).not.toBeNull();
    expect(leadView.status.members.find((m) => m.userId === viewer.userId)!.acknowledgedAt).toBeNull();
    // A forged version id is refused with the same message, and records nothing.
    const forged = (await rulesAction(args(viewer, post(viewer, "/training/spelregels", { versionId: "x'; drop table" })))) as { init: { status: number }; data: { error: string } };
    expect(forged.init.status).toBe(400);
    expect(await db().select().from(rulesAcknowledgement).where(eq(rulesAcknowledgement.userId, viewer.userId))).toEqual([]);
    // Another municipality's member does not see this municipality's acknowledgements.
    const other = (await rulesLoader(args(otherLead, get(otherLead, "/training/spelregels")))) as { status: { rules: unknown } };
    expect(other.status.rules).toBeNull();
  });

  it("places members only in their own municipality's departments, and only members of it", async () => {
    const ours = await createDepartment(lead, { name: "Publiekszaken" });
    const theirs = await createDepartment(otherLead, { name: "Stadsdeel Noord" });
    if (!ours.ok || !theirs.ok) throw new Error("departments");
    expect(await setMemberDepartment(lead, staff.userId, theirs.departmentId)).toEqual({ ok: false, error: "department_not_found" });
    expect(await setMemberDepartment(lead, otherTrainer.userId, ours.departmentId)).toEqual({ ok: false, error: "not_member" });
    expect(await setMemberDepartment(otherLead, staff.userId, ours.departmentId)).toEqual({ ok: false, error: "not_member" });
    expect(await setMemberDepartment(trainer, staff.userId, ours.departmentId)).toEqual({ ok: false, error: "not_allowed" });
    expect(await db().select().from(memberDepartment).where(eq(memberDepartment.userId, staff.userId))).toEqual([]);
    expect(await setMemberDepartment(lead, staff.userId, ours.departmentId)).toEqual({ ok: true });
    expect((await departmentsOfMembers(lead.municipalityId)).get(staff.userId)).toEqual({ departmentId: ours.departmentId, name: "Publiekszaken" });
    expect((await departmentsOfMembers(otherLead.municipalityId)).has(staff.userId)).toBe(false);
  });
});
