// Live documents against a real server process (tests/collab/support/harness.ts): two editors
// converge; the websocket refuses whoever may not read; read-only connections (viewers, approved
// documents) cannot change anything; malformed and oversized input is refused without harming
// the document. Real better-auth session cookies, the app's Origin header, the real provider.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as encoding from "lib0/encoding";
import * as Y from "yjs";
import { MessageType, openProvider, RawClient, waitUntil, type Identity } from "./support/clients";
import { startFixture, type CollabFixture } from "./support/fixture";
import { inspectDocuments, sleep } from "./support/harness";

let f: CollabFixture;
/** What each document must hold in the database at the end (checked once, server stopped). */
const expectedInDatabase = new Map<string, { xml: string; text: string }>();
beforeAll(async () => {
  f = await startFixture("live");
});
afterAll(async () => {
  await f?.teardown();
});

const body = (doc: Y.Doc) => doc.getXmlFragment("default");

function addParagraph(doc: Y.Doc, text: string, at?: number) {
  const p = new Y.XmlElement("paragraph");
  p.insert(0, [new Y.XmlText(text)]);
  const fragment = body(doc);
  fragment.insert(at ?? fragment.length, [p]);
}

/** Reads a document through a fresh connection (what the next person to open it sees). */
async function readBack(documentId: string, identity: Identity = f.as(f.seed.users.ownerA)): Promise<{ xml: string; text: string }> {
  const reader = await RawClient.connect(f.server.wsUrl, documentId, identity);
  try {
    await reader.handshake();
    return { xml: body(reader.doc).toString(), text: reader.text() };
  } finally {
    reader.close();
  }
}

async function expectRefused(documentId: string, identity: Identity): Promise<string> {
  const client = await RawClient.connect(f.server.wsUrl, documentId, identity);
  try {
    await expect(client.handshake(5_000)).rejects.toThrow(/denied/);
    // Give the server a moment: nothing of the document may follow the refusal.
    await sleep(150);
    expect(client.receivedContent).toBe(false);
    expect(client.scope).toBeUndefined();
    return client.deniedReason ?? "";
  } finally {
    client.close();
  }
}

describe("two editors", () => {
  it("type into one document at the same time and converge; the result is stored", async () => {
    const documentId = f.freshDocument();
    const a = await openProvider(f.server.wsUrl, documentId, f.as(f.seed.users.leadA));
    const b = await openProvider(f.server.wsUrl, documentId, f.as(f.seed.users.staffA));
    try {
      expect(a.scope).toBe("read-write");
      expect(b.scope).toBe("read-write");
      // Interleaved edits from both sides, some at the same spot (true conflicts).
      for (let i = 0; i < 25; i++) {
        addParagraph(a.doc, `A${i}`, 0);
        addParagraph(b.doc, `B${i}`, 0);
        a.doc.getText("text").insert(0, "a");
        b.doc.getText("text").insert(0, "b");
        if (i % 5 === 0) await sleep(5);
      }
      const same = () => Buffer.from(Y.encodeStateVector(a.doc)).equals(Buffer.from(Y.encodeStateVector(b.doc))) && body(a.doc).toString() === body(b.doc).toString();
      await waitUntil(() => same() && a.provider.unsyncedChanges === 0 && b.provider.unsyncedChanges === 0, 15_000, "both editors to converge and be acknowledged");
      expect(body(a.doc).length).toBe(50);
      expect(a.doc.getText("text").length).toBe(50);
      for (let i = 0; i < 25; i++) expect(body(a.doc).toString()).toContain(`<paragraph>B${i}</paragraph>`);
      // What the next person sees after everyone left equals what the two editors ended with.
      const expected = body(a.doc).toString();
      const expectedText = a.doc.getText("text").toString();
      a.destroy();
      b.destroy();
      expect(await readBack(documentId)).toEqual({ xml: expected, text: expectedText });
      expectedInDatabase.set(documentId, { xml: expected, text: expectedText });
    } finally {
      a.destroy();
      b.destroy();
    }
  });
});

