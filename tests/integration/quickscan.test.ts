// The maturity quickscan in rounds: lifecycle (create, invite, open with mails, remind, close),
// answering (save and continue, submit once, nothing after closing), results only over three or
// more submitted responses, individual answers readable by the respondent alone, comparison with
// the previous closed round, and tenant isolation through the module and the routes.
import type { AppLoadContext } from "@remix-run/node";
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../app/db.server";
import { listAuditEvents, verifyAuditChain } from "../../app/modules/audit/audit.server";
import type { Member } from "../../app/modules/auth/guards.server";
import { createDepartment } from "../../app/modules/departments/departments.server";
import { acceptInvitation, inviteMember } from "../../app/modules/members/members.server";
import type { Role } from "../../app/modules/auth/roles";
import type { AnswerValue } from "../../app/modules/strategy/quickscan/aggregate";
import { getOwnResponse, saveAnswers, submitResponse } from "../../app/modules/strategy/quickscan/answers.server";
import { referenceInstrument, statementsOf } from "../../app/modules/strategy/quickscan/instrument";
import { strategyGateChecks } from "../../app/modules/strategy/gate-checks.server";
import { latestRoundStatus, roundResults } from "../../app/modules/strategy/quickscan/results.server";
import { closeRound, createRound, getRound, inviteRespondents, listRespondents, listRounds, myInvitations, openRound, sendReminder } from "../../app/modules/strategy/quickscan/rounds.server";
import { action as answerAction, loader as answerLoader } from "../../app/routes/municipality/quickscan-answer";
import { action as roundAction, loader as roundLoader } from "../../app/routes/municipality/quickscan-round";
import { auditEvent, outbox, scanAnswer, scanResponse, scanRound } from "../../db/schema/index";
import { useTestDatabase } from "./support/db";
import { contextFor } from "./support/context";
import { createMunicipalityWithLead, createVerifiedUser, memberOf } from "./support/factories";

useTestDatabase();

let lead: Member;
let staff: Member;
let owner: Member;
let trainer: Member;
let viewer: Member;
let extra: Member;
let otherLead: Member;
let otherStaff: Member;
let finance: string;
let social: string;
let otherDepartment: string;

async function addMember(by: Member, email: string, role: Role, name?: string): Promise<Member> {
  const invitee = await createVerifiedUser(email, name);
  const invited = await inviteMember(by, { email, role });
  if (!invited.ok) throw new Error(invited.error);
  const accepted = await acceptInvitation({ userId: invitee.id, name: invitee.name, email: invitee.email }, invited.invitationId, "127.0.0.1");
  if (!accepted.ok) throw new Error(accepted.error);
  return memberOf(invitee.id, by.cbsCode);
}

const statements = statementsOf(referenceInstrument());

/** Answers to every statement: `value(i)` for the i-th statement (null = weet niet). */
function allAnswers(value: (index: number) => number | null): AnswerValue[] {
  return statements.map((s, i) => ({ dimensionKey: s.dimensionKey, statementIndex: s.statementIndex, value: value(i) }));
}

async function auditCount(): Promise<number> {
  const [row] = await db().select({ n: sql<number>`count(*)::int` }).from(auditEvent);
  return row!.n;
}

async function latestEvent(municipalityId: string) {
  const { events } = await listAuditEvents(db(), municipalityId, { limit: 1 });
  return events[0]!;
}

async function mailsTo(email: string, template: string) {
  return db().select().from(outbox).where(and(eq(outbox.toAddress, email), eq(outbox.template, template)));
}


async function statusOf(run: () => Promise<unknown>): Promise<number> {
  try {
    const result = await run();
    if (result instanceof Response) return result.status;
    const init = (result as { init?: { status?: number } | null })?.init;
    return init?.status ?? 200;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    throw thrown;
  }
}

function post(path: string, fields: Record<string, string>) {
  return new Request(`http://localhost${path}`, { method: "POST", body: new URLSearchParams(fields) });
}

