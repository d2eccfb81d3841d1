// The one place that knows which driver runs: embedded PGlite (default, ./data/pglite) or
// PostgreSQL when DATABASE_URL is set. Same schema, migrations and queries for both.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import pg from "pg";
import lockfile from "proper-lockfile";
import * as schema from "./schema/index";

export type Schema = typeof schema;
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction handle has the same query API as the database. */
export type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];
export type DbOrTx = Database | Tx;

export interface DbHandle {
  db: Database;
  kind: "pglite" | "postgres";
  /** The raw PGlite instance (tests use it to dump a template); undefined on PostgreSQL. */
  pglite?: PGlite;
  close(): Promise<void>;
}

export interface CreateDbOptions {
  /** PostgreSQL connection string; defaults to process.env.DATABASE_URL. */
  url?: string;
  /** PGlite data dir, or "memory://"; defaults to $PGLITE_DIR or ./data/pglite. */
  dataDir?: string;
  /** Boot an in-memory PGlite from a dumped data dir (test template). */
  loadDataDir?: Blob | File;
}

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "migrations");

export class DataDirLockedError extends Error {
  constructor(dir: string) {
    super(
      `The database in ${dir} is already opened by another Koers process (a running server?). ` +
        `PGlite allows one process per data dir; stop that process first, or set DATABASE_URL to use PostgreSQL.`,
    );
    this.name = "DataDirLockedError";
  }
}

export async function createDb(options: CreateDbOptions = {}): Promise<DbHandle> {
  const url = options.url ?? process.env.DATABASE_URL;
  if (url) {
    const pool = new pg.Pool({ connectionString: url, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
    const db = drizzlePg(pool, { schema }) as unknown as Database;
    return { db, kind: "postgres", close: () => pool.end() };
  }

  const dataDir = options.loadDataDir ? "memory://" : (options.dataDir ?? process.env.PGLITE_DIR ?? "./data/pglite");
  const inMemory = dataDir.startsWith("memory://");
  let release: (() => Promise<void>) | undefined;
  if (!inMemory) {
    const absolute = path.resolve(dataDir);
    fs.mkdirSync(absolute, { recursive: true });
    release = await lockDataDir(absolute);
  }
  const client = await PGlite.create(inMemory ? undefined : dataDir, {
    loadDataDir: options.loadDataDir,
  });
  const db = drizzlePglite(client, { schema }) as unknown as Database;
  return {
    db,
    kind: "pglite",
    pglite: client,
    async close() {
      await client.close();
      await release?.();
    },
  };
}

/**
 * PGlite has no lock of its own: a second opener silently loses writes. The lock is refreshed every
 * 2 s; a lock left by a killed process goes stale after 5 s and is then taken over.
 */
async function lockDataDir(dir: string): Promise<() => Promise<void>> {
  try {
    return await lockfile.lock(dir, {
      lockfilePath: `${dir}.lock`,
      realpath: false,
      stale: 5_000,
      update: 2_000,
      retries: { retries: 4, minTimeout: 1_500, maxTimeout: 1_500 },
      onCompromised: (err) => {
        console.error(`Lost the lock on ${dir}; stopping to protect the data.`, err);
        process.exit(70);
      },
    });
  } catch (err) {
    if ((err as { code?: string }).code === "ELOCKED") throw new DataDirLockedError(dir);
    throw err;
  }
}

export async function migrateDb(handle: DbHandle): Promise<void> {
  if (handle.kind === "pglite") {
    await migratePglite(handle.db as never, { migrationsFolder: MIGRATIONS_DIR });
  } else {
    await migratePg(handle.db as never, { migrationsFolder: MIGRATIONS_DIR });
  }
  // Reference data every database needs (the shared KPI library) follows the migrations.
  const { ensureKpiLibrary } = await import("./seed/kpi-library");
  await ensureKpiLibrary(handle.db);
}