describe("reopening", () => {
  it("shows the whole document when it is opened again while its closing compaction runs", async () => {
    // Everyone leaves → the server unloads the document and folds its log; someone opens it at once.
    const documentId = f.freshDocument();
    const identity = f.as(f.seed.users.staffA);
    let expected = "";
    for (let round = 0; round < 12; round++) {
      const writer = await RawClient.connect(f.server.wsUrl, documentId, identity);
      await writer.handshake();
      expect(writer.text(), `round ${round}: what the writer loaded`).toBe(expected);
      for (let i = 0; i < 20 + round * 10; i++) writer.type(`${round}.${i};`);
      await writer.settled();
      expected = writer.text();
      writer.close();
    }
    expectedInDatabase.set(documentId, { xml: "", text: expected });
  });
});

describe("websocket access", () => {
  it("refuses no cookie, forged cookies, another municipality's member, unknown documents and a foreign Origin", async () => {
    const documentId = f.freshDocument();
    const origin = new URL(f.baseUrl).origin;
    const lead = f.seed.users.leadA;
    expect(await expectRefused(documentId, { origin })).toBe("Not signed in");
    expect(await expectRefused(documentId, { cookie: "koers.session_token=forged-token.forged-signature", origin })).toBe("Not signed in");
    // A real session token with a signature made without the server's secret.
    const [token] = decodeURIComponent(lead.cookie.split("=")[1]!).split(".");
    expect(await expectRefused(documentId, { cookie: `koers.session_token=${encodeURIComponent(`${token}.${Buffer.from("not the signature").toString("base64")}`)}`, origin })).toBe("Not signed in");
    // Signed in, but a member of another municipality: the document does not exist for them.
    expect(await expectRefused(documentId, f.as(f.seed.users.leadB))).toBe("No such document");
    expect(await expectRefused(crypto.randomUUID(), f.as(lead))).toBe("No such document");
    expect(await expectRefused("../../etc/passwd", f.as(lead))).toBe("No such document");

    // Cross-site websocket hijacking: a page on another site carries the cookie but not our Origin.
    await expect(RawClient.connect(f.server.wsUrl, documentId, { cookie: lead.cookie, origin: "https://evil.example" })).rejects.toMatchObject({ statusCode: 403 });
    await expect(RawClient.connect(f.server.wsUrl, documentId, { cookie: lead.cookie, origin: `http://127.0.0.1:${f.server.options.port}` })).rejects.toMatchObject({ statusCode: 403 });

    // Controls: the same cookies do work where their owner is a member.
    const own = await RawClient.connect(f.server.wsUrl, f.seed.otherMunicipalityDocument, f.as(f.seed.users.leadB));
    await own.handshake();
    expect(own.scope).toBe("read-write");
    own.close();
    const lead2 = await RawClient.connect(f.server.wsUrl, documentId, f.as(lead));
    await lead2.handshake();
    expect(lead2.scope).toBe("read-write");
    lead2.close();
  });

  it("gives a viewer a read-only connection: it reads, but its edits are neither stored nor passed on", async () => {
    const documentId = f.freshDocument();
    const editor = await openProvider(f.server.wsUrl, documentId, f.as(f.seed.users.leadA));
    const viewer = await RawClient.connect(f.server.wsUrl, documentId, f.as(f.seed.users.viewerA));
    try {
      addParagraph(editor.doc, "Visie van de gemeente");
      await waitUntil(() => editor.provider.unsyncedChanges === 0, 5_000, "the editor's edit to be acknowledged");
      await viewer.handshake();
      expect(viewer.scope).toBe("readonly");
      expect(body(viewer.doc).toString()).toContain("Visie van de gemeente");

      addParagraph(viewer.doc, "VIEWER WAS HERE");
      viewer.type("VIEWER TEXT");
      await viewer.settled(5_000);
      expect(viewer.refused).toBe(2);
      expect(viewer.acked).toBe(0);
      expect(viewer.closed).toBeNull();

      // Still a reader: the editor's next edit reaches the viewer; the viewer's never reached the editor.
      addParagraph(editor.doc, "Tweede alinea");
      await viewer.waitFor(() => body(viewer.doc).toString().includes("Tweede alinea"), 5_000, "the editor's edit at the viewer");
      expect(body(editor.doc).toString()).not.toContain("VIEWER");
      expect(editor.doc.getText("text").toString()).toBe("");
      const stored = await readBack(documentId);
      expect(stored.xml).toContain("Tweede alinea");
      expect(stored.xml).not.toContain("VIEWER");
      expect(stored.text).toBe("");
      expectedInDatabase.set(documentId, stored);

      // The real provider gets the same read-only scope.
      const viewerProvider = await openProvider(f.server.wsUrl, documentId, f.as(f.seed.users.viewerA));
      expect(viewerProvider.scope).toBe("readonly");
      viewerProvider.destroy();
    } finally {
      editor.destroy();
      viewer.close();
    }
  });

  it("makes an approved document read-only even for the programme lead", async () => {
    const documentId = f.seed.approvedDocument;
    const lead = await RawClient.connect(f.server.wsUrl, documentId, f.as(f.seed.users.leadA));
    const staff = await RawClient.connect(f.server.wsUrl, documentId, f.as(f.seed.users.staffA));
    try {
      await lead.handshake();
      await staff.handshake();
      expect(lead.scope).toBe("readonly");
      expect(staff.scope).toBe("readonly");
      addParagraph(lead.doc, "CHANGED AFTER APPROVAL");
      await lead.settled(5_000);
      expect(lead.refused).toBe(1);
      await sleep(200);
      expect(body(staff.doc).toString()).not.toContain("CHANGED");
      const stored = await readBack(documentId);
      expect(stored.xml).not.toContain("CHANGED");
      expectedInDatabase.set(documentId, stored);
    } finally {
      lead.close();
      staff.close();
    }
  });
});

