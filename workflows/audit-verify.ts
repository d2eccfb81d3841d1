// `npm run audit:verify`: walks the whole audit log and checks its hash chain.
// Exit code 0 when intact, 1 when a row was changed, inserted or removed (or the check failed).
import type { DbHandle } from "../db/client";
import { runWithDatabase } from "./cli";
import { verifyAuditChain } from "../app/modules/audit/audit.server";

async function main(handle: DbHandle): Promise<number> {
  const result = await verifyAuditChain(handle.db);
  if (result.ok) {
    console.log(`Audit log intact: ${result.checked} events`);
    return 0;
  }
  const broken = result.brokenAt!;
  const why =
    broken.reason === "link-mismatch"
      ? "its link to the previous event does not match (an event before it was removed, inserted or reordered)"
      : "its contents do not match its hash (the event was changed)";
  console.error(`Audit log BROKEN at seq ${broken.seq}: ${broken.reason}, ${why}. ${result.checked} events before it are intact.`);
  return 1;
}

runWithDatabase("verify the audit log", main);
