// Several app processes on one machine (node:cluster): KOERS_PROCESSES=N (or "auto": one per CPU)
// starts N workers that share the port; the primary only starts them, starts one again when it
// dies, and passes SIGTERM/SIGINT on. A Remix page is rendered on one CPU core, so this is how one
// machine serves more people at once.
//
// Only with PostgreSQL and Redis: PGlite is one process per data dir, and live boards and live
// documents reach the other processes through Redis. Everything else is already safe with several
// processes: sessions, jobs (row locks, skip locked) and the outbox (claimed in one statement).
import cluster, { type Worker } from "node:cluster";
import os from "node:os";

export type ProcessPlan = { ok: true; processes: number } | { ok: false; error: string };

/** How many app processes the environment asks for, and whether that can work (pure). */
export function processPlan(env: Record<string, string | undefined>, cpus = os.availableParallelism()): ProcessPlan {
  const raw = (env.KOERS_PROCESSES ?? "").trim();
  let processes = 1;
  if (raw === "auto") processes = Math.max(1, cpus);
  else if (raw !== "") {
    if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > 64) return { ok: false, error: `KOERS_PROCESSES must be a number from 1 to 64, or "auto", not "${raw}".` };
    processes = Number(raw);
  }
  if (processes === 1) return { ok: true, processes };
  if (env.NODE_ENV !== "production") return { ok: false, error: `KOERS_PROCESSES=${raw} is for the built app (NODE_ENV=production): the development server runs one process with Vite.` };
  if (!env.DATABASE_URL) return { ok: false, error: `KOERS_PROCESSES=${raw} needs PostgreSQL (DATABASE_URL): the embedded PGlite database can be opened by one process only.` };
  if (!env.REDIS_URL) return { ok: false, error: `KOERS_PROCESSES=${raw} needs Redis (REDIS_URL): live boards and live documents reach the other processes through it.` };
  return { ok: true, processes };
}

export function isPrimaryOfSeveral(plan: Extract<ProcessPlan, { ok: true }>): boolean {
  return plan.processes > 1 && cluster.isPrimary;
}

/** Starting again this often within a minute means something is wrong: stop rather than loop. */
const MAX_RESTARTS_PER_MINUTE = 5;

/** The primary: starts the workers, starts a dead one again, and stops them all on SIGTERM/SIGINT. */
export function runPrimary(processes: number, prepare: () => void): void {
  // What every worker must share and would otherwise each create (the demo's session secret).
  prepare();
  let stopping = false;
  const restarts: number[] = [];
  const start = () => cluster.fork();
  for (let i = 0; i < processes; i++) start();
  console.log(`Koers: ${processes} app processes (primary ${process.pid})`);

  cluster.on("exit", (worker: Worker, code, signal) => {
    if (stopping) return;
    const now = Date.now();
    restarts.push(now);
    while (restarts.length && restarts[0]! < now - 60_000) restarts.shift();
    console.error(`Koers: app process ${worker.process.pid} ended (${signal ?? code}); starting a new one`);
    if (restarts.length > MAX_RESTARTS_PER_MINUTE) {
      console.error(`Koers: more than ${MAX_RESTARTS_PER_MINUTE} restarts in a minute; stopping`);
      void stop("restart loop", 1);
      return;
    }
    setTimeout(() => {
      if (!stopping) start();
    }, 500);
  });

  const stop = async (reason: string, exitCode = 0) => {
    if (stopping) return;
    stopping = true;
    console.log(`${reason}: stopping Koers (${Object.keys(cluster.workers ?? {}).length} app processes)`);
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => Boolean(w));
    const exited = workers.map((w) => new Promise<void>((resolve) => (w.isDead() ? resolve() : w.once("exit", () => resolve()))));
    for (const w of workers) w.process.kill("SIGTERM");
    const timeout = new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), 15_000).unref());
    if ((await Promise.race([Promise.all(exited), timeout])) === "timeout") {
      for (const w of workers) if (!w.isDead()) w.process.kill("SIGKILL");
    }
    process.exit(exitCode);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}
