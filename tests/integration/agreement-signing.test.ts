// Signing agreement versions on a real database: who may sign, re-authentication (password, TOTP,
// throttle), a changed text, double and concurrent signing, tenancy, activation superseding the
// previous version, the sealing job (success, a visible failure, a lead's retry), the public verify
// lookup and the database's refusal to change signed text or signatures.
import { base32 } from "@better-auth/utils/base32";
import { createOTP } from "@better-auth/utils/otp";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../app/db.server";
import { signIn } from "../../app/modules/auth/account.server";
import { auth } from "../../app/modules/auth/auth.server";
import type { Member } from "../../app/modules/auth/guards.server";
import { createSealJobHandler, agreementJobHandlers, retrySeal, sealedPdf, sealStateOf } from "../../app/modules/agreements/seal.server";
import { SEAL_JOB_KIND, sealDedupeKey } from "../../app/modules/agreements/seal-job";
import { signAgreement, type SignOutcome } from "../../app/modules/agreements/signing.server";
import { loadSigningView } from "../../app/modules/agreements/signing-view.server";
import type { SignInput } from "../../app/modules/agreements/signing-schema";
import { normaliseHash, verifyHash, verifyPdf } from "../../app/modules/agreements/verify.server";
import { sha256Hex } from "../../app/modules/agreements/canonical-text";
import {
  agreementDataset,
  agreementField,
  agreementSeal,
  agreementSignature,
  agreementVersion,
  auditEvent,
  deliveryAgreement,
  department,
  departmentOwner,
  externalSource,
  job,
  member as memberTable,
  outbox,
} from "../../db/schema/index";
import { runDueJobs } from "../../workflows/scheduler";
import { useTestDatabase } from "./support/db";
import { createMunicipalityWithLead, createVerifiedUser, memberOf, TEST_PASSWORD } from "./support/factories";
import { addVersionAwaitingSignatures, createTestAgreement, type TestVersion } from "./support/signing-factories";

useTestDatabase();

const ORIGIN = "http://localhost:3000";

let lead: Member;
let owner: Member;
let owner2: Member;
let guesser: Member;
let staff: Member;
let otherOwner: Member;
let outsider: Member;
let departmentId: string;
let sourceId: string;
const cookies = new Map<string, string>();

async function addMember(m: Member, email: string, role: string): Promise<Member> {
  const u = await createVerifiedUser(email);
  await db().insert(memberTable).values({ id: crypto.randomUUID(), organizationId: m.municipalityId, userId: u.id, role });
  return memberOf(u.id, m.cbsCode);
}

/** A real better-auth session for the member, as the browser would carry it. */
async function sessionCookie(m: Member): Promise<string> {
  const known = cookies.get(m.userId);
  if (known) return known;
  const outcome = await signIn({ email: m.email, password: TEST_PASSWORD }, new Headers({ origin: ORIGIN, "x-koers-client-ip": "10.0.0.1" }), "10.0.0.1");
  if (!outcome.ok) throw new Error(`sign-in failed: ${outcome.error}`);
  const cookie = outcome.headers
    .getSetCookie()
    .filter((c) => !/max-age=0\b/i.test(c))
    .map((c) => c.split(";")[0]!)
    .join("; ");
  cookies.set(m.userId, cookie);
  return cookie;
}

async function sign(m: Member, agreementId: string, v: Pick<TestVersion, "id" | "contentHash">, overrides: Partial<SignInput> = {}): Promise<SignOutcome> {
  const input: SignInput = {
    role: m.role === "programme_lead" ? "programme_lead" : "department_owner",
    contentHash: v.contentHash,
    confirm: "on",
    password: TEST_PASSWORD,
    ...overrides,
  };
  const headers = new Headers({ origin: ORIGIN, cookie: await sessionCookie(m), "x-koers-client-ip": m.origin });
  return signAgreement(m, agreementId, v.id, input, { headers, ipAddress: "10.1.2.3", userAgent: "vitest" });
}

async function newAgreement(party: "department" | "source" = "department") {
  const agreement = await createTestAgreement(lead.municipalityId, party === "department" ? { departmentId } : { externalSourceId: sourceId });
  const version = await addVersionAwaitingSignatures(agreement.id);
  return { agreement, version };
}

