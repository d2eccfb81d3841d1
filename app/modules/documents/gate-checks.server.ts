// Gate criteria computed from documents: phase 1 needs its mission and vision approved
// ("vastgesteld"), phase 4 its rules of use.
import { and, eq, inArray, isNull } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { document, type DocumentKind } from "../../../db/schema/index";

async function allApproved(database: DbOrTx, municipalityId: string, kinds: DocumentKind[]): Promise<boolean> {
  const rows = await database
    .select({ kind: document.kind, status: document.status })
    .from(document)
    .where(and(eq(document.municipalityId, municipalityId), inArray(document.kind, kinds), isNull(document.archivedAt)));
  return kinds.every((kind) => rows.some((r) => r.kind === kind && r.status === "approved"));
}

export const documentGateChecks: Record<string, (municipalityId: string, database: DbOrTx) => Promise<boolean>> = {
  "documents.vision_approved": (municipalityId, database) => allApproved(database, municipalityId, ["mission", "vision"]),
  "documents.rules_approved": (municipalityId, database) => allApproved(database, municipalityId, ["rules_of_use"]),
};
