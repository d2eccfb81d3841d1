// Training topics (checklist items) and the checklists per role: which topics each role must be
// trained on. Trainers and programme leads edit them; every member reads them. Scoped by municipality.
import { and, asc, eq, inArray, isNull, ne, sql } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { isUniqueViolation } from "../../../db/errors";
import { organization, trainingRequirement, trainingSetting, trainingTopic } from "../../../db/schema/index";
import { db } from "../../db.server";
import { recordAudit } from "../audit/audit.server";
import { actorOf, type Member } from "../auth/guards.server";
import { ROLES, type Role } from "../auth/roles";
import { canSetCoverageTarget, canTrain } from "./access";
import { DEFAULT_TOPICS } from "./default-topics";

export interface TopicView {
  id: string;
  title: string;
  description: string | null;
  roles: Role[];
  archived: boolean;
}

export type TopicOutcome = { ok: true; topicId: string } | { ok: false; error: "not_allowed" | "not_found" | "title_taken" };

/** Every municipality starts with the model's topics (idempotent; a retired or renamed one stays as it is). */
export async function ensureDefaultTopics(tx: DbOrTx, municipalityId: string): Promise<void> {
  for (const [position, topic] of DEFAULT_TOPICS.entries()) {
    const id = crypto.randomUUID();
    const inserted = await tx
      .insert(trainingTopic)
      .values({ id, municipalityId, templateKey: topic.key, title: topic.title, description: topic.description, position })
      .onConflictDoNothing()
      .returning({ id: trainingTopic.id });
    if (inserted.length === 0) continue;
    await tx.insert(trainingRequirement).values(topic.roles.map((role) => ({ topicId: id, municipalityId, role })));
  }
}

/** Setup step: municipalities created before the training module get its default topics. */
export async function ensureDefaultTopicsForAll(tx: DbOrTx): Promise<void> {
  const rows = await tx.select({ id: organization.id }).from(organization).where(sql`true`);
  for (const row of rows) await ensureDefaultTopics(tx, row.id);
}

export async function listTopics(actor: Member, options: { includeArchived?: boolean } = {}, database: DbOrTx = db()): Promise<TopicView[]> {
  const [topics, requirements] = await Promise.all([
    database
      .select({ id: trainingTopic.id, title: trainingTopic.title, description: trainingTopic.description, archivedAt: trainingTopic.archivedAt })
      .from(trainingTopic)
      .where(and(eq(trainingTopic.municipalityId, actor.municipalityId), options.includeArchived ? undefined : isNull(trainingTopic.archivedAt)))
      .orderBy(asc(trainingTopic.position), asc(sql`lower(${trainingTopic.title})`)),
    database.select({ topicId: trainingRequirement.topicId, role: trainingRequirement.role }).from(trainingRequirement).where(eq(trainingRequirement.municipalityId, actor.municipalityId)),
  ]);
  const rolesOf = new Map<string, Role[]>();
  for (const r of requirements) rolesOf.set(r.topicId, [...(rolesOf.get(r.topicId) ?? []), r.role as Role]);
  return topics.map((t) => ({
    id: t.id,
    title: t.title,
    description: t.description,
    roles: ROLES.filter((role) => rolesOf.get(t.id)?.includes(role)),
    archived: t.archivedAt !== null,
  }));
}

async function titleInUse(tx: DbOrTx, municipalityId: string, title: string, exceptId?: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: trainingTopic.id })
    .from(trainingTopic)
    .where(and(eq(trainingTopic.municipalityId, municipalityId), isNull(trainingTopic.archivedAt), sql`lower(${trainingTopic.title}) = lower(${title})`, exceptId ? ne(trainingTopic.id, exceptId) : undefined))
    .limit(1);
  return Boolean(row);
}

async function guardTitle(command: () => Promise<TopicOutcome>): Promise<TopicOutcome> {
  try {
    return await command();
  } catch (err) {
    if (isUniqueViolation(err, "training_topic_title_uq")) return { ok: false, error: "title_taken" };
    throw err;
  }
}

async function setRoles(tx: DbOrTx, municipalityId: string, topicId: string, roles: Role[]): Promise<void> {
  await tx.delete(trainingRequirement).where(eq(trainingRequirement.topicId, topicId));
  const unique = [...new Set(roles)];
  if (unique.length > 0) await tx.insert(trainingRequirement).values(unique.map((role) => ({ topicId, municipalityId, role })));
}

export async function createTopic(actor: Member, input: { title: string; description?: string; roles: Role[] }): Promise<TopicOutcome> {
  if (!canTrain(actor.role)) return { ok: false, error: "not_allowed" };
  return guardTitle(() =>
    db().transaction(async (tx): Promise<TopicOutcome> => {
      if (await titleInUse(tx, actor.municipalityId, input.title)) return { ok: false, error: "title_taken" };
      const id = crypto.randomUUID();
      const [last] = await tx.select({ max: sql<number>`coalesce(max(${trainingTopic.position}), -1)::int` }).from(trainingTopic).where(eq(trainingTopic.municipalityId, actor.municipalityId));
      await tx.insert(trainingTopic).values({ id, municipalityId: actor.municipalityId, title: input.title, description: input.description ?? null, position: (last?.max ?? -1) + 1 });
      await setRoles(tx, actor.municipalityId, id, input.roles);
      await recordAudit(tx, {
        municipalityId: actor.municipalityId,
        actor: actorOf(actor),
        action: "training.topic_created",
        objectType: "training_topic",
        objectId: id,
        origin: actor.origin,
        details: { name: input.title, after: { title: input.title, description: input.description ?? null, roles: input.roles } },
      });
      return { ok: true, topicId: id };
    }),
  );
}