/** The database's refusal (drizzle wraps the driver's error as its cause), or "" when it accepted. */
async function refusal(query: PromiseLike<unknown>): Promise<string> {
  try {
    await query;
    return "";
  } catch (err) {
    const cause = (err as { cause?: { message?: string } }).cause;
    return cause?.message ?? (err as Error).message;
  }
}

const signaturesOf = (versionId: string) => db().select().from(agreementSignature).where(eq(agreementSignature.versionId, versionId));
const versionRow = async (versionId: string) => (await db().select().from(agreementVersion).where(eq(agreementVersion.id, versionId)))[0]!;

beforeAll(async () => {
  lead = await createMunicipalityWithLead("GM0363", "Amsterdam", "lead@sign.test");
  owner = await addMember(lead, "owner@sign.test", "department_owner");
  owner2 = await addMember(lead, "owner2@sign.test", "department_owner");
  guesser = await addMember(lead, "guesser@sign.test", "department_owner");
  staff = await addMember(lead, "staff@sign.test", "staff");
  otherOwner = await addMember(lead, "other-owner@sign.test", "department_owner");
  outsider = await createMunicipalityWithLead("GM0599", "Rotterdam", "lead@rotterdam.test");
  departmentId = crypto.randomUUID();
  const otherDepartmentId = crypto.randomUUID();
  await db().insert(department).values([
    { id: departmentId, municipalityId: lead.municipalityId, name: "Stadsbeheer" },
    { id: otherDepartmentId, municipalityId: lead.municipalityId, name: "Sociaal domein" },
  ]);
  await db().insert(departmentOwner).values([
    { departmentId, userId: owner.userId },
    { departmentId, userId: owner2.userId },
    { departmentId, userId: guesser.userId },
    { departmentId: otherDepartmentId, userId: otherOwner.userId },
  ]);
  sourceId = crypto.randomUUID();
  await db().insert(externalSource).values({ id: sourceId, municipalityId: lead.municipalityId, name: "Politie Amsterdam" });
});

describe("who may sign", () => {
  it("offers each member only the role they may sign", async () => {
    const { agreement } = await newAgreement();
    expect((await loadSigningView(owner, agreement.id))?.mayUseRoles).toEqual(["department_owner"]);
    expect((await loadSigningView(lead, agreement.id))?.mayUseRoles).toEqual(["programme_lead"]);
    expect((await loadSigningView(staff, agreement.id))?.mayUseRoles).toEqual([]);
    expect((await loadSigningView(otherOwner, agreement.id))?.mayUseRoles).toEqual([]);
  });

  it("refuses the wrong role before asking for the password, and records nothing", async () => {
    const { agreement, version } = await newAgreement();
    expect(await sign(staff, agreement.id, version, { role: "programme_lead" })).toEqual({ ok: false, error: "not_signer_for_role" });
    expect(await sign(owner, agreement.id, version, { role: "programme_lead" })).toEqual({ ok: false, error: "not_signer_for_role" });
    // An owner of another department does not sign for this one.
    expect(await sign(otherOwner, agreement.id, version, { role: "department_owner" })).toEqual({ ok: false, error: "not_signer_for_role" });
    // Even with a wrong password the refusal is about the role: no attempt was spent.
    expect(await sign(staff, agreement.id, version, { role: "department_owner", password: "wrong password!" })).toEqual({ ok: false, error: "not_signer_for_role" });
    expect(await signaturesOf(version.id)).toHaveLength(0);
    expect((await versionRow(version.id)).status).toBe("awaiting_signatures");
  });

  it("lets a department owner sign for an external source", async () => {
    const { agreement, version } = await newAgreement("source");
    expect(await sign(otherOwner, agreement.id, version)).toMatchObject({ ok: true, activated: false });
  });

  it("refuses a member of another municipality as if the agreement did not exist", async () => {
    const { agreement, version } = await newAgreement();
    expect(await sign(outsider, agreement.id, version)).toEqual({ ok: false, error: "notFound" });
    expect(await loadSigningView(outsider, agreement.id)).toBeUndefined();
    expect(await sealedPdf(outsider, agreement.id, version.version)).toEqual({ ok: false, error: "notFound" });
    expect(await retrySeal(outsider, agreement.id, version.id)).toEqual({ ok: false, error: "notFound" });
    expect(await signaturesOf(version.id)).toHaveLength(0);
  });
});

