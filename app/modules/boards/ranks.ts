// Card and column order as fractional ranks (fractional-indexing keys): a move rewrites one row,
// and a rank is always computed between the neighbours read inside the move's transaction.
import { generateKeyBetween, generateNKeysBetween } from "fractional-indexing";

export interface Ranked {
  id: string;
  rank: string;
}

/** Where a moved item lands: directly after `afterId`, or directly before `beforeId`; else at the end. */
export interface Placement {
  afterId?: string | null;
  beforeId?: string | null;
}

/** Byte order, the order fractional-indexing keys are generated in (and the "C" collation). */
export const compareRanks = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * A rank for an item placed among `siblings` (the other items of the target list, any order, not
 * containing the moved item). A neighbour that is no longer in the list puts the item at the end.
 */
export function rankFor(siblings: readonly Ranked[], placement: Placement = {}): string {
  const sorted = [...siblings].sort((a, b) => compareRanks(a.rank, b.rank));
  const after = placement.afterId ? sorted.findIndex((s) => s.id === placement.afterId) : -1;
  if (after >= 0) return generateKeyBetween(sorted[after]!.rank, sorted[after + 1]?.rank ?? null);
  const before = placement.beforeId ? sorted.findIndex((s) => s.id === placement.beforeId) : -1;
  if (before >= 0) return generateKeyBetween(sorted[before - 1]?.rank ?? null, sorted[before]!.rank);
  return generateKeyBetween(sorted[sorted.length - 1]?.rank ?? null, null);
}

/** `count` ascending ranks for a fresh list. */
export function initialRanks(count: number): string[] {
  return generateNKeysBetween(null, null, count);
}
