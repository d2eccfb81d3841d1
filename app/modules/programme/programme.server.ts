// The programme of a municipality: its four phases and their gates. Commands run the pure state
// machine in workflows/phase-gate.ts and apply its effects in one transaction with the audit log.
import { and, asc, eq, sql } from "drizzle-orm";
import type { Tx } from "../../../db/client";
import { gateCriterion, member as memberTable, phase as phaseTable, programme, user } from "../../../db/schema/index";
import { PHASE_NUMBERS, transitionPhase, type PhaseEvent, type PhaseNumber, type TransitionRefusal } from "../../../workflows/phase-gate";
import { db } from "../../db.server";
import { recordAudit } from "../audit/audit.server";
import { actorOf, type Member } from "../auth/guards.server";
import { can } from "../auth/roles";
import { COMPUTED_CHECKS, GATE_TEMPLATES } from "./gate-templates";
import { ensureBoardsFor } from "../boards/boards.server";

/** Creates the programme with its four phases and the model's gate criteria (in the caller's transaction). */
export async function createProgramme(tx: Tx, municipalityId: string, name = `Koers ${new Date().getFullYear() + 1}`): Promise<string> {
  const programmeId = crypto.randomUUID();
  await tx.insert(programme).values({ id: programmeId, municipalityId, name });
  for (const number of PHASE_NUMBERS) {
    const phaseId = crypto.randomUUID();
    await tx.insert(phaseTable).values({ id: phaseId, programmeId, municipalityId, number });
    const templates = GATE_TEMPLATES[number];
    if (templates.length > 0) {
      await tx.insert(gateCriterion).values(
        templates.map((t, position) => ({ id: crypto.randomUUID(), phaseId, municipalityId, templateKey: t.key, computedKey: t.computed ?? null, position })),
      );
    }
  }
  await ensureBoardsFor(tx, municipalityId);
  return programmeId;
}

export interface CriterionView {
  id: string;
  templateKey: string | null;
  label: string | null;
  computedKey: string | null;
  /** True when a computed check exists and decides; false when the criterion is ticked by hand. */
  computed: boolean;
  met: boolean;
  checkedAt: Date | null;
  checkedBy: string | null;
}

export interface PhaseView {
  id: string;
  number: PhaseNumber;
  status: "not_started" | "active" | "done";
  plannedStart: string | null;
  plannedEnd: string | null;
  startedAt: Date | null;
  finishedAt: Date | null;
  owner: { id: string; name: string } | null;
  criteria: CriterionView[];
}

export interface ProgrammeView {
  id: string;
  name: string;
  phases: PhaseView[];
}

export async function loadProgramme(actor: Pick<Member, "municipalityId">, database: Tx | ReturnType<typeof db> = db()): Promise<ProgrammeView | null> {
  const [prog] = await database.select().from(programme).where(eq(programme.municipalityId, actor.municipalityId));
  if (!prog) return null;
  const phases = await database
    .select({ phase: phaseTable, ownerName: user.name })
    .from(phaseTable)
    .leftJoin(user, eq(user.id, phaseTable.ownerUserId))
    .where(eq(phaseTable.programmeId, prog.id))
    .orderBy(asc(phaseTable.number));
  const checker = sql<string | null>`(select name from "user" where id = ${gateCriterion.checkedByUserId})`;
  const criteria = await database
    .select({ criterion: gateCriterion, checkedBy: checker })
    .from(gateCriterion)
    .where(eq(gateCriterion.municipalityId, actor.municipalityId))
    .orderBy(asc(gateCriterion.position), asc(gateCriterion.createdAt));
  const views: PhaseView[] = [];
  for (const { phase: p, ownerName } of phases) {
    const mine = criteria.filter((c) => c.criterion.phaseId === p.id);
    const criterionViews: CriterionView[] = [];
    for (const { criterion: c, checkedBy } of mine) {
      const check = c.computedKey ? COMPUTED_CHECKS[c.computedKey] : undefined;
      const met = check ? await check(actor.municipalityId, database) : c.checked;
      criterionViews.push({ id: c.id, templateKey: c.templateKey, label: c.label, computedKey: c.computedKey, computed: Boolean(check), met, checkedAt: c.checkedAt, checkedBy });
    }
    views.push({
      id: p.id,
      number: p.number as PhaseNumber,
      status: p.status,
      plannedStart: p.plannedStart,
      plannedEnd: p.plannedEnd,
      startedAt: p.startedAt,
      finishedAt: p.finishedAt,
      owner: p.ownerUserId && ownerName ? { id: p.ownerUserId, name: ownerName } : null,
      criteria: criterionViews,
    });
  }
  return { id: prog.id, name: prog.name, phases: views };
}

