// Who may still sign a version, as a pure rule (the page offers these roles; the command asks the
// lifecycle state machine and refuses the same person signing for both sides).
import type { SignerRole } from "../../../db/schema/agreements";
import { REQUIRED_SIGNER_ROLES } from "../../../workflows/agreement-lifecycle";

/**
 * The roles this member could sign now: the programme lead's for a lead, the supplying side's for
 * an owner of it; none once they signed this version in any role (two different people sign).
 */
export function signableRoles(member: { role: string; userId: string }, ownsSide: boolean, signatures: readonly { role: SignerRole; userId: string | null }[]): SignerRole[] {
  if (signatures.some((s) => s.userId === member.userId)) return [];
  const signed = new Set(signatures.map((s) => s.role));
  return REQUIRED_SIGNER_ROLES.filter((role) => !signed.has(role) && (role === "programme_lead" ? member.role === "programme_lead" : ownsSide));
}
