// Who may deliver data under an agreement: programme leads always; otherwise a role that uploads
// and, for a department's agreement, belonging to that department — placed in it (members page) or
// owning it. An external source has no members in Koers, so anyone whose role uploads may deliver
// for it on its behalf.
import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { deliveryAgreement, departmentOwner, memberDepartment } from "../../../db/schema/index";
import { db } from "../../db.server";
import type { Member } from "../auth/guards.server";
import { can } from "../auth/roles";

/** The departments the member delivers for (placed in or owning), or "all" for a programme lead. */
export async function deliveringDepartments(member: Pick<Member, "userId" | "municipalityId" | "role">, database: DbOrTx = db()): Promise<Set<string> | "all"> {
  if (member.role === "programme_lead") return "all";
  const [placed, owned] = await Promise.all([
    database
      .select({ id: memberDepartment.departmentId })
      .from(memberDepartment)
      .where(and(eq(memberDepartment.municipalityId, member.municipalityId), eq(memberDepartment.userId, member.userId))),
    database.select({ id: departmentOwner.departmentId }).from(departmentOwner).where(eq(departmentOwner.userId, member.userId)),
  ]);
  return new Set([...placed, ...owned].map((r) => r.id));
}

/** Whether the member may deliver under the agreement (true for an unknown agreement: its own check answers that). */
export async function mayDeliverFor(member: Pick<Member, "userId" | "municipalityId" | "role">, agreementId: string, database: DbOrTx = db()): Promise<boolean> {
  if (!can(member.role, { delivery: ["upload"] })) return false;
  const departments = await deliveringDepartments(member, database);
  if (departments === "all") return true;
  const [agreement] = await database
    .select({ departmentId: deliveryAgreement.departmentId })
    .from(deliveryAgreement)
    .where(and(eq(deliveryAgreement.id, agreementId), eq(deliveryAgreement.municipalityId, member.municipalityId)));
  if (!agreement?.departmentId) return true;
  return departments.has(agreement.departmentId);
}
