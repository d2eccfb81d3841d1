// The lifecycle of one data-delivery agreement version, as a pure state machine:
//   draft → in_review → awaiting_signatures → active → superseded | terminated
// `transitionAgreement(state, event, actor)` → the new status and the effects the command applies
// (freeze the canonical text, record a signature, activate, audit). Commands load the state,
// call this, and apply the effects in one transaction; nothing here touches the database.
import type { AgreementStatus, SignerRole } from "../db/schema/agreements";

export interface AgreementVersionState {
  status: AgreementStatus;
  /** The SHA-256 of the frozen canonical text; null until the version asks for signatures. */
  contentHash: string | null;
  /** Roles that have signed this version. */
  signedBy: readonly SignerRole[];
  /** Open (unresolved) review comments. */
  openComments: number;
  /** Problems that keep the draft from being complete (e.g. "no_datasets"); empty when complete. */
  incomplete: readonly string[];
}

export interface AgreementActor {
  /** The actor's role in the municipality. */
  role: string;
  /** Whether the actor owns the agreement's department (external sources have no owner). */
  ownsDepartment: boolean;
  /** Whether the actor re-authenticated just now (required to sign). */
  reauthenticated: boolean;
}

export type AgreementEvent =
  | { type: "submit_for_review" }
  | { type: "back_to_draft"; reason: string }
  /** Leaves review: the canonical text is frozen and hashed by the command (given here). */
  | { type: "request_signatures"; contentHash: string }
  | { type: "sign"; role: SignerRole; contentHash: string }
  /** A newer version became active. */
  | { type: "supersede" }
  | { type: "terminate"; reason: string };

export type AgreementEffect =
  | { type: "set_status"; status: AgreementStatus }
  | { type: "freeze"; contentHash: string }
  | { type: "record_signature"; role: SignerRole; contentHash: string }
  /** All signatures are in: the version is in force; seal its PDF and plan its deliveries. */
  | { type: "activate" }
  | { type: "audit"; action: AgreementAuditAction; details?: Record<string, unknown> };

export type AgreementAuditAction =
  | "agreement.submitted_for_review"
  | "agreement.returned_to_draft"
  | "agreement.signatures_requested"
  | "agreement.signed"
  | "agreement.activated"
  | "agreement.superseded"
  | "agreement.terminated";

export type AgreementRefusal =
  | "not_allowed"
  | "wrong_status"
  | "incomplete"
  | "open_comments"
  | "reason_required"
  | "reauth_required"
  | "already_signed"
  | "hash_mismatch"
  | "not_signer_for_role";

export type AgreementTransition =
  | { ok: true; status: AgreementStatus; effects: AgreementEffect[] }
  | { ok: false; refusal: AgreementRefusal; details?: readonly string[] };

/** Both parties sign: the department owner (for the supplying side) and the programme lead. */
export const REQUIRED_SIGNER_ROLES: readonly SignerRole[] = ["department_owner", "programme_lead"];

const isLead = (actor: AgreementActor) => actor.role === "programme_lead";

/**
 * Who may sign for a role: the programme lead for the municipality; the supplying side's owner for
 * the department. The command decides `ownsDepartment` (for a department: one of its owners; for an
 * external source, which has no owner in Koers: a department owner who signs on its behalf).
 */
function maySignAs(actor: AgreementActor, role: SignerRole): boolean {
  if (role === "programme_lead") return isLead(actor);
  return actor.ownsDepartment;
}

