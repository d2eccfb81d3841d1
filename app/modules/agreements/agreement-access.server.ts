// What every agreement command shares: the outcome type, locking the agreement and its current
// version within the actor's municipality, the lifecycle state of a version, applying the
// lifecycle's effects, and the audit entry. An agreement of another municipality behaves exactly
// like one that does not exist.
import { and, asc, count, desc, eq, isNull, ne } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { agreementComment, agreementDataset, agreementField, agreementSignature, agreementVersion, deliveryAgreement, departmentOwner, type AgreementStatus } from "../../../db/schema/index";
import type { AgreementEffect, AgreementRefusal, AgreementTransition, AgreementVersionState } from "../../../workflows/agreement-lifecycle";
import { recordAudit } from "../audit/audit.server";
import { actorOf, type Member } from "../auth/guards.server";
import { agreementGaps, gapKeys } from "./completeness";

export type AgreementOutcome =
  | { ok: true; agreementId: string; versionId: string; version: number; changed: boolean }
  /** Not the actor's municipality's, or no such agreement, dataset, field or comment. */
  | { ok: false; error: "notFound" }
  /** The version's text is frozen (it asked for signatures): change it through a new version. */
  | { ok: false; error: "frozen"; status: AgreementStatus }
  /** A new version is already being drafted (or reviewed): change that one. */
  | { ok: false; error: "draftExists"; version: number }
  /** The lifecycle refused the step; `details` lists the gaps of an incomplete version. */
  | { ok: false; error: "refused"; refusal: AgreementRefusal; details?: readonly string[] }
  /** Refused at a field; messages are i18n keys, `values` fill their placeholders. */
  | { ok: false; error: "invalid"; fieldErrors: Record<string, string[]>; values?: Record<string, string | number> };

export const notFound = { ok: false, error: "notFound" } as const;
export const E = (key: string) => `agreements.errors.${key}`;

export function invalid(field: string, key: string, values?: Record<string, string | number>): Extract<AgreementOutcome, { error: "invalid" }> {
  return { ok: false, error: "invalid", fieldErrors: { [field]: [E(key)] }, values };
}

export type AgreementRow = typeof deliveryAgreement.$inferSelect;
export type VersionRow = typeof agreementVersion.$inferSelect;

/** The actor's agreement and its current version, both locked for the transaction. */
export async function lockAgreement(tx: DbOrTx, actor: Pick<Member, "municipalityId">, agreementId: string): Promise<{ agreement: AgreementRow; version: VersionRow } | undefined> {
  const [agreement] = await tx
    .select()
    .from(deliveryAgreement)
    .where(and(eq(deliveryAgreement.id, agreementId), eq(deliveryAgreement.municipalityId, actor.municipalityId)))
    .for("update");
  if (!agreement?.currentVersionId) return undefined;
  const [version] = await tx
    .select()
    .from(agreementVersion)
    .where(and(eq(agreementVersion.id, agreement.currentVersionId), eq(agreementVersion.municipalityId, actor.municipalityId)))
    .for("update");
  return version ? { agreement, version } : undefined;
}

/** Whether the actor owns the supplying department (for an external source: any department owner may sign for it). */
export async function ownsParty(tx: DbOrTx, actor: Member, agreement: AgreementRow): Promise<boolean> {
  if (!agreement.departmentId) return actor.role === "department_owner" || actor.role === "programme_lead";
  const [row] = await tx
    .select({ userId: departmentOwner.userId })
    .from(departmentOwner)
    .where(and(eq(departmentOwner.departmentId, agreement.departmentId), eq(departmentOwner.userId, actor.userId)));
  return Boolean(row);
}

/** The datasets of a version in order, each with its fields in order. */
export async function versionDatasets(tx: DbOrTx, versionId: string) {
  const datasets = await tx.select().from(agreementDataset).where(eq(agreementDataset.versionId, versionId)).orderBy(asc(agreementDataset.position), asc(agreementDataset.name));
  const fields = datasets.length
    ? await tx
        .select({ field: agreementField })
        .from(agreementField)
        .innerJoin(agreementDataset, eq(agreementDataset.id, agreementField.datasetId))
        .where(eq(agreementDataset.versionId, versionId))
        .orderBy(asc(agreementField.position), asc(agreementField.name))
    : [];
  return datasets.map((d) => ({ ...d, fields: fields.filter((f) => f.field.datasetId === d.id).map((f) => f.field) }));
}

