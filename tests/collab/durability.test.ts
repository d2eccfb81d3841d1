// Durability of live documents against a real server process: an acknowledged update survives
// kill -9 (the server stores each update before it applies and acknowledges it). The benchmark
// (tests/bench/collab.bench.ts) runs the same kill round 100 times.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { killRound } from "./support/durability";
import { startFixture, type CollabFixture } from "./support/fixture";

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
