// Reads what is stored for some documents, straight from the database, while no server holds it
// (PGlite) or alongside the servers (PostgreSQL). Prints one line `INSPECT <json>`.
// Run: node --import tsx tests/collab/support/inspect.ts <documentId>…   (PGLITE_DIR or DATABASE_URL set)
import { count, eq } from "drizzle-orm";
import { closeDatabase, db, useDatabase } from "../../../app/db.server";
import { loadStoredDocument, storedStateAsUpdate } from "../../../app/modules/documents/persistence.server";
import { createDb } from "../../../db/client";
import { documentVersion } from "../../../db/schema/index";
import type { StoredDocumentInfo } from "./types";

async function main() {
  useDatabase(await createDb());
  try {
    const out: Record<string, StoredDocumentInfo> = {};
    for (const id of process.argv.slice(2)) {
      const stored = await loadStoredDocument(id);
      const [versions] = await db().select({ n: count() }).from(documentVersion).where(eq(documentVersion.documentId, id));
      out[id] = {
        unmerged: stored.updates.length,
        mergedThrough: stored.mergedThrough,
        hasState: stored.state !== null,
        state: Buffer.from(await storedStateAsUpdate(id)).toString("base64"),
        versions: versions?.n ?? 0,
      };
    }
    process.stdout.write(`INSPECT ${JSON.stringify(out)}\n`);
  } finally {
    await closeDatabase();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
