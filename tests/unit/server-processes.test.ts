import { describe, expect, it } from "vitest";
import { processPlan } from "../../app/server-processes.server";

const several = { NODE_ENV: "production", DATABASE_URL: "postgres://x/y", REDIS_URL: "redis://127.0.0.1:6379" };

describe("processPlan", () => {
  it("is one process unless asked, whatever else is set", () => {
    expect(processPlan({})).toEqual({ ok: true, processes: 1 });
    expect(processPlan({ KOERS_PROCESSES: "" })).toEqual({ ok: true, processes: 1 });
    expect(processPlan({ KOERS_PROCESSES: "1" })).toEqual({ ok: true, processes: 1 });
    expect(processPlan({ KOERS_PROCESSES: "auto" }, 1)).toEqual({ ok: true, processes: 1 });
  });

  it("gives the number asked, or one per CPU for auto, with PostgreSQL and Redis in production", () => {
    expect(processPlan({ ...several, KOERS_PROCESSES: "3" })).toEqual({ ok: true, processes: 3 });
    expect(processPlan({ ...several, KOERS_PROCESSES: " 2 " })).toEqual({ ok: true, processes: 2 });
    expect(processPlan({ ...several, KOERS_PROCESSES: "auto" }, 4)).toEqual({ ok: true, processes: 4 });
  });

  it("refuses what cannot work, saying why", () => {
    for (const bad of ["0", "-1", "1.5", "two", "65"]) {
      const plan = processPlan({ ...several, KOERS_PROCESSES: bad });
      expect(plan.ok).toBe(false);
      if (!plan.ok) expect(plan.error).toContain("from 1 to 64");
    }
    const pglite = processPlan({ ...several, DATABASE_URL: undefined, KOERS_PROCESSES: "2" });
    expect(pglite).toEqual({ ok: false, error: expect.stringContaining("PGlite") });
    const noRedis = processPlan({ ...several, REDIS_URL: undefined, KOERS_PROCESSES: "2" });
    expect(noRedis).toEqual({ ok: false, error: expect.stringContaining("REDIS_URL") });
    const dev = processPlan({ ...several, NODE_ENV: "development", KOERS_PROCESSES: "2" });
    expect(dev).toEqual({ ok: false, error: expect.stringContaining("NODE_ENV=production") });
  });
});