export function transitionAgreement(state: AgreementVersionState, event: AgreementEvent, actor: AgreementActor): AgreementTransition {
  switch (event.type) {
    case "submit_for_review": {
      if (!isLead(actor)) return { ok: false, refusal: "not_allowed" };
      if (state.status !== "draft") return { ok: false, refusal: "wrong_status" };
      if (state.incomplete.length > 0) return { ok: false, refusal: "incomplete", details: state.incomplete };
      return {
        ok: true,
        status: "in_review",
        effects: [{ type: "set_status", status: "in_review" }, { type: "audit", action: "agreement.submitted_for_review" }],
      };
    }
    case "back_to_draft": {
      if (!isLead(actor)) return { ok: false, refusal: "not_allowed" };
      if (state.status !== "in_review") return { ok: false, refusal: "wrong_status" };
      const reason = event.reason.trim();
      if (reason.length < 3) return { ok: false, refusal: "reason_required" };
      return {
        ok: true,
        status: "draft",
        effects: [{ type: "set_status", status: "draft" }, { type: "audit", action: "agreement.returned_to_draft", details: { reason } }],
      };
    }
    case "request_signatures": {
      if (!isLead(actor)) return { ok: false, refusal: "not_allowed" };
      if (state.status !== "in_review") return { ok: false, refusal: "wrong_status" };
      if (state.incomplete.length > 0) return { ok: false, refusal: "incomplete", details: state.incomplete };
      if (state.openComments > 0) return { ok: false, refusal: "open_comments" };
      return {
        ok: true,
        status: "awaiting_signatures",
        effects: [
          { type: "freeze", contentHash: event.contentHash },
          { type: "set_status", status: "awaiting_signatures" },
          { type: "audit", action: "agreement.signatures_requested", details: { contentHash: event.contentHash } },
        ],
      };
    }
    case "sign": {
      if (state.status !== "awaiting_signatures") return { ok: false, refusal: "wrong_status" };
      if (!maySignAs(actor, event.role)) return { ok: false, refusal: "not_signer_for_role" };
      if (!actor.reauthenticated) return { ok: false, refusal: "reauth_required" };
      if (state.signedBy.includes(event.role)) return { ok: false, refusal: "already_signed" };
      // The signer saw exactly this text: the hash they signed must be the frozen one.
      if (!state.contentHash || event.contentHash !== state.contentHash) return { ok: false, refusal: "hash_mismatch" };
      const effects: AgreementEffect[] = [
        { type: "record_signature", role: event.role, contentHash: event.contentHash },
        { type: "audit", action: "agreement.signed", details: { role: event.role, contentHash: event.contentHash } },
      ];
      const signed = new Set([...state.signedBy, event.role]);
      const complete = REQUIRED_SIGNER_ROLES.every((r) => signed.has(r));
      if (!complete) return { ok: true, status: "awaiting_signatures", effects };
      effects.push({ type: "set_status", status: "active" }, { type: "activate" }, { type: "audit", action: "agreement.activated", details: { contentHash: event.contentHash } });
      return { ok: true, status: "active", effects };
    }
    case "supersede": {
      if (state.status !== "active") return { ok: false, refusal: "wrong_status" };
      return { ok: true, status: "superseded", effects: [{ type: "set_status", status: "superseded" }, { type: "audit", action: "agreement.superseded" }] };
    }
    case "terminate": {
      if (!isLead(actor)) return { ok: false, refusal: "not_allowed" };
      if (state.status === "superseded" || state.status === "terminated") return { ok: false, refusal: "wrong_status" };
      const reason = event.reason.trim();
      if (reason.length < 3) return { ok: false, refusal: "reason_required" };
      return {
        ok: true,
        status: "terminated",
        effects: [{ type: "set_status", status: "terminated" }, { type: "audit", action: "agreement.terminated", details: { reason, from: state.status } }],
      };
    }
  }
}

/** Whether a version's terms may still be edited in place (only drafts; signed text never changes). */
export function isEditable(status: AgreementStatus): boolean {
  return status === "draft";
}

/**
 * Whether changing the agreement needs a new version: once a version's text is frozen (awaiting
 * signatures or later), any change is a new draft version that needs new signatures.
 */
export function needsNewVersion(status: AgreementStatus): boolean {
  return status === "awaiting_signatures" || status === "active";
}
