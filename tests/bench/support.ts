// Shared parts of the benchmarks (tests/bench/*.bench.ts): environment, child processes, the
// built server, PostgreSQL bench databases, cleanup on exit or Ctrl+C, percentiles.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const TSX = path.join(ROOT, "node_modules/.bin/tsx");
export const DEFAULT_PG_URL = "postgres://postgres@127.0.0.1:5432/test";

export function positive(name: string, fallback: number): number {
  const raw = process.env[name];
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got "${raw}"`);
  return value;
}

export const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ---- cleanup, also on Ctrl+C ----------------------------------------------------------------
export const cleanups: (() => Promise<void>)[] = [];
export async function runCleanups(): Promise<void> {
  while (cleanups.length) {
    const step = cleanups.pop()!;
    await step().catch((err: unknown) => log(`cleanup failed: ${err instanceof Error ? err.message : String(err)}`));
  }
}
let interrupted = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    log(`${signal}: cleaning up`);
    void runCleanups().finally(() => process.exit(130));
  });
}

// ---- child processes --------------------------------------------------------------------------
export function benchEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  // The bench decides the database, port and secrets; session settings stay at their defaults.
  for (const name of ["DATABASE_URL", "PGLITE_DIR", "PORT", "KOERS_BASE_URL", "KOERS_SECRET_FILE", "BETTER_AUTH_SECRET", "SESSION_IDLE_MINUTES", "SESSION_MAX_HOURS", "RESEND_API_KEY", "KOERS_SEED", "TRUST_PROXY"]) {
    delete env[name];
  }
  return { ...env, ...extra };
}

export function runCommand(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`${path.basename(command)} ${args.join(" ")} failed (${signal ?? `exit ${code}`}):\n${output.slice(-4000)}`));
    });
  });
}

export async function ensureBuild(): Promise<void> {
  if (process.env.BENCH_REBUILD !== "1" && fs.existsSync(path.join(ROOT, "build/server/index.js"))) return;
  log("build/ missing: npm run build");
  const started = Date.now();
  await runCommand("npm", ["run", "build"], process.env);
  log(`built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface RunningServer {
  child: ChildProcess;
  output: () => string;
  stop: () => Promise<void>;
}

export function startServer(env: NodeJS.ProcessEnv): RunningServer {
  // Own process group, so a server that ignores SIGTERM can be killed with everything tsx started.
  // BENCH_SERVER_NODE_ARGS passes flags to the server's Node, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const child = spawn(TSX, [...nodeArgs, "server.ts"], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  // BENCH_SERVER_LOG=1 shows what the server says (e.g. with KOERS_SLOW_REQUEST_MS) while it runs.
  if (process.env.BENCH_SERVER_LOG) child.stderr!.on("data", (chunk: Buffer) => process.stderr.write(chunk));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    child,
    output: () => output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const done = await Promise.race([exited.then(() => true), sleep(10_000).then(() => false)]);
      if (!done && child.pid) {
        log("server ignored SIGTERM for 10 s: SIGKILL");
        try {
          process.kill(-child.pid, "SIGKILL");
        } catch {
          // already gone
        }
        await exited;
      }
    },
  };
}

