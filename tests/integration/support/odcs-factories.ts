// Agreement rows for the ODCS tests, inserted directly (the commands that draft, review and sign
// agreements are other parts'): an agreement with one version of the given status, its datasets
// and fields. A frozen status gets a canonical text and hash, as the lifecycle would give it.
import { eq } from "drizzle-orm";
import { db } from "../../../app/db.server";
import type { Member } from "../../../app/modules/auth/guards.server";
import { agreementDataset, agreementField, agreementVersion, deliveryAgreement, department, type AgreementStatus, type AgreementTerms } from "../../../db/schema/index";

export interface TestField extends Partial<Omit<typeof agreementField.$inferInsert, "id" | "municipalityId" | "datasetId" | "name">> {
  name: string;
}

export interface TestDataset {
  key?: string;
  name: string;
  description?: string | null;
  fields: TestField[];
}

export interface TestAgreementOptions {
  reference?: string;
  status?: AgreementStatus;
  version?: number;
  title?: string;
  departmentName?: string;
  /** An existing department of the municipality (otherwise a new one is made). */
  departmentId?: string;
  terms?: Partial<AgreementTerms>;
  version_?: Partial<typeof agreementVersion.$inferInsert>;
  datasets?: TestDataset[];
}

export interface TestAgreement {
  agreementId: string;
  versionId: string;
  reference: string;
  departmentId: string;
}

const FROZEN: readonly AgreementStatus[] = ["awaiting_signatures", "active", "superseded", "terminated"];

export const BASE_TERMS: AgreementTerms = {
  purpose: "Meldingen openbare ruimte per wijk volgen.",
  contacts: [{ role: "supplier", name: "Jan de Vries", email: "jan@gemeente.test" }],
  quality: { completenessPct: 99 },
  escalation: [{ afterWorkingDays: 3, to: "programmaleider" }],
  personalData: false,
  retention: "5 jaar",
};

let counter = 0;

/** An agreement of the member's municipality with one version (a draft by default). */
export async function createTestAgreement(m: Member, options: TestAgreementOptions = {}): Promise<TestAgreement> {
  const agreementId = crypto.randomUUID();
  const versionId = crypto.randomUUID();
  const reference = options.reference ?? `GLO-2026-${String(++counter).padStart(3, "0")}-${agreementId.slice(0, 4)}`;
  const departmentId = options.departmentId ?? crypto.randomUUID();
  if (!options.departmentId) await db().insert(department).values({ id: departmentId, municipalityId: m.municipalityId, name: options.departmentName ?? `Beheer ${agreementId.slice(0, 6)}` });
  await db().insert(deliveryAgreement).values({ id: agreementId, municipalityId: m.municipalityId, reference, departmentId, createdByUserId: m.userId });
  const status = options.status ?? "draft";
  await db()
    .insert(agreementVersion)
    .values({
      id: versionId,
      municipalityId: m.municipalityId,
      agreementId,
      version: options.version ?? 1,
      status: "draft",
      title: options.title ?? "Meldingen openbare ruimte",
      frequency: "quarter",
      formats: ["csv", "xlsx"],
      startDate: "2026-01-01",
      terms: { ...BASE_TERMS, ...options.terms },
      createdByUserId: m.userId,
      ...options.version_,
    });
  for (const [i, ds] of (options.datasets ?? []).entries()) {
    const datasetId = crypto.randomUUID();
    await db().insert(agreementDataset).values({ id: datasetId, municipalityId: m.municipalityId, versionId, key: ds.key ?? `ds-${i + 1}`, name: ds.name, description: ds.description ?? null, position: i });
    for (const [j, f] of ds.fields.entries()) {
      await db().insert(agreementField).values({ type: "text", ...f, id: crypto.randomUUID(), municipalityId: m.municipalityId, datasetId, position: j });
    }
  }
  // Frozen last: once the canonical text is set, the triggers refuse changes to datasets and fields.
  if (status !== "draft") {
    const frozen = FROZEN.includes(status) ? { canonicalText: `frozen ${versionId}\n`, contentHash: "0".repeat(64), frozenAt: new Date() } : {};
    await db().update(agreementVersion).set({ status, ...frozen }).where(eq(agreementVersion.id, versionId));
  }
  await db().update(deliveryAgreement).set({ currentVersionId: versionId }).where(eq(deliveryAgreement.id, agreementId));
  return { agreementId, versionId, reference, departmentId };
}
