// Live boards: committed board changes reach listeners of the same municipality and phase only,
// within one process and (with REDIS_URL) across processes through Redis; the SSE route is scoped
// to members of the municipality.
import type { AppLoadContext } from "@remix-run/node";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "../../app/db.server";
import type { Member } from "../../app/modules/auth/guards.server";
import { addComment, assignTask, createTask, ensureBoardsFor, loadBoard, moveTask, renameColumn, toggleChecklistItem, addChecklistItem } from "../../app/modules/boards/boards.server";
import { boardPublisher, closeBoardLive, createBoardPublisher, subscribeBoard, type BoardChange, type BoardPublisher } from "../../app/modules/boards/live.server";
import { loader as liveLoader } from "../../app/routes/municipality/board-live";
import { placeMoved } from "../../app/modules/boards/components/board-dnd";
import { useTestDatabase } from "./support/db";
import { createMunicipalityWithLead } from "./support/factories";

useTestDatabase();

const redisUrl = process.env.REDIS_URL;
if (!redisUrl) console.warn("board-live.test.ts: REDIS_URL is not set, so the Redis pub/sub tests are skipped (CI sets REDIS_URL=redis://127.0.0.1:6379).");

/** Collects changes; `next()` waits for the next one (or fails after a timeout). */
function recorder() {
  const changes: BoardChange[] = [];
  let waiting: ((c: BoardChange) => void) | undefined;
  return {
    changes,
    listener: (change: BoardChange) => {
      changes.push(change);
      waiting?.(change);
      waiting = undefined;
    },
    next(timeoutMs = 3000): Promise<BoardChange> {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no board change within ${timeoutMs} ms`)), timeoutMs);
        waiting = (c) => {
          clearTimeout(timer);
          resolve(c);
        };
      });
    },
  };
}

const settle = (ms = 150) => new Promise((resolve) => setTimeout(resolve, ms));

function contextFor(m: Member): AppLoadContext {
  return {
    koers: {
      signedIn: {
        user: { id: m.userId, name: m.userName, email: m.email, emailVerified: true, twoFactorEnabled: false, locale: "nl" },
        session: { id: "test-session", createdAt: new Date(), expiresAt: new Date(Date.now() + 3_600_000), activeOrganizationId: m.municipalityId },
      },
      sessionExpired: false,
      clientIp: "127.0.0.1",
      memberships: new Map(),
    },
  };
}

async function openStream(m: Member, cbsCode: string, phase: number) {
  const controller = new AbortController();
  const request = new Request(`http://localhost/g/${cbsCode}/fase/${phase}/bord/live`, { signal: controller.signal });
  const response = (await liveLoader({ request, context: contextFor(m), params: { code: cbsCode, phase: String(phase) } })) as Response;
  return { response, abort: () => controller.abort() };
}

async function readUntil(reader: ReadableStreamDefaultReader<Uint8Array>, needle: string, timeoutMs = 3000): Promise<string> {
  const decoder = new TextDecoder();
  let text = "";
  const deadline = Date.now() + timeoutMs;
  while (!text.includes(needle)) {
    const left = deadline - Date.now();
    if (left <= 0) throw new Error(`"${needle}" not seen in stream; got ${JSON.stringify(text)}`);
    const chunk = await Promise.race([reader.read(), new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`"${needle}" not seen in stream; got ${JSON.stringify(text)}`)), left))]);
    if (chunk.done) throw new Error(`stream ended before "${needle}"; got ${JSON.stringify(text)}`);
    text += decoder.decode(chunk.value, { stream: true });
  }
  return text;
}

afterAll(async () => {
  await closeBoardLive();
});