export async function waitForHealth(baseUrl: string, server: RunningServer): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null) throw new Error(`server exited (${server.child.exitCode}):\n${server.output()}`);
    try {
      const res = await fetch(`${baseUrl}/healthz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error(`server did not answer /healthz within 60 s:\n${server.output()}`);
}

// ---- PostgreSQL -------------------------------------------------------------------------------
export async function postgresServer(): Promise<string | undefined> {
  const configured = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL;
  const url = configured || DEFAULT_PG_URL;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query("select 1");
    return url;
  } catch (err) {
    if (configured) throw new Error(`PostgreSQL at ${redact(url)} is not reachable: ${err instanceof Error ? err.message : String(err)}`);
    log(`no PostgreSQL at ${DEFAULT_PG_URL}; PGlite only`);
    return undefined;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export function redact(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = "***";
  return u.toString();
}

export async function adminQuery(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}


export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}


/** BENCH_ONLY=board (or overview, or a comma-separated list) runs only those benchmarks; true means skip this one. */
export function skipUnlessSelected(name: string): boolean {
  const only = process.env.BENCH_ONLY;
  if (!only) return false;
  const skip = !only.split(",").map((s) => s.trim()).includes(name);
  if (skip) log(`${name}: skipped (BENCH_ONLY=${only})`);
  return skip;
}

// ---- one benchmark over the databases ---------------------------------------------------------
export interface BenchTarget {
  kind: "pglite" | "postgres";
  label: string;
  /** PostgreSQL server to create the bench database on. */
  serverUrl?: string;
  /** App processes (KOERS_PROCESSES) with Redis; one when absent. */
  processes?: number;
  redisUrl?: string;
}

/** Server environment for a target's app processes (KOERS_PROCESSES and REDIS_URL when several). */
export function processEnv(target: Pick<BenchTarget, "processes" | "redisUrl">): Record<string, string> {
  return target.processes && target.processes > 1 && target.redisUrl ? { KOERS_PROCESSES: String(target.processes), REDIS_URL: target.redisUrl } : {};
}

/** Redis for several app processes: REDIS_URL, or the machine's on 127.0.0.1:6379 when it answers. */
async function redisServer(): Promise<string | undefined> {
  const url = process.env.REDIS_URL || "redis://127.0.0.1:6379";
  const { hostname, port } = new URL(url);
  const ok = await new Promise<boolean>((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port || 6379) });
    socket.setTimeout(2000);
    socket.once("connect", () => {
      socket.end();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
    socket.once("timeout", () => {
      socket.destroy();
      resolve(false);
    });
  });
  return ok ? url : undefined;
}

/**
 * Runs `benchTarget` on PGlite and, unless BENCH_PGLITE_ONLY=1, on PostgreSQL when one answers;
 * prints `report` of what succeeded and every failure, and exits (1 when a database failed).
 */
export function runBenchmark<R>(name: string, options: { build: boolean; /** Also PostgreSQL with several app processes. */ processes?: boolean }, benchTarget: (target: BenchTarget) => Promise<R>, report: (results: R[]) => string): void {
  const main = async () => {
    if (skipUnlessSelected(name)) return;
    const started = Date.now();
    if (options.build) await ensureBuild();
    const targets: BenchTarget[] = [{ kind: "pglite", label: "PGlite" }];
    if (process.env.BENCH_PGLITE_ONLY !== "1") {
      const serverUrl = await postgresServer();
      if (serverUrl) targets.push({ kind: "postgres", label: "PostgreSQL", serverUrl });
      // PostgreSQL once more with one app process per CPU (KOERS_PROCESSES, needs Redis), unless
      // BENCH_PROCESSES=1; BENCH_PROCESSES=N chooses the number.
      const processes = !options.processes ? 1 : process.env.BENCH_PROCESSES ? positive("BENCH_PROCESSES", 1) : os.availableParallelism();
      const redisUrl = serverUrl && processes > 1 ? await redisServer() : undefined;
      if (serverUrl && processes > 1 && redisUrl) targets.push({ kind: "postgres", label: `PostgreSQL, ${processes} processes`, serverUrl, processes, redisUrl });
      else if (serverUrl && processes > 1) log("no Redis: PostgreSQL with several app processes skipped");
    }
    const results: R[] = [];
    const failures: string[] = [];
    for (const target of targets) {
      try {
        results.push(await benchTarget(target));
      } catch (err) {
        // Report what the other database gave rather than nothing.
        await runCleanups();
        failures.push(`${target.label}: ${err instanceof Error ? err.message : String(err)}`);
        log(`${target.label} failed: ${failures.at(-1)}`);
      }
    }
    if (results.length) process.stdout.write(`${report(results)}\n`);
    for (const f of failures) process.stdout.write(`\nFAILED ${f.split("\n")[0]}\n`);
    log(`total ${((Date.now() - started) / 1000).toFixed(1)} s`);
    if (failures.length) process.exitCode = 1;
  };
  main().then(
    () => process.exit(process.exitCode ?? 0),
    async (err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      await runCleanups();
      process.exit(1);
    },
  );
}

/** Signs in through the /inloggen form; returns the session cookie header. */
export async function signInCookie(baseUrl: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${baseUrl}/inloggen`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: baseUrl },
    body: new URLSearchParams({ email, password }),
  });
  const pairs = res.headers.getSetCookie().map((c) => c.split(";")[0]!);
  if (res.status < 300 || res.status >= 400 || !pairs.some((p) => /^koers\.session_token=./.test(p))) {
    throw new Error(`sign-in of ${email} failed: HTTP ${res.status} ${res.headers.get("location") ?? ""}\n${(await res.text()).slice(0, 500)}`);
  }
  return pairs.filter((p) => !p.endsWith("=")).join("; ");
}

