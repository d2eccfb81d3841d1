// A municipality's own KPIs: chosen from the library (a copy of the template) or defined anew, the
// full definition edited, retired and restored. Every command is one transaction with its audit
// event; a KPI, factor, member, department or source of another municipality behaves exactly like
// one that does not exist.
//
// Rules: a KPI name is unique (ignoring case) among the municipality's current KPIs, and a library
// entry is chosen at most once; a withdrawn library entry cannot be chosen; changing the direction
// or unit kind is refused while a year's target would no longer fit; changing the frequency is
// refused once the KPI has measurements (their periods would no longer fit).
import { and, asc, eq, isNull, ne, sql } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { isUniqueViolation } from "../../../db/errors";
import {
  department,
  externalSource,
  focusArea,
  kpi,
  kpiSuccessFactor,
  kpiTarget,
  kpiTemplate,
  measurement,
  member as memberTable,
  strategicGoal,
  successFactor,
} from "../../../db/schema/index";
import { db } from "../../db.server";
import { recordAudit } from "../audit/audit.server";
import { actorOf, type Member } from "../auth/guards.server";
import { chooseTemplateSchema, createKpiSchema, definitionFields, fieldErrorsOf, type ChooseTemplateInput, type CreateKpiInput, type DefinitionInput } from "./schema";
import { fitsTarget } from "./target-rules";

export type KpiOutcome =
  | { ok: true; id: string; name: string; changed: boolean }
  /** The KPI (or library entry) is not the actor's municipality's, or does not exist. */
  | { ok: false; error: "notFound" }
  /** The KPI is retired: restore it first. */
  | { ok: false; error: "retired" }
  /** Restoring is refused: a current KPI has its name or library entry now. */
  | { ok: false; error: "restoreNameTaken" | "restoreTemplateTaken"; name: string }
  /**
   * Refused at a field. Messages are i18n keys; `values` fill their placeholders (a taken name,
   * the years whose targets would no longer fit, the number of measurements).
   */
  | { ok: false; error: "invalid"; fieldErrors: Record<string, string[]>; values?: Record<string, string | number>; existingKpiId?: string };

const E = (key: string) => `kpiDefinitions.errors.${key}`;

export function invalid(field: string, key: string, values?: Record<string, string | number>): Extract<KpiOutcome, { error: "invalid" }> {
  return { ok: false, error: "invalid", fieldErrors: { [field]: [E(key)] }, values };
}

export function kpiAudit(actor: Member, objectType: "kpi" | "kpi_target" | "kpi_relation", objectId: string) {
  return { municipalityId: actor.municipalityId, actor: actorOf(actor), objectType, objectId, origin: actor.origin };
}

export const kpiColumns = {
  id: kpi.id,
  municipalityId: kpi.municipalityId,
  templateCode: kpi.templateCode,
  name: kpi.name,
  definition: kpi.definition,
  formula: kpi.formula,
  unit: kpi.unit,
  unitKind: kpi.unitKind,
  direction: kpi.direction,
  frequency: kpi.frequency,
  decimals: kpi.decimals,
  ownerUserId: kpi.ownerUserId,
  dataNeeded: kpi.dataNeeded,
  sourceDepartmentId: kpi.sourceDepartmentId,
  sourceExternalSourceId: kpi.sourceExternalSourceId,
  retiredAt: kpi.retiredAt,
};
export type KpiRow = Pick<typeof kpi.$inferSelect, keyof typeof kpiColumns>;

/** The actor's KPI, locked for the rest of the transaction; undefined when it is not theirs. */
export async function lockKpi(tx: DbOrTx, actor: Pick<Member, "municipalityId">, kpiId: string): Promise<KpiRow | undefined> {
  const [row] = await tx
    .select(kpiColumns)
    .from(kpi)
    .where(and(eq(kpi.id, kpiId), eq(kpi.municipalityId, actor.municipalityId)))
    .for("update");
  return row;
}

async function nameInUse(tx: DbOrTx, municipalityId: string, name: string, exceptId?: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: kpi.id })
    .from(kpi)
    .where(and(eq(kpi.municipalityId, municipalityId), isNull(kpi.retiredAt), sql`lower(${kpi.name}) = lower(${name})`, exceptId ? ne(kpi.id, exceptId) : undefined))
    .limit(1);
  return Boolean(row);
}

async function kpiOfTemplate(tx: DbOrTx, municipalityId: string, templateCode: string, exceptId?: string) {
  const [row] = await tx
    .select({ id: kpi.id, name: kpi.name })
    .from(kpi)
    .where(and(eq(kpi.municipalityId, municipalityId), isNull(kpi.retiredAt), eq(kpi.templateCode, templateCode), exceptId ? ne(kpi.id, exceptId) : undefined))
    .limit(1);
  return row;
}

