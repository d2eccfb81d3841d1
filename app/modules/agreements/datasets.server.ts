// The datasets of a draft version and their fields: add, edit, remove and reorder. Only while the
// version is a draft (`isEditable`); a frozen version's datasets never change (the database refuses
// it too). A dataset keeps its `key` across versions, so deliveries line up per dataset.
import { and, asc, eq, isNull, ne, sql } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { agreementDataset, agreementField, kpi } from "../../../db/schema/index";
import { isEditable } from "../../../workflows/agreement-lifecycle";
import { db } from "../../db.server";
import { recordAudit } from "../audit/audit.server";
import type { Member } from "../auth/guards.server";
import { agreementAudit, invalid, lockAgreement, notFound, ok, sameJson, type AgreementOutcome, type AgreementRow, type VersionRow } from "./agreement-access.server";
import { mayManage } from "./agreements.server";
import { datasetSchema, fieldErrorsOf, fieldSchema, type DatasetInput, type FieldInput } from "./terms-schema";

const notAllowed = { ok: false, error: "refused", refusal: "not_allowed" } as const;

type Locked = { agreement: AgreementRow; version: VersionRow };

/** Runs a change on the current draft version of the actor's agreement. */
async function onDraft(actor: Member, agreementId: string, change: (tx: DbOrTx, locked: Locked) => Promise<AgreementOutcome>): Promise<AgreementOutcome> {
  if (!mayManage(actor)) return notAllowed;
  return db().transaction(async (tx) => {
    const locked = await lockAgreement(tx, actor, agreementId);
    if (!locked) return notFound;
    if (!isEditable(locked.version.status)) return { ok: false, error: "frozen", status: locked.version.status } as const;
    return change(tx, locked);
  });
}

async function datasetOf(tx: DbOrTx, versionId: string, datasetId: string) {
  const [row] = await tx.select().from(agreementDataset).where(and(eq(agreementDataset.id, datasetId), eq(agreementDataset.versionId, versionId)));
  return row;
}

/** A dataset key from its name ("Meldingen per wijk" → "meldingen-per-wijk"), unique in the version. */
async function freshKey(tx: DbOrTx, versionId: string, name: string): Promise<string> {
  const base =
    name
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 40) || "dataset";
  const taken = new Set((await tx.select({ key: agreementDataset.key }).from(agreementDataset).where(eq(agreementDataset.versionId, versionId))).map((r) => r.key));
  let key = base;
  for (let n = 2; taken.has(key); n++) key = `${base}-${n}`;
  return key;
}

/** Adds a dataset (no datasetId) or renames/describes one. */
export async function saveDataset(actor: Member, agreementId: string, input: DatasetInput): Promise<AgreementOutcome> {
  const parsed = datasetSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: "invalid", fieldErrors: fieldErrorsOf(parsed.error) };
  const v = parsed.data;
  return onDraft(actor, agreementId, async (tx, { agreement, version }) => {
    const existing = v.datasetId ? await datasetOf(tx, version.id, v.datasetId) : undefined;
    if (v.datasetId && !existing) return notFound;
    const [clash] = await tx
      .select({ id: agreementDataset.id })
      .from(agreementDataset)
      .where(and(eq(agreementDataset.versionId, version.id), sql`lower(${agreementDataset.name}) = lower(${v.name})`, existing ? ne(agreementDataset.id, existing.id) : undefined));
    if (clash) return invalid("name", "datasetNameTaken", { name: v.name });
    if (existing) {
      if (existing.name === v.name && (existing.description ?? undefined) === v.description) return ok(agreement, version, false);
      await tx.update(agreementDataset).set({ name: v.name, description: v.description ?? null }).where(eq(agreementDataset.id, existing.id));
      await recordAudit(tx, agreementAudit(actor, agreement, "agreement.dataset_updated", { version: version.version, dataset: existing.key, before: { name: existing.name, description: existing.description }, after: { name: v.name, description: v.description ?? null } }));
      return ok(agreement, version);
    }
    const [last] = await tx.select({ position: sql<number>`coalesce(max(${agreementDataset.position}), -1)::int` }).from(agreementDataset).where(eq(agreementDataset.versionId, version.id));
    const key = await freshKey(tx, version.id, v.name);
    await tx.insert(agreementDataset).values({ id: crypto.randomUUID(), municipalityId: actor.municipalityId, versionId: version.id, key, name: v.name, description: v.description ?? null, position: (last?.position ?? -1) + 1 });
    await recordAudit(tx, agreementAudit(actor, agreement, "agreement.dataset_added", { version: version.version, dataset: key, name: v.name }));
    return ok(agreement, version);
  });
}

