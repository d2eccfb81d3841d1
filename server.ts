// One HTTP server for Koers: the Remix request handler, static assets, and the websocket
// upgrade for live documents (/collab) on the same port. Opens the one database handle of this process.
import cluster from "node:cluster";
import http from "node:http";
import path from "node:path";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { closeDatabase, db, openDatabase } from "./app/db.server";
import { authSecret, baseUrl, port } from "./app/config.server";
import { isPrimaryOfSeveral, processPlan, runPrimary } from "./app/server-processes.server";
import { resolveSession } from "./app/modules/auth/session.server";
import { deliverDueMails } from "./emails/outbox.server";
import { agreementJobHandlers } from "./app/modules/agreements/seal.server";
import { trainingJobHandlers } from "./app/modules/training/log-reminder.server";
import { boardJobHandlers } from "./app/modules/boards/task-reminders.server";
import { deliveryJobHandlers, ensureDailyPlanning } from "./app/modules/deliveries/delivery-reminders.server";
import { boardPublisher, closeBoardLive } from "./app/modules/boards/live.server";
import { runDueJobs } from "./workflows/scheduler";
import { createCollabServer, registerCollabServer } from "./app/modules/documents/collab.server";
import { autoVersionIfDue } from "./app/modules/documents/versions.server";
import type { KoersContext } from "./app/load-context";

const production = process.env.NODE_ENV === "production";

async function main() {
  await openDatabase();
  // Live boards: with REDIS_URL, board changes reach the other app processes through Redis.
  boardPublisher();

  const vite = production
    ? undefined
    : await import("vite").then((v) => v.createServer({ server: { middlewareMode: true } }));

  const app = express();
  app.disable("x-powered-by");
  // Behind a reverse proxy, set TRUST_PROXY (e.g. "loopback" or a hop count) so req.ip is the client.
  app.set("trust proxy", process.env.TRUST_PROXY ?? false);
  app.use(compression());
  // Operators can log slow requests (KOERS_SLOW_REQUEST_MS) to see where time goes.
  const slowMs = Number(process.env.KOERS_SLOW_REQUEST_MS ?? 0);
  if (slowMs > 0) {
    app.use((req, res, next) => {
      const started = performance.now();
      res.on("finish", () => {
        const ms = performance.now() - started;
        if (ms >= slowMs) console.warn(`slow request: ${req.method} ${req.path} ${res.statusCode} ${ms.toFixed(0)} ms (session ${String(res.locals.sessionMs ?? "-")} ms)`);
      });
      next();
    });
  }
  app.use((_req, res, next) => {
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("X-Frame-Options", "DENY");
    res.setHeader("Referrer-Policy", "same-origin");
    next();
  });

  if (vite) {
    app.use(vite.middlewares);
  } else {
    app.use("/assets", express.static(path.resolve("build/client/assets"), { immutable: true, maxAge: "1y" }));
    app.use(express.static(path.resolve("build/client"), { maxAge: "1h" }));
  }
  app.get("/healthz", (_req, res) => void res.type("text").send("ok"));

  // Defence in depth next to SameSite=Lax cookies: a state-changing request from another origin is refused.
  const ownOrigin = new URL(baseUrl()).origin;
  app.use((req, res, next) => {
    if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return next();
    const origin = req.get("origin");
    if (origin && origin !== ownOrigin) return void res.status(403).type("text").send("Cross-origin request refused");
    next();
  });

  // Resolve the session once per request; the refreshed idle deadline goes back as a cookie.
  app.use(async (req, res, next) => {
    try {
      const clientIp = req.ip ?? req.socket.remoteAddress ?? "unknown";
      // Only the server sets this header; better-auth reads the client IP from it.
      req.headers["x-koers-client-ip"] = clientIp;
      const headers = new Headers();
      for (const [key, value] of Object.entries(req.headers)) {
        if (typeof value === "string") headers.set(key, value);
        else if (Array.isArray(value)) headers.set(key, value.join(", "));
      }
      const sessionStarted = performance.now();
      const resolved = await resolveSession(headers);
      res.locals.sessionMs = Math.round(performance.now() - sessionStarted);
      for (const cookie of resolved.setCookies) res.append("Set-Cookie", cookie);
      const context: KoersContext = { signedIn: resolved.signedIn, sessionExpired: resolved.expired, clientIp, memberships: new Map() };
      res.locals.koers = context;
      next();
    } catch (err) {
      next(err);
    }
  });

  const build = vite
    ? () => vite.ssrLoadModule("virtual:remix/server-build") as Promise<ServerBuild>
    : ((await import(path.resolve("build/server/index.js") as string)) as ServerBuild);
  app.all("*", createRequestHandler({ build, getLoadContext: (_req, res) => ({ koers: res.locals.koers as KoersContext }) }));

  const server = http.createServer(app);
  // Live documents: Hocuspocus on the same server and port, websocket path /collab.
  const collab = createCollabServer({ redisUrl: process.env.REDIS_URL || undefined, onCompacted: autoVersionIfDue });
  collab.attach(server, ownOrigin);
  registerCollabServer(collab);
  const listenPort = port();
  await new Promise<void>((resolve) => server.listen(listenPort, resolve));
  console.log(`Koers runs on http://localhost:${listenPort} (${production ? "production" : "development"}${cluster.isWorker ? `, app process ${process.pid}` : ""})`);

  const mailTimer = process.env.RESEND_API_KEY
    ? setInterval(() => void deliverDueMails(db()).catch((err) => console.error("Outbox delivery failed:", err)), Number(process.env.OUTBOX_INTERVAL_MS ?? 5000))
    : undefined;

  // Durable jobs (task due reminders, sealing signed agreements) live in the database; this process runs them while it serves.
  // Delivery reminders and the daily planning of expected deliveries (phase 3) are durable jobs too.
  const jobHandlers = { ...boardJobHandlers, ...deliveryJobHandlers, ...agreementJobHandlers, ...trainingJobHandlers };
  await ensureDailyPlanning(db()).catch((err) => console.error("Scheduling the delivery planning failed:", err));
  const jobTimer = setInterval(
    () => void runDueJobs(db(), jobHandlers).catch((err) => console.error("Running jobs failed:", err)),
    Number(process.env.JOBS_INTERVAL_MS ?? 30_000),
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping Koers`);
    if (mailTimer) clearInterval(mailTimer);
    clearInterval(jobTimer);
    // Every acknowledged edit is already stored; this only folds the logs of open documents.
    await collab.close().catch((err) => console.error("Closing the collaboration server failed:", err));
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await vite?.close();
    await closeBoardLive();
    await closeDatabase();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

// KOERS_PROCESSES=N: this process starts N app processes and watches them (see server-processes.server.ts).
const plan = processPlan(process.env);
if (!plan.ok) {
  console.error(plan.error);
  process.exit(1);
} else if (isPrimaryOfSeveral(plan)) {
  runPrimary(plan.processes, () => void authSecret());
} else {
  main().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
