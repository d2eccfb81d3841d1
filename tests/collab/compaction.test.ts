// Compaction of the durable update log against a real server process: the log never holds more
// than MAX_UNMERGED unmerged rows (it is folded into the state in the background, and appends wait
// for it at the limit), and the content is intact after kill -9 and restart.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COMPACT_AFTER, MAX_UNMERGED } from "../../app/modules/documents/persistence.server";
import { RawClient } from "./support/clients";
import { tokensByRound, KILL_FIELD } from "./support/durability";
import { startFixture, type CollabFixture } from "./support/fixture";
import { inspectDocuments } from "./support/harness";

let f: CollabFixture;
beforeAll(async () => {
  f = await startFixture("compaction");
});
afterAll(async () => {
  await f?.teardown();
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
