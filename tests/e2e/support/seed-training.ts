// Seeds the training journey (tests/e2e/training.spec.ts): Zoetermeer with its programme lead, a
// trainer and two staff members (each in a department), the default topics (added when the
// municipality is made), and one session of the trainer that took place yesterday with a staff
// member registered and nothing logged yet. Everything goes through the module's commands; the
// past session is planned and the staff member invited "two days ago" (their `now`), when it still
// lay ahead. Called from seed-fixtures.ts; idempotent.
import { eq } from "drizzle-orm";
import { hashPassword } from "better-auth/crypto";
import { db } from "../../../app/db.server";
import type { Role } from "../../../app/modules/auth/roles";
import { createDepartment } from "../../../app/modules/departments/departments.server";
import { acceptInvitation, inviteMember } from "../../../app/modules/members/members.server";
import { createMunicipality } from "../../../app/modules/municipalities/municipalities.server";
import { instantToLocal } from "../../../app/modules/training/local-time";
import { setMemberDepartment } from "../../../app/modules/training/member-departments.server";
import { inviteToSession } from "../../../app/modules/training/registrations.server";
import { planSession } from "../../../app/modules/training/sessions.server";
import { listTopics } from "../../../app/modules/training/topics.server";
import { account, organization, user } from "../../../db/schema/index";
import { memberOf } from "../../integration/support/factories";
import { PAST_SESSION, TRAINING_INVITEE, TRAINING_LEAD, TRAINING_MUNICIPALITY, TRAINING_STAFF, TRAINING_TRAINER } from "./training-data";

const DAY_MS = 24 * 60 * 60_000;

async function createUser(person: { email: string; name: string; password: string }): Promise<string> {
  const id = crypto.randomUUID();
  await db().insert(user).values({ id, name: person.name, email: person.email, emailVerified: true, locale: "nl" });
  await db().insert(account).values({ id: crypto.randomUUID(), accountId: id, providerId: "credential", userId: id, password: await hashPassword(person.password) });
  return id;
}

export async function seedTrainingFixtures(): Promise<boolean> {
  const [existing] = await db().select({ id: organization.id }).from(organization).where(eq(organization.cbsCode, TRAINING_MUNICIPALITY.cbsCode));
  if (existing) return false;
  const leadId = await createUser(TRAINING_LEAD);
  const created = await createMunicipality({ userId: leadId, userName: TRAINING_LEAD.name, email: TRAINING_LEAD.email }, TRAINING_MUNICIPALITY, "127.0.0.1");
  if (!created.ok) throw new Error(`could not create ${TRAINING_MUNICIPALITY.cbsCode}: ${created.error}`);
  const lead = await memberOf(leadId, TRAINING_MUNICIPALITY.cbsCode);

  const join = async (person: { email: string; name: string; password: string }, role: Role) => {
    const userId = await createUser(person);
    const invited = await inviteMember(lead, { email: person.email, role });
    if (!invited.ok) throw new Error(`could not invite ${person.email}: ${invited.error}`);
    const accepted = await acceptInvitation({ userId, name: person.name, email: person.email }, invited.invitationId, "127.0.0.1");
    if (!accepted.ok) throw new Error(`could not accept for ${person.email}: ${accepted.error}`);
    return memberOf(userId, TRAINING_MUNICIPALITY.cbsCode);
  };
  const trainer = await join(TRAINING_TRAINER, "trainer");
  const staff = await join(TRAINING_STAFF, "staff");
  const invitee = await join(TRAINING_INVITEE, "staff");
  for (const [person, name] of [
    [staff, TRAINING_STAFF.department],
    [invitee, TRAINING_INVITEE.department],
  ] as const) {
    const department = await createDepartment(lead, { name });
    if (!department.ok) throw new Error(`could not create department ${name}: ${department.error}`);
    const set = await setMemberDepartment(lead, person.userId, department.departmentId);
    if (!set.ok) throw new Error(`could not set the department of ${person.email}: ${set.error}`);
  }

  const topics = await listTopics(trainer);
  const topicIds = PAST_SESSION.topics.map((title) => {
    const topic = topics.find((t) => t.title === title);
    if (!topic) throw new Error(`no default topic "${title}"`);
    return topic.id;
  });
  const twoDaysAgo = new Date(Date.now() - 2 * DAY_MS);
  const yesterday = instantToLocal(new Date(Date.now() - DAY_MS)).date;
  const planned = await planSession(
    trainer,
    {
      title: PAST_SESSION.title,
      description: undefined,
      date: yesterday,
      startTime: PAST_SESSION.startTime,
      endTime: PAST_SESSION.endTime,
      location: PAST_SESSION.location,
      onlineUrl: undefined,
      capacity: 10,
      trainerUserId: trainer.userId,
      roles: [],
      departmentIds: [],
      topicIds,
      openForSignUp: true,
    },
    twoDaysAgo,
  );
  if (!planned.ok) throw new Error(`could not plan the past session: ${planned.error}`);
  const invited = await inviteToSession(trainer, planned.sessionId, [staff.userId], twoDaysAgo);
  if (!invited.ok) throw new Error(`could not register ${TRAINING_STAFF.email} for the past session: ${invited.error}`);
  return true;
}
