// The lifecycle steps of an agreement's current version, each through `transitionAgreement`:
// submit for review, back to draft (with a reason), request signatures (freezes the canonical text
// and its SHA-256, and mails the signers through the outbox), and terminate (with a reason).
// Signing itself is the signing module's.
import { and, asc, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { departmentOwner, member as memberTable, user } from "../../../db/schema/index";
import { transitionAgreement, type AgreementEvent } from "../../../workflows/agreement-lifecycle";
import { enqueueMail } from "../../../emails/outbox.server";
import { db } from "../../db.server";
import { baseUrl } from "../../config.server";
import type { Member } from "../auth/guards.server";
import { applyTransition, lockAgreement, notFound, ok, refreshCurrentVersion, versionState, type AgreementOutcome, type AgreementRow } from "./agreement-access.server";
import { agreementContentHash, canonicalAgreementText } from "./canonical-text";
import { loadCanonicalInput } from "./canonical-input.server";
import { reasonSchema, fieldErrorsOf } from "./terms-schema";

export const agreementUrl = (cbsCode: string, agreementId: string) => `${baseUrl()}/g/${cbsCode}/overeenkomsten/${agreementId}`;

async function step(actor: Member, agreementId: string, event: (tx: DbOrTx) => Promise<AgreementEvent | AgreementOutcome>, after?: (tx: DbOrTx, agreement: AgreementRow, text: string | undefined) => Promise<void>): Promise<AgreementOutcome> {
  return db().transaction(async (tx): Promise<AgreementOutcome> => {
    const locked = await lockAgreement(tx, actor, agreementId);
    if (!locked) return notFound;
    const { agreement, version } = locked;
    const state = await versionState(tx, version);
    let canonicalText: string | undefined;
    let ev = await event(tx);
    if ("ok" in ev) return ev;
    if (ev.type === "request_signatures") {
      // The text is built only when the step may happen, and from the database, never from the form.
      if (state.status === "in_review" && state.incomplete.length === 0 && state.openComments === 0) {
        const input = await loadCanonicalInput(tx, version.id);
        if (!input) return notFound;
        canonicalText = canonicalAgreementText(input);
        ev = { type: "request_signatures", contentHash: agreementContentHash(canonicalText) };
      }
    }
    const transition = transitionAgreement(state, ev, { role: actor.role, ownsDepartment: false, reauthenticated: false });
    if (!transition.ok) return { ok: false, error: "refused", refusal: transition.refusal, details: transition.details };
    const reason = "reason" in ev ? ev.reason.trim() : undefined;
    await applyTransition(tx, actor, agreement, version, transition, { canonicalText, reason });
    if (transition.status === "terminated") await refreshCurrentVersion(tx, agreement.id);
    await after?.(tx, agreement, canonicalText);
    return ok(agreement, version);
  });
}

function withReason(input: { reason?: string }, make: (reason: string) => AgreementEvent): () => Promise<AgreementEvent | AgreementOutcome> {
  return async () => {
    const parsed = reasonSchema.safeParse(input);
    if (!parsed.success) return { ok: false, error: "invalid", fieldErrors: fieldErrorsOf(parsed.error) };
    return make(parsed.data.reason);
  };
}

export const submitForReview = (actor: Member, agreementId: string) => step(actor, agreementId, async () => ({ type: "submit_for_review" }));

export const backToDraft = (actor: Member, agreementId: string, input: { reason?: string }) =>
  step(actor, agreementId, withReason(input, (reason) => ({ type: "back_to_draft", reason })));

export const terminateAgreement = (actor: Member, agreementId: string, input: { reason?: string }) =>
  step(actor, agreementId, withReason(input, (reason) => ({ type: "terminate", reason })));

/** The signers to ask: the programme leads, and the supplying department's owners (for an external source: every department owner, one of whom signs for it). */
async function signers(tx: DbOrTx, actor: Member, agreement: AgreementRow) {
  const leads = await tx
    .select({ userId: user.id, name: user.name, email: user.email, locale: user.locale })
    .from(memberTable)
    .innerJoin(user, eq(user.id, memberTable.userId))
    .where(and(eq(memberTable.organizationId, actor.municipalityId), eq(memberTable.role, "programme_lead")));
  const owners = agreement.departmentId
    ? await tx
        .select({ userId: user.id, name: user.name, email: user.email, locale: user.locale })
        .from(departmentOwner)
        .innerJoin(user, eq(user.id, departmentOwner.userId))
        .innerJoin(memberTable, and(eq(memberTable.userId, user.id), eq(memberTable.organizationId, actor.municipalityId)))
        .where(eq(departmentOwner.departmentId, agreement.departmentId))
        .orderBy(asc(user.name))
    : await tx
        .select({ userId: user.id, name: user.name, email: user.email, locale: user.locale })
        .from(memberTable)
        .innerJoin(user, eq(user.id, memberTable.userId))
        .where(and(eq(memberTable.organizationId, actor.municipalityId), inArray(memberTable.role, ["department_owner"])));
  const byId = new Map([...owners, ...leads].map((s) => [s.userId, s]));
  return [...byId.values()];
}

/** Leaves review for signatures: refused while the version is incomplete or has open comments. */
export async function requestSignatures(actor: Member, agreementId: string): Promise<AgreementOutcome> {
  return step(
    actor,
    agreementId,
    async () => ({ type: "request_signatures", contentHash: "" }),
    async (tx, agreement) => {
      const input = await loadCanonicalInput(tx, agreement.currentVersionId!);
      for (const s of await signers(tx, actor, agreement)) {
        await enqueueMail(tx, {
          template: "agreement-signature-request",
          to: s.email,
          locale: s.locale,
          municipalityId: actor.municipalityId,
          props: { name: s.name, url: `${agreementUrl(actor.cbsCode, agreement.id)}`, reference: agreement.reference, title: input?.title ?? "", version: String(input?.version ?? ""), municipality: actor.municipalityName, requester: actor.userName },
        });
      }
    },
  );
}
