// The process-wide database handle, shared by routes, better-auth and (later) the collab server.
// server.ts opens it once at start; tests install their own with `useDatabase`.
import { createDb, type Database, type DbHandle } from "../db/client";

let handle: DbHandle | undefined;
let opening: Promise<DbHandle> | undefined;

export function useDatabase(next: DbHandle): void {
  handle = next;
}

export async function openDatabase(): Promise<DbHandle> {
  if (handle) return handle;
  opening ??= createDb().then((h) => (handle = h));
  return opening;
}

export function db(): Database {
  if (!handle) throw new Error("Database not opened: call openDatabase() at start (server.ts does).");
  return handle.db;
}

export function databaseKind(): DbHandle["kind"] {
  return handle?.kind ?? "pglite";
}

export async function closeDatabase(): Promise<void> {
  const h = handle;
  handle = undefined;
  opening = undefined;
  await h?.close();
}
