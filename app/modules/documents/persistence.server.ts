// Durable storage of live documents: an append-only update log plus a compacted state.
// The collaboration server appends each client update here *before* it applies and acknowledges
// it, so an acknowledged edit survives SIGKILL. Compaction folds the log into the state in
// batches; it reads only the database (never an in-memory document), so a document whose load
// failed can never be stored over the real one.
import { and, asc, count, eq, gt, lte } from "drizzle-orm";
import * as Y from "yjs";
import type { DbOrTx } from "../../../db/client";
import { documentState, documentUpdate } from "../../../db/schema/index";
import { db } from "../../db.server";

/** Fold the log into the state once this many updates are unmerged… */
export const COMPACT_AFTER = 300;
/** …and never let more than this many pile up (appends wait for compaction). */
export const MAX_UNMERGED = 500;
/** Updates folded per compaction transaction. */
export const COMPACT_BATCH = 400;

export interface StoredDocument {
  /** Compacted state (a Yjs update), or null when never compacted. */
  state: Uint8Array | null;
  mergedThrough: number;
  /** Unmerged updates in log order. */
  updates: Uint8Array[];
  lastUpdateId: number;
}

export async function loadStoredDocument(documentId: string, database: DbOrTx = db()): Promise<StoredDocument> {
  for (;;) {
    const [stateRow] = await database
      .select({ state: documentState.state, mergedThrough: documentState.mergedThrough })
      .from(documentState)
      .where(eq(documentState.documentId, documentId));
    const mergedThrough = stateRow?.mergedThrough ?? 0;
    const rows = await database
      .select({ id: documentUpdate.id, update: documentUpdate.update })
      .from(documentUpdate)
      .where(and(eq(documentUpdate.documentId, documentId), gt(documentUpdate.id, mergedThrough)))
      .orderBy(asc(documentUpdate.id));
    // The two reads are not one snapshot: a compaction that committed in between folded rows into
    // a state we did not read and deleted them, so this read would miss them. mergedThrough only
    // grows with each compaction: if it is unchanged, nothing was folded in between.
    const [again] = await database.select({ mergedThrough: documentState.mergedThrough }).from(documentState).where(eq(documentState.documentId, documentId));
    if ((again?.mergedThrough ?? 0) !== mergedThrough) continue;
    return {
      state: stateRow?.state ?? null,
      mergedThrough,
      updates: rows.map((r) => r.update),
      lastUpdateId: rows.at(-1)?.id ?? mergedThrough,
    };
  }
}

/** Apply everything stored for a document into `ydoc`. Throws if any stored update is unreadable. */
export async function applyStoredDocument(documentId: string, ydoc: Y.Doc, origin: unknown = "load"): Promise<StoredDocument> {
  const stored = await loadStoredDocument(documentId);
  Y.transact(
    ydoc,
    () => {
      if (stored.state) Y.applyUpdate(ydoc, stored.state, origin);
      for (const update of stored.updates) Y.applyUpdate(ydoc, update, origin);
    },
    origin,
  );
  return stored;
}

/** The full current state as one Yjs update, read from the database only. */
export async function storedStateAsUpdate(documentId: string, database: DbOrTx = db()): Promise<Uint8Array> {
  const stored = await loadStoredDocument(documentId, database);
  const ydoc = new Y.Doc();
  if (stored.state) Y.applyUpdate(ydoc, stored.state);
  for (const update of stored.updates) Y.applyUpdate(ydoc, update);
  const state = Y.encodeStateAsUpdate(ydoc);
  ydoc.destroy();
  return state;
}

export async function appendUpdate(
  documentId: string,
  update: Uint8Array,
  userId: string | null,
  database: DbOrTx = db(),
): Promise<number> {
  const [row] = await database.insert(documentUpdate).values({ documentId, update, userId }).returning({ id: documentUpdate.id });
  if (!row) throw new Error("appending a document update returned no row");
  return row.id;
}

export async function unmergedCount(documentId: string): Promise<number> {
  const database = db();
  const [stateRow] = await database.select({ mergedThrough: documentState.mergedThrough }).from(documentState).where(eq(documentState.documentId, documentId));
  const [row] = await database
    .select({ n: count() })
    .from(documentUpdate)
    .where(and(eq(documentUpdate.documentId, documentId), gt(documentUpdate.id, stateRow?.mergedThrough ?? 0)));
  return row?.n ?? 0;
}

/**
 * Fold unmerged updates into the state, COMPACT_BATCH at a time, until the log is empty.
 * Safe to run concurrently (in this or another process): each batch commits only if the state it
 * started from is still the stored one. Returns the number of updates folded.
 */
export async function compactDocument(documentId: string): Promise<number> {
  const database = db();
  let folded = 0;
  for (;;) {
    const [stateRow] = await database
      .select({ state: documentState.state, mergedThrough: documentState.mergedThrough })
      .from(documentState)
      .where(eq(documentState.documentId, documentId));
    const from = stateRow?.mergedThrough ?? 0;
    const rows = await database
      .select({ id: documentUpdate.id, update: documentUpdate.update })
      .from(documentUpdate)
      .where(and(eq(documentUpdate.documentId, documentId), gt(documentUpdate.id, from)))
      .orderBy(asc(documentUpdate.id))
      .limit(COMPACT_BATCH);
    if (rows.length === 0) return folded;

    // Computed outside the transaction: PGlite has one connection, and a transaction blocks it.
    const ydoc = new Y.Doc();
    if (stateRow) Y.applyUpdate(ydoc, stateRow.state);
    for (const row of rows) Y.applyUpdate(ydoc, row.update);
    const state = Y.encodeStateAsUpdate(ydoc);
    ydoc.destroy();
    const through = rows[rows.length - 1]!.id;

    const committed = await database.transaction(async (tx) => {
      if (stateRow) {
        const updated = await tx
          .update(documentState)
          .set({ state, mergedThrough: through, updatedAt: new Date() })
          .where(and(eq(documentState.documentId, documentId), eq(documentState.mergedThrough, from)))
          .returning({ documentId: documentState.documentId });
        if (updated.length === 0) return false;
      } else {
        const inserted = await tx
          .insert(documentState)
          .values({ documentId, state, mergedThrough: through })
          .onConflictDoNothing()
          .returning({ documentId: documentState.documentId });
        if (inserted.length === 0) return false;
      }
      await tx.delete(documentUpdate).where(and(eq(documentUpdate.documentId, documentId), lte(documentUpdate.id, through)));
      return true;
    });
    if (committed) folded += rows.length;
    // Another compactor moved the state on: read it again and continue from there.
    if (rows.length < COMPACT_BATCH && committed) return folded;
  }
}
