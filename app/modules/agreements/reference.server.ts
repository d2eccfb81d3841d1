// Agreement references: "GLO-<year>-<nnn>", numbered per municipality and year (Europe/Amsterdam).
// Two drafts created at the same moment must not get the same number: the number is taken under a
// transaction advisory lock per municipality, and the unique index (municipality, reference) is
// the last line of defence.
import { and, eq, like, sql } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { deliveryAgreement } from "../../../db/schema/index";
import { amsterdamYear } from "../kpis/gate-checks.server";

export const REFERENCE_PREFIX = "GLO";
const REFERENCE_LOCK = 7310;

export function formatReference(year: number, sequence: number): string {
  return `${REFERENCE_PREFIX}-${year}-${String(sequence).padStart(3, "0")}`;
}

/** The next free reference of the municipality for this year; call inside the creating transaction. */
export async function nextReference(tx: DbOrTx, municipalityId: string, now: Date = new Date()): Promise<string> {
  await tx.execute(sql`select pg_advisory_xact_lock(${REFERENCE_LOCK}, hashtext(${municipalityId}))`);
  const year = amsterdamYear(now);
  const prefix = `${REFERENCE_PREFIX}-${year}-`;
  const [row] = await tx
    .select({ last: sql<number>`coalesce(max(split_part(${deliveryAgreement.reference}, '-', 3)::int), 0)::int` })
    .from(deliveryAgreement)
    .where(and(eq(deliveryAgreement.municipalityId, municipalityId), like(deliveryAgreement.reference, `${prefix}%`), sql`split_part(${deliveryAgreement.reference}, '-', 3) ~ '^[0-9]+$'`));
  return formatReference(year, (row?.last ?? 0) + 1);
}
