// Review comments on the version in review: department owners (of the supplying department; for an
// external source any department owner) and programme leads comment; a programme lead resolves.
// Signatures cannot be requested while a comment is open (the lifecycle refuses it).
import { and, eq, isNull } from "drizzle-orm";
import { agreementComment } from "../../../db/schema/index";
import { db } from "../../db.server";
import { recordAudit } from "../audit/audit.server";
import { actorOf, type Member } from "../auth/guards.server";
import { can } from "../auth/roles";
import { agreementAudit, lockAgreement, notFound, ok, ownsParty, type AgreementOutcome } from "./agreement-access.server";
import { commentSchema, fieldErrorsOf, resolveSchema } from "./terms-schema";

const notAllowed = { ok: false, error: "refused", refusal: "not_allowed" } as const;
const wrongStatus = { ok: false, error: "refused", refusal: "wrong_status" } as const;

/** Whether the actor may comment on this agreement's review (a lead, or an owner of the supplying side). */
export function mayReview(actor: Member, ownsSupplier: boolean): boolean {
  if (!can(actor.role, { agreement: ["review"] })) return false;
  return actor.role === "programme_lead" || ownsSupplier;
}

export async function addComment(actor: Member, agreementId: string, input: { body?: string }): Promise<AgreementOutcome> {
  const parsed = commentSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: "invalid", fieldErrors: fieldErrorsOf(parsed.error) };
  return db().transaction(async (tx): Promise<AgreementOutcome> => {
    const locked = await lockAgreement(tx, actor, agreementId);
    if (!locked) return notFound;
    const { agreement, version } = locked;
    if (!mayReview(actor, await ownsParty(tx, actor, agreement))) return notAllowed;
    if (version.status !== "in_review") return wrongStatus;
    const id = crypto.randomUUID();
    await tx.insert(agreementComment).values({ id, municipalityId: actor.municipalityId, versionId: version.id, authorUserId: actor.userId, authorLabel: actorOf(actor).label, body: parsed.data.body });
    await recordAudit(tx, agreementAudit(actor, agreement, "agreement.comment_added", { version: version.version, commentId: id, body: parsed.data.body }));
    return ok(agreement, version);
  });
}

export async function resolveComment(actor: Member, agreementId: string, input: { commentId?: string }): Promise<AgreementOutcome> {
  const parsed = resolveSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: "invalid", fieldErrors: fieldErrorsOf(parsed.error) };
  if (!can(actor.role, { agreement: ["manage"] })) return notAllowed;
  return db().transaction(async (tx): Promise<AgreementOutcome> => {
    const locked = await lockAgreement(tx, actor, agreementId);
    if (!locked) return notFound;
    const { agreement, version } = locked;
    const [comment] = await tx
      .select()
      .from(agreementComment)
      .where(and(eq(agreementComment.id, parsed.data.commentId), eq(agreementComment.versionId, version.id), eq(agreementComment.municipalityId, actor.municipalityId)));
    if (!comment) return notFound;
    if (comment.resolvedAt) return ok(agreement, version, false);
    if (version.status !== "in_review") return wrongStatus;
    await tx
      .update(agreementComment)
      .set({ resolvedAt: new Date(), resolvedByUserId: actor.userId })
      .where(and(eq(agreementComment.id, comment.id), isNull(agreementComment.resolvedAt)));
    await recordAudit(tx, agreementAudit(actor, agreement, "agreement.comment_resolved", { version: version.version, commentId: comment.id }));
    return ok(agreement, version);
  });
}