describe("re-authentication", () => {
  it("refuses a wrong password, audits it and throttles after five failures", async () => {
    const { agreement, version } = await newAgreement();
    await sessionCookie(guesser);
    for (let n = 0; n < 5; n++) {
      expect(await sign(guesser, agreement.id, version, { password: "not the password" })).toEqual({ ok: false, error: "reauth", reauth: { ok: false, error: "passwordWrong" } });
    }
    // Locked now, even with the right password.
    const locked = await sign(guesser, agreement.id, version);
    expect(locked).toMatchObject({ ok: false, error: "reauth", reauth: { ok: false, error: "throttled" } });
    expect(await signaturesOf(version.id)).toHaveLength(0);
    const audits = await db()
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.action, "agreement.reauth_failed"), eq(auditEvent.objectId, version.id)));
    expect(audits.map((a) => a.result)).toEqual(["failure", "failure", "failure", "failure", "failure", "denied"]);
    expect(JSON.stringify(audits.map((a) => a.details))).not.toContain("not the password");
  });

  it("asks a user with two-step sign-in for a valid, unused TOTP code as well", async () => {
    const { agreement, version } = await newAgreement();
    const cookie = await sessionCookie(lead);
    const headers = new Headers({ origin: ORIGIN, cookie });
    const enabled = await auth().api.enableTwoFactor({ body: { password: TEST_PASSWORD }, headers });
    const otp = createOTP(base32.decode(new URL((enabled as { totpURI: string }).totpURI).searchParams.get("secret")!), { digits: 6, period: 30 });
    const activated = await auth().api.verifyTOTP({ body: { code: await otp.totp() }, headers, returnHeaders: true });
    const fresh = activated.headers
      .getSetCookie()
      .filter((c) => !/max-age=0\b/i.test(c))
      .map((c) => c.split(";")[0]!)
      .join("; ");
    if (fresh) cookies.set(lead.userId, fresh);

    expect(await sign(lead, agreement.id, version)).toEqual({ ok: false, error: "reauth", reauth: { ok: false, error: "codeRequired" } });
    expect(await sign(lead, agreement.id, version, { totpCode: "000000" === (await otp.totp()) ? "111111" : "000000" })).toEqual({
      ok: false,
      error: "reauth",
      reauth: { ok: false, error: "codeWrong" },
    });
    const code = await otp.totp();
    expect(await sign(lead, agreement.id, version, { totpCode: code })).toMatchObject({ ok: true });
    const [signature] = await signaturesOf(version.id);
    expect(signature).toMatchObject({ role: "programme_lead", reauthMethod: "password+totp", userId: lead.userId });
    await auth().api.disableTwoFactor({ body: { password: TEST_PASSWORD }, headers: new Headers({ origin: ORIGIN, cookie: cookies.get(lead.userId)! }) });
    cookies.delete(lead.userId);
  });
});

