// Agreement commands: create a draft (proposed from the KPIs it will feed and a template for its
// source), update a draft's terms, and change a frozen agreement by making a new draft version.
// One transaction each, audited, within the actor's municipality. Datasets and fields:
// datasets.server.ts; lifecycle steps: lifecycle.server.ts; review comments: comments.server.ts.
import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { isUniqueViolation } from "../../../db/errors";
import { agreementDataset, agreementField, agreementVersion, deliveryAgreement, department, departmentOwner, externalSource, kpi, user, type AgreementTerms } from "../../../db/schema/index";
import { isEditable, needsNewVersion, transitionAgreement } from "../../../workflows/agreement-lifecycle";
import { db } from "../../db.server";
import { recordAudit } from "../audit/audit.server";
import type { Member } from "../auth/guards.server";
import { can } from "../auth/roles";
import { agreementAudit, applyTransition, invalid, lockAgreement, notFound, ok, sameJson, versionDatasets, type AgreementOutcome } from "./agreement-access.server";
import { proposeFromKpis, type ProposedDataset } from "./proposal";
import { nextReference } from "./reference.server";
import { AGREEMENT_TEMPLATES, suggestTemplate } from "./templates";
import { createDraftSchema, fieldErrorsOf, termsFromValues, termsSchema, type CreateDraftInput, type TermsInput } from "./terms-schema";

export const mayManage = (actor: Member) => can(actor.role, { agreement: ["manage"] });
const notAllowed = { ok: false, error: "refused", refusal: "not_allowed" } as const;

/** Today in Europe/Amsterdam as yyyy-mm-dd. */
export function amsterdamToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam", year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

async function findParty(tx: DbOrTx, actor: Member, party: { kind: "department" | "external_source"; id: string }) {
  if (party.kind === "department") {
    const [row] = await tx.select({ id: department.id, name: department.name }).from(department).where(and(eq(department.id, party.id), eq(department.municipalityId, actor.municipalityId)));
    return row ? { ...party, name: row.name } : undefined;
  }
  const [row] = await tx.select({ id: externalSource.id, name: externalSource.name }).from(externalSource).where(and(eq(externalSource.id, party.id), eq(externalSource.municipalityId, actor.municipalityId)));
  return row ? { ...party, name: row.name } : undefined;
}

/** Inserts datasets (with their fields) into a draft version, in the given order. */
export async function insertDatasets(tx: DbOrTx, municipalityId: string, versionId: string, datasets: readonly ProposedDataset[]): Promise<void> {
  for (const [position, ds] of datasets.entries()) {
    const datasetId = crypto.randomUUID();
    await tx.insert(agreementDataset).values({ id: datasetId, municipalityId, versionId, key: ds.key, name: ds.name, description: ds.description, position });
    if (ds.fields.length) {
      await tx.insert(agreementField).values(ds.fields.map((f, i) => ({ id: crypto.randomUUID(), municipalityId, datasetId, ...f, position: i })));
    }
  }
}

/**
 * Creates a draft: a new reference, version 1 with the template's terms (the supplying department's
 * first owner as supplier contact, the author as receiver) and the datasets proposed from the KPIs.
 */