/**
 * A current success factor of the actor's municipality (the factor, its goal and its focus area
 * not retired), with its goal and area for the audit log; undefined otherwise.
 */
export async function currentFactor(tx: DbOrTx, actor: Pick<Member, "municipalityId">, factorId: string) {
  const [row] = await tx
    .select({ id: successFactor.id, title: successFactor.title, goal: strategicGoal.title, area: focusArea.name })
    .from(successFactor)
    .innerJoin(strategicGoal, and(eq(strategicGoal.id, successFactor.goalId), eq(strategicGoal.municipalityId, actor.municipalityId), isNull(strategicGoal.retiredAt)))
    .innerJoin(focusArea, and(eq(focusArea.id, strategicGoal.focusAreaId), eq(focusArea.municipalityId, actor.municipalityId), isNull(focusArea.retiredAt)))
    .where(and(eq(successFactor.id, factorId), eq(successFactor.municipalityId, actor.municipalityId), isNull(successFactor.retiredAt)));
  return row;
}

async function nextPosition(tx: DbOrTx, municipalityId: string): Promise<number> {
  const [last] = await tx
    .select({ position: sql<number>`coalesce(max(${kpi.position}), -1)::int` })
    .from(kpi)
    .where(eq(kpi.municipalityId, municipalityId));
  return (last?.position ?? -1) + 1;
}

/** Runs a create/restore; a unique-index violation (a concurrent change won the race) becomes a field error. */
async function guardUnique(name: () => string, command: () => Promise<KpiOutcome>, field = "name"): Promise<KpiOutcome> {
  try {
    return await command();
  } catch (err) {
    if (isUniqueViolation(err, "kpi_name_uq")) return invalid(field, "nameTaken", { name: name() });
    if (isUniqueViolation(err, "kpi_template_uq")) return invalid(field === "name" ? "templateCode" : field, "templateTaken", { name: name() });
    throw err;
  }
}

async function linkNewKpi(tx: DbOrTx, actor: Member, kpiId: string, factor: { id: string; title: string; goal: string; area: string } | undefined) {
  if (!factor) return;
  await tx.insert(kpiSuccessFactor).values({ kpiId, successFactorId: factor.id, municipalityId: actor.municipalityId });
}

/**
 * Chooses a library entry: the municipality's own KPI, a copy of the template's name, unit, unit
 * kind, direction and frequency, with the template's usual source as a first suggestion of the
 * data it needs; linked to the success factor when one is given.
 */
export async function chooseTemplate(actor: Member, input: ChooseTemplateInput): Promise<KpiOutcome> {
  const parsed = chooseTemplateSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: "invalid", fieldErrors: fieldErrorsOf(parsed.error) };
  const { templateCode, factorId } = parsed.data;
  let name = "";
  return guardUnique(
    () => name,
    () =>
      db().transaction(async (tx): Promise<KpiOutcome> => {
        const [template] = await tx.select().from(kpiTemplate).where(eq(kpiTemplate.code, templateCode));
        if (!template) return invalid("templateCode", "templateNotFound");
        name = template.name;
        if (template.status === "withdrawn") return invalid("templateCode", "templateWithdrawn", { name: template.name });
        const existing = await kpiOfTemplate(tx, actor.municipalityId, template.code);
        if (existing) return { ...invalid("templateCode", "templateTaken", { name: existing.name }), existingKpiId: existing.id };
        if (await nameInUse(tx, actor.municipalityId, template.name)) return invalid("templateCode", "nameTaken", { name: template.name });
        const factor = factorId ? await currentFactor(tx, actor, factorId) : undefined;
        if (factorId && !factor) return invalid("factorId", "factorNotFound");
        const id = crypto.randomUUID();
        const values = {
          name: template.name,
          unit: template.unit,
          unitKind: template.unitKind,
          direction: template.direction,
          frequency: template.frequency,
          dataNeeded: template.source ? `Bron in de bibliotheek: ${template.source}` : null,
        };
        await tx.insert(kpi).values({
          id,
          municipalityId: actor.municipalityId,
          templateCode: template.code,
          position: await nextPosition(tx, actor.municipalityId),
          createdByUserId: actor.userId,
          ...values,
        });
        await linkNewKpi(tx, actor, id, factor);
        await recordAudit(tx, {
          ...kpiAudit(actor, "kpi", id),
          action: "kpi.created",
          details: { library: template.code, after: values, successFactor: factor ? { id: factor.id, title: factor.title, goal: factor.goal, focusArea: factor.area } : null },
        });
        return { ok: true, id, name: template.name, changed: true };
      }),
    "templateCode",
  );
}

