// The process-wide database handle, shared by routes, better-auth and (later) the collab server.
// server.ts opens it once at start; tests install their own with `useDatabase`. It lives on
// globalThis because server.ts and the Remix server build each load their own copy of this module.
import { createDb, type Database, type DbHandle } from "../db/client";

const KEY = Symbol.for("koers.database");
type Slot = { handle?: DbHandle; opening?: Promise<DbHandle> };
const slot: Slot = ((globalThis as Record<symbol, Slot>)[KEY] ??= {});

export function useDatabase(next: DbHandle): void {
  slot.handle = next;
}

export async function openDatabase(): Promise<DbHandle> {
  if (slot.handle) return slot.handle;
  slot.opening ??= createDb().then((h) => (slot.handle = h));
  return slot.opening;
}

export function db(): Database {
  if (!slot.handle) throw new Error("Database not opened: call openDatabase() at start (server.ts does).");
  return slot.handle.db;
}

export function databaseKind(): DbHandle["kind"] {
  return slot.handle?.kind ?? "pglite";
}

export async function closeDatabase(): Promise<void> {
  const h = slot.handle;
  slot.handle = undefined;
  slot.opening = undefined;
  await h?.close();
}
