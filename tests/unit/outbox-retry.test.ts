import { describe, expect, it } from "vitest";
import { MAX_ATTEMPTS, retryDelayMs } from "../../emails/outbox.server";

describe("retryDelayMs", () => {
  it("doubles from 30 s after each failed attempt", () => {
    expect(retryDelayMs(1)).toBe(30_000);
    expect(retryDelayMs(2)).toBe(60_000);
    expect(retryDelayMs(3)).toBe(120_000);
    expect(retryDelayMs(7)).toBe(30_000 * 64);
  });

  it("never goes below 30 s or above one hour", () => {
    expect(retryDelayMs(0)).toBe(30_000);
    expect(retryDelayMs(-3)).toBe(30_000);
    expect(retryDelayMs(8)).toBe(3_600_000);
    expect(retryDelayMs(50)).toBe(3_600_000);
  });

  it("gives up after a bounded number of attempts", () => {
    expect(MAX_ATTEMPTS).toBeGreaterThan(1);
    let total = 0;
    for (let n = 1; n < MAX_ATTEMPTS; n++) total += retryDelayMs(n);
    expect(total).toBeLessThan(24 * 3_600_000);
  });
});