/** Defines a new KPI without a library entry: a name (and optionally its success factor). */
export async function createKpi(actor: Member, input: CreateKpiInput): Promise<KpiOutcome> {
  const parsed = createKpiSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: "invalid", fieldErrors: fieldErrorsOf(parsed.error) };
  const { name, factorId } = parsed.data;
  return guardUnique(
    () => name,
    () =>
      db().transaction(async (tx): Promise<KpiOutcome> => {
        if (await nameInUse(tx, actor.municipalityId, name)) return invalid("name", "nameTaken", { name });
        const factor = factorId ? await currentFactor(tx, actor, factorId) : undefined;
        if (factorId && !factor) return invalid("factorId", "factorNotFound");
        const id = crypto.randomUUID();
        await tx.insert(kpi).values({ id, municipalityId: actor.municipalityId, name, position: await nextPosition(tx, actor.municipalityId), createdByUserId: actor.userId });
        await linkNewKpi(tx, actor, id, factor);
        await recordAudit(tx, {
          ...kpiAudit(actor, "kpi", id),
          action: "kpi.created",
          details: { library: null, after: { name }, successFactor: factor ? { id: factor.id, title: factor.title, goal: factor.goal, focusArea: factor.area } : null },
        });
        return { ok: true, id, name, changed: true };
      }),
  );
}

const DEFINITION_KEYS = [
  "name",
  "definition",
  "formula",
  "unit",
  "unitKind",
  "direction",
  "frequency",
  "decimals",
  "ownerUserId",
  "dataNeeded",
  "sourceDepartmentId",
  "sourceExternalSourceId",
] as const;

/** Saves the whole definition form of a KPI (the targets and relations have their own commands). */
export async function updateDefinition(actor: Member, kpiId: string, input: DefinitionInput): Promise<KpiOutcome> {
  const parsed = definitionFields.safeParse(input);
  if (!parsed.success) return { ok: false, error: "invalid", fieldErrors: fieldErrorsOf(parsed.error) };
  const v = parsed.data;
  const after = {
    name: v.name,
    definition: v.definition ?? null,
    formula: v.formula ?? null,
    unit: v.unit ?? null,
    unitKind: v.unitKind,
    direction: v.direction ?? null,
    frequency: v.frequency ?? null,
    decimals: v.decimals,
    ownerUserId: v.ownerUserId ?? null,
    dataNeeded: v.dataNeeded ?? null,
    sourceDepartmentId: v.source?.kind === "department" ? v.source.id : null,
    sourceExternalSourceId: v.source?.kind === "external" ? v.source.id : null,
  };
  return guardUnique(
    () => after.name,
    () =>
      db().transaction(async (tx): Promise<KpiOutcome> => {
        const current = await lockKpi(tx, actor, kpiId);
        if (!current) return { ok: false, error: "notFound" };
        if (current.retiredAt) return { ok: false, error: "retired" };
        const changedKeys = DEFINITION_KEYS.filter((k) => current[k] !== after[k]);
        if (changedKeys.length === 0) return { ok: true, id: kpiId, name: current.name, changed: false };

        if (changedKeys.includes("name") && (await nameInUse(tx, actor.municipalityId, after.name, kpiId))) return invalid("name", "nameTaken", { name: after.name });
        if (after.ownerUserId && changedKeys.includes("ownerUserId")) {
          const [owner] = await tx
            .select({ id: memberTable.id })
            .from(memberTable)
            .where(and(eq(memberTable.userId, after.ownerUserId), eq(memberTable.organizationId, actor.municipalityId)));
          if (!owner) return invalid("ownerUserId", "ownerNotMember");
        }
        if (after.sourceDepartmentId && changedKeys.includes("sourceDepartmentId")) {
          const [row] = await tx.select({ id: department.id }).from(department).where(and(eq(department.id, after.sourceDepartmentId), eq(department.municipalityId, actor.municipalityId)));
          if (!row) return invalid("source", "sourceNotFound");
        }
        if (after.sourceExternalSourceId && changedKeys.includes("sourceExternalSourceId")) {
          const [row] = await tx
            .select({ id: externalSource.id })
            .from(externalSource)
            .where(and(eq(externalSource.id, after.sourceExternalSourceId), eq(externalSource.municipalityId, actor.municipalityId)));
          if (!row) return invalid("source", "sourceNotFound");
        }
        if (changedKeys.includes("direction") || changedKeys.includes("unitKind")) {
          const targets = await tx
            .select({ year: kpiTarget.year, target: kpiTarget.target, greenFrom: kpiTarget.greenFrom, amberFrom: kpiTarget.amberFrom })
            .from(kpiTarget)
            .where(and(eq(kpiTarget.kpiId, kpiId), eq(kpiTarget.municipalityId, actor.municipalityId)))
            .orderBy(asc(kpiTarget.year));
          const unfit = targets.filter((t) => !fitsTarget(after.unitKind, after.direction, t)).map((t) => t.year);
          if (unfit.length) {
            // Name the field the user changed (the direction when both changed and either could be it).
            const field = changedKeys.includes("unitKind") && targets.some((t) => !fitsTarget(after.unitKind, current.direction, t)) ? "unitKind" : "direction";
            return invalid(field, field === "unitKind" ? "unitKindConflictsTargets" : "directionConflictsTargets", { years: unfit.join(", ") });
          }
        }
        if (changedKeys.includes("frequency")) {
          const [row] = await tx
            .select({ n: sql<number>`count(*)::int` })
            .from(measurement)
            .where(and(eq(measurement.kpiId, kpiId), eq(measurement.municipalityId, actor.municipalityId)));
          if ((row?.n ?? 0) > 0) return invalid("frequency", "frequencyHasMeasurements", { count: row!.n });
        }
        await tx
          .update(kpi)
          .set({ ...after, updatedAt: new Date() })
          .where(eq(kpi.id, kpiId));
        const before: Record<string, unknown> = {};
        const changed: Record<string, unknown> = {};
        for (const k of changedKeys) {
          before[k] = current[k];
          changed[k] = after[k];
        }
        await recordAudit(tx, { ...kpiAudit(actor, "kpi", kpiId), action: "kpi.updated", details: { name: after.name, before, after: changed } });
        return { ok: true, id: kpiId, name: after.name, changed: true };
      }),
  );
}

