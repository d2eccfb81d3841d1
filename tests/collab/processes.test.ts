// The whole app with KOERS_PROCESSES=2 (node:cluster): two app processes share the port; editors
// whose connections land on different processes converge through Redis; a killed app process is
// started again and the document keeps being served; SIGTERM stops them all.
// Needs PostgreSQL (TEST_DATABASE_URL) and Redis (REDIS_URL), as several processes do; skips otherwise.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { openProvider, waitUntil } from "./support/clients";
import { startFixture, type CollabFixture } from "./support/fixture";
import { CollabServerProcess, freePort, ROOT } from "./support/harness";

const redisUrl = process.env.REDIS_URL;
const enabled = Boolean(redisUrl && process.env.TEST_DATABASE_URL);

async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe.skipIf(!enabled)("KOERS_PROCESSES=2", () => {
  let f: CollabFixture;
  let app: CollabServerProcess;
  beforeAll(async () => {
    // server.ts serves the built app.
    if (!fs.existsSync(path.join(ROOT, "build/server/index.js"))) execFileSync("npm", ["run", "build"], { cwd: ROOT, stdio: "ignore", timeout: 300_000 });
    f = await startFixture("processes", { redisUrl });
    app = new CollabServerProcess({ database: f.database, port: await freePort(), baseUrl: f.baseUrl, redisUrl, entry: "server.ts", env: { KOERS_PROCESSES: "2" } });
    await app.start();
    await waitFor(() => app.childPids().length === 2, 60_000, "two app processes");
  }, 360_000);
  afterAll(async () => {
    await app?.stop();
    await f?.teardown();
  });

  it("serves pages and one document from two app processes, and starts a killed one again", async () => {
    const [first, second] = app.childPids();
    expect(first).not.toBe(second);
    for (let i = 0; i < 4; i++) expect((await fetch(`${app.httpUrl}/healthz`)).status).toBe(200);

    const documentId = f.freshDocument();
    const text = (doc: Y.Doc) => doc.getText("text").toString();
    // The port hands connections to the processes in turn: these two editors are on different ones.
    const a = await openProvider(app.wsUrl, documentId, f.as(f.seed.users.leadA));
    const b = await openProvider(app.wsUrl, documentId, f.as(f.seed.users.staffA));
    try {
      a.doc.getText("text").insert(0, "a;");
      b.doc.getText("text").insert(0, "b;");
      await waitUntil(() => text(a.doc).length === 4 && text(a.doc) === text(b.doc) && a.provider.unsyncedChanges === 0 && b.provider.unsyncedChanges === 0, 20_000, "the editors to converge");

      process.kill(first!, "SIGKILL");
      await waitFor(() => !alive(first!) && app.childPids().length === 2 && !app.childPids().includes(first!), 60_000, "a new app process");
      expect(app.running).toBe(true);
      // The editor that was on the killed process reconnects (to either); the document goes on.
      a.doc.getText("text").insert(0, "a2;");
      b.doc.getText("text").insert(0, "b2;");
      await waitUntil(() => text(a.doc).length === 10 && text(a.doc) === text(b.doc) && a.provider.unsyncedChanges === 0 && b.provider.unsyncedChanges === 0, 30_000, "the editors to converge after the restart");
    } finally {
      a.destroy();
      b.destroy();
    }

    const workers = app.childPids();
    await app.stop();
    expect(app.running).toBe(false);
    await waitFor(() => workers.every((pid) => !alive(pid)), 20_000, "every app process to stop");
  }, 180_000);
});