// Needs a database the test can write to while the server runs (PGlite is one process per dir).
describe.skipIf(!process.env.TEST_DATABASE_URL)("approval by another process", () => {
  it("turns an open editor read-only within seconds; its later edits are refused and not stored", async () => {
    const documentId = f.freshDocument();
    const writer = await RawClient.connect(f.server.wsUrl, documentId, f.as(f.seed.users.staffA));
    try {
      await writer.handshake();
      writer.type("voor;");
      await writer.settled();
      expect(writer.acked).toBe(1);
      // As approveDocument does in another app process: this process only sees the database.
      const client = new pg.Client({ connectionString: f.database.env.DATABASE_URL });
      await client.connect();
      await client.query("update document set status = 'approved', approved_at = now() where id = $1", [documentId]);
      await client.end();
      await sleep(2_500); // the server re-checks writability at most every 2 s
      writer.type("na;");
      await writer.documentClosed(5_000);
      expect(writer.closeReasons.join()).toMatch(/read-only/);
      expect(writer.acked).toBe(1);
      writer.close();
      const stored = await readBack(documentId);
      expect(stored.text).toBe("voor;");
      expectedInDatabase.set(documentId, stored);
    } finally {
      writer.close();
    }
  });
});

describe("bad input", () => {
  /** An editor types, the attack happens, then: the editor still works, and the stored document loads. */
  async function attackAndCheck(attack: (attacker: RawClient) => Promise<void>, expectClosed: (attacker: RawClient) => void) {
    const documentId = f.freshDocument();
    const editor = await openProvider(f.server.wsUrl, documentId, f.as(f.seed.users.leadA));
    const attacker = await RawClient.connect(f.server.wsUrl, documentId, f.as(f.seed.users.staffA));
    try {
      addParagraph(editor.doc, "voor de aanval");
      await waitUntil(() => editor.provider.unsyncedChanges === 0, 5_000, "the edit before the attack");
      await attacker.handshake();
      await attack(attacker);
      await attacker.documentClosed(10_000);
      expectClosed(attacker);
      // Whatever the attacker sends next on this socket is not applied either.
      const before = attacker.acked;
      attacker.type("after the refusal");
      await sleep(300);
      expect(attacker.acked).toBe(before);

      addParagraph(editor.doc, "na de aanval");
      await waitUntil(() => editor.provider.unsyncedChanges === 0, 5_000, "the edit after the attack");
      const expected = body(editor.doc).toString();
      expect(expected).toBe("<paragraph>voor de aanval</paragraph><paragraph>na de aanval</paragraph>");
      expect((await readBack(documentId)).xml).toBe(expected);
      editor.destroy();
      attacker.close();
      // The document is unloaded now (nobody has it open): loading it again from the database works.
      await sleep(100);
      const reloaded = await readBack(documentId);
      expect(reloaded.xml).toBe(expected);
      expect(reloaded.text).toBe("");
      expectedInDatabase.set(documentId, reloaded);
      return documentId;
    } finally {
      editor.destroy();
      attacker.close();
    }
  }

  it("refuses an update larger than 4 MiB and closes that connection", async () => {
    await attackAndCheck(
      async (attacker) => {
        attacker.type("x".repeat(4 * 1024 * 1024 + 100));
      },
      (attacker) => expect(attacker.closeReasons.join() + JSON.stringify(attacker.closed)).toMatch(/Update too large|1009/),
    );
  });

  it("closes the socket on a frame larger than the websocket limit", async () => {
    await attackAndCheck(
      async (attacker) => {
        attacker.type("y".repeat(9 * 1024 * 1024));
      },
      (attacker) => expect(attacker.closed?.code).toBe(1009),
    );
  });

  it("refuses a truncated message and an undecodable update", async () => {
    await attackAndCheck(
      async (attacker) => {
        // Claims a 100-byte update but carries 3 bytes.
        attacker.sendRaw(
          attacker.message(MessageType.Sync, (e) => {
            encoding.writeVarUint(e, 2);
            encoding.writeVarUint(e, 100);
            encoding.writeUint8(e, 1);
            encoding.writeUint8(e, 2);
            encoding.writeUint8(e, 3);
          }),
        );
      },
      (attacker) => expect(attacker.closeReasons).toContain("Malformed message"),
    );
    await attackAndCheck(
      async (attacker) => {
        attacker.sendRaw(attacker.updateMessage(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01])));
      },
      (attacker) => expect(attacker.closeReasons).toContain("Malformed message"),
    );
  });

  it("refuses an update that decodes but cannot be applied, and never stores it", async () => {
    // One item whose left origin is the item itself: Y.decodeUpdate accepts it, Y.applyUpdate throws.
    // Stored, it would make the document impossible to load (and to compact) ever after.
    const poison = (client: number) => {
      const e = encoding.createEncoder();
      encoding.writeVarUint(e, 1); // one client
      encoding.writeVarUint(e, 1); // one struct
      encoding.writeVarUint(e, client);
      encoding.writeVarUint(e, 0); // clock
      encoding.writeUint8(e, 0x80 | 4); // has origin; string content
      encoding.writeVarUint(e, client); // origin = (client, 0): itself
      encoding.writeVarUint(e, 0);
      encoding.writeVarString(e, "boom");
      encoding.writeVarUint(e, 0); // empty delete set
      return encoding.toUint8Array(e);
    };
    expect(Y.decodeUpdate(poison(4242)).structs).toHaveLength(1);
    expect(() => Y.applyUpdate(new Y.Doc(), poison(4242))).toThrow();

    await attackAndCheck(
      async (attacker) => {
        attacker.sendUpdate(poison(4242));
      },
      (attacker) => {
        expect(attacker.closeReasons).toContain("Malformed message");
        expect(attacker.acked).toBe(0);
      },
    );
  });
});

// Last in this file: it stops the server.
describe("the database", () => {
  it("holds exactly what the clients saw, and every document loads and compacts", async () => {
    expect(expectedInDatabase.size).toBeGreaterThanOrEqual(8);
    // SIGTERM folds every open log into its state; the inspector then rebuilds each document from the rows.
    await f.server.stop();
    const stored = await inspectDocuments(f.database, [...expectedInDatabase.keys()]);
    for (const [documentId, expected] of expectedInDatabase) {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, Buffer.from(stored[documentId]!.state, "base64"));
      expect({ xml: body(doc).toString(), text: doc.getText("text").toString() }, documentId).toEqual(expected);
      expect(stored[documentId]!.unmerged, documentId).toBe(0);
    }
  });
});
