// Prepares the database before the server starts: migrate, then seed the demo municipality once.
// Usage: tsx db/setup.ts [--no-seed]
import { sql } from "drizzle-orm";
import { createDb, DataDirLockedError, migrateDb } from "./client";
import { ensureStandardDocumentsForAll } from "../app/modules/documents/standard-documents";
import { backfillTransitionCriterion } from "../app/modules/strategy/gate-checks.server";
import { ensureFocusAreasForAll } from "../app/modules/strategy/focus-area-frame";
import { ensureDefaultTopicsForAll } from "../app/modules/training/topics.server";
import { DEMO_MUNICIPALITY, DEMO_PASSWORD, DEMO_USERS, seedDemo } from "./seed/demo";

async function main() {
  const started = Date.now();
  const handle = await createDb();
  try {
    await migrateDb(handle);
    if (!process.argv.includes("--no-seed") && process.env.KOERS_SEED !== "0") {
      const { hashPassword } = await import("better-auth/crypto");
      const seeded = await seedDemo(handle.db, hashPassword);
      console.log(seeded ? `Seeded demo municipality ${DEMO_MUNICIPALITY.name} (${DEMO_MUNICIPALITY.cbsCode}).` : "Demo data present; nothing re-seeded.");
      console.log(`Demo logins (password "${DEMO_PASSWORD}"):`);
      for (const u of DEMO_USERS) console.log(`  ${u.role.padEnd(17)} ${u.email}`);
    }
    // Municipalities created before live documents existed get their standard documents.
    await ensureStandardDocumentsForAll(handle.db);
    // Gates created before "transition questions answered" was computed get its computed key.
    const backfilled = await backfillTransitionCriterion(handle.db);
    if (backfilled > 0) console.log(`${backfilled} gate criteria "Transitievragen beantwoord" are computed from now on.`);
    // Municipalities created before focus areas existed get the model's frame.
    await ensureFocusAreasForAll(handle.db);
    await ensureDefaultTopicsForAll(handle.db);
    // PGlite never gathers planner statistics on its own; without them it picks poor plans.
    await handle.db.execute(sql`analyze`);
    console.log(`Database ready (${handle.kind}) in ${Date.now() - started} ms.`);
  } finally {
    await handle.close();
  }
}

main().catch((err) => {
  if (err instanceof DataDirLockedError) console.error(err.message);
  else console.error(err);
  process.exit(1);
});
