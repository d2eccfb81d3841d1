// Focus areas (aandachtsgebieden) of a municipality: the model's eleven plus its own. The
// municipality chooses which it takes up first ("denk groot, begin klein"), may rename or describe
// any area (frame areas keep their key, so the common frame stays recognisable), add its own, and
// retire and restore areas. Every function takes the acting member and only touches rows of that
// member's municipality: an id from another municipality behaves exactly like one that does not exist.
import { and, asc, eq, isNull, ne, sql } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { isUniqueViolation } from "../../../db/errors";
import { focusArea, strategicGoal, successFactor } from "../../../db/schema/index";
import { db } from "../../db.server";
import { recordAudit } from "../audit/audit.server";
import { actorOf, type Member } from "../auth/guards.server";
import { fieldErrorsOf, focusAreaFields, type FocusAreaInput } from "./schema";

export interface FocusAreaView {
  id: string;
  /** The frame's key ("veilig", "bereikbaar", …); null for the municipality's own areas. */
  key: string | null;
  name: string;
  description: string | null;
  iv3: string[];
  chosen: boolean;
  position: number;
  retiredAt: Date | null;
}

export interface FocusAreaSummary extends FocusAreaView {
  /** Current (not retired) goals and their current success factors. */
  goalCount: number;
  factorCount: number;
}

export type FocusAreaOutcome =
  | { ok: true; areaId: string; name: string; changed: boolean }
  | { ok: false; error: "notFound" }
  | { ok: false; error: "retired" }
  | { ok: false; error: "nameTaken"; name: string }
  | { ok: false; error: "invalid"; fieldErrors: Record<string, string[]> };

export const focusAreaColumns = {
  id: focusArea.id,
  key: focusArea.key,
  name: focusArea.name,
  description: focusArea.description,
  iv3: focusArea.iv3,
  chosen: focusArea.chosen,
  position: focusArea.position,
  retiredAt: focusArea.retiredAt,
};

/**
 * The municipality's focus areas in the frame's order (own areas after it), each with how many
 * current goals and success factors its policy map has. Retired areas only with `includeRetired`.
 */
export async function listFocusAreas(actor: Member, options: { includeRetired?: boolean } = {}): Promise<FocusAreaSummary[]> {
  const [areas, goalCounts, factorCounts] = await Promise.all([
    db()
      .select(focusAreaColumns)
      .from(focusArea)
      .where(and(eq(focusArea.municipalityId, actor.municipalityId), options.includeRetired ? undefined : isNull(focusArea.retiredAt)))
      .orderBy(asc(focusArea.position), asc(sql`lower(${focusArea.name})`), asc(focusArea.id)),
    db()
      .select({ areaId: strategicGoal.focusAreaId, n: sql<number>`count(*)::int` })
      .from(strategicGoal)
      .where(and(eq(strategicGoal.municipalityId, actor.municipalityId), isNull(strategicGoal.retiredAt)))
      .groupBy(strategicGoal.focusAreaId),
    db()
      .select({ areaId: strategicGoal.focusAreaId, n: sql<number>`count(*)::int` })
      .from(successFactor)
      .innerJoin(strategicGoal, eq(strategicGoal.id, successFactor.goalId))
      .where(and(eq(successFactor.municipalityId, actor.municipalityId), isNull(successFactor.retiredAt), isNull(strategicGoal.retiredAt)))
      .groupBy(strategicGoal.focusAreaId),
  ]);
  const goals = new Map(goalCounts.map((r) => [r.areaId, r.n]));
  const factors = new Map(factorCounts.map((r) => [r.areaId, r.n]));
  return areas.map((a) => ({ ...a, goalCount: goals.get(a.id) ?? 0, factorCount: factors.get(a.id) ?? 0 }));
}

/** One focus area of the actor's municipality (retired ones too); undefined if it is not theirs. */
export async function getFocusArea(actor: Member, areaId: string): Promise<FocusAreaView | undefined> {
  const [row] = await db()
    .select(focusAreaColumns)
    .from(focusArea)
    .where(and(eq(focusArea.id, areaId), eq(focusArea.municipalityId, actor.municipalityId)));
  return row;
}

/** The area, locked for the rest of the transaction; undefined if it is not the actor's. */
export async function lockFocusArea(tx: DbOrTx, actor: Member, areaId: string): Promise<FocusAreaView | undefined> {
  const [row] = await tx
    .select(focusAreaColumns)
    .from(focusArea)
    .where(and(eq(focusArea.id, areaId), eq(focusArea.municipalityId, actor.municipalityId)))
    .for("update");
  return row;
}

async function nameInUse(tx: DbOrTx, municipalityId: string, name: string, exceptId?: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: focusArea.id })
    .from(focusArea)
    .where(
      and(
        eq(focusArea.municipalityId, municipalityId),
        isNull(focusArea.retiredAt),
        sql`lower(${focusArea.name}) = lower(${name})`,
        exceptId ? ne(focusArea.id, exceptId) : undefined,
      ),
    )
    .limit(1);
  return Boolean(row);
}

/** Runs a command; a unique-index violation (a concurrent change won the race) becomes nameTaken. */
async function guardName(name: string, command: () => Promise<FocusAreaOutcome>): Promise<FocusAreaOutcome> {
  try {
    return await command();
  } catch (err) {
    if (isUniqueViolation(err, "focus_area_name_uq")) return { ok: false, error: "nameTaken", name };
    throw err;
  }
}

function auditBase(actor: Member, areaId: string) {
  return { municipalityId: actor.municipalityId, actor: actorOf(actor), objectType: "focus_area", objectId: areaId, origin: actor.origin };
}

