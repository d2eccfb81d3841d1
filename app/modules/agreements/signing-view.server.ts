// What the signing page and the signing panel (on the agreement's page) show: the frozen text and its
// hash, the signatures so far, the roles this member may still sign and the seal of the PDF. All
// scoped to the member's municipality.
import { and, desc, eq, inArray } from "drizzle-orm";
import { agreementVersion, deliveryAgreement, user as userTable, type AgreementStatus, type SignerRole } from "../../../db/schema/index";
import { REQUIRED_SIGNER_ROLES } from "../../../workflows/agreement-lifecycle";
import { db } from "../../db.server";
import type { Member } from "../auth/guards.server";
import { can } from "../auth/roles";
import { sealStateOf, type SealState } from "./seal.server";
import { signableRoles } from "./signers";
import { ownsSupplyingSide, partyName, signaturesOf } from "./signing.server";

export interface SigningView {
  agreement: { id: string; reference: string; party: string; partyKind: "department" | "external_source" };
  version: { id: string; number: number; status: AgreementStatus; title: string; canonicalText: string | null; contentHash: string | null; activatedAt: Date | null };
  signatures: { role: SignerRole; name: string; signedAt: Date }[];
  /** Roles still to sign, in order. */
  missingRoles: SignerRole[];
  /** Roles this member may sign now (empty when not awaiting signatures). */
  mayUseRoles: SignerRole[];
  /** Whether this member must also give a TOTP code. */
  needsTotp: boolean;
  seal: SealState | null;
  mayRetrySeal: boolean;
  /** Links, relative to the municipality. */
  urls: { sign: string; pdf: string | null };
  /** Other versions with frozen text (for navigation), newest first. */
  otherVersions: { number: number; status: AgreementStatus }[];
}

/** Statuses in which a version has (or asks for) signatures. */
const SIGNING_STATUSES: AgreementStatus[] = ["awaiting_signatures", "active", "superseded", "terminated"];

/**
 * The version to show: the given number, else the one awaiting signatures, else the current one.
 * Undefined when the agreement is not in the member's municipality or has no such version.
 */
export async function loadSigningView(member: Member, agreementId: string, versionNumber?: number): Promise<SigningView | undefined> {
  const [agreement] = await db()
    .select()
    .from(deliveryAgreement)
    .where(and(eq(deliveryAgreement.id, agreementId), eq(deliveryAgreement.municipalityId, member.municipalityId)));
  if (!agreement) return undefined;
  const versions = await db()
    .select()
    .from(agreementVersion)
    .where(and(eq(agreementVersion.agreementId, agreement.id), inArray(agreementVersion.status, SIGNING_STATUSES)))
    .orderBy(desc(agreementVersion.version));
  const version =
    versionNumber !== undefined
      ? versions.find((v) => v.version === versionNumber)
      : (versions.find((v) => v.status === "awaiting_signatures") ?? versions.find((v) => v.id === agreement.currentVersionId) ?? versions[0]);
  if (!version) return undefined;

  const signatures = await signaturesOf(db(), version.id);
  const ownsSide = await ownsSupplyingSide(db(), member, agreement);
  const [me] = await db().select({ twoFactorEnabled: userTable.twoFactorEnabled }).from(userTable).where(eq(userTable.id, member.userId));
  const seal = await sealStateOf(db(), version.id);
  const base = `/g/${member.cbsCode}/overeenkomsten/${agreement.id}`;
  return {
    agreement: { id: agreement.id, reference: agreement.reference, party: await partyName(db(), agreement), partyKind: agreement.departmentId ? "department" : "external_source" },
    version: {
      id: version.id,
      number: version.version,
      status: version.status,
      title: version.title,
      canonicalText: version.canonicalText,
      contentHash: version.contentHash,
      activatedAt: version.activatedAt,
    },
    signatures: signatures.map((s) => ({ role: s.role, name: s.signerName, signedAt: s.signedAt })),
    missingRoles: REQUIRED_SIGNER_ROLES.filter((r) => !signatures.some((s) => s.role === r)),
    mayUseRoles: version.status === "awaiting_signatures" && can(member.role, { agreement: ["sign"] }) ? signableRoles(member, ownsSide, signatures) : [],
    needsTotp: Boolean(me?.twoFactorEnabled),
    seal,
    mayRetrySeal: seal?.status === "failed" && can(member.role, { agreement: ["manage"] }),
    urls: { sign: `${base}/ondertekenen?versie=${version.version}`, pdf: seal?.status === "sealed" ? `${base}/versies/${version.version}/pdf` : null },
    otherVersions: versions.filter((v) => v.id !== version.id && v.canonicalText).map((v) => ({ number: v.version, status: v.status })),
  };
}

/** The panel on the agreement's page (part A wires it in): the same view, without the text. */
export type SigningPanelData = Omit<SigningView, "version"> & { version: Omit<SigningView["version"], "canonicalText"> };

export async function loadSigningPanel(member: Member, agreementId: string): Promise<SigningPanelData | null> {
  const view = await loadSigningView(member, agreementId);
  if (!view) return null;
  const { canonicalText: _text, ...version } = view.version;
  return { ...view, version };
}