// ---- people rather than connections -------------------------------------------------------------
/** A pause range "min-max" in ms from the environment, e.g. BENCH_THINK_MS=1000-5000. */
export function thinkRange(name: string, fallback: [number, number]): [number, number] {
  const raw = process.env[name];
  if (!raw) return fallback;
  const match = /^(\d+)-(\d+)$/.exec(raw.trim());
  if (!match || Number(match[1]) > Number(match[2])) throw new Error(`${name} must look like 1000-5000 (ms), not ${raw}`);
  return [Number(match[1]), Number(match[2])];
}

export interface UsersResult {
  /** Response times in ms (request sent → whole body read), sorted. */
  latencies: number[];
  /** Pages per second over the run. */
  rate: number;
  non2xx: number;
  errors: number;
}

/**
 * `users` people, each with their own connection: open the page, read it for a random time
 * between `thinkMs[0]` and `thinkMs[1]` (uniform), open it again, for `seconds`. Each person starts
 * at a random moment within the first think time, so they do not arrive in step. This is load as
 * people make it; `autocannon` with the same number of connections and no pause measures how
 * many pages per second the server can give at most (its capacity) — both are reported.
 */
export async function usersLoad(options: { url: string; cookie: string; users: number; seconds: number; thinkMs: [number, number] }): Promise<UsersResult> {
  const [minThink, maxThink] = options.thinkMs;
  const think = () => minThink + Math.random() * (maxThink - minThink);
  const started = performance.now();
  const end = started + options.seconds * 1000;
  const latencies: number[] = [];
  let non2xx = 0;
  let errors = 0;
  const person = async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const get = () =>
      new Promise<number>((resolve, reject) => {
        const req = http.get(options.url, { agent, headers: { accept: "text/html", "accept-encoding": "gzip", "user-agent": "koers-bench", cookie: options.cookie } }, (res) => {
          res.on("data", () => undefined);
          res.on("end", () => resolve(res.statusCode ?? 0));
          res.on("error", reject);
        });
        req.on("error", reject);
      });
    try {
      await sleep(Math.random() * maxThink);
      while (performance.now() < end) {
        const sent = performance.now();
        try {
          const status = await get();
          latencies.push(performance.now() - sent);
          if (status < 200 || status >= 300) non2xx++;
        } catch {
          errors++;
        }
        const pause = think();
        if (performance.now() + pause >= end) break;
        await sleep(pause);
      }
    } finally {
      agent.destroy();
    }
  };
  await Promise.all(Array.from({ length: options.users }, person));
  latencies.sort((a, b) => a - b);
  return { latencies, rate: latencies.length / ((performance.now() - started) / 1000), non2xx, errors };
}