/** Adds an own area (no frame key) after the others. Name unique among current areas, ignoring case. */
export async function createFocusArea(actor: Member, input: FocusAreaInput): Promise<FocusAreaOutcome> {
  const parsed = focusAreaFields.safeParse(input);
  if (!parsed.success) return { ok: false, error: "invalid", fieldErrors: fieldErrorsOf(parsed.error) };
  const { name, description } = parsed.data;
  return guardName(name, () =>
    db().transaction(async (tx): Promise<FocusAreaOutcome> => {
      if (await nameInUse(tx, actor.municipalityId, name)) return { ok: false, error: "nameTaken", name };
      const [last] = await tx
        .select({ position: sql<number>`coalesce(max(${focusArea.position}), -1)::int` })
        .from(focusArea)
        .where(eq(focusArea.municipalityId, actor.municipalityId));
      const id = crypto.randomUUID();
      const position = (last?.position ?? -1) + 1;
      await tx.insert(focusArea).values({ id, municipalityId: actor.municipalityId, key: null, name, description: description ?? null, position });
      await recordAudit(tx, { ...auditBase(actor, id), action: "focus_area.created", details: { after: { name, description: description ?? null } } });
      return { ok: true, areaId: id, name, changed: true };
    }),
  );
}

/** Renames an area or changes its description; a frame area keeps its key. */
export async function updateFocusArea(actor: Member, areaId: string, input: FocusAreaInput): Promise<FocusAreaOutcome> {
  const parsed = focusAreaFields.safeParse(input);
  if (!parsed.success) return { ok: false, error: "invalid", fieldErrors: fieldErrorsOf(parsed.error) };
  const name = parsed.data.name;
  const description = parsed.data.description ?? null;
  return guardName(name, () =>
    db().transaction(async (tx): Promise<FocusAreaOutcome> => {
      const current = await lockFocusArea(tx, actor, areaId);
      if (!current) return { ok: false, error: "notFound" };
      if (current.retiredAt) return { ok: false, error: "retired" };
      if (current.name === name && current.description === description) return { ok: true, areaId, name, changed: false };
      if (await nameInUse(tx, actor.municipalityId, name, areaId)) return { ok: false, error: "nameTaken", name };
      await tx.update(focusArea).set({ name, description, updatedAt: new Date() }).where(eq(focusArea.id, areaId));
      await recordAudit(tx, {
        ...auditBase(actor, areaId),
        action: "focus_area.updated",
        details: { key: current.key, before: { name: current.name, description: current.description }, after: { name, description } },
      });
      return { ok: true, areaId, name, changed: true };
    }),
  );
}

/** Marks an area as taken up first (or no longer). A retired area cannot be chosen. */
export async function setFocusAreaChosen(actor: Member, areaId: string, chosen: boolean): Promise<FocusAreaOutcome> {
  return db().transaction(async (tx): Promise<FocusAreaOutcome> => {
    const current = await lockFocusArea(tx, actor, areaId);
    if (!current) return { ok: false, error: "notFound" };
    if (current.retiredAt) return { ok: false, error: "retired" };
    if (current.chosen === chosen) return { ok: true, areaId, name: current.name, changed: false };
    await tx.update(focusArea).set({ chosen, updatedAt: new Date() }).where(eq(focusArea.id, areaId));
    await recordAudit(tx, { ...auditBase(actor, areaId), action: chosen ? "focus_area.chosen" : "focus_area.unchosen", details: { name: current.name } });
    return { ok: true, areaId, name: current.name, changed: true };
  });
}

/**
 * Retires an area: it leaves every list and count, and is no longer chosen. Its policy map stays
 * for the record and comes back when the area is restored.
 */
export async function retireFocusArea(actor: Member, areaId: string): Promise<FocusAreaOutcome> {
  return db().transaction(async (tx): Promise<FocusAreaOutcome> => {
    const current = await lockFocusArea(tx, actor, areaId);
    if (!current) return { ok: false, error: "notFound" };
    if (current.retiredAt) return { ok: true, areaId, name: current.name, changed: false };
    const now = new Date();
    await tx.update(focusArea).set({ retiredAt: now, chosen: false, updatedAt: now }).where(eq(focusArea.id, areaId));
    await recordAudit(tx, { ...auditBase(actor, areaId), action: "focus_area.retired", details: { name: current.name, key: current.key, wasChosen: current.chosen } });
    return { ok: true, areaId, name: current.name, changed: true };
  });
}

/** Brings a retired area back (not chosen); refused while a current area has its name. */
export async function restoreFocusArea(actor: Member, areaId: string): Promise<FocusAreaOutcome> {
  try {
    return await db().transaction(async (tx): Promise<FocusAreaOutcome> => {
      const current = await lockFocusArea(tx, actor, areaId);
      if (!current) return { ok: false, error: "notFound" };
      if (!current.retiredAt) return { ok: true, areaId, name: current.name, changed: false };
      if (await nameInUse(tx, actor.municipalityId, current.name, areaId)) return { ok: false, error: "nameTaken", name: current.name };
      await tx.update(focusArea).set({ retiredAt: null, updatedAt: new Date() }).where(eq(focusArea.id, areaId));
      await recordAudit(tx, { ...auditBase(actor, areaId), action: "focus_area.restored", details: { name: current.name, key: current.key } });
      return { ok: true, areaId, name: current.name, changed: true };
    });
  } catch (err) {
    if (!isUniqueViolation(err, "focus_area_name_uq")) throw err;
    return { ok: false, error: "nameTaken", name: (await getFocusArea(actor, areaId))?.name ?? "" };
  }
}
