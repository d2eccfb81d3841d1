import { describe, expect, it } from "vitest";
import { signalIn } from "../../app/modules/documents/editor/use-collab-session";

describe("signals from the collaboration server", () => {
  it("reads the server's own signal", () => {
    expect(signalIn(JSON.stringify({ koers: "comments" }))).toBe("comments");
  });
  it("ignores anything else a stateless message may carry", () => {
    expect(signalIn("comments")).toBeNull();
    expect(signalIn(JSON.stringify({ other: "comments" }))).toBeNull();
    expect(signalIn(JSON.stringify({ koers: 3 }))).toBeNull();
    expect(signalIn("null")).toBeNull();
  });
});
