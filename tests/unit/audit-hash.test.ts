import { describe, expect, it } from "vitest";
import { auditHash, canonicalJson, GENESIS_HASH, type HashedFields } from "../../app/modules/audit/audit-hash";

const event: HashedFields = {
  id: "e1",
  municipalityId: null,
  actorUserId: "u1",
  actorLabel: "a@b.test",
  action: "account.sign_in",
  objectType: "user",
  objectId: "u1",
  result: "success",
  origin: "127.0.0.1",
  details: { b: 1, a: [2, { z: true, y: null }] },
  occurredAt: new Date("2026-01-02T03:04:05.678Z"),
};

describe("canonicalJson", () => {
  it("sorts object keys at every depth and keeps array order", () => {
    expect(canonicalJson({ b: 1, a: { d: [3, 1], c: "x" } })).toBe('{"a":{"c":"x","d":[3,1]},"b":1}');
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
  });

  it("drops undefined properties, writes null for undefined values and dates as ISO strings", () => {
    expect(canonicalJson({ a: undefined, b: null })).toBe('{"b":null}');
    expect(canonicalJson(undefined)).toBe("null");
    expect(canonicalJson(new Date("2026-01-01T00:00:00Z"))).toBe('"2026-01-01T00:00:00.000Z"');
    expect(canonicalJson(["x", 1, false])).toBe('["x",1,false]');
  });

  it("escapes strings like JSON", () => {
    expect(canonicalJson({ 'k"': 'v\n"' })).toBe('{"k\\"":"v\\n\\""}');
  });
});

describe("auditHash", () => {
  it("is a stable SHA-256 hex digest", () => {
    const hash = auditHash(GENESIS_HASH, event);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(auditHash(GENESIS_HASH, { ...event })).toBe(hash);
    expect(GENESIS_HASH).toBe("0".repeat(64));
  });

  it("does not depend on key order in details (jsonb reorders keys)", () => {
    expect(auditHash(GENESIS_HASH, { ...event, details: { a: [2, { y: null, z: true }], b: 1 } })).toBe(auditHash(GENESIS_HASH, event));
  });

  it("changes when any field, the time or the previous hash changes", () => {
    const base = auditHash(GENESIS_HASH, event);
    expect(auditHash("1".repeat(64), event)).not.toBe(base);
    expect(auditHash(GENESIS_HASH, { ...event, result: "failure" })).not.toBe(base);
    expect(auditHash(GENESIS_HASH, { ...event, details: { b: 2, a: [2, { z: true, y: null }] } })).not.toBe(base);
    expect(auditHash(GENESIS_HASH, { ...event, occurredAt: new Date(event.occurredAt.getTime() + 1) })).not.toBe(base);
    expect(auditHash(GENESIS_HASH, { ...event, municipalityId: "m1" })).not.toBe(base);
  });
});
