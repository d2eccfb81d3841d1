import { describe, expect, it } from "vitest";
import { compareRanks, initialRanks, rankFor, type Ranked } from "../../app/modules/boards/ranks";
import { amsterdamDate, dueReminderAt, isOverdue } from "../../app/modules/boards/due-dates";
import { jobRetryDelayMs, MAX_JOB_ATTEMPTS } from "../../workflows/scheduler";

const list = (...ids: string[]): Ranked[] => {
  const ranks = initialRanks(ids.length);
  return ids.map((id, i) => ({ id, rank: ranks[i]! }));
};
const order = (items: Ranked[]) => [...items].sort((a, b) => compareRanks(a.rank, b.rank)).map((i) => i.id);

describe("rankFor", () => {
  const abc = list("a", "b", "c");

  it("appends at the end of a list, or starts an empty one", () => {
    expect(order([...abc, { id: "x", rank: rankFor(abc) }])).toEqual(["a", "b", "c", "x"]);
    expect(typeof rankFor([])).toBe("string");
  });

  it("places directly after or directly before a neighbour", () => {
    expect(order([...abc, { id: "x", rank: rankFor(abc, { afterId: "a" }) }])).toEqual(["a", "x", "b", "c"]);
    expect(order([...abc, { id: "x", rank: rankFor(abc, { afterId: "c" }) }])).toEqual(["a", "b", "c", "x"]);
    expect(order([...abc, { id: "x", rank: rankFor(abc, { beforeId: "a" }) }])).toEqual(["x", "a", "b", "c"]);
    expect(order([...abc, { id: "x", rank: rankFor(abc, { beforeId: "c" }) }])).toEqual(["a", "b", "x", "c"]);
  });

  it("prefers afterId and falls back to the end for a neighbour that left the list", () => {
    expect(order([...abc, { id: "x", rank: rankFor(abc, { afterId: "b", beforeId: "a" }) }])).toEqual(["a", "b", "x", "c"]);
    expect(order([...abc, { id: "x", rank: rankFor(abc, { afterId: "gone" }) }])).toEqual(["a", "b", "c", "x"]);
  });

  it("does not depend on the order siblings are given in", () => {
    const shuffled = [abc[2]!, abc[0]!, abc[1]!];
    expect(rankFor(shuffled, { afterId: "a" })).toBe(rankFor(abc, { afterId: "a" }));
  });

  it("keeps ranks unique and ordered under many inserts at the same spot", () => {
    let items = list("a", "b");
    for (let n = 0; n < 200; n++) items = [...items, { id: `x${n}`, rank: rankFor(items, { afterId: "a" }) }];
    const ranks = items.map((i) => i.rank);
    expect(new Set(ranks).size).toBe(ranks.length);
    expect(order(items)[0]).toBe("a");
    expect(order(items).at(-1)).toBe("b");
    expect(order(items)[1]).toBe("x199");
  });

  it("orders by byte value, like the database's C collation", () => {
    expect(compareRanks("a0", "Zz")).toBe(1);
    expect(compareRanks("A", "a")).toBe(-1);
  });
});

describe("due dates (Amsterdam time)", () => {
  it("knows the Amsterdam calendar day around midnight UTC", () => {
    expect(amsterdamDate(new Date("2026-01-15T23:30:00Z"))).toBe("2026-01-16");
    expect(amsterdamDate(new Date("2026-07-15T21:59:00Z"))).toBe("2026-07-15");
    expect(amsterdamDate(new Date("2026-07-15T22:00:00Z"))).toBe("2026-07-16");
  });

  it("is overdue only from the day after the due date", () => {
    const now = new Date("2026-03-10T10:00:00Z");
    expect(isOverdue("2026-03-09", now)).toBe(true);
    expect(isOverdue("2026-03-10", now)).toBe(false);
    expect(isOverdue(null, now)).toBe(false);
  });

  it("sends the reminder at 08:00 Amsterdam time the morning after, in winter and summer", () => {
    expect(dueReminderAt("2026-01-15").toISOString()).toBe("2026-01-16T07:00:00.000Z");
    expect(dueReminderAt("2026-07-15").toISOString()).toBe("2026-07-16T06:00:00.000Z");
    // The night the clocks go forward (29 March 2026) and month ends.
    expect(dueReminderAt("2026-03-28").toISOString()).toBe("2026-03-29T06:00:00.000Z");
    expect(dueReminderAt("2026-12-31").toISOString()).toBe("2027-01-01T07:00:00.000Z");
  });
});

describe("job retries", () => {
  it("backs off from one minute, capped at one hour, for a bounded number of attempts", () => {
    expect(jobRetryDelayMs(1)).toBe(60_000);
    expect(jobRetryDelayMs(2)).toBe(120_000);
    expect(jobRetryDelayMs(30)).toBe(3_600_000);
    expect(MAX_JOB_ATTEMPTS).toBeGreaterThan(1);
  });
});