beforeAll(async () => {
  lead = await createMunicipalityWithLead("GM0363", "Amsterdam", "lead@amsterdam.test");
  staff = await addMember(lead, "staff@amsterdam.test", "staff", "Sanne Staf");
  owner = await addMember(lead, "owner@amsterdam.test", "department_owner", "Otto Eigenaar");
  trainer = await addMember(lead, "trainer@amsterdam.test", "trainer", "Tess Trainer");
  viewer = await addMember(lead, "viewer@amsterdam.test", "viewer", "Vera Meelezer");
  extra = await addMember(lead, "extra@amsterdam.test", "staff", "Erik Extra");
  otherLead = await createMunicipalityWithLead("GM0344", "Utrecht", "lead@utrecht.test");
  otherStaff = await addMember(otherLead, "staff@utrecht.test", "staff", "Uma Utrecht");
  const f = await createDepartment(lead, { name: "Financiën" });
  const s = await createDepartment(lead, { name: "Sociaal domein" });
  const o = await createDepartment(otherLead, { name: "Burgerzaken Utrecht" });
  if (!f.ok || !s.ok || !o.ok) throw new Error("departments");
  finance = f.departmentId;
  social = s.departmentId;
  otherDepartment = o.departmentId;
});

describe("rounds", () => {
  it("creates a round with a snapshot of the instrument; the name is unique per municipality, ignoring case", async () => {
    const created = await createRound(lead, { name: " Nulmeting 2026 ", dueOn: "2999-12-31" });
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    const round = await getRound(lead, created.roundId);
    expect(round).toMatchObject({ name: "Nulmeting 2026", status: "draft", dueOn: "2999-12-31" });
    expect(round!.instrument.dimensions).toHaveLength(7);
    expect(round!.instrument.phases).toHaveLength(4);
    expect(await latestEvent(lead.municipalityId)).toMatchObject({ action: "quickscan.round_created", objectType: "scan_round", objectId: created.roundId, actorUserId: lead.userId });

    const before = await auditCount();
    expect(await createRound(lead, { name: "NULMETING 2026" })).toEqual({ ok: false, error: "nameTaken", name: "NULMETING 2026" });
    expect(await auditCount()).toBe(before);
    // Another municipality may use the same name.
    expect((await createRound(otherLead, { name: "Nulmeting 2026" })).ok).toBe(true);
    // Only leads manage rounds.
    expect(await createRound(staff, { name: "Eigen ronde" })).toEqual({ ok: false, error: "notAllowed" });
    await expect(createRound(lead, { name: "Verleden", dueOn: "2001-01-01" })).rejects.toThrow();
  });

  it("invites members with their department; refuses non-members, roles that cannot answer and foreign departments whole; skips duplicates", async () => {
    const created = await createRound(lead, { name: "Uitnodigen" });
    if (!created.ok) throw new Error(created.error);
    const roundId = created.roundId;

    const before = await auditCount();
    expect(await inviteRespondents(lead, roundId, [{ userId: staff.userId }, { userId: otherStaff.userId }])).toEqual({ ok: false, error: "notMember", userIds: [otherStaff.userId] });
    expect(await inviteRespondents(lead, roundId, [{ userId: staff.userId }, { userId: viewer.userId }])).toEqual({ ok: false, error: "cannotAnswer", names: ["Vera Meelezer"] });
    expect(await inviteRespondents(lead, roundId, [{ userId: staff.userId, departmentId: otherDepartment }])).toEqual({ ok: false, error: "departmentNotFound" });
    expect(await inviteRespondents(staff, roundId, [{ userId: staff.userId }])).toEqual({ ok: false, error: "notAllowed" });
    expect(await db().select().from(scanResponse).where(eq(scanResponse.roundId, roundId))).toEqual([]);
    expect(await auditCount()).toBe(before);

    const first = await inviteRespondents(lead, roundId, [
      { userId: staff.userId, departmentId: finance },
      { userId: owner.userId, departmentId: social },
    ]);
    expect(first).toMatchObject({ ok: true, mailed: false, skipped: [] });
    if (!first.ok) return;
    expect(first.invited.map((i) => i.email).sort()).toEqual(["owner@amsterdam.test", "staff@amsterdam.test"]);
    const event = await latestEvent(lead.municipalityId);
    expect(event).toMatchObject({ action: "quickscan.respondents_invited", objectId: roundId });
    // A draft round sends no mail yet.
    expect(await mailsTo("staff@amsterdam.test", "scan-invitation")).toEqual([]);

    const again = await inviteRespondents(lead, roundId, [{ userId: staff.userId, departmentId: social }, { userId: trainer.userId }]);
    expect(again).toMatchObject({ ok: true, invited: [{ email: "trainer@amsterdam.test" }], skipped: [{ email: "staff@amsterdam.test" }] });
    const respondents = (await listRespondents(lead, roundId))!;
    expect(respondents.map((r) => [r.email, r.departmentName])).toEqual([
      ["owner@amsterdam.test", "Sociaal domein"],
      ["staff@amsterdam.test", "Financiën"],
      ["trainer@amsterdam.test", null],
    ]);
    expect(await listRespondents(staff, roundId)).toBeUndefined();
  });

  it("opens with the invitation mails in the outbox, invites more at once while open, reminds the pending, closes", async () => {
    const created = await createRound(lead, { name: "Levenscyclus", dueOn: "2999-06-30" });
    if (!created.ok) throw new Error(created.error);
    const roundId = created.roundId;
    expect(await openRound(lead, roundId)).toEqual({ ok: false, error: "noRespondents" });
    expect(await sendReminder(lead, roundId)).toEqual({ ok: false, error: "notOpen" });
    expect(await closeRound(lead, roundId)).toEqual({ ok: false, error: "notOpen" });
    await inviteRespondents(lead, roundId, [{ userId: staff.userId, departmentId: finance }, { userId: owner.userId }]);
    // A respondent cannot answer before the round opens.
    expect(await saveAnswers(staff, roundId, allAnswers(() => 3).slice(0, 2))).toEqual({ ok: false, error: "notOpen" });
    expect(await getOwnResponse(staff, roundId)).toEqual({ ok: false, error: "notOpen" });
    expect((await myInvitations(staff)).some((i) => i.roundId === roundId)).toBe(false);

    expect(await openRound(staff, roundId)).toEqual({ ok: false, error: "notAllowed" });
    expect(await openRound(lead, roundId)).toEqual({ ok: true, mailed: 2 });
    expect(await latestEvent(lead.municipalityId)).toMatchObject({ action: "quickscan.round_opened", objectId: roundId });
    expect(await openRound(lead, roundId)).toEqual({ ok: false, error: "notDraft" });
    const [mail] = await mailsTo("staff@amsterdam.test", "scan-invitation");
    expect(mail).toBeDefined();
    const link = `http://localhost:3000/g/GM0363/quickscan/${roundId}/invullen`;
    expect(mail!.payload).toMatchObject({ url: link, round: "Levenscyclus", municipality: "Amsterdam", dueDate: "2999-06-30" });
    expect(mail!.subject).toBe("Vul de quickscan “Levenscyclus” in voor Amsterdam");
    expect(mail!.html).toContain(`href="${link}"`);
    expect(mail!.text).toContain("30 juni 2999");
    expect(mail!.municipalityId).toBe(lead.municipalityId);
    expect((await myInvitations(staff)).find((i) => i.roundId === roundId)).toMatchObject({ status: "open", submittedAt: null });

    // Invited while open: the mail goes out at once.
    expect(await inviteRespondents(lead, roundId, [{ userId: trainer.userId }])).toMatchObject({ ok: true, mailed: true });
    expect((await mailsTo("trainer@amsterdam.test", "scan-invitation")).some((m) => (m.payload as { url: string }).url === link)).toBe(true);

    // The reminder goes to those who have not submitted.
    expect((await submitResponse(owner, roundId, allAnswers(() => 4))).ok).toBe(true);
    expect(await sendReminder(lead, roundId)).toEqual({ ok: true, mailed: 2 });
    expect(await latestEvent(lead.municipalityId)).toMatchObject({ action: "quickscan.reminder_sent", objectId: roundId });
    expect(await mailsTo("owner@amsterdam.test", "scan-reminder")).toHaveLength(0);
    const [reminder] = await mailsTo("staff@amsterdam.test", "scan-reminder");
    expect(reminder!.subject).toBe("Herinnering: vul de quickscan “Levenscyclus” in");
    expect(reminder!.html).toContain(`href="${link}"`);

    expect(await closeRound(lead, roundId)).toEqual({ ok: true, mailed: 0 });
    expect(await latestEvent(lead.municipalityId)).toMatchObject({ action: "quickscan.round_closed", objectId: roundId });
    expect(await closeRound(lead, roundId)).toEqual({ ok: false, error: "closed" });
    expect(await sendReminder(lead, roundId)).toEqual({ ok: false, error: "closed" });
    expect(await inviteRespondents(lead, roundId, [{ userId: extra.userId }])).toEqual({ ok: false, error: "closed" });
    expect((await listRounds(lead)).find((r) => r.id === roundId)).toMatchObject({ status: "closed", invited: 3, submitted: 1 });
  });
});

