// Policy maps (beleidskaarten): per focus area its strategic goals (strategische doelstellingen),
// each with its critical success factors (kritieke succesfactoren). Goals and factors are added,
// edited, reordered, retired and restored; a goal links to the programme budget
// (programmabegroting) by a programme code, a name, or both.
//
// Rules: a policy map is built on a chosen, current focus area; titles are required and unique
// (ignoring case) among the current goals of an area and the current factors of a goal; every
// command is one transaction with its audit event; rows of another municipality behave exactly
// like rows that do not exist.
import { and, asc, eq, inArray, isNull, lt, gt, desc, ne, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { isUniqueViolation } from "../../../db/errors";
import { strategicGoal, successFactor } from "../../../db/schema/index";
import { db } from "../../db.server";
import { recordAudit } from "../audit/audit.server";
import { actorOf, type Member } from "../auth/guards.server";
import { getFocusArea, lockFocusArea, type FocusAreaView } from "./focus-areas.server";
import { factorFields, fieldErrorsOf, goalFields, type Direction, type FactorInput, type GoalInput } from "./schema";

export interface PolicyMapFactor {
  id: string;
  goalId: string;
  title: string;
  description: string | null;
  position: number;
  retiredAt: Date | null;
}

export interface PolicyMapGoal {
  id: string;
  title: string;
  description: string | null;
  budgetProgrammeCode: string | null;
  budgetProgrammeName: string | null;
  position: number;
  retiredAt: Date | null;
  factors: PolicyMapFactor[];
}

export interface PolicyMap {
  area: FocusAreaView;
  goals: PolicyMapGoal[];
}

export type PolicyMapOutcome =
  | { ok: true; id: string; title: string; changed: boolean }
  /** The area, goal or factor is not the actor's municipality's (or does not exist). */
  | { ok: false; error: "notFound" }
  /** The focus area is retired, or not chosen: its policy map is read-only. */
  | { ok: false; error: "areaRetired" | "areaNotChosen" }
  /** The goal a factor belongs to is retired. */
  | { ok: false; error: "goalRetired" }
  /** The goal or factor itself is retired; restore it first. */
  | { ok: false; error: "retired" }
  | { ok: false; error: "titleTaken"; title: string }
  | { ok: false; error: "invalid"; fieldErrors: Record<string, string[]> };

const goalColumns = {
  id: strategicGoal.id,
  focusAreaId: strategicGoal.focusAreaId,
  title: strategicGoal.title,
  description: strategicGoal.description,
  budgetProgrammeCode: strategicGoal.budgetProgrammeCode,
  budgetProgrammeName: strategicGoal.budgetProgrammeName,
  position: strategicGoal.position,
  retiredAt: strategicGoal.retiredAt,
};

const factorColumns = {
  id: successFactor.id,
  goalId: successFactor.goalId,
  title: successFactor.title,
  description: successFactor.description,
  position: successFactor.position,
  retiredAt: successFactor.retiredAt,
};

/**
 * The policy map of one focus area: its goals in order, each with its success factors in order.
 * Retired goals and factors only with `includeRetired`. Null when the area is not the actor's.
 */
export async function getPolicyMap(actor: Member, areaId: string, options: { includeRetired?: boolean } = {}): Promise<PolicyMap | null> {
  const area = await getFocusArea(actor, areaId);
  if (!area) return null;
  const goals = await db()
    .select(goalColumns)
    .from(strategicGoal)
    .where(
      and(
        eq(strategicGoal.focusAreaId, area.id),
        eq(strategicGoal.municipalityId, actor.municipalityId),
        options.includeRetired ? undefined : isNull(strategicGoal.retiredAt),
      ),
    )
    .orderBy(asc(strategicGoal.position), asc(strategicGoal.id));
  const factors =
    goals.length === 0
      ? []
      : await db()
          .select(factorColumns)
          .from(successFactor)
          .where(
            and(
              inArray(
                successFactor.goalId,
                goals.map((g) => g.id),
              ),
              eq(successFactor.municipalityId, actor.municipalityId),
              options.includeRetired ? undefined : isNull(successFactor.retiredAt),
            ),
          )
          .orderBy(asc(successFactor.position), asc(successFactor.id));
  const byGoal = new Map<string, PolicyMapFactor[]>();
  for (const f of factors) {
    const list = byGoal.get(f.goalId) ?? [];
    list.push(f);
    byGoal.set(f.goalId, list);
  }
  return {
    area,
    goals: goals.map(({ focusAreaId: _area, ...g }) => ({ ...g, factors: byGoal.get(g.id) ?? [] })),
  };
}

// ---------------------------------------------------------------------------------------------
// Helpers

function areaBlock(area: FocusAreaView): "areaRetired" | "areaNotChosen" | null {
  if (area.retiredAt) return "areaRetired";
  if (!area.chosen) return "areaNotChosen";
  return null;
}

/** Runs a command; a unique-index violation (a concurrent change won the race) becomes titleTaken. */
async function guardTitle(constraint: string, title: string | (() => string), command: () => Promise<PolicyMapOutcome>): Promise<PolicyMapOutcome> {
  try {
    return await command();
  } catch (err) {
    if (isUniqueViolation(err, constraint)) return { ok: false, error: "titleTaken", title: typeof title === "function" ? title() : title };
    throw err;
  }
}

function audit(actor: Member, objectType: "strategic_goal" | "success_factor", objectId: string) {
  return { municipalityId: actor.municipalityId, actor: actorOf(actor), objectType, objectId, origin: actor.origin };
}

/** The goal's area id, if the goal is the actor's (read without a lock, to lock the area first). */
async function areaIdOfGoal(tx: DbOrTx, actor: Member, goalId: string): Promise<string | undefined> {
  const [row] = await tx
    .select({ areaId: strategicGoal.focusAreaId })
    .from(strategicGoal)
    .where(and(eq(strategicGoal.id, goalId), eq(strategicGoal.municipalityId, actor.municipalityId)));
  return row?.areaId;
}

async function lockGoal(tx: DbOrTx, actor: Member, goalId: string) {
  const [row] = await tx
    .select(goalColumns)
    .from(strategicGoal)
    .where(and(eq(strategicGoal.id, goalId), eq(strategicGoal.municipalityId, actor.municipalityId)))
    .for("update");
  return row;
}

/**
 * Locks, in order, the area, the goal and (for factor commands) the factor, so concurrent commands
 * on one policy map are serialised and never deadlock. Undefined parts are not the actor's.
 */
async function lockGoalWithArea(tx: DbOrTx, actor: Member, goalId: string) {
  const areaId = await areaIdOfGoal(tx, actor, goalId);
  if (!areaId) return undefined;
  const area = await lockFocusArea(tx, actor, areaId);
  const goal = await lockGoal(tx, actor, goalId);
  if (!area || !goal || goal.focusAreaId !== area.id) return undefined;
  return { area, goal };
}

async function lockFactorWithGoal(tx: DbOrTx, actor: Member, factorId: string) {
  const [row] = await tx
    .select({ goalId: successFactor.goalId })
    .from(successFactor)
    .where(and(eq(successFactor.id, factorId), eq(successFactor.municipalityId, actor.municipalityId)));
  if (!row) return undefined;
  const parents = await lockGoalWithArea(tx, actor, row.goalId);
  if (!parents) return undefined;
  const [factor] = await tx
    .select(factorColumns)
    .from(successFactor)
    .where(and(eq(successFactor.id, factorId), eq(successFactor.municipalityId, actor.municipalityId)))
    .for("update");
  if (!factor || factor.goalId !== parents.goal.id) return undefined;
  return { ...parents, factor };
}

async function goalTitleInUse(tx: DbOrTx, areaId: string, title: string, exceptId?: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: strategicGoal.id })
    .from(strategicGoal)
    .where(
      and(
        eq(strategicGoal.focusAreaId, areaId),
        isNull(strategicGoal.retiredAt),
        sql`lower(${strategicGoal.title}) = lower(${title})`,
        exceptId ? ne(strategicGoal.id, exceptId) : undefined,
      ),
    )
    .limit(1);
  return Boolean(row);
}