describe("live boards in one process", () => {
  let a: Member;
  let b: Member;

  it("tells listeners of the same municipality and phase about each committed change, and no one else", async () => {
    a = await createMunicipalityWithLead("GM0363", "Amsterdam", "lead@amsterdam.test");
    b = await createMunicipalityWithLead("GM0344", "Utrecht", "lead@utrecht.test");
    for (const m of [a, b]) await db().transaction((tx) => ensureBoardsFor(tx, m.municipalityId));
    const viewA = (await loadBoard(a, 1))!;
    const viewB = (await loadBoard(b, 1))!;

    const samePhase = recorder();
    const otherPhase = recorder();
    const otherMunicipality = recorder();
    const unsubscribe = [
      subscribeBoard(a.municipalityId, 1, samePhase.listener),
      subscribeBoard(a.municipalityId, 2, otherPhase.listener),
      subscribeBoard(b.municipalityId, 1, otherMunicipality.listener),
    ];
    try {
      const taskId = viewA.columns[0]!.cards[0]!.id;
      const moved = samePhase.next();
      const outcome = await moveTask(a, taskId, { columnId: viewA.columns[1]!.id });
      expect(outcome).toMatchObject({ ok: true });
      // A move says where the card is now, so open boards can show it there before they reload.
      expect(await moved).toEqual({ kind: "task.moved", taskId, to: { columnId: viewA.columns[1]!.id, rank: (outcome as { rank: string }).rank } });

      // Other commands publish too, each once.
      const created = await createTask(a, 1, { title: "Live" });
      const newId = (created as { taskId: string }).taskId;
      await assignTask(a, newId, a.userId);
      await addComment(a, newId, "Hallo");
      const item = await addChecklistItem(a, newId, "Punt");
      await toggleChecklistItem(a, (item as { itemId: string }).itemId, true);
      await renameColumn(a, viewA.columns[2]!.id, "Ter review");
      await settle(50);
      expect(samePhase.changes.map((c) => c.kind)).toEqual(["task.moved", "task.created", "task.assigned", "task.commented", "task.checklist", "task.checklist", "column.changed"]);

      // Failed or no-op commands publish nothing.
      const before = samePhase.changes.length;
      expect(await moveTask(b, taskId, { columnId: viewB.columns[1]!.id })).toEqual({ ok: false, error: "not_found" });
      expect(await assignTask(a, newId, a.userId)).toEqual({ ok: true }); // already assigned: no change
      await settle(50);
      expect(samePhase.changes).toHaveLength(before);

      // B's move reaches B's listener only.
      const bMoved = otherMunicipality.next();
      await moveTask(b, viewB.columns[0]!.cards[0]!.id, { columnId: viewB.columns[1]!.id });
      expect((await bMoved).kind).toBe("task.moved");
      expect(samePhase.changes).toHaveLength(before);
      expect(otherPhase.changes).toHaveLength(0);
      expect(otherMunicipality.changes).toHaveLength(1);
    } finally {
      for (const u of unsubscribe) u();
    }
    // Unsubscribed: nothing more arrives.
    await moveTask(a, viewA.columns[0]!.cards[1]!.id, { columnId: viewA.columns[1]!.id });
    await settle(50);
    expect(otherMunicipality.changes).toHaveLength(1);
  });

  it("streams changes of the member's own board as server-sent events, and 404s for another municipality", async () => {
    const { response, abort } = await openStream(a, a.cbsCode, 1);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toMatch(/^text\/event-stream/);
    expect(response.headers.get("Cache-Control")).toContain("no-transform");
    const reader = response.body!.getReader();
    await readUntil(reader, ": connected");

    // A change on B's board or another phase is not sent; A's own change is.
    const viewB = (await loadBoard(b, 1))!;
    await moveTask(b, viewB.columns[0]!.cards[0]!.id, { columnId: viewB.columns[2]!.id });
    const view2 = (await loadBoard(a, 2))!;
    await moveTask(a, view2.columns[0]!.cards[0]!.id, { columnId: view2.columns[1]!.id });
    const view1 = (await loadBoard(a, 1))!;
    const taskId = view1.columns[0]!.cards[0]!.id;
    const outcome = (await moveTask(a, taskId, { columnId: view1.columns[2]!.id })) as { rank: string };
    const data = JSON.stringify({ kind: "task.moved", taskId, to: { columnId: view1.columns[2]!.id, rank: outcome.rank } });
    let text = await readUntil(reader, `${data}\n\n`);
    await settle(50);

    // Closing the connection ends the stream (after what was already sent) and unsubscribes.
    abort();
    const decoder = new TextDecoder();
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) text += decoder.decode(chunk.value, { stream: true });
    const events = text.split("\n\n").filter((e) => e.startsWith("event: change"));
    expect(events).toEqual([`event: change\ndata: ${data}`]);

    // A member of A asking for B's stream (or a phase that does not exist) gets 404.
    for (const [code, phase] of [[b.cbsCode, 1], [a.cbsCode, 7]] as const) {
      const refused = await openStream(a, code, phase).then(
        () => null,
        (thrown: unknown) => thrown,
      );
      expect(refused).toBeInstanceOf(Response);
      expect((refused as Response).status).toBe(404);
    }
  });
});

