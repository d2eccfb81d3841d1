import { beforeEach, describe, expect, it } from "vitest";
import { asc, eq } from "drizzle-orm";
import { db } from "../../app/db.server";
import { recordAudit, recordAuditNow, verifyAuditChain, type AuditInput } from "../../app/modules/audit/audit.server";
import { auditEvent } from "../../db/schema/index";
import { auditHash } from "../../app/modules/audit/audit-hash";
import { useTestDatabase } from "./support/db";

useTestDatabase();

const event = (n: number, extra: Partial<AuditInput> = {}): AuditInput => ({
  municipalityId: n % 2 ? "m-1" : null,
  actor: { userId: `u-${n}`, label: `User ${n} <u${n}@example.test>` },
  action: `test.action_${n}`,
  objectType: "thing",
  objectId: `t-${n}`,
  origin: "127.0.0.1",
  details: { n, nested: { b: "x", a: [1, 2, { z: null }] } },
  ...extra,
});

async function seqs(): Promise<number[]> {
  const rows = await db().select({ seq: auditEvent.seq }).from(auditEvent).orderBy(asc(auditEvent.seq));
  return rows.map((r) => r.seq);
}

async function seedChain(count: number): Promise<number[]> {
  for (let i = 1; i <= count; i++) await recordAuditNow(db(), event(i));
  return seqs();
}

beforeEach(async () => {
  await db().delete(auditEvent);
});

describe("audit chain", () => {
  it("is intact after several events, across batches", async () => {
    expect(await verifyAuditChain(db())).toEqual({ ok: true, checked: 0 });
    await seedChain(7);
    await db().transaction(async (tx) => {
      await recordAudit(tx, event(8, { result: "failure", details: { when: new Date("2026-03-01T10:00:00Z"), text: "é ✓ \"quoted\"", ratio: 0.5 } }));
      await recordAudit(tx, event(9, { details: null, objectId: null, origin: null, actor: { userId: null, label: "system" } }));
    });
    expect(await verifyAuditChain(db())).toEqual({ ok: true, checked: 9 });
    expect(await verifyAuditChain(db(), 2)).toEqual({ ok: true, checked: 9 });

    const rows = await db().select().from(auditEvent).orderBy(asc(auditEvent.seq));
    expect(rows[0]!.prevHash).toBe("0".repeat(64));
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prevHash).toBe(rows[i - 1]!.hash);
  });

  it("keeps no forks when events are written concurrently", async () => {
    await Promise.all(Array.from({ length: 12 }, (_, i) => recordAuditNow(db(), event(i + 1))));
    expect(await verifyAuditChain(db())).toEqual({ ok: true, checked: 12 });
  });

  it("leaves no event behind when the change it records rolls back", async () => {
    await seedChain(2);
    await expect(
      db().transaction(async (tx) => {
        await recordAudit(tx, event(3));
        throw new Error("rollback");
      }),
    ).rejects.toThrow("rollback");
    await recordAuditNow(db(), event(4));
    expect(await verifyAuditChain(db())).toEqual({ ok: true, checked: 3 });
  });

  it("breaks at the changed row when a row's details are edited", async () => {
    const s = await seedChain(5);
    await db().update(auditEvent).set({ details: { n: 3, nested: { b: "tampered" } } }).where(eq(auditEvent.seq, s[2]!));
    expect(await verifyAuditChain(db())).toEqual({ ok: false, checked: 2, brokenAt: { seq: s[2], reason: "hash-mismatch" } });
  });

  it("breaks at the changed row when another field is edited", async () => {
    const s = await seedChain(4);
    await db().update(auditEvent).set({ result: "denied" }).where(eq(auditEvent.seq, s[1]!));
    expect(await verifyAuditChain(db())).toMatchObject({ ok: false, brokenAt: { seq: s[1], reason: "hash-mismatch" } });
  });

  it("breaks after a deleted middle row, at the row that followed it", async () => {
    const s = await seedChain(5);
    await db().delete(auditEvent).where(eq(auditEvent.seq, s[2]!));
    expect(await verifyAuditChain(db())).toEqual({ ok: false, checked: 2, brokenAt: { seq: s[3], reason: "link-mismatch" } });
  });

  it("breaks where two rows were swapped", async () => {
    const s = await seedChain(5);
    const [a, b] = [s[1]!, s[2]!];
    await db().transaction(async (tx) => {
      await tx.update(auditEvent).set({ seq: -1 }).where(eq(auditEvent.seq, a));
      await tx.update(auditEvent).set({ seq: a }).where(eq(auditEvent.seq, b));
      await tx.update(auditEvent).set({ seq: b }).where(eq(auditEvent.seq, -1));
    });
    expect(await verifyAuditChain(db())).toEqual({ ok: false, checked: 1, brokenAt: { seq: a, reason: "link-mismatch" } });
  });

  it("breaks at the successor when a row is edited and its own hash recomputed", async () => {
    const s = await seedChain(4);
    const [original] = await db().select().from(auditEvent).where(eq(auditEvent.seq, s[1]!));
    const { seq: _seq, prevHash, hash: _hash, ...fields } = original!;
    const forged = { ...fields, actorLabel: "Someone else" };
    await db().update(auditEvent).set({ actorLabel: forged.actorLabel, hash: auditHash(prevHash, forged) }).where(eq(auditEvent.seq, s[1]!));
    expect(await verifyAuditChain(db())).toEqual({ ok: false, checked: 2, brokenAt: { seq: s[2], reason: "link-mismatch" } });
  });

  it("does not store secrets in details", async () => {
    await recordAuditNow(
      db(),
      event(1, {
        details: {
          reason: "ok", password: "p", newPassword: "p2", token: "t", resetToken: "t2", code: "123456", backupCodes: ["a"], secret: "s", otp: "1", Password: "P",
          before: { name: "x", apiToken: "nested-secret" },
          list: [{ clientSecret: "in-array", keep: 1 }],
        },
      }),
    );
    const [row] = await db().select().from(auditEvent);
    expect(row!.details).toEqual({ reason: "ok", before: { name: "x" }, list: [{ keep: 1 }] });
    expect(JSON.stringify(row)).not.toMatch(/nested-secret|in-array/);
    expect(JSON.stringify(row)).not.toMatch(/123456|"p2"|"t2"/);
    expect(await verifyAuditChain(db())).toEqual({ ok: true, checked: 1 });
  });
});
