// Signing an agreement version (ondertekenen). The signer re-authenticates first (outside any
// transaction: better-auth reads the database itself), then one transaction locks the version,
// asks the lifecycle state machine, records the signature bound to the frozen hash and, when the
// last signature is in, activates the version: the previous active version is superseded, the
// agreement points at the new one, its PDF is queued for sealing and the parties are mailed.
import { and, eq, isNull, ne, sql } from "drizzle-orm";
import type { DbOrTx, Tx } from "../../../db/client";
import { isUniqueViolation } from "../../../db/errors";
import {
  agreementComment,
  agreementSeal,
  agreementSignature,
  agreementVersion,
  deliveryAgreement,
  department,
  departmentOwner,
  externalSource,
  user as userTable,
  type SignerRole,
} from "../../../db/schema/index";
import { enqueueMail } from "../../../emails/outbox.server";
import { transitionAgreement, type AgreementActor, type AgreementEffect, type AgreementRefusal, type AgreementVersionState } from "../../../workflows/agreement-lifecycle";
import { enqueueJob } from "../../../workflows/scheduler";
import { planExpectations } from "../deliveries/expectations.server";
import { baseUrl } from "../../config.server";
import { db } from "../../db.server";
import { recordAudit, type AuditActor } from "../audit/audit.server";
import { actorOf, type Member } from "../auth/guards.server";
import { reauthenticate, type ReauthOutcome } from "./reauth.server";
import { SEAL_JOB_KIND, sealDedupeKey } from "./seal-job";
import type { SignInput } from "./signing-schema";

export type SignRefusal = AgreementRefusal | "notFound" | "sameSigner";

export type SignOutcome =
  | { ok: true; activated: boolean; versionId: string; version: number }
  | { ok: false; error: SignRefusal }
  | { ok: false; error: "reauth"; reauth: Extract<ReauthOutcome, { ok: false }> };

/** Where the signature was made: recorded with it. */
export interface SigningRequest {
  headers: Headers;
  ipAddress: string | null;
  userAgent: string | null;
}

type Agreement = typeof deliveryAgreement.$inferSelect;
type Version = typeof agreementVersion.$inferSelect;

/** The agreement and one of its versions, both in the member's municipality (else undefined). */
export async function findAgreementVersion(tx: DbOrTx, member: Pick<Member, "municipalityId">, agreementId: string, versionId: string) {
  const [row] = await tx
    .select({ agreement: deliveryAgreement, version: agreementVersion })
    .from(agreementVersion)
    .innerJoin(deliveryAgreement, eq(deliveryAgreement.id, agreementVersion.agreementId))
    .where(and(eq(agreementVersion.id, versionId), eq(agreementVersion.agreementId, agreementId), eq(agreementVersion.municipalityId, member.municipalityId)))
    .limit(1);
  return row;
}

/**
 * Whether the member may sign for the supplying side: an owner of the agreement's department; for
 * an external source (which has no owner in Koers), a department owner of the municipality.
 */
export async function ownsSupplyingSide(tx: DbOrTx, member: Pick<Member, "userId" | "role" | "municipalityId">, agreement: Pick<Agreement, "departmentId">): Promise<boolean> {
  if (agreement.departmentId) {
    const [row] = await tx
      .select({ userId: departmentOwner.userId })
      .from(departmentOwner)
      .where(and(eq(departmentOwner.departmentId, agreement.departmentId), eq(departmentOwner.userId, member.userId)))
      .limit(1);
    return Boolean(row);
  }
  if (member.role === "department_owner") return true;
  const [row] = await tx
    .select({ userId: departmentOwner.userId })
    .from(departmentOwner)
    .innerJoin(department, eq(department.id, departmentOwner.departmentId))
    .where(and(eq(departmentOwner.userId, member.userId), eq(department.municipalityId, member.municipalityId)))
    .limit(1);
  return Boolean(row);
}

export async function signaturesOf(tx: DbOrTx, versionId: string) {
  return tx.select().from(agreementSignature).where(eq(agreementSignature.versionId, versionId)).orderBy(agreementSignature.signedAt);
}

/** The state machine's view of a version. */
export async function versionState(tx: DbOrTx, version: Version): Promise<AgreementVersionState> {
  const signatures = await signaturesOf(tx, version.id);
  const [comments] = await tx
    .select({ open: sql<number>`count(*)::int` })
    .from(agreementComment)
    .where(and(eq(agreementComment.versionId, version.id), isNull(agreementComment.resolvedAt)));
  return {
    status: version.status,
    contentHash: version.contentHash,
    signedBy: signatures.map((s) => s.role),
    openComments: comments?.open ?? 0,
    // Completeness matters only before the text is frozen (the drafting commands check it).
    incomplete: [],
  };
}

