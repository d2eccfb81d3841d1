// Test entry: the collaboration server exactly as server.ts wires it (same database handle,
// same createCollabServer options, same origin check, same SIGTERM path), without Remix and
// Express, so it starts in about a second and can be SIGKILLed and restarted many times.
// Run: node --import tsx tests/collab/support/collab-only-server.ts  (env as for server.ts).
// Sessions are real better-auth sessions: the cookie is verified by better-auth with BETTER_AUTH_SECRET.
import http from "node:http";
import { closeDatabase, openDatabase } from "../../../app/db.server";
import { baseUrl, port } from "../../../app/config.server";
import { createCollabServer, registerCollabServer } from "../../../app/modules/documents/collab.server";
import { autoVersionIfDue } from "../../../app/modules/documents/versions.server";

async function main() {
  await openDatabase();
  const ownOrigin = new URL(baseUrl()).origin;
  const server = http.createServer((req, res) => {
    if (req.url === "/healthz") {
      res.writeHead(200, { "content-type": "text/plain" }).end("ok");
      return;
    }
    if (req.url === "/stats") {
      // For the benchmark: what this process holds (documents open, connections, memory).
      res.writeHead(200, { "content-type": "application/json" }).end(
        JSON.stringify({ documents: collab.hocuspocus.getDocumentsCount(), connections: collab.hocuspocus.getConnectionsCount(), memory: process.memoryUsage() }),
      );
      return;
    }
    res.writeHead(404).end();
  });
  const collab = createCollabServer({ redisUrl: process.env.REDIS_URL || undefined, onCompacted: autoVersionIfDue });
  collab.attach(server, ownOrigin);
  registerCollabServer(collab);
  await new Promise<void>((resolve) => server.listen(port(), "127.0.0.1", resolve));
  console.log(`collab-only server on ${port()} (pid ${process.pid})`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping`);
    await collab.close().catch((err) => console.error("Closing the collaboration server failed:", err));
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await closeDatabase();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