describe("answering", () => {
  let roundId: string;

  beforeAll(async () => {
    const created = await createRound(lead, { name: "Antwoorden" });
    if (!created.ok) throw new Error(created.error);
    roundId = created.roundId;
    await inviteRespondents(lead, roundId, [{ userId: staff.userId }, { userId: owner.userId }, { userId: trainer.userId }]);
    await openRound(lead, roundId);
  });

  it("saves part of the answers, continues later, and submits once", async () => {
    const answers = allAnswers((i) => (i % 6 === 5 ? null : (i % 5) + 1));
    const saved = await saveAnswers(staff, roundId, answers.slice(0, 12));
    expect(saved).toEqual({ ok: true, answered: 12, total: 28 });
    expect(await latestEvent(lead.municipalityId)).toMatchObject({ action: "quickscan.response_saved", actorUserId: staff.userId, details: { round: "Antwoorden", answered: 12, total: 28 } });
    let own = await getOwnResponse(staff, roundId);
    expect(own.ok && own.value.answered).toBe(12);
    expect(own.ok && own.value.response.startedAt).toBeInstanceOf(Date);

    // Later: change one earlier answer and add more.
    const changed = { ...answers[0]!, value: 5 };
    expect(await saveAnswers(staff, roundId, [changed, ...answers.slice(12, 20)])).toEqual({ ok: true, answered: 20, total: 28 });
    own = await getOwnResponse(staff, roundId);
    expect(own.ok && own.value.answers.find((a) => a.dimensionKey === changed.dimensionKey && a.statementIndex === 0)?.value).toBe(5);

    // Submitting with statements still open refuses and saves nothing of this request.
    const incomplete = await submitResponse(staff, roundId, answers.slice(20, 25));
    expect(incomplete).toMatchObject({ ok: false, error: "incomplete" });
    if (!incomplete.ok && incomplete.error === "incomplete") expect(incomplete.missing).toHaveLength(3);
    own = await getOwnResponse(staff, roundId);
    expect(own.ok && own.value.answered).toBe(20);
    expect(own.ok && own.value.response.submittedAt).toBeNull();

    expect(await submitResponse(staff, roundId, answers.slice(20))).toEqual({ ok: true, answered: 28, total: 28 });
    const submitted = await latestEvent(lead.municipalityId);
    expect(submitted).toMatchObject({ action: "quickscan.response_submitted", actorUserId: staff.userId, objectId: roundId });
    // The log says that, not what: no answer values.
    expect(submitted.details).toEqual({ round: "Antwoorden" });

    // A second submit, or any change after submitting, is refused and changes nothing.
    const before = await auditCount();
    expect(await submitResponse(staff, roundId, answers)).toEqual({ ok: false, error: "alreadySubmitted" });
    expect(await saveAnswers(staff, roundId, [{ ...answers[1]!, value: 1 }])).toEqual({ ok: false, error: "alreadySubmitted" });
    expect(await auditCount()).toBe(before);
    own = await getOwnResponse(staff, roundId);
    expect(own.ok && own.value.answers.find((a) => a.dimensionKey === answers[1]!.dimensionKey && a.statementIndex === answers[1]!.statementIndex)?.value).toBe(answers[1]!.value);
  });

  it("refuses answers to statements the round does not have, values off the scale, and respondents not invited", async () => {
    expect(await saveAnswers(owner, roundId, [{ dimensionKey: "waarde", statementIndex: 4, value: 3 }])).toEqual({ ok: false, error: "invalidAnswer" });
    expect(await saveAnswers(owner, roundId, [{ dimensionKey: "onbekend", statementIndex: 0, value: 3 }])).toEqual({ ok: false, error: "invalidAnswer" });
    expect(await saveAnswers(owner, roundId, [{ dimensionKey: "waarde", statementIndex: 0, value: 6 }])).toEqual({ ok: false, error: "invalidAnswer" });
    expect(await saveAnswers(extra, roundId, allAnswers(() => 3))).toEqual({ ok: false, error: "notInvited" });
    expect(await getOwnResponse(extra, roundId)).toEqual({ ok: false, error: "notInvited" });
    expect(await saveAnswers(viewer, roundId, allAnswers(() => 3))).toEqual({ ok: false, error: "notAllowed" });
    const [row] = await db().select({ n: sql<number>`count(*)::int` }).from(scanAnswer).innerJoin(scanResponse, eq(scanResponse.id, scanAnswer.responseId)).where(and(eq(scanAnswer.roundId, roundId), eq(scanResponse.userId, owner.userId)));
    expect(row!.n).toBe(0);
  });

  it("refuses answers in a closed round, also from a respondent who saved before", async () => {
    expect((await saveAnswers(trainer, roundId, allAnswers(() => 2).slice(0, 3))).ok).toBe(true);
    expect((await closeRound(lead, roundId)).ok).toBe(true);
    const before = await auditCount();
    expect(await saveAnswers(trainer, roundId, allAnswers(() => 2))).toEqual({ ok: false, error: "closed" });
    expect(await submitResponse(trainer, roundId, allAnswers(() => 2))).toEqual({ ok: false, error: "closed" });
    expect(await auditCount()).toBe(before);
    const own = await getOwnResponse(trainer, roundId);
    expect(own.ok && own.value.answered).toBe(3);
    expect(own.ok && own.value.response.submittedAt).toBeNull();
  });
});