async function factorTitleInUse(tx: DbOrTx, goalId: string, title: string, exceptId?: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: successFactor.id })
    .from(successFactor)
    .where(
      and(
        eq(successFactor.goalId, goalId),
        isNull(successFactor.retiredAt),
        sql`lower(${successFactor.title}) = lower(${title})`,
        exceptId ? ne(successFactor.id, exceptId) : undefined,
      ),
    )
    .limit(1);
  return Boolean(row);
}

type GoalValues = { title: string; description: string | null; budgetProgrammeCode: string | null; budgetProgrammeName: string | null };

/**
 * A goal's values as the audit log keeps them. The programme code is stored as `budgetProgramme`:
 * the audit log drops every key that looks like a secret ("…code…").
 */
function goalAudit(g: GoalValues) {
  return { title: g.title, description: g.description, budgetProgramme: g.budgetProgrammeCode, budgetProgrammeName: g.budgetProgrammeName };
}

function sameGoalValues(a: GoalValues, b: GoalValues): boolean {
  return a.title === b.title && a.description === b.description && a.budgetProgrammeCode === b.budgetProgrammeCode && a.budgetProgrammeName === b.budgetProgrammeName;
}

// ---------------------------------------------------------------------------------------------
// Strategic goals

/** Adds a goal at the end of the area's policy map. */
export async function createGoal(actor: Member, areaId: string, input: GoalInput): Promise<PolicyMapOutcome> {
  const parsed = goalFields.safeParse(input);
  if (!parsed.success) return { ok: false, error: "invalid", fieldErrors: fieldErrorsOf(parsed.error) };
  const values = {
    title: parsed.data.title,
    description: parsed.data.description ?? null,
    budgetProgrammeCode: parsed.data.budgetProgrammeCode ?? null,
    budgetProgrammeName: parsed.data.budgetProgrammeName ?? null,
  };
  return guardTitle("strategic_goal_title_uq", values.title, () =>
    db().transaction(async (tx): Promise<PolicyMapOutcome> => {
      const area = await lockFocusArea(tx, actor, areaId);
      if (!area) return { ok: false, error: "notFound" };
      const blocked = areaBlock(area);
      if (blocked) return { ok: false, error: blocked };
      if (await goalTitleInUse(tx, area.id, values.title)) return { ok: false, error: "titleTaken", title: values.title };
      const [last] = await tx
        .select({ position: sql<number>`coalesce(max(${strategicGoal.position}), -1)::int` })
        .from(strategicGoal)
        .where(eq(strategicGoal.focusAreaId, area.id));
      const id = crypto.randomUUID();
      await tx.insert(strategicGoal).values({ id, municipalityId: actor.municipalityId, focusAreaId: area.id, position: (last?.position ?? -1) + 1, ...values });
      await recordAudit(tx, {
        ...audit(actor, "strategic_goal", id),
        action: "strategic_goal.created",
        details: { focusAreaId: area.id, focusArea: area.name, after: goalAudit(values) },
      });
      return { ok: true, id, title: values.title, changed: true };
    }),
  );
}