describe("the signed text", () => {
  it("refuses a hash that is not the frozen one (the text changed after the page was read)", async () => {
    const { agreement, version } = await newAgreement();
    const forged = sha256Hex(version.canonicalText.replace("7 jaar", "1 jaar"));
    expect(await sign(owner, agreement.id, version, { contentHash: forged })).toEqual({ ok: false, error: "hash_mismatch" });
    expect(await signaturesOf(version.id)).toHaveLength(0);
  });

  it("cannot be changed in the database once frozen, nor can its datasets, fields or signatures", async () => {
    const { agreement, version } = await newAgreement();
    expect(await sign(owner, agreement.id, version)).toMatchObject({ ok: true });
    const [dataset] = await db().select().from(agreementDataset).where(eq(agreementDataset.versionId, version.id));
    const frozen = /agreement (version|dataset) .* is frozen/;
    expect(await refusal(db().update(agreementVersion).set({ canonicalText: "Andere tekst\n" }).where(eq(agreementVersion.id, version.id)))).toMatch(frozen);
    expect(await refusal(db().update(agreementVersion).set({ title: "Andere titel" }).where(eq(agreementVersion.id, version.id)))).toMatch(frozen);
    expect(await refusal(db().update(agreementVersion).set({ terms: { contacts: [], quality: {}, escalation: [], personalData: true } }).where(eq(agreementVersion.id, version.id)))).toMatch(frozen);
    expect(await refusal(db().update(agreementDataset).set({ name: "Iets anders" }).where(eq(agreementDataset.id, dataset!.id)))).toMatch(frozen);
    expect(await refusal(db().insert(agreementDataset).values({ id: crypto.randomUUID(), municipalityId: lead.municipalityId, versionId: version.id, key: "extra", name: "Extra" }))).toMatch(frozen);
    expect(await refusal(db().update(agreementField).set({ type: "text" }).where(eq(agreementField.datasetId, dataset!.id)))).toMatch(frozen);
    expect(await refusal(db().delete(agreementField).where(eq(agreementField.datasetId, dataset!.id)))).toMatch(frozen);
    expect(await refusal(db().update(agreementSignature).set({ signerName: "Iemand anders" }).where(eq(agreementSignature.versionId, version.id)))).toMatch(/signatures cannot be changed or removed/);
    expect(await refusal(db().delete(agreementSignature).where(eq(agreementSignature.versionId, version.id)))).toMatch(/signatures cannot be changed or removed/);
    // The status may still move on (e.g. to active): only the signed content is fixed.
    expect(await refusal(db().update(agreementVersion).set({ updatedAt: new Date() }).where(eq(agreementVersion.id, version.id)))).toBe("");
    const after = await versionRow(version.id);
    expect(after.canonicalText).toBe(version.canonicalText);
    expect(after.contentHash).toBe(version.contentHash);
    expect(await signaturesOf(version.id)).toHaveLength(1);
  });
});

describe("double signing", () => {
  it("refuses the same role twice and the same person for both roles", async () => {
    const { agreement, version } = await newAgreement();
    expect(await sign(owner, agreement.id, version)).toMatchObject({ ok: true, activated: false });
    expect(await sign(owner, agreement.id, version)).toEqual({ ok: false, error: "already_signed" });
    expect(await sign(owner2, agreement.id, version)).toEqual({ ok: false, error: "already_signed" });
    expect(await signaturesOf(version.id)).toHaveLength(1);
  });

  it("lets nobody sign for both sides, not even a lead who owns the department", async () => {
    const ownDepartmentId = crypto.randomUUID();
    await db().insert(department).values({ id: ownDepartmentId, municipalityId: lead.municipalityId, name: "Programmabureau" });
    await db().insert(departmentOwner).values({ departmentId: ownDepartmentId, userId: lead.userId });
    const agreement = await createTestAgreement(lead.municipalityId, { departmentId: ownDepartmentId });
    const version = await addVersionAwaitingSignatures(agreement.id);
    expect((await loadSigningView(lead, agreement.id))?.mayUseRoles).toEqual(["department_owner", "programme_lead"]);
    expect(await sign(lead, agreement.id, version, { role: "department_owner" })).toMatchObject({ ok: true, activated: false });
    expect((await loadSigningView(lead, agreement.id))?.mayUseRoles).toEqual([]);
    expect(await sign(lead, agreement.id, version, { role: "programme_lead" })).toEqual({ ok: false, error: "sameSigner" });
    expect(await signaturesOf(version.id)).toHaveLength(1);
  });

  it("records exactly one of two concurrent signatures for the same role", async () => {
    const { agreement, version } = await newAgreement();
    await Promise.all([sessionCookie(owner), sessionCookie(owner2)]);
    const outcomes = await Promise.all([sign(owner, agreement.id, version), sign(owner2, agreement.id, version)]);
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    expect(outcomes.filter((o) => !o.ok)).toEqual([{ ok: false, error: "already_signed" }]);
    expect(await signaturesOf(version.id)).toHaveLength(1);
  });

  it("refuses a version that is not awaiting signatures", async () => {
    const { agreement, version } = await newAgreement();
    await db().update(agreementVersion).set({ status: "terminated" }).where(eq(agreementVersion.id, version.id));
    expect(await sign(owner, agreement.id, version)).toEqual({ ok: false, error: "wrong_status" });
  });
});

