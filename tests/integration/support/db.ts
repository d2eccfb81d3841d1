// One real database per test file: a copy of the migrated PGlite template, or a fresh database on
// the PostgreSQL server named by TEST_DATABASE_URL (dropped afterwards).
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll } from "vitest";
import { createDb, migrateDb, type DbHandle } from "../../../db/client";
import { closeDatabase, useDatabase } from "../../../app/db.server";

const TEMPLATE_PATH = path.resolve("tests/.tmp/pglite-template.tar.gz");

export async function openTestDatabase(): Promise<{ handle: DbHandle; dispose: () => Promise<void> }> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const blob = new Blob([fs.readFileSync(TEMPLATE_PATH)]);
    const handle = await createDb({ loadDataDir: blob });
    return { handle, dispose: () => handle.close() };
  }
  const name = `koers_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = await createDb({ url: url.toString() });
  await migrateDb(handle);
  return {
    handle,
    async dispose() {
      await handle.close();
      const dropper = new pg.Client({ connectionString: serverUrl });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}

/** Installs a fresh database as the app's database for the test file. */
export function useTestDatabase(): { handle: () => DbHandle } {
  let current: { handle: DbHandle; dispose: () => Promise<void> } | undefined;
  beforeAll(async () => {
    current = await openTestDatabase();
    useDatabase(current.handle);
  });
  afterAll(async () => {
    await closeDatabase();
    if (current) {
      // closeDatabase closed the handle already; dispose drops the PostgreSQL database.
      await current.dispose().catch(() => undefined);
    }
  });
  return { handle: () => current!.handle };
}
