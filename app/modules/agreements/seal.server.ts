// Sealing: a durable job renders the PDF of a fully signed version and stores its bytes and SHA-256
// in `agreement_seal`. The signatures are committed before the job exists, so whatever the job
// does, no signature is lost. A failed attempt is rolled back by the scheduler, and the seal row
// then records it (status failed, the error, attempts counted) from the scheduler's failure hook;
// the scheduler retries with back-off, and a programme lead can ask for another try at once.
import { and, eq } from "drizzle-orm";
import type { DbOrTx, Tx } from "../../../db/client";
import { agreementSeal, agreementVersion, deliveryAgreement, job, organization } from "../../../db/schema/index";
import { REQUIRED_SIGNER_ROLES } from "../../../workflows/agreement-lifecycle";
import { enqueueJob, type Job, type JobHandler, type JobHandlers } from "../../../workflows/scheduler";
import { translator } from "../../i18n/i18n";
import { baseUrl } from "../../config.server";
import { db } from "../../db.server";
import { recordAudit } from "../audit/audit.server";
import { actorOf, type Member } from "../auth/guards.server";
import { can } from "../auth/roles";
import { agreementPdf, type AgreementPdfInput } from "./agreement-pdf.server";
import { sha256Hex } from "./canonical-text";
import { SEAL_JOB_KIND, sealDedupeKey } from "./seal-job";
import { partyName, signaturesOf } from "./signing.server";

export type RenderAgreementPdf = (input: AgreementPdfInput) => Promise<Buffer | Uint8Array>;

const SYSTEM = { userId: null, label: "Koers" };

/** The public verify page for a content (or PDF) hash. */
export const verifyUrlFor = (hash: string) => `${baseUrl()}/verifieren?hash=${hash}`;

/** Renders and stores the sealed PDF of one signed version, in the caller's transaction. */
export async function sealVersion(tx: Tx, versionId: string, render: RenderAgreementPdf = agreementPdf): Promise<{ pdfSha256: string }> {
  const [row] = await tx
    .select({ version: agreementVersion, agreement: deliveryAgreement, municipalityName: organization.name, seal: agreementSeal })
    .from(agreementVersion)
    .innerJoin(deliveryAgreement, eq(deliveryAgreement.id, agreementVersion.agreementId))
    .innerJoin(organization, eq(organization.id, agreementVersion.municipalityId))
    .innerJoin(agreementSeal, eq(agreementSeal.versionId, agreementVersion.id))
    .where(eq(agreementVersion.id, versionId))
    .for("update", { of: agreementSeal });
  if (!row) throw new Error(`no seal requested for version ${versionId}`);
  const { version, agreement, seal } = row;
  if (seal.status === "sealed" && seal.pdfSha256) return { pdfSha256: seal.pdfSha256 };
  if (!version.canonicalText || !version.contentHash || !version.activatedAt) throw new Error(`version ${versionId} is not signed and active`);
  const signatures = await signaturesOf(tx, versionId);
  // Never seal a PDF that misses a signer or shows a signature over other words.
  const missing = REQUIRED_SIGNER_ROLES.filter((role) => !signatures.some((s) => s.role === role));
  if (missing.length > 0) throw new Error(`version ${versionId} lacks signatures: ${missing.join(", ")}`);
  if (signatures.some((s) => s.contentHash !== version.contentHash)) throw new Error(`a signature of version ${versionId} does not match its content hash`);

  const sealedAt = new Date();
  const pdf = Buffer.from(
    await render({
      municipalityName: row.municipalityName,
      reference: agreement.reference,
      title: version.title,
      version: version.version,
      party: await partyName(tx, agreement),
      canonicalText: version.canonicalText,
      contentHash: version.contentHash,
      activatedAt: version.activatedAt,
      signatures: signatures.map((s) => ({ name: s.signerName, email: s.signerEmail, role: s.role, signedAt: s.signedAt, ipAddress: s.ipAddress, reauthMethod: s.reauthMethod })),
      verifyUrl: verifyUrlFor(version.contentHash),
      sealedAt,
      locale: "nl",
      t: translator("nl") as AgreementPdfInput["t"],
    }),
  );
  const pdfSha256 = sha256Hex(pdf);
  await tx
    .update(agreementSeal)
    .set({ status: "sealed", pdf, pdfSha256, attempts: seal.attempts + 1, lastError: null, sealedAt, updatedAt: sealedAt })
    .where(eq(agreementSeal.versionId, versionId));
  await recordAudit(tx, {
    municipalityId: version.municipalityId,
    actor: SYSTEM,
    action: "agreement.sealed",
    objectType: "agreement_version",
    objectId: versionId,
    details: { agreementId: agreement.id, version: version.version, pdfSha256, bytes: pdf.length },
  });
  return { pdfSha256 };
}

const versionIdOf = (j: Job) => {
  const id = (j.payload as { versionId?: unknown }).versionId;
  if (typeof id !== "string") throw new Error(`job ${j.id} has no versionId`);
  return id;
};

