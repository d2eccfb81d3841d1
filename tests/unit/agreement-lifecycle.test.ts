import { describe, expect, it } from "vitest";
import { transitionAgreement, type AgreementActor, type AgreementVersionState } from "../../workflows/agreement-lifecycle";

const lead: AgreementActor = { role: "programme_lead", ownsDepartment: false, reauthenticated: true };
const owner: AgreementActor = { role: "department_owner", ownsDepartment: true, reauthenticated: true };
const otherOwner: AgreementActor = { role: "department_owner", ownsDepartment: false, reauthenticated: true };
const state = (over: Partial<AgreementVersionState> = {}): AgreementVersionState => ({ status: "draft", contentHash: null, signedBy: [], openComments: 0, incomplete: [], ...over });
const HASH = "a".repeat(64);

describe("transitionAgreement", () => {
  it("walks draft → in_review → awaiting_signatures → active with two signatures", () => {
    const review = transitionAgreement(state(), { type: "submit_for_review" }, lead);
    expect(review).toMatchObject({ ok: true, status: "in_review" });
    const frozen = transitionAgreement(state({ status: "in_review" }), { type: "request_signatures", contentHash: HASH }, lead);
    expect(frozen).toMatchObject({ ok: true, status: "awaiting_signatures" });
    if (frozen.ok) expect(frozen.effects[0]).toEqual({ type: "freeze", contentHash: HASH });
    const first = transitionAgreement(state({ status: "awaiting_signatures", contentHash: HASH }), { type: "sign", role: "department_owner", contentHash: HASH }, owner);
    expect(first).toMatchObject({ ok: true, status: "awaiting_signatures" });
    const second = transitionAgreement(state({ status: "awaiting_signatures", contentHash: HASH, signedBy: ["department_owner"] }), { type: "sign", role: "programme_lead", contentHash: HASH }, lead);
    expect(second).toMatchObject({ ok: true, status: "active" });
    if (second.ok) expect(second.effects.map((e) => e.type)).toEqual(["record_signature", "audit", "set_status", "activate", "audit"]);
  });

  it("refuses an incomplete draft, open comments, and steps by others than the lead", () => {
    expect(transitionAgreement(state({ incomplete: ["no_datasets"] }), { type: "submit_for_review" }, lead)).toEqual({ ok: false, refusal: "incomplete", details: ["no_datasets"] });
    expect(transitionAgreement(state({ status: "in_review", openComments: 2 }), { type: "request_signatures", contentHash: HASH }, lead)).toEqual({ ok: false, refusal: "open_comments" });
    expect(transitionAgreement(state(), { type: "submit_for_review" }, owner)).toEqual({ ok: false, refusal: "not_allowed" });
    expect(transitionAgreement(state({ status: "active" }), { type: "submit_for_review" }, lead)).toEqual({ ok: false, refusal: "wrong_status" });
  });

  it("refuses a signature for the wrong role, without re-authentication, twice, or on another text", () => {
    const waiting = state({ status: "awaiting_signatures", contentHash: HASH });
    expect(transitionAgreement(waiting, { type: "sign", role: "department_owner", contentHash: HASH }, otherOwner)).toEqual({ ok: false, refusal: "not_signer_for_role" });
    expect(transitionAgreement(waiting, { type: "sign", role: "programme_lead", contentHash: HASH }, owner)).toEqual({ ok: false, refusal: "not_signer_for_role" });
    expect(transitionAgreement(waiting, { type: "sign", role: "programme_lead", contentHash: HASH }, { ...lead, reauthenticated: false })).toEqual({ ok: false, refusal: "reauth_required" });
    expect(transitionAgreement(state({ ...waiting, signedBy: ["programme_lead"] }), { type: "sign", role: "programme_lead", contentHash: HASH }, lead)).toEqual({ ok: false, refusal: "already_signed" });
    expect(transitionAgreement(waiting, { type: "sign", role: "programme_lead", contentHash: "b".repeat(64) }, lead)).toEqual({ ok: false, refusal: "hash_mismatch" });
    expect(transitionAgreement(state({ status: "draft" }), { type: "sign", role: "programme_lead", contentHash: HASH }, lead)).toEqual({ ok: false, refusal: "wrong_status" });
  });

  it("terminates with a reason and supersedes only active versions", () => {
    expect(transitionAgreement(state({ status: "active" }), { type: "terminate", reason: "  " }, lead)).toEqual({ ok: false, refusal: "reason_required" });
    expect(transitionAgreement(state({ status: "active" }), { type: "terminate", reason: "Bron stopt" }, lead)).toMatchObject({ ok: true, status: "terminated" });
    expect(transitionAgreement(state({ status: "terminated" }), { type: "terminate", reason: "nogmaals" }, lead)).toEqual({ ok: false, refusal: "wrong_status" });
    expect(transitionAgreement(state({ status: "active" }), { type: "supersede" }, lead)).toMatchObject({ ok: true, status: "superseded" });
    expect(transitionAgreement(state({ status: "draft" }), { type: "supersede" }, lead)).toEqual({ ok: false, refusal: "wrong_status" });
    expect(transitionAgreement(state({ status: "in_review" }), { type: "back_to_draft", reason: "Velden ontbreken" }, lead)).toMatchObject({ ok: true, status: "draft" });
  });
});
