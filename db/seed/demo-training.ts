// Phase 4 in the demo: the rules of use approved (two members acknowledged them), members placed
// in departments, one logged training session (so coverage shows) and one open session to sign up for.
import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "../client";
import {
  department,
  document,
  documentUpdate,
  documentVersion,
  memberDepartment,
  rulesAcknowledgement,
  trainingAttendance,
  trainingRegistration,
  trainingSession,
  trainingSessionTopic,
  trainingTopic,
} from "../schema/index";
import { recordAudit, type AuditActor } from "../../app/modules/audit/audit.server";
import type { Role } from "../../app/modules/auth/roles";
import { ensureDefaultTopics } from "../../app/modules/training/topics.server";
import { localToInstant } from "../../app/modules/training/local-time";
import { blocksUpdate, DEMO_RULES } from "./demo-documents";

const DAY = 86_400_000;
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

export async function seedDemoTraining(tx: DbOrTx, municipalityId: string, actor: AuditActor, users: Map<Role, string>, now = new Date()): Promise<void> {
  await ensureDefaultTopics(tx, municipalityId);
  const departments = new Map((await tx.select({ id: department.id, name: department.name }).from(department).where(eq(department.municipalityId, municipalityId))).map((d) => [d.name, d.id]));
  const placement: [Role, string][] = [
    ["programme_lead", "Financiën"],
    ["department_owner", "Burgerzaken"],
    ["staff", "Sociaal domein"],
    ["trainer", "Sociaal domein"],
  ];
  for (const [role, name] of placement) {
    const departmentId = departments.get(name);
    if (departmentId) await tx.insert(memberDepartment).values({ municipalityId, userId: users.get(role)!, departmentId });
  }

  // The rules of use, approved once, acknowledged by the lead and the department owner.
  const [rules] = await tx.select({ id: document.id }).from(document).where(and(eq(document.municipalityId, municipalityId), eq(document.kind, "rules_of_use")));
  if (rules) {
    const state = blocksUpdate(DEMO_RULES);
    const versionId = crypto.randomUUID();
    const approvedAt = new Date(now.getTime() - 14 * DAY);
    await tx.insert(documentUpdate).values({ documentId: rules.id, update: state, userId: users.get("programme_lead")! });
    await tx.insert(documentVersion).values({ id: versionId, documentId: rules.id, municipalityId, kind: "approval", state, wordCount: 110, createdBy: users.get("programme_lead")!, createdAt: approvedAt });
    await tx.update(document).set({ status: "approved", approvedAt, approvedBy: users.get("programme_lead")!, approvedVersionId: versionId }).where(eq(document.id, rules.id));
    await recordAudit(tx, { municipalityId, actor, action: "document.approved", objectType: "document", objectId: rules.id, details: { title: "Spelregels dashboard", versionId } });
    for (const role of ["programme_lead", "department_owner"] as const) {
      await tx.insert(rulesAcknowledgement).values({ versionId, documentId: rules.id, municipalityId, userId: users.get(role)!, acknowledgedAt: new Date(approvedAt.getTime() + DAY) });
    }
  }

  const topics = new Map((await tx.select({ id: trainingTopic.id, key: trainingTopic.templateKey }).from(trainingTopic).where(eq(trainingTopic.municipalityId, municipalityId))).map((t) => [t.key, t.id]));
  const trainer = users.get("trainer")!;
  const session = async (input: { title: string; day: Date; start: string; end: string; topicKeys: string[]; status: "planned" | "logged"; registered: Role[]; attended?: Role[] }) => {
    const id = crypto.randomUUID();
    const date = isoDay(input.day);
    await tx.insert(trainingSession).values({
      id,
      municipalityId,
      title: input.title,
      startsAt: localToInstant(date, input.start),
      endsAt: localToInstant(date, input.end),
      location: "Gemeentehuis Zeewolde, zaal De Horst",
      capacity: 12,
      trainerUserId: trainer,
      status: input.status,
      openForSignUp: true,
      loggedAt: input.status === "logged" ? input.day : null,
      loggedBy: input.status === "logged" ? trainer : null,
      createdBy: trainer,
    });
    for (const key of input.topicKeys) await tx.insert(trainingSessionTopic).values({ sessionId: id, topicId: topics.get(key)!, planned: true, covered: input.status === "logged" });
    for (const role of input.registered) await tx.insert(trainingRegistration).values({ id: crypto.randomUUID(), sessionId: id, municipalityId, userId: users.get(role)!, status: "registered", source: "invited" });
    for (const role of input.attended ?? []) await tx.insert(trainingAttendance).values({ sessionId: id, municipalityId, userId: users.get(role)!, attended: true });
    await recordAudit(tx, { municipalityId, actor, action: input.status === "logged" ? "training.session_logged" : "training.session_planned", objectType: "training_session", objectId: id, details: { name: input.title } });
  };
  await session({
    title: "Het dashboard lezen",
    day: new Date(now.getTime() - 7 * DAY),
    start: "09:30",
    end: "11:00",
    topicKeys: ["dashboard-read", "rules-of-use"],
    status: "logged",
    registered: ["programme_lead", "department_owner", "viewer"],
    attended: ["programme_lead", "department_owner"],
  });
  await session({ title: "Leveringen aanleveren", day: new Date(now.getTime() + 7 * DAY), start: "13:30", end: "15:00", topicKeys: ["delivery-upload", "dashboard-read"], status: "planned", registered: ["department_owner"] });
}