/** The job handler; `render` is replaceable so tests can make rendering fail. */
export function createSealJobHandler(render: RenderAgreementPdf = agreementPdf): JobHandler {
  const handler: JobHandler = async (tx, j) => {
    await sealVersion(tx, versionIdOf(j), render);
  };
  handler.onFailure = async (tx, j, failure) => {
    const versionId = versionIdOf(j);
    const [seal] = await tx.select().from(agreementSeal).where(eq(agreementSeal.versionId, versionId)).for("update");
    if (!seal) return;
    const lastError = failure.error.slice(0, 1000);
    await tx.update(agreementSeal).set({ status: "failed", attempts: seal.attempts + 1, lastError, updatedAt: new Date() }).where(eq(agreementSeal.versionId, versionId));
    await recordAudit(tx, {
      municipalityId: seal.municipalityId,
      actor: SYSTEM,
      action: "agreement.seal_failed",
      objectType: "agreement_version",
      objectId: versionId,
      result: "failure",
      details: { attempts: seal.attempts + 1, error: lastError, final: failure.final, retryAt: failure.retryAt?.toISOString() ?? null },
    });
  };
  return handler;
}

/** Registered with the scheduler in server.ts and workflows/job-worker.ts. */
export const agreementJobHandlers: JobHandlers = { [SEAL_JOB_KIND]: createSealJobHandler() };

export interface SealState {
  status: "pending" | "sealed" | "failed";
  attempts: number;
  lastError: string | null;
  sealedAt: Date | null;
  pdfSha256: string | null;
  /** When the scheduler tries again (pending or failed with retries left); null when it will not. */
  nextAttemptAt: Date | null;
}

export async function sealStateOf(tx: DbOrTx, versionId: string): Promise<SealState | null> {
  const [seal] = await tx
    .select({ status: agreementSeal.status, attempts: agreementSeal.attempts, lastError: agreementSeal.lastError, sealedAt: agreementSeal.sealedAt, pdfSha256: agreementSeal.pdfSha256 })
    .from(agreementSeal)
    .where(eq(agreementSeal.versionId, versionId));
  if (!seal) return null;
  const [j] = await tx.select({ status: job.status, runAt: job.runAt }).from(job).where(eq(job.dedupeKey, sealDedupeKey(versionId)));
  return { ...seal, nextAttemptAt: seal.status !== "sealed" && j?.status === "pending" ? j.runAt : null };
}

export type RetrySealOutcome = { ok: true } | { ok: false; error: "notFound" | "notAllowed" | "notFailed" };

/** A programme lead asks for another sealing attempt now (after a failure). */
export async function retrySeal(member: Member, agreementId: string, versionId: string): Promise<RetrySealOutcome> {
  if (!can(member.role, { agreement: ["manage"] })) return { ok: false, error: "notAllowed" };
  return db().transaction(async (tx) => {
    const [seal] = await tx
      .select({ status: agreementSeal.status, attempts: agreementSeal.attempts, version: agreementVersion.version })
      .from(agreementSeal)
      .innerJoin(agreementVersion, eq(agreementVersion.id, agreementSeal.versionId))
      .where(and(eq(agreementSeal.versionId, versionId), eq(agreementVersion.agreementId, agreementId), eq(agreementSeal.municipalityId, member.municipalityId)))
      .for("update", { of: agreementSeal });
    if (!seal) return { ok: false, error: "notFound" } as const;
    if (seal.status !== "failed") return { ok: false, error: "notFailed" } as const;
    const now = new Date();
    const reset = await tx
      .update(job)
      .set({ status: "pending", runAt: now, attempts: 0, lastError: null, finishedAt: null })
      .where(eq(job.dedupeKey, sealDedupeKey(versionId)))
      .returning({ id: job.id });
    if (reset.length === 0) {
      await enqueueJob(tx, { kind: SEAL_JOB_KIND, runAt: now, payload: { versionId }, dedupeKey: sealDedupeKey(versionId), municipalityId: member.municipalityId });
    }
    await tx.update(agreementSeal).set({ status: "pending", updatedAt: now }).where(eq(agreementSeal.versionId, versionId));
    await recordAudit(tx, {
      municipalityId: member.municipalityId,
      actor: actorOf(member),
      action: "agreement.seal_retry_requested",
      objectType: "agreement_version",
      objectId: versionId,
      origin: member.origin,
      details: { agreementId, version: seal.version, attemptsSoFar: seal.attempts },
    });
    return { ok: true } as const;
  });
}

export type SealedPdf =
  | { ok: true; pdf: Buffer; fileName: string }
  | { ok: false; error: "notFound" }
  | { ok: false; error: "notSealed"; state: SealState | null };

/** The sealed PDF of version `versionNumber`, for members of its municipality only. */
export async function sealedPdf(member: Pick<Member, "municipalityId">, agreementId: string, versionNumber: number): Promise<SealedPdf> {
  const [row] = await db()
    .select({ versionId: agreementVersion.id, reference: deliveryAgreement.reference, pdf: agreementSeal.pdf, status: agreementSeal.status })
    .from(agreementVersion)
    .innerJoin(deliveryAgreement, eq(deliveryAgreement.id, agreementVersion.agreementId))
    .leftJoin(agreementSeal, eq(agreementSeal.versionId, agreementVersion.id))
    .where(and(eq(agreementVersion.agreementId, agreementId), eq(agreementVersion.version, versionNumber), eq(agreementVersion.municipalityId, member.municipalityId)));
  if (!row) return { ok: false, error: "notFound" };
  if (row.status !== "sealed" || !row.pdf) return { ok: false, error: "notSealed", state: await sealStateOf(db(), row.versionId) };
  return { ok: true, pdf: Buffer.from(row.pdf), fileName: `${row.reference} versie ${versionNumber}.pdf` };
}
