// The documents every municipality has from the start: mission and vision (phase 1) and the rules
// of use of the dashboard (phase 4). Created with the municipality, and backfilled at setup.
import { sql } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { document, organization, type DocumentKind } from "../../../db/schema/index";

export const STANDARD_DOCUMENTS: ReadonlyArray<{ kind: Exclude<DocumentKind, "free">; phaseNumber: number; title: string }> = [
  { kind: "mission", phaseNumber: 1, title: "Missie" },
  { kind: "vision", phaseNumber: 1, title: "Visie" },
  { kind: "rules_of_use", phaseNumber: 4, title: "Spelregels dashboard" },
];

export async function ensureStandardDocuments(tx: DbOrTx, municipalityId: string): Promise<void> {
  for (const d of STANDARD_DOCUMENTS) {
    await tx
      .insert(document)
      .values({ id: crypto.randomUUID(), municipalityId, kind: d.kind, phaseNumber: d.phaseNumber, title: d.title })
      .onConflictDoNothing();
  }
}

/** Setup step: municipalities created before documents existed get theirs. */
export async function ensureStandardDocumentsForAll(tx: DbOrTx): Promise<void> {
  const rows = await tx.select({ id: organization.id }).from(organization).where(sql`true`);
  for (const row of rows) await ensureStandardDocuments(tx, row.id);
}
