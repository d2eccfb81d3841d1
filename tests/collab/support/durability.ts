// Acknowledged = stored, under kill -9. Shared by tests/collab/durability.test.ts (a few kills)
// and tests/bench/collab.bench.ts (100 kills).
//
// One round: a raw client types small updates (tokens "r.i;" appended to a Y.Text), keeping up to
// `window` of them in flight, and counts the server's acknowledgements (SyncStatus, one per update,
// in order per connection). At a random moment the server is SIGKILLed. After a restart a fresh
// client reads the document: every acknowledged token must be there, the stored tokens of the
// round must be a gap-free prefix of what was sent (appends are sequential per connection), and
// earlier rounds must be intact.
import { RawClient, type Identity } from "./clients";
import type { CollabServerProcess } from "./harness";
import { sleep } from "./harness";

export const KILL_FIELD = "kill";

export interface KillRoundResult {
  round: number;
  sent: number;
  acked: number;
  /** Tokens of this round found stored after the restart. */
  stored: number;
  /** Acknowledged but not stored: must be 0. */
  lost: number;
  /** Problems found in the stored document (gaps, earlier rounds damaged…). */
  problems: string[];
  restartMs: number;
}

/** Parses "r.i;r.i;…" into the indices typed per round. */
export function tokensByRound(text: string): Map<number, number[]> {
  const byRound = new Map<number, number[]>();
  for (const token of text.split(";")) {
    if (!token) continue;
    const [r, i] = token.split(".").map(Number);
    if (!Number.isInteger(r) || !Number.isInteger(i)) continue;
    let list = byRound.get(r!);
    if (!list) byRound.set(r!, (list = []));
    list.push(i!);
  }
  return byRound;
}

/** Checks that round r's tokens are exactly 0..n-1 in order; returns n, or a problem. */
function prefixLength(indices: number[] | undefined): { n: number; problem?: string } {
  if (!indices) return { n: 0 };
  for (let k = 0; k < indices.length; k++) {
    if (indices[k] !== k) return { n: k, problem: `token ${k} is ${indices[k]} (gap or reordering)` };
  }
  return { n: indices.length };
}

export async function killRound(
  server: CollabServerProcess,
  documentId: string,
  identity: Identity,
  round: number,
  /** Stored token counts of the earlier rounds, checked again after this round. */
  earlier: Map<number, number>,
  options: { window?: number; minKillMs?: number; maxKillMs?: number } = {},
): Promise<KillRoundResult> {
  const window = options.window ?? 32;
  const minKill = options.minKillMs ?? 50;
  const maxKill = options.maxKillMs ?? 500;
  const writer = await RawClient.connect(server.wsUrl, documentId, identity);
  await writer.handshake();

  // Type until the socket dies; the kill comes at a random moment.
  let i = 0;
  const typing = (async () => {
    while (writer.closed === null) {
      while (writer.sentUpdates - writer.acked - writer.refused >= window && writer.closed === null) await sleep(1);
      if (writer.closed !== null) break;
      writer.type(`${round}.${i};`, KILL_FIELD);
      i += 1;
      if (i % 8 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
  })();
  await sleep(minKill + Math.random() * (maxKill - minKill));
  await server.kill9();
  await writer.waitFor(() => writer.closed !== null, 10_000, "the socket to close after kill -9");
  await typing;
  const sent = writer.sentUpdates;
  const acked = writer.acked;
  writer.close();

  const restartStarted = performance.now();
  await server.start();
  const restartMs = performance.now() - restartStarted;

  const reader = await RawClient.connect(server.wsUrl, documentId, identity);
  await reader.handshake();
  const byRound = tokensByRound(reader.text(KILL_FIELD));
  reader.close();

  const problems: string[] = [];
  const mine = prefixLength(byRound.get(round));
  if (mine.problem) problems.push(`round ${round}: ${mine.problem}`);
  if (mine.n > sent) problems.push(`round ${round}: ${mine.n} tokens stored but only ${sent} sent`);
  for (const [r, n] of earlier) {
    const again = prefixLength(byRound.get(r));
    if (again.problem || again.n !== n) problems.push(`round ${r} changed after a later kill: ${n} → ${again.n} tokens${again.problem ? ` (${again.problem})` : ""}`);
  }
  return { round, sent, acked, stored: mine.n, lost: Math.max(0, acked - mine.n), problems, restartMs };
}