export async function updateTopic(actor: Member, topicId: string, input: { title: string; description?: string; roles: Role[] }): Promise<TopicOutcome> {
  if (!canTrain(actor.role)) return { ok: false, error: "not_allowed" };
  return guardTitle(() =>
    db().transaction(async (tx): Promise<TopicOutcome> => {
      const [row] = await tx
        .select()
        .from(trainingTopic)
        .where(and(eq(trainingTopic.id, topicId), eq(trainingTopic.municipalityId, actor.municipalityId), isNull(trainingTopic.archivedAt)))
        .for("update");
      if (!row) return { ok: false, error: "not_found" };
      if (await titleInUse(tx, actor.municipalityId, input.title, topicId)) return { ok: false, error: "title_taken" };
      const before = await tx.select({ role: trainingRequirement.role }).from(trainingRequirement).where(eq(trainingRequirement.topicId, topicId));
      await tx.update(trainingTopic).set({ title: input.title, description: input.description ?? null, updatedAt: new Date() }).where(eq(trainingTopic.id, topicId));
      await setRoles(tx, actor.municipalityId, topicId, input.roles);
      await recordAudit(tx, {
        municipalityId: actor.municipalityId,
        actor: actorOf(actor),
        action: "training.topic_updated",
        objectType: "training_topic",
        objectId: topicId,
        origin: actor.origin,
        details: {
          name: input.title,
          before: { title: row.title, description: row.description, roles: before.map((r) => r.role).sort() },
          after: { title: input.title, description: input.description ?? null, roles: [...input.roles].sort() },
        },
      });
      return { ok: true, topicId };
    }),
  );
}

/** Retire a topic (it leaves every checklist; past attendance stays in the log) or bring it back. */
export async function setTopicArchived(actor: Member, topicId: string, archived: boolean): Promise<TopicOutcome> {
  if (!canTrain(actor.role)) return { ok: false, error: "not_allowed" };
  return guardTitle(() =>
    db().transaction(async (tx): Promise<TopicOutcome> => {
      const [row] = await tx
        .select()
        .from(trainingTopic)
        .where(and(eq(trainingTopic.id, topicId), eq(trainingTopic.municipalityId, actor.municipalityId)))
        .for("update");
      if (!row || (row.archivedAt !== null) === archived) return { ok: false, error: "not_found" };
      if (!archived && (await titleInUse(tx, actor.municipalityId, row.title, topicId))) return { ok: false, error: "title_taken" };
      await tx.update(trainingTopic).set({ archivedAt: archived ? new Date() : null, updatedAt: new Date() }).where(eq(trainingTopic.id, topicId));
      await recordAudit(tx, {
        municipalityId: actor.municipalityId,
        actor: actorOf(actor),
        action: archived ? "training.topic_archived" : "training.topic_restored",
        objectType: "training_topic",
        objectId: topicId,
        origin: actor.origin,
        details: { name: row.title },
      });
      return { ok: true, topicId };
    }),
  );
}

/** The topics of the municipality among `topicIds` (current ones only); ids of others are dropped. */
export async function ownTopicIds(tx: DbOrTx, municipalityId: string, topicIds: string[]): Promise<string[]> {
  if (topicIds.length === 0) return [];
  const rows = await tx
    .select({ id: trainingTopic.id })
    .from(trainingTopic)
    .where(and(eq(trainingTopic.municipalityId, municipalityId), inArray(trainingTopic.id, [...new Set(topicIds)]), isNull(trainingTopic.archivedAt)));
  return rows.map((r) => r.id);
}

export const DEFAULT_COVERAGE_TARGET = 80;

export async function coverageTarget(municipalityId: string, database: DbOrTx = db()): Promise<number> {
  const [row] = await database.select({ percent: trainingSetting.coverageTargetPercent }).from(trainingSetting).where(eq(trainingSetting.municipalityId, municipalityId));
  return row?.percent ?? DEFAULT_COVERAGE_TARGET;
}

export async function setCoverageTarget(actor: Member, percent: number): Promise<{ ok: true } | { ok: false; error: "not_allowed" }> {
  if (!canSetCoverageTarget(actor.role)) return { ok: false, error: "not_allowed" };
  await db().transaction(async (tx) => {
    const before = await coverageTarget(actor.municipalityId, tx);
    await tx
      .insert(trainingSetting)
      .values({ municipalityId: actor.municipalityId, coverageTargetPercent: percent })
      .onConflictDoUpdate({ target: trainingSetting.municipalityId, set: { coverageTargetPercent: percent, updatedAt: new Date() } });
    await recordAudit(tx, {
      municipalityId: actor.municipalityId,
      actor: actorOf(actor),
      action: "training.coverage_target_set",
      objectType: "training_setting",
      objectId: actor.municipalityId,
      origin: actor.origin,
      details: { before: { percent: before }, after: { percent } },
    });
  });
  return { ok: true };
}
