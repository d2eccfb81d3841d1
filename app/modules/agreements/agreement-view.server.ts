// What the agreement pages read: the list (per party, with the current version, its status and the
// signatures present), the detail page (a version rendered readably, the version history, review
// comments, signatures, the lifecycle steps the actor may take, and panels other parts add), the
// edit page, and the options of the new-agreement page. Every query is scoped to the actor's
// municipality; another municipality's agreement is "not found".
import { and, asc, count, desc, eq, inArray, isNull } from "drizzle-orm";
import { agreementComment, agreementSignature, agreementVersion, deliveryAgreement, department, externalSource, kpi, type AgreementStatus } from "../../../db/schema/index";
import { isEditable, needsNewVersion } from "../../../workflows/agreement-lifecycle";
import { db } from "../../db.server";
import type { Member } from "../auth/guards.server";
import { can } from "../auth/roles";
import { ownsParty, versionDatasets, versionGaps } from "./agreement-access.server";
import { mayReview } from "./comments.server";
import { AGREEMENT_TEMPLATES, TEMPLATE_KEYS } from "./templates";

export interface AgreementListRow {
  id: string;
  reference: string;
  party: { kind: "department" | "external_source"; name: string };
  title: string;
  version: number;
  status: AgreementStatus;
  signatures: number;
  /** The version in force when it is not the current one (an active version while a new one is drafted). */
  activeVersion: number | null;
}

export async function listAgreements(actor: Member, filter: { status?: AgreementStatus } = {}): Promise<AgreementListRow[]> {
  const rows = await db()
    .select({
      id: deliveryAgreement.id,
      reference: deliveryAgreement.reference,
      departmentName: department.name,
      sourceName: externalSource.name,
      versionId: agreementVersion.id,
      title: agreementVersion.title,
      version: agreementVersion.version,
      status: agreementVersion.status,
    })
    .from(deliveryAgreement)
    .innerJoin(agreementVersion, and(eq(agreementVersion.id, deliveryAgreement.currentVersionId), eq(agreementVersion.municipalityId, actor.municipalityId)))
    .leftJoin(department, eq(department.id, deliveryAgreement.departmentId))
    .leftJoin(externalSource, eq(externalSource.id, deliveryAgreement.externalSourceId))
    .where(and(eq(deliveryAgreement.municipalityId, actor.municipalityId), filter.status ? eq(agreementVersion.status, filter.status) : undefined))
    .orderBy(asc(department.name), asc(externalSource.name), asc(deliveryAgreement.reference));
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [signatures, active] = await Promise.all([
    db()
      .select({ versionId: agreementSignature.versionId, n: count() })
      .from(agreementSignature)
      .where(and(eq(agreementSignature.municipalityId, actor.municipalityId), inArray(agreementSignature.versionId, rows.map((r) => r.versionId))))
      .groupBy(agreementSignature.versionId),
    db()
      .select({ agreementId: agreementVersion.agreementId, version: agreementVersion.version })
      .from(agreementVersion)
      .where(and(eq(agreementVersion.municipalityId, actor.municipalityId), inArray(agreementVersion.agreementId, ids), eq(agreementVersion.status, "active"))),
  ]);
  const signed = new Map(signatures.map((s) => [s.versionId, s.n]));
  const inForce = new Map(active.map((a) => [a.agreementId, a.version]));
  return rows.map((r) => ({
    id: r.id,
    reference: r.reference,
    party: r.departmentName !== null ? { kind: "department", name: r.departmentName } : { kind: "external_source", name: r.sourceName ?? "" },
    title: r.title,
    version: r.version,
    status: r.status,
    signatures: signed.get(r.versionId) ?? 0,
    activeVersion: inForce.get(r.id) !== r.version ? (inForce.get(r.id) ?? null) : null,
  }));
}

/** Context a detail-page panel gets: the agreement and the version shown. */
export interface PanelContext {
  agreementId: string;
  reference: string;
  shownVersionId: string;
  currentVersionId: string;
  status: AgreementStatus;
}
type PanelLoader = (actor: Member, context: PanelContext) => Promise<unknown>;

/**
 * Panels other parts add to the detail page (signing, seal, ODCS, deliveries, data health): one
 * line each, `name: loader`. The page receives `panels.<name>` with what the loader returned.
 */
export const AGREEMENT_PANELS: Record<string, PanelLoader> = {};

