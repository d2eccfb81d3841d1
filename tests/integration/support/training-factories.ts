// Training data for tests that need phase 4's coverage met: one logged session that covered every
// current topic, attended by every member (written directly, as a trainer's log would leave it).
import { and, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { member, trainingAttendance, trainingSession, trainingSessionTopic, trainingTopic } from "../../../db/schema/index";

export async function meetTrainingCriteria(database: DbOrTx, municipalityId: string): Promise<void> {
  const [members, topics] = await Promise.all([
    database.select({ userId: member.userId }).from(member).where(eq(member.organizationId, municipalityId)),
    database.select({ id: trainingTopic.id }).from(trainingTopic).where(and(eq(trainingTopic.municipalityId, municipalityId), isNull(trainingTopic.archivedAt))),
  ]);
  const id = crypto.randomUUID();
  const startsAt = new Date(Date.now() - 2 * 86_400_000);
  await database.insert(trainingSession).values({
    id,
    municipalityId,
    title: "Alles in één keer",
    startsAt,
    endsAt: new Date(startsAt.getTime() + 3_600_000),
    location: "Stadhuis",
    capacity: Math.max(1, members.length),
    trainerUserId: members[0]!.userId,
    status: "logged",
    loggedAt: new Date(),
  });
  if (topics.length) await database.insert(trainingSessionTopic).values(topics.map((t) => ({ sessionId: id, topicId: t.id, planned: true, covered: true })));
  if (members.length) await database.insert(trainingAttendance).values(members.map((m) => ({ sessionId: id, municipalityId, userId: m.userId, attended: true })));
}
