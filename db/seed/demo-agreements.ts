// Demo delivery agreements (phase 3) for the demo KPIs, proposed from the KPIs the way the new-
// agreement page does: one ACTIVE (Ruimtelijke ordening: frozen canonical text and SHA-256, signed
// by the department owner and the programme lead), one IN REVIEW with an open comment (Politie), and
// one DRAFT (Openbare ruimte). Audited as the seed's, like the rest of the demo.
import { planExpectations } from "../../app/modules/deliveries/expectations.server";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { agreementComment, agreementSignature, agreementVersion, deliveryAgreement, department, externalSource, kpi, user, type AgreementStatus, type AgreementTerms } from "../schema/index";
import { recordAudit, type AuditActor } from "../../app/modules/audit/audit.server";
import { insertDatasets, amsterdamToday } from "../../app/modules/agreements/agreements.server";
import { agreementContentHash, canonicalAgreementText } from "../../app/modules/agreements/canonical-text";
import { loadCanonicalInput } from "../../app/modules/agreements/canonical-input.server";
import { proposeFromKpis } from "../../app/modules/agreements/proposal";
import { nextReference } from "../../app/modules/agreements/reference.server";
import { AGREEMENT_TEMPLATES, type AgreementTemplateKey } from "../../app/modules/agreements/templates";

interface DemoAgreement {
  party: { department: string } | { external: string };
  template: AgreementTemplateKey;
  status: Extract<AgreementStatus, "active" | "in_review" | "draft">;
  comment?: string;
}

export const DEMO_AGREEMENTS: DemoAgreement[] = [
  { party: { department: "Ruimtelijke ordening" }, template: "internal", status: "active" },
  { party: { external: "Politie" }, template: "politie", status: "in_review", comment: "Kunnen de aantallen ook per wijk worden geleverd? Dan sluit het aan op de wijkaanpak." },
  { party: { department: "Openbare ruimte" }, template: "internal", status: "draft" },
];

export async function seedDemoAgreements(tx: DbOrTx, municipalityId: string, actor: AuditActor, users: { programme_lead: string; department_owner: string }, now = new Date()): Promise<string[]> {
  const [lead] = await tx.select({ id: user.id, name: user.name, email: user.email }).from(user).where(eq(user.id, users.programme_lead));
  const [owner] = await tx.select({ id: user.id, name: user.name, email: user.email }).from(user).where(eq(user.id, users.department_owner));
  const ids: string[] = [];
  for (const demo of DEMO_AGREEMENTS) {
    const isDepartment = "department" in demo.party;
    const partyName = "department" in demo.party ? demo.party.department : demo.party.external;
    const [party] = isDepartment
      ? await tx.select({ id: department.id }).from(department).where(and(eq(department.municipalityId, municipalityId), eq(department.name, partyName)))
      : await tx.select({ id: externalSource.id }).from(externalSource).where(and(eq(externalSource.municipalityId, municipalityId), eq(externalSource.name, partyName)));
    if (!party) continue;
    const kpis = await tx
      .select({ id: kpi.id, name: kpi.name, unit: kpi.unit, unitKind: kpi.unitKind, frequency: kpi.frequency, definition: kpi.definition, sourceDepartmentId: kpi.sourceDepartmentId, sourceExternalSourceId: kpi.sourceExternalSourceId })
      .from(kpi)
      .where(and(eq(kpi.municipalityId, municipalityId), isNull(kpi.retiredAt), isDepartment ? eq(kpi.sourceDepartmentId, party.id) : eq(kpi.sourceExternalSourceId, party.id)))
      .orderBy(kpi.position);
    if (kpis.length === 0) continue;
    const template = AGREEMENT_TEMPLATES[demo.template];
    const proposal = proposeFromKpis(kpis);
    const terms: AgreementTerms = {
      ...structuredClone(template.terms),
      contacts: [
        isDepartment ? { role: "supplier", name: owner!.name, email: owner!.email } : { role: "supplier", name: "Informatieknooppunt politie Midden-Nederland", email: "informatie@politie.example" },
        { role: "receiver", name: lead!.name, email: lead!.email },
      ],
    };
    const reference = await nextReference(tx, municipalityId, now);
    const agreementId = crypto.randomUUID();
    const versionId = crypto.randomUUID();
    await tx.insert(deliveryAgreement).values({ id: agreementId, municipalityId, reference, departmentId: isDepartment ? party.id : null, externalSourceId: isDepartment ? null : party.id, currentVersionId: versionId, createdByUserId: lead!.id });
    await tx.insert(agreementVersion).values({
      id: versionId,
      municipalityId,
      agreementId,
      version: 1,
      status: "draft",
      title: `Gegevenslevering ${partyName}`,
      frequency: proposal.frequency,
      deadlineWorkingDays: proposal.deadlineWorkingDays,
      formats: template.formats,
      startDate: `${amsterdamToday(now).slice(0, 4)}-01-01`,
      terms,
      createdByUserId: lead!.id,
    });
    await insertDatasets(tx, municipalityId, versionId, [...proposal.datasets, ...template.datasets]);
    const audit = (action: string, details: Record<string, unknown> = {}) => recordAudit(tx, { municipalityId, actor, action, objectType: "agreement", objectId: agreementId, details: { reference, version: 1, ...details } });
    await audit("agreement.created", { party: partyName, template: demo.template, kpis: kpis.map((k) => k.name) });
    if (demo.status !== "draft") {
      await tx.update(agreementVersion).set({ status: "in_review" }).where(eq(agreementVersion.id, versionId));
      await audit("agreement.submitted_for_review");
    }
    if (demo.comment) {
      await tx.insert(agreementComment).values({ id: crypto.randomUUID(), municipalityId, versionId, authorUserId: owner!.id, authorLabel: `${owner!.name} <${owner!.email}>`, body: demo.comment });
      await audit("agreement.comment_added", { body: demo.comment });
    }
    if (demo.status === "active") {
      const text = canonicalAgreementText((await loadCanonicalInput(tx, versionId))!);
      const contentHash = agreementContentHash(text);
      await tx.update(agreementVersion).set({ status: "awaiting_signatures", canonicalText: text, contentHash, frozenAt: now }).where(eq(agreementVersion.id, versionId));
      await audit("agreement.signatures_requested", { contentHash });
      for (const [role, signer] of [["department_owner", owner!], ["programme_lead", lead!]] as const) {
        await tx.insert(agreementSignature).values({ id: crypto.randomUUID(), municipalityId, versionId, role, userId: signer.id, signerName: signer.name, signerEmail: signer.email, contentHash, ipAddress: "127.0.0.1", userAgent: "Koers demo seed", reauthMethod: "password", signedAt: now });
        await audit("agreement.signed", { role, contentHash });
      }
      await tx.update(agreementVersion).set({ status: "active", activatedAt: now, updatedAt: sql`now()` }).where(eq(agreementVersion.id, versionId));
      await audit("agreement.activated", { contentHash });
      // As a real activation does: plan its expected deliveries (and their reminders).
      await planExpectations(tx, agreementId, now);
    }
    ids.push(agreementId);
  }
  return ids;
}