describe("results", () => {
  let firstRound: string;
  let secondRound: string;

  it("shows no means with two submitted responses, and the means per dimension from three", async () => {
    const created = await createRound(lead, { name: "Drempel" });
    if (!created.ok) throw new Error(created.error);
    firstRound = created.roundId;
    expect(await roundResults(lead, firstRound)).toBeNull();
    await inviteRespondents(lead, firstRound, [
      { userId: staff.userId, departmentId: finance },
      { userId: owner.userId, departmentId: finance },
      { userId: trainer.userId, departmentId: finance },
      { userId: extra.userId, departmentId: social },
      { userId: lead.userId },
    ]);
    await openRound(lead, firstRound);
    expect((await submitResponse(staff, firstRound, allAnswers(() => 2))).ok).toBe(true);
    // "Weet niet" everywhere in the second dimension for this respondent.
    expect((await submitResponse(owner, firstRound, allAnswers((i) => (i >= 4 && i < 8 ? null : 4)))).ok).toBe(true);
    // Saved but not submitted: does not count.
    expect((await saveAnswers(trainer, firstRound, allAnswers(() => 5))).ok).toBe(true);

    let results = (await roundResults(staff, firstRound))!;
    expect(results.aggregate).toMatchObject({ invited: 5, submitted: 2, responseRate: 0.4, visible: false, dimensions: null });
    expect(results.spread).toEqual({ groups: [], other: null });
    expect(results.comparison).toBeNull();

    expect((await submitResponse(extra, firstRound, allAnswers(() => 3))).ok).toBe(true);
    // Three responses, but the round is open: only the response rate (interim means would give the next respondent away).
    results = (await roundResults(viewer, firstRound))!;
    expect(results.aggregate).toMatchObject({ submitted: 3, responseRate: 0.6, visible: false, hiddenUntilClosed: true, dimensions: null });
    expect(results.spread).toEqual({ groups: [], other: null });
    expect((await closeRound(lead, firstRound)).ok).toBe(true);
    results = (await roundResults(viewer, firstRound))!;
    expect(results.aggregate).toMatchObject({ submitted: 3, responseRate: 0.6, visible: true });
    const dims = results.aggregate.dimensions!;
    expect(dims.map((d) => d.key)).toEqual(["waarde", "kennis", "vaardigheden", "leren", "toepassing", "privacy", "data_ict"]);
    expect(dims[0]).toMatchObject({ name: "Strategie en publieke waarde", mean: 3, answered: 12, dontKnow: 0, phase: "Verbreden door leren" });
    expect(dims[1]).toMatchObject({ mean: 2.5, answered: 8, dontKnow: 4, phase: "Experimenteren" });
    // Finance has 2 submitted, Sociaal domein 1: no department is shown, all three are "overige".
    expect(results.spread.groups).toEqual([]);
    expect(results.spread.other).toMatchObject({ respondents: 3 });
    // The previous closed round ("Antwoorden") had one submitted response: nothing to compare with.
    expect(results.previous).toMatchObject({ name: "Antwoorden", aggregate: { submitted: 1, visible: false, dimensions: null } });
    expect(results.comparison).toBeNull();
  });

  it("compares with the previous closed round and shows departments with three responses", async () => {
    const created = await createRound(lead, { name: "Vervolgmeting" });
    if (!created.ok) throw new Error(created.error);
    secondRound = created.roundId;
    await inviteRespondents(lead, secondRound, [
      { userId: staff.userId, departmentId: finance },
      { userId: owner.userId, departmentId: finance },
      { userId: trainer.userId, departmentId: finance },
      { userId: extra.userId, departmentId: social },
    ]);
    await openRound(lead, secondRound);
    for (const m of [staff, owner, trainer]) expect((await submitResponse(m, secondRound, allAnswers(() => 4))).ok).toBe(true);
    let results = (await roundResults(lead, secondRound))!;
    expect(results.aggregate).toMatchObject({ submitted: 3, visible: false, hiddenUntilClosed: true });
    expect(results.comparison).toBeNull();
    expect((await submitResponse(extra, secondRound, allAnswers(() => 1))).ok).toBe(true);
    expect((await closeRound(lead, secondRound)).ok).toBe(true);

    results = (await roundResults(lead, secondRound))!;
    expect(results.previous).toMatchObject({ id: firstRound, name: "Drempel" });
    expect(results.aggregate.dimensions![0]!.mean).toBe(3.25);
    expect(results.comparison![0]).toMatchObject({ key: "waarde", current: 3.25, previous: 3, delta: 0.25 });
    expect(results.comparison![1]).toMatchObject({ key: "kennis", current: 3.25, previous: 2.5, delta: 0.75 });
    // Finance (3) next to one person from Sociaal domein would give that one person away: all join "overige".
    expect(results.spread.groups).toEqual([]);
    expect(results.spread.other).toMatchObject({ respondents: 4, departments: 2 });
  });

  it("lets nobody but the respondent read individual answers", async () => {
    // The lead's own lookup gives the lead's own response only.
    const leadsOwn = await getOwnResponse(lead, firstRound);
    expect(leadsOwn.ok && leadsOwn.value.answered).toBe(0);
    expect(await getOwnResponse(lead, secondRound)).toEqual({ ok: false, error: "notInvited" });
    // What the lead sees of respondents: who and how far, never values.
    const respondents = (await listRespondents(lead, secondRound))!;
    for (const r of respondents) expect(Object.keys(r).sort()).toEqual(["departmentId", "departmentName", "email", "invitedAt", "name", "responseId", "startedAt", "submittedAt", "userId"]);
    // Results carry no per-respondent data: no user ids, no response ids.
    const results = JSON.stringify(await roundResults(lead, secondRound));
    for (const r of respondents) {
      expect(results).not.toContain(r.userId);
      expect(results).not.toContain(r.responseId);
    }
    // The round page's data for the lead neither.
    const page = JSON.stringify(await roundLoader({ request: new Request(`http://localhost/g/GM0363/quickscan/${secondRound}`), context: contextFor(lead), params: { code: "GM0363", roundId: secondRound } }));
    expect(page).not.toContain('"answers"');
    for (const r of respondents) expect(page).not.toContain(r.responseId);
    // Each respondent reads their own answers through the answer page.
    const staffPage = (await answerLoader({ request: new Request(`http://localhost/g/GM0363/quickscan/${secondRound}/invullen`), context: contextFor(staff), params: { code: "GM0363", roundId: secondRound } })) as { state: string; answers: Record<string, string> };
    expect(staffPage.state).toBe("answer");
    expect(Object.values(staffPage.answers)).toEqual(Array(28).fill("4"));
    const extraPage = (await answerLoader({ request: new Request(`http://localhost/g/GM0363/quickscan/${secondRound}/invullen`), context: contextFor(extra), params: { code: "GM0363", roundId: secondRound } })) as { answers: Record<string, string> };
    expect(Object.values(extraPage.answers)).toEqual(Array(28).fill("1"));
  });

  it("tells the phase page whether the quickscan has been taken", async () => {
    const status = await latestRoundStatus(lead);
    expect(status.round).toMatchObject({ id: secondRound, status: "closed", invited: 4, submitted: 4 });
    expect(status.done).toBe(true);
    expect(await strategyGateChecks["strategy.quickscan_done"]!(lead.municipalityId, db())).toBe(true);
    expect(await strategyGateChecks["strategy.quickscan_done"]!(otherLead.municipalityId, db())).toBe(false);
    expect((await latestRoundStatus(otherLead)).done).toBe(false);
  });
});