describe("live boards across processes (Redis)", () => {
  const opened: BoardPublisher[] = [];
  afterAll(async () => {
    await Promise.all(opened.map((p) => p.close()));
  });

  it.skipIf(!redisUrl)("delivers a publish from one process to a subscriber on another Redis connection, scoped and exactly once", async () => {
    const first = createBoardPublisher({ redisUrl });
    const second = createBoardPublisher({ redisUrl });
    opened.push(first, second);
    await Promise.all([first.ready(), second.ready()]);
    const municipality = crypto.randomUUID();
    const onSecond = recorder();
    const onFirst = recorder();
    const elsewhere = recorder();
    second.subscribe(municipality, 3, onSecond.listener);
    first.subscribe(municipality, 3, onFirst.listener);
    second.subscribe(crypto.randomUUID(), 3, elsewhere.listener);
    second.subscribe(municipality, 4, elsewhere.listener);

    const arrived = onSecond.next();
    const change = { kind: "task.moved", taskId: "t-1", to: { columnId: "c-2", rank: "a1" } } as const;
    first.publish(municipality, 3, change);
    expect(await arrived).toEqual(change);
    await settle();
    expect(onSecond.changes).toHaveLength(1);
    // The publishing process hears its own change once (locally), not again through Redis.
    expect(onFirst.changes).toEqual([change]);
    expect(elsewhere.changes).toHaveLength(0);
  });

  it.skipIf(!redisUrl)("publishes a committed moveTask to another process", async () => {
    const lead = await createMunicipalityWithLead("GM0599", "Rotterdam", "lead@rotterdam.test");
    await db().transaction((tx) => ensureBoardsFor(tx, lead.municipalityId));
    const other = createBoardPublisher({ redisUrl });
    opened.push(other);
    await Promise.all([other.ready(), boardPublisher().ready()]);
    const remote = recorder();
    other.subscribe(lead.municipalityId, 1, remote.listener);
    const view = (await loadBoard(lead, 1))!;
    const taskId = view.columns[0]!.cards[0]!.id;
    const arrived = remote.next();
    const outcome = (await moveTask(lead, taskId, { columnId: view.columns[1]!.id })) as { rank: string };
    expect(await arrived).toEqual({ kind: "task.moved", taskId, to: { columnId: view.columns[1]!.id, rank: outcome.rank } });
  });
});

describe("showing a live move before the reload", () => {
  const ranks: Record<string, string> = { a: "a0", b: "a1", c: "a2", x: "a0", y: "a3" };
  const columns = [
    { id: "todo", name: "Te doen", cardIds: ["a", "b", "c"] },
    { id: "doing", name: "Bezig", cardIds: ["x", "y"] },
  ];
  const rankOf = (id: string) => ranks[id];

  it("puts the card in its new column by rank, and leaves it out behind hidden cards", () => {
    const place = (taskId: string, columnId: string, rank: string, hidden: string[] = []) =>
      placeMoved(columns, { taskId, columnId, rank }, rankOf, (id) => hidden.includes(id))?.map((c) => c.cardIds) ?? null;
    expect(place("b", "doing", "a2")).toEqual([["a", "c"], ["x", "b", "y"]]);
    expect(place("a", "doing", "Zz")).toEqual([["b", "c"], ["a", "x", "y"]]);
    expect(place("c", "todo", "a0V")).toEqual([["a", "c", "b"], ["x", "y"]]);
    expect(place("a", "doing", "a4")).toEqual([["b", "c"], ["x", "y", "a"]]);
    expect(place("a", "doing", "a4", ["doing"])).toEqual([["b", "c"], ["x", "y"]]);
    // A card or column this screen does not show: only the reload can tell.
    expect(place("hidden", "doing", "a1")).toBeNull();
    expect(place("a", "other", "a1")).toBeNull();
  });
});
