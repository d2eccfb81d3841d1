// Builds one migrated PGlite data dir per run; each test file boots its own copy from it
// (~0.5 s instead of a full initdb). With TEST_DATABASE_URL nothing is needed here.
import fs from "node:fs";
import path from "node:path";
import { createDb, migrateDb } from "../../../db/client";

export const TEMPLATE_PATH = path.resolve("tests/.tmp/pglite-template.tar.gz");

export default async function setup() {
  if (process.env.TEST_DATABASE_URL) return;
  const handle = await createDb({ dataDir: "memory://" });
  await migrateDb(handle);
  const dump = await handle.pglite!.dumpDataDir("gzip");
  fs.mkdirSync(path.dirname(TEMPLATE_PATH), { recursive: true });
  fs.writeFileSync(TEMPLATE_PATH, Buffer.from(await dump.arrayBuffer()));
  await handle.close();
}