export async function createDraft(actor: Member, input: CreateDraftInput, now: Date = new Date()): Promise<AgreementOutcome> {
  if (!mayManage(actor)) return notAllowed;
  const parsed = createDraftSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: "invalid", fieldErrors: fieldErrorsOf(parsed.error) };
  const v = parsed.data;
  try {
    return await db().transaction(async (tx): Promise<AgreementOutcome> => {
      const party = await findParty(tx, actor, v.party);
      if (!party) return invalid("party", "partyNotFound");
      const kpis = await tx
        .select({ id: kpi.id, name: kpi.name, unit: kpi.unit, unitKind: kpi.unitKind, frequency: kpi.frequency, definition: kpi.definition, sourceDepartmentId: kpi.sourceDepartmentId, sourceExternalSourceId: kpi.sourceExternalSourceId })
        .from(kpi)
        .where(and(eq(kpi.municipalityId, actor.municipalityId), isNull(kpi.retiredAt), inArray(kpi.id, v.kpiIds)))
        .orderBy(asc(kpi.position), asc(kpi.name));
      if (kpis.length !== new Set(v.kpiIds).size) return invalid("kpiIds", "kpiNotFound");
      const templateKey = v.template ?? suggestTemplate(party);
      const template = templateKey ? AGREEMENT_TEMPLATES[templateKey] : undefined;
      if (template && template.party !== party.kind) return invalid("template", "templateWrongParty");
      const proposal = proposeFromKpis(kpis);

      const contacts: AgreementTerms["contacts"] = [];
      if (party.kind === "department") {
        const [owner] = await tx
          .select({ name: user.name, email: user.email })
          .from(departmentOwner)
          .innerJoin(user, eq(user.id, departmentOwner.userId))
          .where(eq(departmentOwner.departmentId, party.id))
          .orderBy(asc(user.name))
          .limit(1);
        if (owner) contacts.push({ role: "supplier", name: owner.name, email: owner.email });
      }
      contacts.push({ role: "receiver", name: actor.userName, email: actor.email });
      const terms: AgreementTerms = template
        ? { ...structuredClone(template.terms), contacts }
        : { contacts, quality: {}, escalation: [], personalData: false };

      const reference = await nextReference(tx, actor.municipalityId, now);
      const agreementId = crypto.randomUUID();
      const versionId = crypto.randomUUID();
      const title = v.title ?? `Gegevenslevering ${party.name}`;
      await tx.insert(deliveryAgreement).values({
        id: agreementId,
        municipalityId: actor.municipalityId,
        reference,
        departmentId: party.kind === "department" ? party.id : null,
        externalSourceId: party.kind === "external_source" ? party.id : null,
        currentVersionId: versionId,
        createdByUserId: actor.userId,
      });
      await tx.insert(agreementVersion).values({
        id: versionId,
        municipalityId: actor.municipalityId,
        agreementId,
        version: 1,
        status: "draft",
        title,
        frequency: proposal.frequency,
        deadlineWorkingDays: template?.deadlineWorkingDays ?? proposal.deadlineWorkingDays,
        formats: template?.formats ?? ["csv", "xlsx"],
        startDate: amsterdamToday(now),
        terms,
        createdByUserId: actor.userId,
      });
      await insertDatasets(tx, actor.municipalityId, versionId, [...proposal.datasets, ...(template?.datasets ?? [])]);
      await recordAudit(tx, {
        ...agreementAudit(actor, { id: agreementId, reference } as never, "agreement.created"),
        details: { reference, version: 1, title, party: { kind: party.kind, name: party.name }, template: templateKey, kpis: kpis.map((k) => k.name) },
      });
      return { ok: true, agreementId, versionId, version: 1, changed: true };
    });
  } catch (err) {
    // The advisory lock makes this rare; the unique index decides when it happens anyway.
    if (isUniqueViolation(err, "delivery_agreement_reference_uq")) return invalid("party", "referenceTaken");
    throw err;
  }
}

/** Saves the terms form of the current draft version. */
export async function updateTerms(actor: Member, agreementId: string, input: TermsInput): Promise<AgreementOutcome> {
  if (!mayManage(actor)) return notAllowed;
  const parsed = termsSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: "invalid", fieldErrors: fieldErrorsOf(parsed.error) };
  const after = termsFromValues(parsed.data);
  return db().transaction(async (tx): Promise<AgreementOutcome> => {
    const locked = await lockAgreement(tx, actor, agreementId);
    if (!locked) return notFound;
    const { agreement, version } = locked;
    if (!isEditable(version.status)) return { ok: false, error: "frozen", status: version.status };
    const before = {
      title: version.title,
      frequency: version.frequency,
      deadlineWorkingDays: version.deadlineWorkingDays,
      reminderWorkingDaysBefore: version.reminderWorkingDaysBefore,
      graceWorkingDays: version.graceWorkingDays,
      formats: version.formats,
      startDate: version.startDate,
      endDate: version.endDate,
      terms: version.terms,
    };
    const changedKeys = (Object.keys(after) as (keyof typeof after)[]).filter((k) => !sameJson(after[k], before[k]));
    if (changedKeys.length === 0) return ok(agreement, version, false);
    await tx.update(agreementVersion).set({ ...after, updatedAt: new Date() }).where(eq(agreementVersion.id, version.id));
    await recordAudit(
      tx,
      agreementAudit(actor, agreement, "agreement.terms_updated", {
        version: version.version,
        before: Object.fromEntries(changedKeys.map((k) => [k, before[k]])),
        after: Object.fromEntries(changedKeys.map((k) => [k, after[k]])),
      }),
    );
    return ok(agreement, version);
  });
}