export async function updateGoal(actor: Member, goalId: string, input: GoalInput): Promise<PolicyMapOutcome> {
  const parsed = goalFields.safeParse(input);
  if (!parsed.success) return { ok: false, error: "invalid", fieldErrors: fieldErrorsOf(parsed.error) };
  const after = {
    title: parsed.data.title,
    description: parsed.data.description ?? null,
    budgetProgrammeCode: parsed.data.budgetProgrammeCode ?? null,
    budgetProgrammeName: parsed.data.budgetProgrammeName ?? null,
  };
  return guardTitle("strategic_goal_title_uq", after.title, () =>
    db().transaction(async (tx): Promise<PolicyMapOutcome> => {
      const locked = await lockGoalWithArea(tx, actor, goalId);
      if (!locked) return { ok: false, error: "notFound" };
      const { area, goal } = locked;
      const blocked = areaBlock(area);
      if (blocked) return { ok: false, error: blocked };
      if (goal.retiredAt) return { ok: false, error: "retired" };
      if (sameGoalValues(goal, after)) return { ok: true, id: goalId, title: after.title, changed: false };
      if (await goalTitleInUse(tx, area.id, after.title, goalId)) return { ok: false, error: "titleTaken", title: after.title };
      await tx.update(strategicGoal).set({ ...after, updatedAt: new Date() }).where(eq(strategicGoal.id, goalId));
      await recordAudit(tx, { ...audit(actor, "strategic_goal", goalId), action: "strategic_goal.updated", details: { focusArea: area.name, before: goalAudit(goal), after: goalAudit(after) } });
      return { ok: true, id: goalId, title: after.title, changed: true };
    }),
  );
}