/** Retires a KPI: it leaves every list and count, but keeps its definition, targets and measurements. */
export async function retireKpi(actor: Member, kpiId: string): Promise<KpiOutcome> {
  return db().transaction(async (tx): Promise<KpiOutcome> => {
    const current = await lockKpi(tx, actor, kpiId);
    if (!current) return { ok: false, error: "notFound" };
    if (current.retiredAt) return { ok: true, id: kpiId, name: current.name, changed: false };
    const now = new Date();
    await tx.update(kpi).set({ retiredAt: now, updatedAt: now }).where(eq(kpi.id, kpiId));
    await recordAudit(tx, { ...kpiAudit(actor, "kpi", kpiId), action: "kpi.retired", details: { name: current.name, library: current.templateCode } });
    return { ok: true, id: kpiId, name: current.name, changed: true };
  });
}

/** Restores a retired KPI; refused while a current KPI has its name or its library entry. */
export async function restoreKpi(actor: Member, kpiId: string): Promise<KpiOutcome> {
  let name = "";
  try {
    return await db().transaction(async (tx): Promise<KpiOutcome> => {
      const current = await lockKpi(tx, actor, kpiId);
      if (!current) return { ok: false, error: "notFound" };
      name = current.name;
      if (!current.retiredAt) return { ok: true, id: kpiId, name: current.name, changed: false };
      if (await nameInUse(tx, actor.municipalityId, current.name, kpiId)) return { ok: false, error: "restoreNameTaken", name: current.name };
      if (current.templateCode && (await kpiOfTemplate(tx, actor.municipalityId, current.templateCode, kpiId))) return { ok: false, error: "restoreTemplateTaken", name: current.name };
      await tx.update(kpi).set({ retiredAt: null, updatedAt: new Date() }).where(eq(kpi.id, kpiId));
      await recordAudit(tx, { ...kpiAudit(actor, "kpi", kpiId), action: "kpi.restored", details: { name: current.name, library: current.templateCode } });
      return { ok: true, id: kpiId, name: current.name, changed: true };
    });
  } catch (err) {
    if (isUniqueViolation(err, "kpi_name_uq")) return { ok: false, error: "restoreNameTaken", name };
    if (isUniqueViolation(err, "kpi_template_uq")) return { ok: false, error: "restoreTemplateTaken", name };
    throw err;
  }
}

export interface KpiListItem {
  id: string;
  name: string;
  templateCode: string | null;
}

/** The municipality's current KPIs in order (retired ones only with `includeRetired`). */
export async function listKpis(actor: Pick<Member, "municipalityId">, options: { includeRetired?: boolean } = {}): Promise<(KpiListItem & { retired: boolean })[]> {
  const rows = await db()
    .select({ id: kpi.id, name: kpi.name, templateCode: kpi.templateCode, retiredAt: kpi.retiredAt })
    .from(kpi)
    .where(and(eq(kpi.municipalityId, actor.municipalityId), options.includeRetired ? undefined : isNull(kpi.retiredAt)))
    .orderBy(asc(kpi.position), asc(kpi.id));
  return rows.map(({ retiredAt, ...r }) => ({ ...r, retired: retiredAt !== null }));
}
