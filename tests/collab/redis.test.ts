// Two app processes serve one document through Redis (REDIS_URL): editors connected to different
// processes converge, each update is stored once, and a reader on either process sees everything.
// Needs PostgreSQL too (TEST_DATABASE_URL): PGlite is one process per data dir. Skips otherwise.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { openProvider, RawClient, waitUntil } from "./support/clients";
import { startFixture, type CollabFixture } from "./support/fixture";
import { CollabServerProcess, freePort, inspectDocuments, sleep } from "./support/harness";

const redisUrl = process.env.REDIS_URL;
const enabled = Boolean(redisUrl && process.env.TEST_DATABASE_URL);

describe.skipIf(!enabled)("two server processes with Redis", () => {
  let f: CollabFixture;
  let second: CollabServerProcess;
  beforeAll(async () => {
    f = await startFixture("redis", { redisUrl });
    // Same database, same Redis, same public origin (behind one load balancer), another port.
    second = new CollabServerProcess({ database: f.database, port: await freePort(), baseUrl: f.baseUrl, redisUrl });
    await second.start();
  });
  afterAll(async () => {
    await second?.stop();
    await f?.teardown();
  });

  it("lets editors on different processes converge, and stores every update once", async () => {
    const documentId = f.freshDocument();
    const a = await openProvider(f.server.wsUrl, documentId, f.as(f.seed.users.leadA));
    const b = await openProvider(second.wsUrl, documentId, f.as(f.seed.users.staffA));
    try {
      for (let i = 0; i < 30; i++) {
        a.doc.getText("text").insert(0, `a${i};`);
        b.doc.getText("text").insert(0, `b${i};`);
        if (i % 3 === 0) await sleep(10);
      }
      const text = (doc: Y.Doc) => doc.getText("text").toString();
      await waitUntil(() => countTokens(text(a.doc)) === 60 && text(a.doc) === text(b.doc) && a.provider.unsyncedChanges === 0 && b.provider.unsyncedChanges === 0, 20_000, "the two processes to converge");
      for (let i = 0; i < 30; i++) {
        expect(text(a.doc)).toContain(`a${i};`);
        expect(text(a.doc)).toContain(`b${i};`);
      }
      // Each process stored only its own clients' updates: one row per edit, none twice.
      const client = new pg.Client({ connectionString: f.database.env.DATABASE_URL });
      await client.connect();
      const { rows } = await client.query<{ n: string }>("select count(*) as n from document_update where document_id = $1", [documentId]);
      await client.end();
      expect(Number(rows[0]!.n)).toBe(60);
      // A reader on each process sees the same text.
      const expected = text(a.doc);
      for (const server of [f.server, second]) {
        const reader = await RawClient.connect(server.wsUrl, documentId, f.as(f.seed.users.ownerA));
        await reader.handshake();
        expect(reader.text()).toBe(expected);
        reader.close();
      }
      a.destroy();
      b.destroy();
      // Both processes write to the one database: the stored document is the converged one.
      const stored = (await inspectDocuments(f.database, [documentId]))[documentId]!;
      const doc = new Y.Doc();
      Y.applyUpdate(doc, Buffer.from(stored.state, "base64"));
      expect(doc.getText("text").toString()).toBe(expected);
    } finally {
      a.destroy();
      b.destroy();
    }
  });

  it("keeps serving the document on one process when the other is killed", async () => {
    const documentId = f.freshDocument();
    const a = await openProvider(f.server.wsUrl, documentId, f.as(f.seed.users.leadA));
    const b = await openProvider(second.wsUrl, documentId, f.as(f.seed.users.staffA));
    try {
      a.doc.getText("text").insert(0, "before;");
      await waitUntil(() => b.doc.getText("text").toString() === "before;", 10_000, "the first edit on the other process");
      await second.kill9();
      a.doc.getText("text").insert(7, "after;");
      await waitUntil(() => a.provider.unsyncedChanges === 0, 10_000, "the edit after the kill to be acknowledged");
      await second.start();
      const reader = await RawClient.connect(second.wsUrl, documentId, f.as(f.seed.users.ownerA));
      await reader.handshake();
      expect(reader.text()).toBe("before;after;");
      reader.close();
    } finally {
      a.destroy();
      b.destroy();
    }
  });
});

function countTokens(text: string): number {
  return text.split(";").filter(Boolean).length;
}
