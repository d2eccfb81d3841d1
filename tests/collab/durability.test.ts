// Durability of live documents against a real server process: an acknowledged update survives
// kill -9 (the server stores each update before it applies and acknowledges it), and the update
// log is compacted so it never holds more than MAX_UNMERGED rows, with the content intact after
// restarts. The benchmark (tests/bench/collab.bench.ts) runs the kill round 100 times.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COMPACT_AFTER, MAX_UNMERGED } from "../../app/modules/documents/persistence.server";
import { RawClient } from "./support/clients";
import { killRound, tokensByRound, KILL_FIELD } from "./support/durability";
import { startFixture, type CollabFixture } from "./support/fixture";
import { inspectDocuments } from "./support/harness";

const KILLS = Number(process.env.COLLAB_KILLS ?? 5);

let f: CollabFixture;
beforeAll(async () => {
  f = await startFixture("durability");
});
afterAll(async () => {
  await f?.teardown();
});

describe("kill -9 while typing", () => {
  it(`loses no acknowledged update (${KILLS} kills at random moments)`, async () => {
    const documentId = f.freshDocument();
    const identity = f.as(f.seed.users.staffA);
    const earlier = new Map<number, number>();
    let acked = 0;
    let inFlightStored = 0;
    for (let round = 0; round < KILLS; round++) {
      const result = await killRound(f.server, documentId, identity, round, earlier, { minKillMs: 150, maxKillMs: 900 });
      expect(result.problems, `round ${round}`).toEqual([]);
      expect(result.lost, `round ${round}: ${result.acked} acknowledged, ${result.stored} stored`).toBe(0);
      expect(result.stored).toBeGreaterThanOrEqual(result.acked);
      expect(result.stored).toBeLessThanOrEqual(result.sent);
      earlier.set(round, result.stored);
      acked += result.acked;
      inFlightStored += result.stored - result.acked;
    }
    // The kills must have hit while typing, not before or after.
    expect(acked).toBeGreaterThan(KILLS * 5);
    console.info(`kill -9: ${KILLS} rounds, ${acked} acknowledged updates, all stored; ${inFlightStored} unacknowledged ones stored too`);
  });
});

describe("compaction", () => {
  it(`keeps at most ${MAX_UNMERGED} unmerged updates, and the content survives restarts`, async () => {
    const documentId = f.freshDocument();
    const identity = f.as(f.seed.users.leadA);
    let typed = 0;
    const expectedText = () => Array.from({ length: typed }, (_, i) => `0.${i};`).join("");

    /** Types `count` updates (at most 64 in flight), waits until all are acknowledged. */
    async function type(count: number) {
      const writer = await RawClient.connect(f.server.wsUrl, documentId, identity);
      await writer.handshake();
      expect(writer.text(KILL_FIELD)).toBe(expectedText());
      for (let i = 0; i < count; i++) {
        while (writer.sentUpdates - writer.acked >= 64) await writer.waitFor(() => writer.sentUpdates - writer.acked < 64, 10_000, "acknowledgements");
        writer.type(`0.${typed};`, KILL_FIELD);
        typed += 1;
      }
      await writer.settled();
      expect(writer.acked).toBe(count);
      writer.close();
    }

    /** kill -9 (no shutdown compaction), then read the rows as they are. */
    async function killAndInspect() {
      await f.server.kill9();
      const stored = (await inspectDocuments(f.database, [documentId]))[documentId]!;
      await f.server.start();
      return stored;
    }

    // On PostgreSQL the rows can be counted while the server works: sample them all along.
    let maxSeen = 0;
    let sampling = true;
    const sampler =
      f.database.kind === "postgres"
        ? (async () => {
            const client = new pg.Client({ connectionString: f.database.env.DATABASE_URL });
            await client.connect();
            try {
              while (sampling) {
                const { rows } = await client.query<{ n: string }>(
                  "select count(*) as n from document_update u where u.document_id = $1 and u.id > coalesce((select merged_through from document_state where document_id = $1), 0)",
                  [documentId],
                );
                maxSeen = Math.max(maxSeen, Number(rows[0]!.n));
                await new Promise((resolve) => setTimeout(resolve, 5));
              }
            } finally {
              await client.end();
            }
          })()
        : undefined;

    // Two sessions, so the second one starts from a loaded state + log; then kill -9 (no shutdown
    // compaction) and count the rows as they are.
    await type(MAX_UNMERGED + 150);
    await type(MAX_UNMERGED + 150);
    const stored = await killAndInspect();
    expect(stored.hasState).toBe(true);
    expect(stored.unmerged).toBeLessThanOrEqual(MAX_UNMERGED);
    // At least two compactions folded the log (COMPACT_AFTER each), counted by folded rows.
    expect(typed - stored.unmerged).toBeGreaterThanOrEqual(2 * COMPACT_AFTER);

    sampling = false;
    await sampler;
    expect(maxSeen).toBeLessThanOrEqual(MAX_UNMERGED);
    if (sampler) expect(maxSeen).toBeGreaterThan(100);

    // After the restarts, a reader sees every update in order.
    const reader = await RawClient.connect(f.server.wsUrl, documentId, identity);
    await reader.handshake();
    expect(reader.text(KILL_FIELD)).toBe(expectedText());
    expect(tokensByRound(reader.text(KILL_FIELD)).get(0)).toHaveLength(typed);
    reader.close();
  });
});