/**
 * Changes a frozen agreement: a new draft version (number + 1) with the terms, datasets (same keys)
 * and fields of the current one. A version that was only awaiting signatures is terminated
 * ("vervangen door versie N"; its signatures stay readable); an active version stays in force
 * until the new one is signed.
 */
export async function startNewVersion(actor: Member, agreementId: string): Promise<AgreementOutcome> {
  if (!mayManage(actor)) return notAllowed;
  return db().transaction(async (tx): Promise<AgreementOutcome> => {
    const locked = await lockAgreement(tx, actor, agreementId);
    if (!locked) return notFound;
    const { agreement, version } = locked;
    if (!needsNewVersion(version.status)) {
      if (version.status === "draft" || version.status === "in_review") return { ok: false, error: "draftExists", version: version.version };
      return { ok: false, error: "refused", refusal: "wrong_status" };
    }
    const numbers = await tx.select({ version: agreementVersion.version }).from(agreementVersion).where(eq(agreementVersion.agreementId, agreement.id));
    const number = Math.max(...numbers.map((n) => n.version)) + 1;
    const reason = `vervangen door versie ${number}`;
    if (version.status === "awaiting_signatures") {
      const transition = transitionAgreement({ status: version.status, contentHash: version.contentHash, signedBy: [], openComments: 0, incomplete: [] }, { type: "terminate", reason }, {
        role: actor.role,
        ownsDepartment: false,
        reauthenticated: false,
      });
      if (!transition.ok) return { ok: false, error: "refused", refusal: transition.refusal };
      await applyTransition(tx, actor, agreement, version, transition, { reason });
    }
    const versionId = crypto.randomUUID();
    await tx.insert(agreementVersion).values({
      id: versionId,
      municipalityId: actor.municipalityId,
      agreementId: agreement.id,
      version: number,
      status: "draft",
      title: version.title,
      frequency: version.frequency,
      deadlineWorkingDays: version.deadlineWorkingDays,
      reminderWorkingDaysBefore: version.reminderWorkingDaysBefore,
      graceWorkingDays: version.graceWorkingDays,
      formats: version.formats,
      startDate: version.startDate,
      endDate: version.endDate,
      terms: version.terms,
      createdByUserId: actor.userId,
    });
    const datasets = await versionDatasets(tx, version.id);
    await insertDatasets(
      tx,
      actor.municipalityId,
      versionId,
      datasets.map((d) => ({
        key: d.key,
        name: d.name,
        description: d.description,
        fields: d.fields.map((f) => ({ name: f.name, description: f.description, type: f.type, unit: f.unit, required: f.required, isKey: f.isKey, allowedValues: f.allowedValues, min: f.min, max: f.max, kpiId: f.kpiId, aggregation: f.aggregation })),
      })),
    );
    await tx.update(deliveryAgreement).set({ currentVersionId: versionId, updatedAt: new Date() }).where(eq(deliveryAgreement.id, agreement.id));
    await recordAudit(tx, agreementAudit(actor, agreement, "agreement.version_created", { version: number, from: { version: version.version, status: version.status, contentHash: version.contentHash } }));
    return { ok: true, agreementId: agreement.id, versionId, version: number, changed: true };
  });
}