describe("activation", () => {
  it("activates with both signatures: records who, where and how, seals, mails, and supersedes the previous version", async () => {
    const { agreement, version: v1 } = await newAgreement();
    expect(await sign(owner, agreement.id, v1)).toEqual({ ok: true, activated: false, versionId: v1.id, version: 1 });
    expect((await versionRow(v1.id)).status).toBe("awaiting_signatures");
    expect(await sign(lead, agreement.id, v1)).toEqual({ ok: true, activated: true, versionId: v1.id, version: 1 });

    const active = await versionRow(v1.id);
    expect(active.status).toBe("active");
    expect(active.activatedAt).toBeInstanceOf(Date);
    const signatures = await signaturesOf(v1.id);
    expect(signatures.map((s) => s.role).sort()).toEqual(["department_owner", "programme_lead"]);
    for (const s of signatures) expect(s).toMatchObject({ contentHash: v1.contentHash, ipAddress: "10.1.2.3", userAgent: "vitest", reauthMethod: "password" });
    expect(signatures.find((s) => s.role === "department_owner")).toMatchObject({ signerName: owner.userName, signerEmail: owner.email });
    expect((await db().select().from(deliveryAgreement).where(eq(deliveryAgreement.id, agreement.id)))[0]!.currentVersionId).toBe(v1.id);
    expect((await db().select().from(agreementSeal).where(eq(agreementSeal.versionId, v1.id)))[0]).toMatchObject({ status: "pending", attempts: 0 });
    expect(await db().select().from(job).where(eq(job.dedupeKey, sealDedupeKey(v1.id)))).toEqual([expect.objectContaining({ kind: SEAL_JOB_KIND, status: "pending" })]);
    const mails = await db().select().from(outbox).where(eq(outbox.template, "agreement-active"));
    const recipients = mails.filter((m) => (m.payload as { reference?: string }).reference === agreement.reference).map((m) => m.toAddress);
    // Both signers and every owner of the department, once each.
    expect(recipients.sort()).toEqual([lead.email, owner.email, owner2.email, guesser.email].sort());
    const actions = (await db().select().from(auditEvent).where(eq(auditEvent.objectId, v1.id))).map((e) => e.action);
    expect(actions).toEqual(["agreement.signed", "agreement.signed", "agreement.activated"]);

    const v2 = await addVersionAwaitingSignatures(agreement.id);
    expect(await sign(owner2, agreement.id, v2)).toMatchObject({ ok: true, activated: false });
    // Until v2 is signed by both, v1 stays in force.
    expect((await versionRow(v1.id)).status).toBe("active");
    expect(await sign(lead, agreement.id, v2)).toMatchObject({ ok: true, activated: true, version: 2 });
    expect((await versionRow(v1.id))).toMatchObject({ status: "superseded", endReason: "superseded by version 2" });
    expect((await versionRow(v2.id)).status).toBe("active");
    expect((await db().select().from(deliveryAgreement).where(eq(deliveryAgreement.id, agreement.id)))[0]!.currentVersionId).toBe(v2.id);
    const superseded = await db().select().from(auditEvent).where(and(eq(auditEvent.objectId, v1.id), eq(auditEvent.action, "agreement.superseded")));
    expect(superseded).toHaveLength(1);
  });
});

