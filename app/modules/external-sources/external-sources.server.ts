// External sources (externe bronnen) of a municipality: organisations outside it that supply data
// (KvK, Kadaster, police). Every function takes the acting member and only touches rows of that
// member's municipality: an id from another municipality behaves like one that does not exist.
import { and, asc, eq, ne, sql } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { externalSource } from "../../../db/schema/index";
import { db } from "../../db.server";
import { recordAudit } from "../audit/audit.server";
import { actorOf, type Member } from "../auth/guards.server";
import { isUniqueViolation } from "../../../db/errors";
import { sourceDescriptionField, sourceNameField } from "./schema";

export interface ExternalSource {
  id: string;
  name: string;
  description: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export type ExternalSourceOutcome =
  | { ok: true; sourceId: string }
  | { ok: false; error: "notFound" }
  | { ok: false; error: "sourceTaken"; name: string };

export interface ExternalSourceInput {
  name: string;
  description?: string | null;
}

function normalise(input: ExternalSourceInput) {
  return { name: sourceNameField.parse(input.name), description: sourceDescriptionField.parse(input.description ?? undefined) || null };
}

export async function listExternalSources(actor: Member): Promise<ExternalSource[]> {
  return db()
    .select({ id: externalSource.id, name: externalSource.name, description: externalSource.description, createdAt: externalSource.createdAt, updatedAt: externalSource.updatedAt })
    .from(externalSource)
    .where(eq(externalSource.municipalityId, actor.municipalityId))
    .orderBy(asc(sql`lower(${externalSource.name})`), asc(externalSource.id));
}

async function nameInUse(tx: DbOrTx, municipalityId: string, name: string, exceptId?: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: externalSource.id })
    .from(externalSource)
    .where(and(eq(externalSource.municipalityId, municipalityId), sql`lower(${externalSource.name}) = lower(${name})`, exceptId ? ne(externalSource.id, exceptId) : undefined))
    .limit(1);
  return Boolean(row);
}

async function lockSource(tx: DbOrTx, actor: Member, sourceId: string) {
  const [row] = await tx
    .select({ id: externalSource.id, name: externalSource.name, description: externalSource.description })
    .from(externalSource)
    .where(and(eq(externalSource.id, sourceId), eq(externalSource.municipalityId, actor.municipalityId)))
    .for("update");
  return row;
}

/** Runs a command; a unique-index violation (a concurrent insert won the race) becomes sourceTaken. */
async function guardName(name: string, command: () => Promise<ExternalSourceOutcome>): Promise<ExternalSourceOutcome> {
  try {
    return await command();
  } catch (err) {
    if (isUniqueViolation(err, "external_source_name_uq")) return { ok: false, error: "sourceTaken", name };
    throw err;
  }
}

export async function createExternalSource(actor: Member, input: ExternalSourceInput): Promise<ExternalSourceOutcome> {
  const after = normalise(input);
  return guardName(after.name, () =>
    db().transaction(async (tx): Promise<ExternalSourceOutcome> => {
      if (await nameInUse(tx, actor.municipalityId, after.name)) return { ok: false, error: "sourceTaken", name: after.name };
      const id = crypto.randomUUID();
      await tx.insert(externalSource).values({ id, municipalityId: actor.municipalityId, ...after });
      await recordAudit(tx, {
        municipalityId: actor.municipalityId,
        actor: actorOf(actor),
        action: "external_source.created",
        objectType: "external_source",
        objectId: id,
        origin: actor.origin,
        details: { after },
      });
      return { ok: true, sourceId: id };
    }),
  );
}

export async function updateExternalSource(actor: Member, sourceId: string, input: ExternalSourceInput): Promise<ExternalSourceOutcome> {
  const after = normalise(input);
  return guardName(after.name, () =>
    db().transaction(async (tx): Promise<ExternalSourceOutcome> => {
      const current = await lockSource(tx, actor, sourceId);
      if (!current) return { ok: false, error: "notFound" };
      if (current.name === after.name && current.description === after.description) return { ok: true, sourceId };
      if (await nameInUse(tx, actor.municipalityId, after.name, sourceId)) return { ok: false, error: "sourceTaken", name: after.name };
      await tx.update(externalSource).set({ ...after, updatedAt: new Date() }).where(eq(externalSource.id, sourceId));
      await recordAudit(tx, {
        municipalityId: actor.municipalityId,
        actor: actorOf(actor),
        action: "external_source.updated",
        objectType: "external_source",
        objectId: sourceId,
        origin: actor.origin,
        details: { before: { name: current.name, description: current.description }, after },
      });
      return { ok: true, sourceId };
    }),
  );
}

export async function deleteExternalSource(actor: Member, sourceId: string): Promise<ExternalSourceOutcome> {
  return db().transaction(async (tx): Promise<ExternalSourceOutcome> => {
    const current = await lockSource(tx, actor, sourceId);
    if (!current) return { ok: false, error: "notFound" };
    await tx.delete(externalSource).where(and(eq(externalSource.id, sourceId), eq(externalSource.municipalityId, actor.municipalityId)));
    await recordAudit(tx, {
      municipalityId: actor.municipalityId,
      actor: actorOf(actor),
      action: "external_source.deleted",
      objectType: "external_source",
      objectId: sourceId,
      origin: actor.origin,
      details: { before: { name: current.name, description: current.description } },
    });
    return { ok: true, sourceId };
  });
}