export async function signAgreement(member: Member, agreementId: string, versionId: string, input: SignInput, request: SigningRequest): Promise<SignOutcome> {
  // First the refusals that need no password, so a wrong role or a stale page costs no attempt.
  const found = await findAgreementVersion(db(), member, agreementId, versionId);
  if (!found) return { ok: false, error: "notFound" };
  const precheck = await checkSignature(db(), member, found.agreement, found.version, input);
  if (!precheck.ok) return precheck;

  const reauth = await reauthenticate(member, { password: input.password, totpCode: input.totpCode }, request.headers, { objectType: "agreement_version", objectId: versionId });
  if (!reauth.ok) return { ok: false, error: "reauth", reauth };

  try {
    return await db().transaction(async (tx) => {
      // The lock serialises signatures on one version: the second signer sees the first's row.
      await tx.select({ id: agreementVersion.id }).from(agreementVersion).where(eq(agreementVersion.id, versionId)).for("update");
      const current = await findAgreementVersion(tx, member, agreementId, versionId);
      if (!current) return { ok: false, error: "notFound" } as const;
      const checked = await checkSignature(tx, member, current.agreement, current.version, input);
      if (!checked.ok) return checked;
      const [signer] = await tx.select({ name: userTable.name, email: userTable.email }).from(userTable).where(eq(userTable.id, member.userId));
      const audit = auditFor(tx, member, current.version);
      for (const effect of checked.effects) {
        await applyEffect(tx, effect, { member, agreement: current.agreement, version: current.version, audit, signer: signer!, request, reauthMethod: reauth.method, role: input.role });
      }
      return { ok: true, activated: checked.status === "active", versionId, version: current.version.version } as const;
    });
  } catch (err) {
    // A concurrent signature for the same role won the race (unique per version and role).
    if (isUniqueViolation(err, "agreement_signature_role_uq")) return { ok: false, error: "already_signed" };
    throw err;
  }
}

async function checkSignature(tx: DbOrTx, member: Member, agreement: Agreement, version: Version, input: SignInput) {
  const signatures = await signaturesOf(tx, version.id);
  // Two different people sign: the one who signed for one side cannot also sign for the other.
  if (signatures.some((s) => s.userId === member.userId)) {
    return { ok: false, error: signatures.some((s) => s.role === input.role) ? "already_signed" : "sameSigner" } as const;
  }
  const actor: AgreementActor = { role: member.role, ownsDepartment: await ownsSupplyingSide(tx, member, agreement), reauthenticated: true };
  const transition = transitionAgreement(await versionState(tx, version), { type: "sign", role: input.role, contentHash: input.contentHash }, actor);
  if (!transition.ok) return { ok: false, error: transition.refusal } as const;
  return transition;
}

interface EffectContext {
  member: Member;
  agreement: Agreement;
  version: Version;
  audit: (action: string, details?: Record<string, unknown>, objectId?: string) => Promise<void>;
  signer: { name: string; email: string };
  request: SigningRequest;
  reauthMethod: string;
  role: SignerRole;
}

function auditFor(tx: Tx, member: Member | null, version: Version) {
  const actor: AuditActor = member ? actorOf(member) : { userId: null, label: "Koers" };
  return (action: string, details?: Record<string, unknown>, objectId = version.id) =>
    recordAudit(tx, {
      municipalityId: version.municipalityId,
      actor,
      action,
      objectType: "agreement_version",
      objectId,
      origin: member?.origin ?? null,
      details: { agreementId: version.agreementId, version: version.version, ...details },
    });
}

async function applyEffect(tx: Tx, effect: AgreementEffect, ctx: EffectContext): Promise<void> {
  switch (effect.type) {
    case "record_signature":
      await tx.insert(agreementSignature).values({
        id: crypto.randomUUID(),
        municipalityId: ctx.version.municipalityId,
        versionId: ctx.version.id,
        role: effect.role,
        userId: ctx.member.userId,
        signerName: ctx.signer.name,
        signerEmail: ctx.signer.email,
        contentHash: effect.contentHash,
        ipAddress: ctx.request.ipAddress,
        userAgent: ctx.request.userAgent?.slice(0, 500) ?? null,
        reauthMethod: ctx.reauthMethod,
      });
      return;
    case "set_status":
      await tx
        .update(agreementVersion)
        .set({ status: effect.status, updatedAt: new Date(), ...(effect.status === "active" ? { activatedAt: new Date() } : {}) })
        .where(eq(agreementVersion.id, ctx.version.id));
      return;
    case "audit":
      await ctx.audit(effect.action, { ...effect.details, ...(effect.action === "agreement.signed" ? { signer: ctx.signer.name, reauth: ctx.reauthMethod } : {}) });
      return;
    case "activate":
      await activateVersion(tx, ctx);
      return;
    case "freeze":
      // Freezing happens when signatures are requested (the drafting commands), never on signing.
      throw new Error("unexpected freeze effect while signing");
  }
}

