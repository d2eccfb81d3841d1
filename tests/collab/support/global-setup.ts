// Once per `vitest run --project collab`: a migrated and seeded database (PGlite dir, or a
// PostgreSQL template database with TEST_DATABASE_URL) that every test file copies, and the
// production build when COLLAB_FULL_SERVER=1 runs the real server.ts.
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { buildBundles, fullServer, prepareSeededTemplate, ROOT } from "./harness";

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

export default async function setup() {
  if (fullServer()) {
    const built = path.join(ROOT, "build/server/index.js");
    if (!fs.existsSync(built) || fs.statSync(built).mtimeMs < newestMtime(path.join(ROOT, "app"))) {
      const result = spawnSync("npm", ["run", "build"], { cwd: ROOT, stdio: "inherit" });
      if (result.status !== 0) throw new Error("npm run build failed");
    }
  }
  await buildBundles();
  return prepareSeededTemplate();
}
