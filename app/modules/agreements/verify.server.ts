// The public check of an agreement (verifiëren): anyone with a sealed PDF, its SHA-256 or the content
// hash printed in it learns whether Koers knows it, and if so which agreement and version it is,
// whether a newer version exists, who signed (names, roles, times) and the agreement's lifecycle
// events. An unknown hash says only that. Drafts are never revealed (only frozen versions), and
// neither are e-mail addresses or IP addresses.
import { and, asc, desc, eq, gt, inArray, isNotNull, like, or } from "drizzle-orm";
import { agreementSeal, agreementSignature, agreementVersion, auditEvent, deliveryAgreement, organization, type AgreementStatus, type SignerRole } from "../../../db/schema/index";
import { db } from "../../db.server";
import { sha256Hex } from "./canonical-text";
export { normaliseHash } from "./signing-schema";

export interface VerifiedAgreement {
  matchedBy: "pdf" | "content";
  hash: string;
  municipality: string;
  reference: string;
  title: string;
  version: number;
  status: AgreementStatus;
  contentHash: string;
  activatedAt: Date | null;
  endedAt: Date | null;
  sealed: { pdfSha256: string; sealedAt: Date | null } | null;
  /** The newest later version with frozen text, if any. */
  newerVersion: { version: number; status: AgreementStatus } | null;
  signatures: { name: string; role: SignerRole; signedAt: Date }[];
  trail: { action: string; version: number | null; at: Date; actor: string }[];
}

export type VerifyOutcome = { known: true; agreement: VerifiedAgreement } | { known: false; hash: string };

export function sha256OfBytes(bytes: Uint8Array): string {
  return sha256Hex(bytes);
}

/** Looks a hash up as a sealed PDF's SHA-256 first, then as a version's content hash. */
export async function verifyHash(hash: string): Promise<VerifyOutcome> {
  const [byPdf] = await db()
    .select({ versionId: agreementSeal.versionId })
    .from(agreementSeal)
    .where(and(eq(agreementSeal.pdfSha256, hash), eq(agreementSeal.status, "sealed")))
    .limit(1);
  const [byContent] = byPdf
    ? []
    : await db()
        .select({ versionId: agreementVersion.id })
        .from(agreementVersion)
        .where(and(eq(agreementVersion.contentHash, hash), isNotNull(agreementVersion.canonicalText)))
        .limit(1);
  const versionId = byPdf?.versionId ?? byContent?.versionId;
  if (!versionId) return { known: false, hash };
  return { known: true, agreement: await describe(versionId, byPdf ? "pdf" : "content", hash) };
}

export async function verifyPdf(bytes: Uint8Array): Promise<VerifyOutcome> {
  return verifyHash(sha256OfBytes(bytes));
}

/** Lifecycle events shown publicly (not e.g. failed re-authentications). */
const PUBLIC_ACTIONS = new Set([
  "agreement.submitted_for_review",
  "agreement.returned_to_draft",
  "agreement.signatures_requested",
  "agreement.signed",
  "agreement.activated",
  "agreement.superseded",
  "agreement.terminated",
  "agreement.sealed",
]);

/** "Name <mail@x>" → "Name": the public page shows names, not addresses. */
const nameOnly = (label: string) => label.replace(/\s*<[^>]*>\s*$/, "").trim();

async function describe(versionId: string, matchedBy: "pdf" | "content", hash: string): Promise<VerifiedAgreement> {
  const [row] = await db()
    .select({ version: agreementVersion, agreement: deliveryAgreement, municipality: organization.name, seal: { pdfSha256: agreementSeal.pdfSha256, sealedAt: agreementSeal.sealedAt, status: agreementSeal.status } })
    .from(agreementVersion)
    .innerJoin(deliveryAgreement, eq(deliveryAgreement.id, agreementVersion.agreementId))
    .innerJoin(organization, eq(organization.id, agreementVersion.municipalityId))
    .leftJoin(agreementSeal, eq(agreementSeal.versionId, agreementVersion.id))
    .where(eq(agreementVersion.id, versionId));
  const { version, agreement } = row!;
  const [newer] = await db()
    .select({ version: agreementVersion.version, status: agreementVersion.status })
    .from(agreementVersion)
    .where(and(eq(agreementVersion.agreementId, agreement.id), gt(agreementVersion.version, version.version), isNotNull(agreementVersion.canonicalText)))
    .orderBy(desc(agreementVersion.version))
    .limit(1);
  const signatures = await db()
    .select({ name: agreementSignature.signerName, role: agreementSignature.role, signedAt: agreementSignature.signedAt })
    .from(agreementSignature)
    .where(eq(agreementSignature.versionId, versionId))
    .orderBy(asc(agreementSignature.signedAt));
  // The trail covers every version whose text was frozen (published to the parties), never drafts.
  const frozen = await db()
    .select({ id: agreementVersion.id, version: agreementVersion.version })
    .from(agreementVersion)
    .where(and(eq(agreementVersion.agreementId, agreement.id), isNotNull(agreementVersion.canonicalText)));
  const numberOf = new Map(frozen.map((v) => [v.id, v.version]));
  const events = await db()
    .select({ action: auditEvent.action, objectId: auditEvent.objectId, at: auditEvent.occurredAt, actor: auditEvent.actorLabel, result: auditEvent.result })
    .from(auditEvent)
    .where(
      and(
        eq(auditEvent.municipalityId, version.municipalityId),
        like(auditEvent.action, "agreement.%"),
        eq(auditEvent.result, "success"),
        or(and(eq(auditEvent.objectType, "agreement_version"), inArray(auditEvent.objectId, [...numberOf.keys()])), and(eq(auditEvent.objectType, "agreement"), eq(auditEvent.objectId, agreement.id))),
      ),
    )
    .orderBy(asc(auditEvent.seq));
  return {
    matchedBy,
    hash,
    municipality: row!.municipality,
    reference: agreement.reference,
    title: version.title,
    version: version.version,
    status: version.status,
    contentHash: version.contentHash!,
    activatedAt: version.activatedAt,
    endedAt: version.endedAt,
    sealed: row!.seal?.status === "sealed" && row!.seal.pdfSha256 ? { pdfSha256: row!.seal.pdfSha256, sealedAt: row!.seal.sealedAt } : null,
    newerVersion: newer ?? null,
    signatures,
    trail: events
      .filter((e) => PUBLIC_ACTIONS.has(e.action))
      .map((e) => ({ action: e.action, version: e.objectId ? (numberOf.get(e.objectId) ?? null) : null, at: e.at, actor: nameOnly(e.actor) })),
  };
}