/** The gaps of a version, read from its terms and datasets. */
export async function versionGaps(tx: DbOrTx, version: VersionRow) {
  const datasets = await versionDatasets(tx, version.id);
  return agreementGaps({ title: version.title, formats: version.formats, startDate: version.startDate, endDate: version.endDate, terms: version.terms, datasets });
}

/** The lifecycle state of a version: status, hash, signatures, open comments and gaps. */
export async function versionState(tx: DbOrTx, version: VersionRow): Promise<AgreementVersionState> {
  const [open] = await tx
    .select({ n: count() })
    .from(agreementComment)
    .where(and(eq(agreementComment.versionId, version.id), isNull(agreementComment.resolvedAt)));
  const signatures = await tx.select({ role: agreementSignature.role }).from(agreementSignature).where(eq(agreementSignature.versionId, version.id));
  return {
    status: version.status,
    contentHash: version.contentHash,
    signedBy: signatures.map((s) => s.role),
    openComments: open?.n ?? 0,
    incomplete: version.status === "draft" || version.status === "in_review" ? gapKeys(await versionGaps(tx, version)) : [],
  };
}

export function agreementAudit(actor: Member, agreement: AgreementRow, action: string, details: Record<string, unknown> = {}) {
  return {
    municipalityId: actor.municipalityId,
    actor: actorOf(actor),
    objectType: "agreement",
    objectId: agreement.id,
    origin: actor.origin,
    action,
    details: { reference: agreement.reference, ...details },
  };
}

/**
 * Applies a lifecycle transition's effects to a version: its status (with the times and reason it
 * implies), the freeze (text and hash given by the caller), and the audit events. Signatures and
 * activation belong to the signing command, which applies those itself.
 */
export async function applyTransition(
  tx: DbOrTx,
  actor: Member,
  agreement: AgreementRow,
  version: VersionRow,
  transition: Extract<AgreementTransition, { ok: true }>,
  extra: { canonicalText?: string; reason?: string } = {},
): Promise<void> {
  const now = new Date();
  const set: Partial<VersionRow> = { updatedAt: now };
  const audits: Extract<AgreementEffect, { type: "audit" }>[] = [];
  for (const effect of transition.effects) {
    switch (effect.type) {
      case "set_status":
        set.status = effect.status;
        if (effect.status === "terminated" || effect.status === "superseded") {
          set.endedAt = now;
          if (extra.reason) set.endReason = extra.reason;
        }
        break;
      case "freeze":
        if (!extra.canonicalText) throw new Error("freeze needs the canonical text");
        set.canonicalText = extra.canonicalText;
        set.contentHash = effect.contentHash;
        set.frozenAt = now;
        break;
      case "audit":
        audits.push(effect);
        break;
      default:
        throw new Error(`effect ${effect.type} is applied by the signing command`);
    }
  }
  await tx.update(agreementVersion).set(set).where(eq(agreementVersion.id, version.id));
  for (const a of audits) await recordAudit(tx, agreementAudit(actor, agreement, a.action, { version: version.version, ...a.details }));
}

/** Points the agreement at its newest version that is not terminated (or the newest, if all are). */
export async function refreshCurrentVersion(tx: DbOrTx, agreementId: string): Promise<void> {
  const [live] = await tx
    .select({ id: agreementVersion.id })
    .from(agreementVersion)
    .where(and(eq(agreementVersion.agreementId, agreementId), ne(agreementVersion.status, "terminated")))
    .orderBy(desc(agreementVersion.version))
    .limit(1);
  const [newest] = live ? [live] : await tx.select({ id: agreementVersion.id }).from(agreementVersion).where(eq(agreementVersion.agreementId, agreementId)).orderBy(desc(agreementVersion.version)).limit(1);
  if (newest) await tx.update(deliveryAgreement).set({ currentVersionId: newest.id, updatedAt: new Date() }).where(eq(deliveryAgreement.id, agreementId));
}

export function ok(agreement: AgreementRow, version: VersionRow, changed = true): AgreementOutcome {
  return { ok: true, agreementId: agreement.id, versionId: version.id, version: version.version, changed };
}

/** Whether two JSON values are equal regardless of key order (jsonb stores keys in its own order). */
export function sameJson(a: unknown, b: unknown): boolean {
  const norm = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(norm) : v && typeof v === "object" ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, norm((v as Record<string, unknown>)[k])])) : v;
  return JSON.stringify(norm(a)) === JSON.stringify(norm(b));
}