describe("sealing and verifying", () => {
  async function activeAgreement() {
    const { agreement, version } = await newAgreement();
    expect(await sign(owner, agreement.id, version)).toMatchObject({ ok: true });
    expect(await sign(lead, agreement.id, version)).toMatchObject({ ok: true, activated: true });
    return { agreement, version };
  }

  it("seals the PDF, which the verify page then recognises by its SHA-256 and by the content hash", async () => {
    const { agreement, version } = await activeAgreement();
    expect((await sealedPdf(owner, agreement.id, version.version)).ok).toBe(false);
    const report = await runDueJobs(db(), agreementJobHandlers);
    expect(report.failed + report.retrying).toBe(0);
    const seal = (await db().select().from(agreementSeal).where(eq(agreementSeal.versionId, version.id)))[0]!;
    expect(seal).toMatchObject({ status: "sealed", attempts: 1, lastError: null });
    const pdf = await sealedPdf(staff, agreement.id, version.version);
    if (!pdf.ok) throw new Error("not sealed");
    expect(pdf.pdf.subarray(0, 5).toString()).toBe("%PDF-");
    expect(sha256Hex(pdf.pdf)).toBe(seal.pdfSha256);

    const byPdf = await verifyPdf(pdf.pdf);
    expect(byPdf).toMatchObject({ known: true, agreement: { matchedBy: "pdf", reference: agreement.reference, version: 1, status: "active", municipality: "Amsterdam", newerVersion: null } });
    if (!byPdf.known) throw new Error("unknown");
    expect(byPdf.agreement.signatures.map((s) => [s.role, s.name])).toEqual([
      ["department_owner", owner.userName],
      ["programme_lead", lead.userName],
    ]);
    expect(byPdf.agreement.trail.map((e) => e.action)).toEqual(["agreement.signed", "agreement.signed", "agreement.activated", "agreement.sealed"]);
    // Names only: no e-mail addresses or IP addresses on the public page.
    expect(JSON.stringify(byPdf)).not.toMatch(/@sign\.test|10\.1\.2\.3/);

    const byContent = await verifyHash(normaliseHash(`SHA256: ${version.contentHash.toUpperCase()}`)!);
    expect(byContent).toMatchObject({ known: true, agreement: { matchedBy: "content", reference: agreement.reference, sealed: { pdfSha256: seal.pdfSha256 } } });

    const newer = await addVersionAwaitingSignatures(agreement.id);
    expect(await verifyHash(version.contentHash)).toMatchObject({ known: true, agreement: { newerVersion: { version: newer.version, status: "awaiting_signatures" } } });

    const unknown = sha256Hex("iets wat Koers niet kent");
    expect(await verifyHash(unknown)).toEqual({ known: false, hash: unknown });
    expect(await verifyPdf(new TextEncoder().encode("%PDF-1.7 vervalst"))).toMatchObject({ known: false });
  });

  it("shows a failed seal, keeps the signatures, retries with back-off and on a lead's request", async () => {
    const { agreement, version } = await activeAgreement();
    const broken = createSealJobHandler(async () => {
      throw new Error("pdf rendering crashed");
    });
    const now = new Date();
    const report = await runDueJobs(db(), { [SEAL_JOB_KIND]: broken }, now);
    expect(report.retrying).toBeGreaterThanOrEqual(1);

    const failed = await sealStateOf(db(), version.id);
    expect(failed).toMatchObject({ status: "failed", attempts: 1, lastError: "pdf rendering crashed" });
    expect(failed!.nextAttemptAt!.getTime()).toBeGreaterThan(now.getTime());
    // The signatures and the active status survive whatever the job does.
    expect(await signaturesOf(version.id)).toHaveLength(2);
    expect((await versionRow(version.id)).status).toBe("active");
    expect((await db().select().from(auditEvent).where(and(eq(auditEvent.objectId, version.id), eq(auditEvent.action, "agreement.seal_failed"))))[0]).toMatchObject({ result: "failure" });
    expect((await loadSigningView(lead, agreement.id))?.mayRetrySeal).toBe(true);
    expect((await loadSigningView(owner, agreement.id))?.mayRetrySeal).toBe(false);

    // Not due yet: the scheduler's back-off holds the next attempt.
    expect((await runDueJobs(db(), agreementJobHandlers, now)).done).toBe(0);
    expect(await retrySeal(owner, agreement.id, version.id)).toEqual({ ok: false, error: "notAllowed" });
    expect(await retrySeal(lead, agreement.id, version.id)).toEqual({ ok: true });
    expect(await sealStateOf(db(), version.id)).toMatchObject({ status: "pending" });
    expect(await retrySeal(lead, agreement.id, version.id)).toEqual({ ok: false, error: "notFailed" });

    await runDueJobs(db(), agreementJobHandlers);
    expect(await sealStateOf(db(), version.id)).toMatchObject({ status: "sealed", attempts: 2, lastError: null, nextAttemptAt: null });
    expect((await sealedPdf(owner, agreement.id, version.version)).ok).toBe(true);
  });

  it("marks the job failed after the last attempt and says no retry follows", async () => {
    const { version } = await activeAgreement();
    const broken = createSealJobHandler(async () => {
      throw new Error("still broken");
    });
    await runDueJobs(db(), { [SEAL_JOB_KIND]: broken }, new Date(), { maxAttempts: 1 });
    expect(await sealStateOf(db(), version.id)).toMatchObject({ status: "failed", attempts: 1, nextAttemptAt: null });
    expect((await db().select().from(job).where(eq(job.dedupeKey, sealDedupeKey(version.id))))[0]).toMatchObject({ status: "failed", lastError: "still broken" });
  });
});