export type PhaseCommandOutcome = { ok: true } | { ok: false; error: TransitionRefusal | "no_programme" | "not_found" };

/** Runs one phase transition; the programme row is locked so concurrent transitions serialise. */
async function runTransition(actor: Member, event: PhaseEvent): Promise<PhaseCommandOutcome> {
  return db().transaction(async (tx) => {
    const [prog] = await tx.select({ id: programme.id }).from(programme).where(eq(programme.municipalityId, actor.municipalityId)).for("update");
    if (!prog) return { ok: false, error: "no_programme" } as const;
    // Also lock the phase rows: criterion commands lock their phase row, so a criterion cannot be
    // unticked or added between reading the gate's criteria and closing it.
    await tx.select({ id: phaseTable.id }).from(phaseTable).where(eq(phaseTable.programmeId, prog.id)).orderBy(asc(phaseTable.number)).for("update");
    const view = await loadProgramme(actor, tx);
    const state = view!.phases.map((p) => ({ number: p.number, status: p.status, criteria: p.criteria.map((c) => ({ id: c.id, met: c.met })) }));
    const result = transitionPhase(state, event, { role: actor.role });
    if (!result.ok) return { ok: false, error: result.refusal } as const;
    const now = new Date();
    for (const effect of result.effects) {
      const phaseRow = view!.phases.find((p) => p.number === effect.phase)!;
      if (effect.type === "set_status") {
        const times =
          effect.status === "active"
            ? { startedAt: phaseRow.startedAt ?? now, finishedAt: null }
            : effect.status === "done"
              ? { finishedAt: now }
              : { startedAt: null, finishedAt: null };
        await tx.update(phaseTable).set({ status: effect.status, ...times }).where(eq(phaseTable.id, phaseRow.id));
      } else {
        await recordAudit(tx, {
          municipalityId: actor.municipalityId,
          actor: actorOf(actor),
          action: effect.action,
          objectType: "phase",
          objectId: phaseRow.id,
          origin: actor.origin,
          details: { phase: effect.phase, ...effect.details },
        });
      }
    }
    return { ok: true } as const;
  });
}

export const startPhase = (actor: Member, phase: PhaseNumber) => runTransition(actor, { type: "start", phase });
export const closeGate = (actor: Member, phase: PhaseNumber) => runTransition(actor, { type: "close_gate", phase });
export const reopenPhase = (actor: Member, phase: PhaseNumber, reason: string) => runTransition(actor, { type: "reopen", phase, reason });

async function criterionInScope(tx: Tx, actor: Member, criterionId: string) {
  const [row] = await tx
    .select({ criterion: gateCriterion, phaseStatus: phaseTable.status, phaseNumber: phaseTable.number })
    .from(gateCriterion)
    .innerJoin(phaseTable, eq(phaseTable.id, gateCriterion.phaseId))
    .where(and(eq(gateCriterion.id, criterionId), eq(gateCriterion.municipalityId, actor.municipalityId)))
    .for("update");
  return row;
}

export type CriterionOutcome = { ok: true } | { ok: false; error: "not_allowed" | "not_found" | "phase_done" | "computed" };

/** Gates and plans are steered by programme leads; routes check too, commands do not rely on it. */
const maySteer = (actor: Member) => can(actor.role, { programme: ["update"] });

export async function setCriterionChecked(actor: Member, criterionId: string, checked: boolean): Promise<CriterionOutcome> {
  if (!maySteer(actor)) return { ok: false, error: "not_allowed" };
  return db().transaction(async (tx) => {
    const row = await criterionInScope(tx, actor, criterionId);
    if (!row) return { ok: false, error: "not_found" } as const;
    if (row.phaseStatus === "done") return { ok: false, error: "phase_done" } as const;
    if (row.criterion.computedKey && COMPUTED_CHECKS[row.criterion.computedKey]) return { ok: false, error: "computed" } as const;
    if (row.criterion.checked === checked) return { ok: true } as const;
    await tx
      .update(gateCriterion)
      .set({ checked, checkedByUserId: checked ? actor.userId : null, checkedAt: checked ? new Date() : null })
      .where(eq(gateCriterion.id, criterionId));
    await recordAudit(tx, {
      municipalityId: actor.municipalityId,
      actor: actorOf(actor),
      action: checked ? "gate.criterion_checked" : "gate.criterion_unchecked",
      objectType: "gate_criterion",
      objectId: criterionId,
      origin: actor.origin,
      details: { phase: row.phaseNumber, criterion: row.criterion.templateKey ?? row.criterion.label },
    });
    return { ok: true } as const;
  });
}