/** The version is in force: supersede the previous one, point the agreement at it, seal and mail. */
async function activateVersion(tx: Tx, ctx: EffectContext): Promise<void> {
  const { version, agreement, member } = ctx;
  const previous = await tx
    .select()
    .from(agreementVersion)
    .where(and(eq(agreementVersion.agreementId, agreement.id), eq(agreementVersion.status, "active"), ne(agreementVersion.id, version.id)))
    .for("update");
  for (const prev of previous) {
    const superseded = transitionAgreement(await versionState(tx, prev), { type: "supersede" }, { role: member.role, ownsDepartment: false, reauthenticated: false });
    if (!superseded.ok) throw new Error(`version ${prev.id} cannot be superseded: ${superseded.refusal}`);
    const auditPrev = auditFor(tx, member, prev);
    for (const effect of superseded.effects) {
      if (effect.type === "set_status") {
        await tx
          .update(agreementVersion)
          .set({ status: effect.status, endedAt: new Date(), endReason: `superseded by version ${version.version}`, updatedAt: new Date() })
          .where(eq(agreementVersion.id, prev.id));
      } else if (effect.type === "audit") {
        await auditPrev(effect.action, { ...effect.details, supersededBy: version.version });
      }
    }
  }
  await tx.update(deliveryAgreement).set({ currentVersionId: version.id, updatedAt: new Date() }).where(eq(deliveryAgreement.id, agreement.id));
  await tx.insert(agreementSeal).values({ versionId: version.id, municipalityId: version.municipalityId, status: "pending" }).onConflictDoNothing();
  await enqueueJob(tx, { kind: SEAL_JOB_KIND, runAt: new Date(), payload: { versionId: version.id }, dedupeKey: sealDedupeKey(version.id), municipalityId: version.municipalityId });
  // The deliveries the version asks for, with their deadlines and reminders (app/modules/deliveries).
  await planExpectations(tx, agreement.id);
  await mailInForce(tx, ctx);
}

async function mailInForce(tx: Tx, { version, agreement, member }: EffectContext): Promise<void> {
  const signers = await tx
    .select({ name: agreementSignature.signerName, email: agreementSignature.signerEmail, locale: userTable.locale })
    .from(agreementSignature)
    .leftJoin(userTable, eq(userTable.id, agreementSignature.userId))
    .where(eq(agreementSignature.versionId, version.id));
  const owners = agreement.departmentId
    ? await tx
        .select({ name: userTable.name, email: userTable.email, locale: userTable.locale })
        .from(departmentOwner)
        .innerJoin(userTable, eq(userTable.id, departmentOwner.userId))
        .where(eq(departmentOwner.departmentId, agreement.departmentId))
    : [];
  const party = await partyName(tx, agreement);
  const recipients = new Map<string, { name: string; email: string; locale: string | null }>();
  for (const r of [...signers, ...owners]) if (!recipients.has(r.email.toLowerCase())) recipients.set(r.email.toLowerCase(), { ...r, locale: r.locale ?? null });
  const url = `${baseUrl()}/g/${member.cbsCode}/overeenkomsten/${agreement.id}`;
  for (const r of recipients.values()) {
    await enqueueMail(tx, {
      template: "agreement-active",
      to: r.email,
      locale: r.locale,
      municipalityId: version.municipalityId,
      props: { name: r.name, url, reference: agreement.reference, title: version.title, version: String(version.version), party, municipality: member.municipalityName },
    });
  }
}

export async function partyName(tx: DbOrTx, agreement: Pick<Agreement, "departmentId" | "externalSourceId">): Promise<string> {
  if (agreement.departmentId) {
    const [d] = await tx.select({ name: department.name }).from(department).where(eq(department.id, agreement.departmentId));
    return d?.name ?? "";
  }
  const [s] = await tx.select({ name: externalSource.name }).from(externalSource).where(eq(externalSource.id, agreement.externalSourceId!));
  return s?.name ?? "";
}