export async function removeDataset(actor: Member, agreementId: string, datasetId: string): Promise<AgreementOutcome> {
  return onDraft(actor, agreementId, async (tx, { agreement, version }) => {
    const existing = await datasetOf(tx, version.id, datasetId);
    if (!existing) return notFound;
    const fields = await tx.select({ name: agreementField.name }).from(agreementField).where(eq(agreementField.datasetId, existing.id));
    await tx.delete(agreementDataset).where(eq(agreementDataset.id, existing.id));
    await recordAudit(tx, agreementAudit(actor, agreement, "agreement.dataset_removed", { version: version.version, dataset: existing.key, name: existing.name, fields: fields.map((f) => f.name) }));
    return ok(agreement, version);
  });
}

/** Swaps a row with its neighbour and renumbers the list 0…n-1. */
function reorder<T extends { id: string }>(rows: T[], id: string, direction: "up" | "down"): T[] | null {
  const index = rows.findIndex((r) => r.id === id);
  const other = direction === "up" ? index - 1 : index + 1;
  if (index < 0 || other < 0 || other >= rows.length) return null;
  const next = [...rows];
  [next[index], next[other]] = [next[other]!, next[index]!];
  return next;
}

export async function moveDataset(actor: Member, agreementId: string, datasetId: string, direction: "up" | "down"): Promise<AgreementOutcome> {
  return onDraft(actor, agreementId, async (tx, { agreement, version }) => {
    const rows = await tx.select({ id: agreementDataset.id, key: agreementDataset.key }).from(agreementDataset).where(eq(agreementDataset.versionId, version.id)).orderBy(asc(agreementDataset.position), asc(agreementDataset.name));
    if (!rows.some((r) => r.id === datasetId)) return notFound;
    const next = reorder(rows, datasetId, direction);
    if (!next) return ok(agreement, version, false);
    for (const [position, row] of next.entries()) await tx.update(agreementDataset).set({ position }).where(eq(agreementDataset.id, row.id));
    await recordAudit(tx, agreementAudit(actor, agreement, "agreement.datasets_reordered", { version: version.version, order: next.map((r) => r.key) }));
    return ok(agreement, version);
  });
}