async function loadPanels(actor: Member, context: PanelContext): Promise<Record<string, unknown>> {
  const entries = await Promise.all(Object.entries(AGREEMENT_PANELS).map(async ([name, load]) => [name, await load(actor, context)] as const));
  return Object.fromEntries(entries);
}

async function agreementOf(actor: Member, agreementId: string) {
  const [row] = await db()
    .select({ agreement: deliveryAgreement, departmentName: department.name, sourceName: externalSource.name })
    .from(deliveryAgreement)
    .leftJoin(department, eq(department.id, deliveryAgreement.departmentId))
    .leftJoin(externalSource, eq(externalSource.id, deliveryAgreement.externalSourceId))
    .where(and(eq(deliveryAgreement.id, agreementId), eq(deliveryAgreement.municipalityId, actor.municipalityId)));
  return row;
}

/** A version with its datasets and fields (and the KPI each field feeds), as the pages show it. */
async function readableVersion(actor: Member, version: typeof agreementVersion.$inferSelect) {
  const datasets = await versionDatasets(db(), version.id);
  const kpiIds = [...new Set(datasets.flatMap((d) => d.fields.map((f) => f.kpiId).filter((id): id is string => Boolean(id))))];
  const kpis = kpiIds.length ? await db().select({ id: kpi.id, name: kpi.name }).from(kpi).where(and(eq(kpi.municipalityId, actor.municipalityId), inArray(kpi.id, kpiIds))) : [];
  const kpiName = new Map(kpis.map((k) => [k.id, k.name]));
  return {
    id: version.id,
    version: version.version,
    status: version.status,
    title: version.title,
    frequency: version.frequency,
    deadlineWorkingDays: version.deadlineWorkingDays,
    reminderWorkingDaysBefore: version.reminderWorkingDaysBefore,
    graceWorkingDays: version.graceWorkingDays,
    formats: version.formats,
    startDate: version.startDate,
    endDate: version.endDate,
    terms: version.terms,
    contentHash: version.contentHash,
    canonicalText: version.canonicalText,
    frozenAt: version.frozenAt?.toISOString() ?? null,
    endedAt: version.endedAt?.toISOString() ?? null,
    endReason: version.endReason,
    updatedAt: version.updatedAt.toISOString(),
    datasets: datasets.map((d) => ({
      id: d.id,
      key: d.key,
      name: d.name,
      description: d.description,
      fields: d.fields.map((f) => ({ ...f, kpi: f.kpiId ? { id: f.kpiId, name: kpiName.get(f.kpiId) ?? "" } : null })),
    })),
  };
}

export type ReadableVersion = Awaited<ReturnType<typeof readableVersion>>;

/** The detail page of an agreement: `versionNumber` picks an older version (?versie=N). */
export async function loadAgreementDetail(actor: Member, agreementId: string, versionNumber?: number) {
  const found = await agreementOf(actor, agreementId);
  if (!found?.agreement.currentVersionId) return undefined;
  const { agreement } = found;
  const versions = await db()
    .select()
    .from(agreementVersion)
    .where(and(eq(agreementVersion.agreementId, agreement.id), eq(agreementVersion.municipalityId, actor.municipalityId)))
    .orderBy(desc(agreementVersion.version));
  const current = versions.find((v) => v.id === agreement.currentVersionId)!;
  const shown = versionNumber === undefined ? current : versions.find((v) => v.version === versionNumber);
  if (!shown) return undefined;
  const [version, comments, signatures, ownsSupplier] = await Promise.all([
    readableVersion(actor, shown),
    db()
      .select({ id: agreementComment.id, authorLabel: agreementComment.authorLabel, body: agreementComment.body, createdAt: agreementComment.createdAt, resolvedAt: agreementComment.resolvedAt })
      .from(agreementComment)
      .where(and(eq(agreementComment.versionId, shown.id), eq(agreementComment.municipalityId, actor.municipalityId)))
      .orderBy(asc(agreementComment.createdAt)),
    db()
      .select({ role: agreementSignature.role, signerName: agreementSignature.signerName, signerEmail: agreementSignature.signerEmail, signedAt: agreementSignature.signedAt, contentHash: agreementSignature.contentHash, reauthMethod: agreementSignature.reauthMethod })
      .from(agreementSignature)
      .where(and(eq(agreementSignature.versionId, shown.id), eq(agreementSignature.municipalityId, actor.municipalityId)))
      .orderBy(asc(agreementSignature.signedAt)),
    ownsParty(db(), actor, agreement),
  ]);
  const isCurrent = shown.id === current.id;
  const manage = can(actor.role, { agreement: ["manage"] });
  const gaps = isCurrent && (current.status === "draft" || current.status === "in_review") ? await versionGaps(db(), current) : [];
  const openComments = comments.filter((c) => !c.resolvedAt).length;
  const s = current.status;
  const actions = {
    edit: manage && isEditable(s),
    submitForReview: manage && s === "draft",
    backToDraft: manage && s === "in_review",
    requestSignatures: manage && s === "in_review",
    newVersion: manage && needsNewVersion(s),
    terminate: manage && s !== "superseded" && s !== "terminated",
    comment: isCurrent && s === "in_review" && mayReview(actor, ownsSupplier),
    resolve: isCurrent && s === "in_review" && manage,
  };
  const panels = await loadPanels(actor, { agreementId: agreement.id, reference: agreement.reference, shownVersionId: shown.id, currentVersionId: current.id, status: s });
  return {
    id: agreement.id,
    reference: agreement.reference,
    party: found.departmentName !== null ? { kind: "department" as const, name: found.departmentName } : { kind: "external_source" as const, name: found.sourceName ?? "" },
    current: { id: current.id, version: current.version, status: current.status },
    isCurrent,
    version,
    versions: versions.map((v) => ({ version: v.version, status: v.status, title: v.title, createdAt: v.createdAt.toISOString(), frozenAt: v.frozenAt?.toISOString() ?? null, endReason: v.endReason, contentHash: v.contentHash })),
    comments: comments.map((c) => ({ ...c, createdAt: c.createdAt.toISOString(), resolvedAt: c.resolvedAt?.toISOString() ?? null })),
    openComments,
    signatures: signatures.map((x) => ({ ...x, signedAt: x.signedAt.toISOString() })),
    gaps,
    actions,
    panels,
  };
}