export async function addCriterion(actor: Member, phaseNumber: PhaseNumber, label: string): Promise<CriterionOutcome> {
  if (!maySteer(actor)) return { ok: false, error: "not_allowed" };
  return db().transaction(async (tx) => {
    const [p] = await tx
      .select({ id: phaseTable.id, status: phaseTable.status })
      .from(phaseTable)
      .where(and(eq(phaseTable.municipalityId, actor.municipalityId), eq(phaseTable.number, phaseNumber)))
      .for("update");
    if (!p) return { ok: false, error: "not_found" } as const;
    if (p.status === "done") return { ok: false, error: "phase_done" } as const;
    const [{ next } = { next: 0 }] = await tx
      .select({ next: sql<number>`coalesce(max(${gateCriterion.position}) + 1, 0)::int` })
      .from(gateCriterion)
      .where(eq(gateCriterion.phaseId, p.id));
    const id = crypto.randomUUID();
    await tx.insert(gateCriterion).values({ id, phaseId: p.id, municipalityId: actor.municipalityId, label, position: next });
    await recordAudit(tx, { municipalityId: actor.municipalityId, actor: actorOf(actor), action: "gate.criterion_added", objectType: "gate_criterion", objectId: id, origin: actor.origin, details: { phase: phaseNumber, name: label } });
    return { ok: true } as const;
  });
}

export async function removeCriterion(actor: Member, criterionId: string): Promise<CriterionOutcome> {
  if (!maySteer(actor)) return { ok: false, error: "not_allowed" };
  return db().transaction(async (tx) => {
    const row = await criterionInScope(tx, actor, criterionId);
    if (!row) return { ok: false, error: "not_found" } as const;
    if (row.phaseStatus === "done") return { ok: false, error: "phase_done" } as const;
    await tx.delete(gateCriterion).where(eq(gateCriterion.id, criterionId));
    await recordAudit(tx, {
      municipalityId: actor.municipalityId,
      actor: actorOf(actor),
      action: "gate.criterion_removed",
      objectType: "gate_criterion",
      objectId: criterionId,
      origin: actor.origin,
      details: { phase: row.phaseNumber, name: row.criterion.templateKey ?? row.criterion.label },
    });
    return { ok: true } as const;
  });
}

export type PlanOutcome = { ok: true } | { ok: false; error: "not_allowed" | "not_found" | "owner_not_member" };

export async function updatePhasePlan(
  actor: Member,
  phaseNumber: PhaseNumber,
  input: { plannedStart: string | null; plannedEnd: string | null; ownerUserId: string | null },
): Promise<PlanOutcome> {
  if (!maySteer(actor)) return { ok: false, error: "not_allowed" };
  return db().transaction(async (tx) => {
    const [p] = await tx
      .select()
      .from(phaseTable)
      .where(and(eq(phaseTable.municipalityId, actor.municipalityId), eq(phaseTable.number, phaseNumber)))
      .for("update");
    if (!p) return { ok: false, error: "not_found" } as const;
    if (input.ownerUserId) {
      const [m] = await tx
        .select({ id: memberTable.id })
        .from(memberTable)
        .where(and(eq(memberTable.organizationId, actor.municipalityId), eq(memberTable.userId, input.ownerUserId)));
      if (!m) return { ok: false, error: "owner_not_member" } as const;
    }
    const before = { plannedStart: p.plannedStart, plannedEnd: p.plannedEnd, ownerUserId: p.ownerUserId };
    if (before.plannedStart === input.plannedStart && before.plannedEnd === input.plannedEnd && before.ownerUserId === input.ownerUserId) return { ok: true } as const;
    await tx.update(phaseTable).set(input).where(eq(phaseTable.id, p.id));
    await recordAudit(tx, { municipalityId: actor.municipalityId, actor: actorOf(actor), action: "phase.plan_changed", objectType: "phase", objectId: p.id, origin: actor.origin, details: { phase: phaseNumber, before, after: input } });
    return { ok: true } as const;
  });
}