/** Adds a field to a dataset (no fieldId) or changes one. */
export async function saveField(actor: Member, agreementId: string, input: FieldInput): Promise<AgreementOutcome> {
  const parsed = fieldSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: "invalid", fieldErrors: fieldErrorsOf(parsed.error) };
  const v = parsed.data;
  return onDraft(actor, agreementId, async (tx, { agreement, version }) => {
    const dataset = await datasetOf(tx, version.id, v.datasetId);
    if (!dataset) return notFound;
    const [existing] = v.fieldId ? await tx.select().from(agreementField).where(and(eq(agreementField.id, v.fieldId), eq(agreementField.datasetId, dataset.id))) : [];
    if (v.fieldId && !existing) return notFound;
    const [clash] = await tx
      .select({ id: agreementField.id })
      .from(agreementField)
      .where(and(eq(agreementField.datasetId, dataset.id), sql`lower(${agreementField.name}) = lower(${v.name})`, existing ? ne(agreementField.id, existing.id) : undefined));
    if (clash) return invalid("name", "fieldNameTaken", { name: v.name, dataset: dataset.name });
    let kpiName: string | null = null;
    if (v.kpiId) {
      const [row] = await tx.select({ name: kpi.name }).from(kpi).where(and(eq(kpi.id, v.kpiId), eq(kpi.municipalityId, actor.municipalityId), isNull(kpi.retiredAt)));
      if (!row) return invalid("kpiId", "kpiNotFound");
      kpiName = row.name;
    }
    const values = {
      name: v.name,
      description: v.description ?? null,
      type: v.type,
      unit: v.unit ?? null,
      required: v.required,
      isKey: v.isKey,
      allowedValues: v.allowedValues.length ? v.allowedValues : null,
      min: v.min,
      max: v.max,
      kpiId: v.kpiId ?? null,
      aggregation: v.kpiId ? (v.aggregation ?? "single") : null,
    };
    if (existing) {
      const before = Object.fromEntries(Object.keys(values).map((k) => [k, existing[k as keyof typeof values]]));
      if (sameJson(before, values)) return ok(agreement, version, false);
      await tx.update(agreementField).set(values).where(eq(agreementField.id, existing.id));
      await recordAudit(tx, agreementAudit(actor, agreement, "agreement.field_updated", { version: version.version, dataset: dataset.key, field: existing.name, before, after: { ...values, kpi: kpiName } }));
      return ok(agreement, version);
    }
    const [last] = await tx.select({ position: sql<number>`coalesce(max(${agreementField.position}), -1)::int` }).from(agreementField).where(eq(agreementField.datasetId, dataset.id));
    await tx.insert(agreementField).values({ id: crypto.randomUUID(), municipalityId: actor.municipalityId, datasetId: dataset.id, ...values, position: (last?.position ?? -1) + 1 });
    await recordAudit(tx, agreementAudit(actor, agreement, "agreement.field_added", { version: version.version, dataset: dataset.key, field: v.name, after: { ...values, kpi: kpiName } }));
    return ok(agreement, version);
  });
}

async function fieldOfVersion(tx: DbOrTx, versionId: string, fieldId: string) {
  const [row] = await tx
    .select({ field: agreementField, datasetKey: agreementDataset.key })
    .from(agreementField)
    .innerJoin(agreementDataset, eq(agreementDataset.id, agreementField.datasetId))
    .where(and(eq(agreementField.id, fieldId), eq(agreementDataset.versionId, versionId)));
  return row;
}

export async function removeField(actor: Member, agreementId: string, fieldId: string): Promise<AgreementOutcome> {
  return onDraft(actor, agreementId, async (tx, { agreement, version }) => {
    const row = await fieldOfVersion(tx, version.id, fieldId);
    if (!row) return notFound;
    await tx.delete(agreementField).where(eq(agreementField.id, row.field.id));
    await recordAudit(tx, agreementAudit(actor, agreement, "agreement.field_removed", { version: version.version, dataset: row.datasetKey, field: row.field.name }));
    return ok(agreement, version);
  });
}

export async function moveField(actor: Member, agreementId: string, fieldId: string, direction: "up" | "down"): Promise<AgreementOutcome> {
  return onDraft(actor, agreementId, async (tx, { agreement, version }) => {
    const row = await fieldOfVersion(tx, version.id, fieldId);
    if (!row) return notFound;
    const rows = await tx.select({ id: agreementField.id, name: agreementField.name }).from(agreementField).where(eq(agreementField.datasetId, row.field.datasetId)).orderBy(asc(agreementField.position), asc(agreementField.name));
    const next = reorder(rows, fieldId, direction);
    if (!next) return ok(agreement, version, false);
    for (const [position, r] of next.entries()) await tx.update(agreementField).set({ position }).where(eq(agreementField.id, r.id));
    await recordAudit(tx, agreementAudit(actor, agreement, "agreement.fields_reordered", { version: version.version, dataset: row.datasetKey, order: next.map((r) => r.name) }));
    return ok(agreement, version);
  });
}