/** Swaps the goal with its current neighbour above or below; at either end nothing changes. */
/**
 * Swap an item with its nearest current (not retired) neighbour in `direction`, within its list
 * (the goals of an area, the factors of a goal: `list`). Returns the neighbour, or null at the end.
 */
async function swapWithNeighbour(
  tx: DbOrTx,
  table: typeof strategicGoal | typeof successFactor,
  list: SQL | undefined,
  item: { id: string; position: number },
  direction: Direction,
): Promise<{ id: string; title: string; position: number } | null> {
  const up = direction === "up";
  const [neighbour] = await tx
    .select({ id: table.id, title: table.title, position: table.position })
    .from(table)
    .where(and(list, isNull(table.retiredAt), up ? lt(table.position, item.position) : gt(table.position, item.position)))
    .orderBy(up ? desc(table.position) : asc(table.position))
    .limit(1)
    .for("update");
  if (!neighbour) return null;
  const now = new Date();
  await tx.update(table).set({ position: neighbour.position, updatedAt: now }).where(eq(table.id, item.id));
  await tx.update(table).set({ position: item.position, updatedAt: now }).where(eq(table.id, neighbour.id));
  return neighbour;
}

export async function moveGoal(actor: Member, goalId: string, direction: Direction): Promise<PolicyMapOutcome> {
  return db().transaction(async (tx): Promise<PolicyMapOutcome> => {
    const locked = await lockGoalWithArea(tx, actor, goalId);
    if (!locked) return { ok: false, error: "notFound" };
    const { area, goal } = locked;
    const blocked = areaBlock(area);
    if (blocked) return { ok: false, error: blocked };
    if (goal.retiredAt) return { ok: false, error: "retired" };
    const neighbour = await swapWithNeighbour(tx, strategicGoal, eq(strategicGoal.focusAreaId, area.id), goal, direction);
    if (!neighbour) return { ok: true, id: goalId, title: goal.title, changed: false };
    await recordAudit(tx, {
      ...audit(actor, "strategic_goal", goalId),
      action: "strategic_goal.moved",
      details: { focusArea: area.name, title: goal.title, direction, swappedWith: neighbour.title, before: { position: goal.position }, after: { position: neighbour.position } },
    });
    return { ok: true, id: goalId, title: goal.title, changed: true };
  });
}

/** Retires a goal: it leaves the policy map (with its success factors) but stays for the record. */
export async function retireGoal(actor: Member, goalId: string): Promise<PolicyMapOutcome> {
  return db().transaction(async (tx): Promise<PolicyMapOutcome> => {
    const locked = await lockGoalWithArea(tx, actor, goalId);
    if (!locked) return { ok: false, error: "notFound" };
    const { area, goal } = locked;
    const blocked = areaBlock(area);
    if (blocked) return { ok: false, error: blocked };
    if (goal.retiredAt) return { ok: true, id: goalId, title: goal.title, changed: false };
    const now = new Date();
    await tx.update(strategicGoal).set({ retiredAt: now, updatedAt: now }).where(eq(strategicGoal.id, goalId));
    await recordAudit(tx, { ...audit(actor, "strategic_goal", goalId), action: "strategic_goal.retired", details: { focusArea: area.name, title: goal.title } });
    return { ok: true, id: goalId, title: goal.title, changed: true };
  });
}