/** KPIs a field may feed: the municipality's current KPIs. */
export async function kpiOptions(actor: Member) {
  return db()
    .select({ id: kpi.id, name: kpi.name, unit: kpi.unit, unitKind: kpi.unitKind, frequency: kpi.frequency, sourceDepartmentId: kpi.sourceDepartmentId, sourceExternalSourceId: kpi.sourceExternalSourceId })
    .from(kpi)
    .where(and(eq(kpi.municipalityId, actor.municipalityId), isNull(kpi.retiredAt)))
    .orderBy(asc(kpi.position), asc(kpi.name));
}

/** The edit page: the current version when it is a draft (else `frozen` with its status). */
export async function loadAgreementEdit(actor: Member, agreementId: string) {
  const found = await agreementOf(actor, agreementId);
  if (!found?.agreement.currentVersionId) return undefined;
  const [current] = await db()
    .select()
    .from(agreementVersion)
    .where(and(eq(agreementVersion.id, found.agreement.currentVersionId), eq(agreementVersion.municipalityId, actor.municipalityId)));
  if (!current) return undefined;
  const [version, kpis, gaps] = await Promise.all([readableVersion(actor, current), kpiOptions(actor), versionGaps(db(), current)]);
  return {
    id: found.agreement.id,
    reference: found.agreement.reference,
    party: found.departmentName !== null ? { kind: "department" as const, name: found.departmentName } : { kind: "external_source" as const, name: found.sourceName ?? "" },
    editable: isEditable(current.status),
    version,
    gaps,
    kpis: kpis.map((k) => ({ id: k.id, name: k.name })),
  };
}

/** The new-agreement page: parties, templates and KPIs (with their source, to suggest the party). */
export async function loadNewAgreementOptions(actor: Member) {
  const [departments, sources, kpis] = await Promise.all([
    db().select({ id: department.id, name: department.name }).from(department).where(eq(department.municipalityId, actor.municipalityId)).orderBy(asc(department.name)),
    db().select({ id: externalSource.id, name: externalSource.name }).from(externalSource).where(eq(externalSource.municipalityId, actor.municipalityId)).orderBy(asc(externalSource.name)),
    kpiOptions(actor),
  ]);
  return {
    departments,
    sources,
    templates: TEMPLATE_KEYS.map((key) => ({ key, party: AGREEMENT_TEMPLATES[key].party })),
    kpis: kpis.map((k) => ({ id: k.id, name: k.name, unit: k.unit, frequency: k.frequency, source: k.sourceDepartmentId ? `department:${k.sourceDepartmentId}` : k.sourceExternalSourceId ? `external:${k.sourceExternalSourceId}` : null })),
  };
}