describe("tenant isolation", () => {
  let roundId: string;

  beforeAll(async () => {
    const created = await createRound(lead, { name: "Alleen Amsterdam" });
    if (!created.ok) throw new Error(created.error);
    roundId = created.roundId;
    await inviteRespondents(lead, roundId, [{ userId: staff.userId }]);
    await openRound(lead, roundId);
  });

  it("gives another municipality nothing of the round, through the module", async () => {
    expect(await getRound(otherLead, roundId)).toBeUndefined();
    expect(await roundResults(otherLead, roundId)).toBeUndefined();
    expect(await listRespondents(otherLead, roundId)).toBeUndefined();
    expect((await listRounds(otherLead)).some((r) => r.id === roundId)).toBe(false);
    const before = await auditCount();
    expect(await inviteRespondents(otherLead, roundId, [{ userId: otherStaff.userId }])).toEqual({ ok: false, error: "notFound" });
    expect(await openRound(otherLead, roundId)).toEqual({ ok: false, error: "notFound" });
    expect(await closeRound(otherLead, roundId)).toEqual({ ok: false, error: "notFound" });
    expect(await sendReminder(otherLead, roundId)).toEqual({ ok: false, error: "notFound" });
    expect(await saveAnswers(otherStaff, roundId, allAnswers(() => 3))).toEqual({ ok: false, error: "notFound" });
    expect(await submitResponse(otherStaff, roundId, allAnswers(() => 3))).toEqual({ ok: false, error: "notFound" });
    expect(await getOwnResponse(otherStaff, roundId)).toEqual({ ok: false, error: "notFound" });
    expect(await auditCount()).toBe(before);
    expect(await db().select().from(scanResponse).where(and(eq(scanResponse.roundId, roundId), eq(scanResponse.municipalityId, otherLead.municipalityId)))).toEqual([]);
    const [round] = await db().select({ status: scanRound.status }).from(scanRound).where(eq(scanRound.id, roundId));
    expect(round!.status).toBe("open");
  });

  it("answers 404 to another municipality's users on the pages, by URL of either municipality", async () => {
    const roundPath = `/g/GM0363/quickscan/${roundId}`;
    const answerPath = `${roundPath}/invullen`;
    // Utrecht's users on Amsterdam's URLs: not a member, 404.
    expect(await statusOf(() => roundLoader({ request: new Request(`http://localhost${roundPath}`), context: contextFor(otherLead), params: { code: "GM0363", roundId } }))).toBe(404);
    expect(await statusOf(() => answerLoader({ request: new Request(`http://localhost${answerPath}`), context: contextFor(otherStaff), params: { code: "GM0363", roundId } }))).toBe(404);
    expect(
      await statusOf(() => answerAction({ request: post(answerPath, { intent: "save", "answers.waarde-0": "3" }), context: contextFor(otherStaff), params: { code: "GM0363", roundId } })),
    ).toBe(404);
    expect(await statusOf(() => roundAction({ request: post(roundPath, { intent: "close", confirm: "yes" }), context: contextFor(otherLead), params: { code: "GM0363", roundId } }))).toBe(404);
    // Amsterdam's round id under Utrecht's code: not found there either.
    expect(await statusOf(() => roundLoader({ request: new Request(`http://localhost/g/GM0344/quickscan/${roundId}`), context: contextFor(otherLead), params: { code: "GM0344", roundId } }))).toBe(404);
    expect(
      await statusOf(() => answerAction({ request: post(`/g/GM0344/quickscan/${roundId}/invullen`, { intent: "submit" }), context: contextFor(otherStaff), params: { code: "GM0344", roundId } })),
    ).toBe(404);
    expect(await db().select().from(scanAnswer).where(eq(scanAnswer.roundId, roundId))).toEqual([]);
  });

  it("refuses on the pages: viewers 403, members not invited a clear 403, non-leads cannot manage", async () => {
    const answerPath = `/g/GM0363/quickscan/${roundId}/invullen`;
    expect(await statusOf(() => answerLoader({ request: new Request(`http://localhost${answerPath}`), context: contextFor(viewer), params: { code: "GM0363", roundId } }))).toBe(403);
    expect(await statusOf(() => answerLoader({ request: new Request(`http://localhost${answerPath}`), context: contextFor(extra), params: { code: "GM0363", roundId } }))).toBe(403);
    expect(await statusOf(() => roundAction({ request: post(`/g/GM0363/quickscan/${roundId}`, { intent: "close", confirm: "yes" }), context: contextFor(staff), params: { code: "GM0363", roundId } }))).toBe(403);
  });

  it("answers a second submit and a late answer through the page with a clear refusal", async () => {
    const answerPath = `/g/GM0363/quickscan/${roundId}/invullen`;
    const fields: Record<string, string> = { intent: "submit" };
    for (const s of statements) fields[`answers.${s.key}`] = "3";
    const run = () => answerAction({ request: post(answerPath, fields), context: contextFor(staff), params: { code: "GM0363", roundId } });
    const first = (await run()) as { data: { notice: string | null } };
    expect(first.data.notice).toBe("Bedankt! Uw antwoorden zijn verstuurd.");
    const second = (await run()) as { data: { result: { error: Record<string, string[]> } }; init: { status: number } };
    expect(second.init.status).toBe(409);
    expect(second.data.result.error[""]).toEqual(["U heeft deze quickscan al verstuurd. Uw antwoorden liggen vast en kunnen niet nog eens worden verstuurd."]);

    // An incomplete submit names the open statements.
    await inviteRespondents(lead, roundId, [{ userId: owner.userId }]);
    const partial = (await answerAction({ request: post(answerPath, { intent: "submit", "answers.waarde-0": "5" }), context: contextFor(owner), params: { code: "GM0363", roundId } })) as {
      data: { result: { error: Record<string, string[]> } };
      init: { status: number };
    };
    expect(partial.init.status).toBe(400);
    expect(partial.data.result.error["answers.waarde-1"]).toEqual(["quickscan.errors.answerRequired"]);
    expect(Object.keys(partial.data.result.error).filter((k) => k.startsWith("answers."))).toHaveLength(27);

    await closeRound(lead, roundId);
    const late = (await answerAction({ request: post(answerPath, { intent: "save", "answers.waarde-0": "5" }), context: contextFor(owner), params: { code: "GM0363", roundId } })) as {
      data: { result: { error: Record<string, string[]> } };
      init: { status: number };
    };
    expect(late.init.status).toBe(409);
    expect(late.data.result.error[""]).toEqual(["Deze ronde is gesloten; er kan niet meer worden geantwoord of uitgenodigd."]);
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true });
  });
});