/** Restores a retired goal (with its current factors); refused while a current goal has its title. */
export async function restoreGoal(actor: Member, goalId: string): Promise<PolicyMapOutcome> {
  let title = "";
  return guardTitle("strategic_goal_title_uq", () => title, () =>
    db().transaction(async (tx): Promise<PolicyMapOutcome> => {
      const locked = await lockGoalWithArea(tx, actor, goalId);
      if (!locked) return { ok: false, error: "notFound" };
      const { area, goal } = locked;
      title = goal.title;
      const blocked = areaBlock(area);
      if (blocked) return { ok: false, error: blocked };
      if (!goal.retiredAt) return { ok: true, id: goalId, title: goal.title, changed: false };
      if (await goalTitleInUse(tx, area.id, goal.title, goalId)) return { ok: false, error: "titleTaken", title: goal.title };
      await tx.update(strategicGoal).set({ retiredAt: null, updatedAt: new Date() }).where(eq(strategicGoal.id, goalId));
      await recordAudit(tx, { ...audit(actor, "strategic_goal", goalId), action: "strategic_goal.restored", details: { focusArea: area.name, title: goal.title } });
      return { ok: true, id: goalId, title: goal.title, changed: true };
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// Critical success factors

/** Adds a success factor at the end of the goal's list. */
export async function createFactor(actor: Member, goalId: string, input: FactorInput): Promise<PolicyMapOutcome> {
  const parsed = factorFields.safeParse(input);
  if (!parsed.success) return { ok: false, error: "invalid", fieldErrors: fieldErrorsOf(parsed.error) };
  const values = { title: parsed.data.title, description: parsed.data.description ?? null };
  return guardTitle("success_factor_title_uq", values.title, () =>
    db().transaction(async (tx): Promise<PolicyMapOutcome> => {
      const locked = await lockGoalWithArea(tx, actor, goalId);
      if (!locked) return { ok: false, error: "notFound" };
      const { area, goal } = locked;
      const blocked = areaBlock(area);
      if (blocked) return { ok: false, error: blocked };
      if (goal.retiredAt) return { ok: false, error: "goalRetired" };
      if (await factorTitleInUse(tx, goal.id, values.title)) return { ok: false, error: "titleTaken", title: values.title };
      const [last] = await tx
        .select({ position: sql<number>`coalesce(max(${successFactor.position}), -1)::int` })
        .from(successFactor)
        .where(eq(successFactor.goalId, goal.id));
      const id = crypto.randomUUID();
      await tx.insert(successFactor).values({ id, municipalityId: actor.municipalityId, goalId: goal.id, position: (last?.position ?? -1) + 1, ...values });
      await recordAudit(tx, {
        ...audit(actor, "success_factor", id),
        action: "success_factor.created",
        details: { focusArea: area.name, goalId: goal.id, goal: goal.title, after: values },
      });
      return { ok: true, id, title: values.title, changed: true };
    }),
  );
}

export async function updateFactor(actor: Member, factorId: string, input: FactorInput): Promise<PolicyMapOutcome> {
  const parsed = factorFields.safeParse(input);
  if (!parsed.success) return { ok: false, error: "invalid", fieldErrors: fieldErrorsOf(parsed.error) };
  const after = { title: parsed.data.title, description: parsed.data.description ?? null };
  return guardTitle("success_factor_title_uq", after.title, () =>
    db().transaction(async (tx): Promise<PolicyMapOutcome> => {
      const locked = await lockFactorWithGoal(tx, actor, factorId);
      if (!locked) return { ok: false, error: "notFound" };
      const { area, goal, factor } = locked;
      const blocked = areaBlock(area);
      if (blocked) return { ok: false, error: blocked };
      if (goal.retiredAt) return { ok: false, error: "goalRetired" };
      if (factor.retiredAt) return { ok: false, error: "retired" };
      const before = { title: factor.title, description: factor.description };
      if (before.title === after.title && before.description === after.description) return { ok: true, id: factorId, title: after.title, changed: false };
      if (await factorTitleInUse(tx, goal.id, after.title, factorId)) return { ok: false, error: "titleTaken", title: after.title };
      await tx.update(successFactor).set({ ...after, updatedAt: new Date() }).where(eq(successFactor.id, factorId));
      await recordAudit(tx, { ...audit(actor, "success_factor", factorId), action: "success_factor.updated", details: { focusArea: area.name, goal: goal.title, before, after } });
      return { ok: true, id: factorId, title: after.title, changed: true };
    }),
  );
}

/** Swaps the factor with its current neighbour within the goal; at either end nothing changes. */
export async function moveFactor(actor: Member, factorId: string, direction: Direction): Promise<PolicyMapOutcome> {
  return db().transaction(async (tx): Promise<PolicyMapOutcome> => {
    const locked = await lockFactorWithGoal(tx, actor, factorId);
    if (!locked) return { ok: false, error: "notFound" };
    const { area, goal, factor } = locked;
    const blocked = areaBlock(area);
    if (blocked) return { ok: false, error: blocked };
    if (goal.retiredAt) return { ok: false, error: "goalRetired" };
    if (factor.retiredAt) return { ok: false, error: "retired" };
    const neighbour = await swapWithNeighbour(tx, successFactor, eq(successFactor.goalId, goal.id), factor, direction);
    if (!neighbour) return { ok: true, id: factorId, title: factor.title, changed: false };
    await recordAudit(tx, {
      ...audit(actor, "success_factor", factorId),
      action: "success_factor.moved",
      details: { focusArea: area.name, goal: goal.title, title: factor.title, direction, swappedWith: neighbour.title, before: { position: factor.position }, after: { position: neighbour.position } },
    });
    return { ok: true, id: factorId, title: factor.title, changed: true };
  });
}

export async function retireFactor(actor: Member, factorId: string): Promise<PolicyMapOutcome> {
  return db().transaction(async (tx): Promise<PolicyMapOutcome> => {
    const locked = await lockFactorWithGoal(tx, actor, factorId);
    if (!locked) return { ok: false, error: "notFound" };
    const { area, goal, factor } = locked;
    const blocked = areaBlock(area);
    if (blocked) return { ok: false, error: blocked };
    if (goal.retiredAt) return { ok: false, error: "goalRetired" };
    if (factor.retiredAt) return { ok: true, id: factorId, title: factor.title, changed: false };
    const now = new Date();
    await tx.update(successFactor).set({ retiredAt: now, updatedAt: now }).where(eq(successFactor.id, factorId));
    await recordAudit(tx, { ...audit(actor, "success_factor", factorId), action: "success_factor.retired", details: { focusArea: area.name, goal: goal.title, title: factor.title } });
    return { ok: true, id: factorId, title: factor.title, changed: true };
  });
}

export async function restoreFactor(actor: Member, factorId: string): Promise<PolicyMapOutcome> {
  let title = "";
  return guardTitle("success_factor_title_uq", () => title, () =>
    db().transaction(async (tx): Promise<PolicyMapOutcome> => {
      const locked = await lockFactorWithGoal(tx, actor, factorId);
      if (!locked) return { ok: false, error: "notFound" };
      const { area, goal, factor } = locked;
      title = factor.title;
      const blocked = areaBlock(area);
      if (blocked) return { ok: false, error: blocked };
      if (goal.retiredAt) return { ok: false, error: "goalRetired" };
      if (!factor.retiredAt) return { ok: true, id: factorId, title: factor.title, changed: false };
      if (await factorTitleInUse(tx, goal.id, factor.title, factorId)) return { ok: false, error: "titleTaken", title: factor.title };
      await tx.update(successFactor).set({ retiredAt: null, updatedAt: new Date() }).where(eq(successFactor.id, factorId));
      await recordAudit(tx, { ...audit(actor, "success_factor", factorId), action: "success_factor.restored", details: { focusArea: area.name, goal: goal.title, title: factor.title } });
      return { ok: true, id: factorId, title: factor.title, changed: true };
    }),
  );
}
