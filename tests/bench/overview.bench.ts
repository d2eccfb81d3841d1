// Load benchmark of the programme overview page (GET /g/GM0050) with many signed-in users.
// Usage: npm run bench
//
// For PGlite (always) and PostgreSQL (when BENCH_DATABASE_URL or TEST_DATABASE_URL is set, or
// postgres://postgres@127.0.0.1:5432/test answers; a fresh koers_bench_<random> database is created
// there and dropped afterwards): prepare the database with db/setup.ts, add 50 verified staff members
// of the demo municipality, start the built server in production mode, sign the 50 users in through
// the /inloggen form, then load the overview at 1, 10 and 50 concurrent connections, each connection
// with its own user's session cookie. Prints markdown tables.
//
// Settings: BENCH_SECONDS (measured seconds per level, default 10), BENCH_WARMUP_SECONDS (default 2),
// BENCH_REBUILD=1 (build even when build/ exists).
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import autocannon, { type Client } from "autocannon";
import { eq } from "drizzle-orm";
import pg from "pg";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const TSX = path.join(ROOT, "node_modules/.bin/tsx");
const DEFAULT_PG_URL = "postgres://postgres@127.0.0.1:5432/test";
const CBS_CODE = "GM0050";
const PAGE = `/g/${CBS_CODE}`;
const USERS = 50;
const LEVELS = [1, 10, 50];
const SECONDS = positive("BENCH_SECONDS", 10);
const WARMUP_SECONDS = positive("BENCH_WARMUP_SECONDS", 2);
const PASSWORD = "Koers-bench-2026!";
const TARGET_P95_MS = 100;
const PACE_SECONDS = positive("BENCH_PACE_SECONDS", 2);

type Kind = "pglite" | "postgres";
interface Target {
  kind: Kind;
  label: string;
  /** PostgreSQL server to create the bench database on. */
  serverUrl?: string;
}
interface Row {
  label: string;
  kind: Kind;
  concurrency: number;
  /** Seconds between one user's page views when paced; undefined for closed-loop levels. */
  paced?: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  non2xx: number;
  errors: number;
  statusCodes: Record<string, number>;
}

function positive(name: string, fallback: number): number {
  const raw = process.env[name];
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got "${raw}"`);
  return value;
}

const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ---- cleanup, also on Ctrl+C ----------------------------------------------------------------
const cleanups: (() => Promise<void>)[] = [];
async function runCleanups(): Promise<void> {
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
function benchEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  // The bench decides the database, port and secrets; session settings stay at their defaults.
  for (const name of ["DATABASE_URL", "PGLITE_DIR", "PORT", "KOERS_BASE_URL", "KOERS_SECRET_FILE", "BETTER_AUTH_SECRET", "SESSION_IDLE_MINUTES", "SESSION_MAX_HOURS", "RESEND_API_KEY", "KOERS_SEED", "TRUST_PROXY"]) {
    delete env[name];
  }
  return { ...env, ...extra };
}

function runCommand(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
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

async function ensureBuild(): Promise<void> {
  if (process.env.BENCH_REBUILD !== "1" && fs.existsSync(path.join(ROOT, "build/server/index.js"))) return;
  log("build/ missing: npm run build");
  const started = Date.now();
  await runCommand("npm", ["run", "build"], process.env);
  log(`built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

function freePort(): Promise<number> {
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

interface RunningServer {
  child: ChildProcess;
  output: () => string;
  stop: () => Promise<void>;
}

function startServer(env: NodeJS.ProcessEnv): RunningServer {
  // Own process group, so a server that ignores SIGTERM can be killed with everything tsx started.
  const child = spawn(TSX, ["server.ts"], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
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

async function waitForHealth(baseUrl: string, server: RunningServer): Promise<void> {
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
async function postgresServer(): Promise<string | undefined> {
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

function redact(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = "***";
  return u.toString();
}

async function adminQuery(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

// ---- users ------------------------------------------------------------------------------------
const benchEmail = (i: number) => `bench-${String(i + 1).padStart(2, "0")}@koers.bench`;

/** Adds USERS verified staff members to the demo municipality, directly in the database (server not running). */
async function createUsers(options: { url?: string; dataDir?: string }): Promise<void> {
  const { createDb } = await import("../../db/client");
  const { account, member, organization, user } = await import("../../db/schema/index");
  const { recordAudit } = await import("../../app/modules/audit/audit.server");
  const { hashPassword } = await import("better-auth/crypto");
  const handle = await createDb(options.url ? { url: options.url } : { dataDir: options.dataDir });
  try {
    const [municipality] = await handle.db.select({ id: organization.id }).from(organization).where(eq(organization.cbsCode, CBS_CODE));
    if (!municipality) throw new Error(`demo municipality ${CBS_CODE} not found after db/setup.ts`);
    // One hash for all: the password is the same, and scrypt is deliberately slow.
    const passwordHash = await hashPassword(PASSWORD);
    await handle.db.transaction(async (tx) => {
      for (let i = 0; i < USERS; i++) {
        const userId = crypto.randomUUID();
        const email = benchEmail(i);
        await tx.insert(user).values({ id: userId, name: `Bench gebruiker ${i + 1}`, email, emailVerified: true, locale: "nl" });
        await tx.insert(account).values({ id: crypto.randomUUID(), accountId: userId, providerId: "credential", userId, password: passwordHash });
        const memberId = crypto.randomUUID();
        await tx.insert(member).values({ id: memberId, organizationId: municipality.id, userId, role: "staff" });
        await recordAudit(tx, {
          municipalityId: municipality.id,
          actor: { userId: null, label: "Koers benchmark" },
          action: "member.added",
          objectType: "member",
          objectId: memberId,
          details: { email, role: "staff" },
        });
      }
    });
  } finally {
    await handle.close();
  }
}

/** Signs one user in through the /inloggen form; returns the Cookie header value for its session. */
async function signIn(baseUrl: string, email: string): Promise<string> {
  const res = await fetch(`${baseUrl}/inloggen`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: baseUrl },
    body: new URLSearchParams({ email, password: PASSWORD }),
  });
  const pairs = res.headers.getSetCookie().map((c) => c.split(";")[0]!);
  const session = pairs.find((p) => /^koers\.session_token=./.test(p));
  if (res.status < 300 || res.status >= 400 || !session) {
    throw new Error(`sign-in of ${email} failed: HTTP ${res.status}${session ? "" : ", no koers.session_token cookie"}\n${(await res.text()).slice(0, 500)}`);
  }
  return pairs.filter((p) => !p.endsWith("=")).join("; ");
}

async function signInAll(baseUrl: string): Promise<string[]> {
  const cookies: string[] = new Array(USERS);
  let next = 0;
  // A few at a time: every sign-in runs scrypt on the server.
  await Promise.all(
    Array.from({ length: 5 }, async () => {
      while (next < USERS) {
        const i = next++;
        cookies[i] = await signIn(baseUrl, benchEmail(i));
      }
    }),
  );
  const tokens = new Set(cookies.map((c) => /koers\.session_token=([^;]+)/.exec(c)![1]));
  if (tokens.size !== USERS) throw new Error(`expected ${USERS} distinct sessions, got ${tokens.size}`);
  return cookies;
}

/** Every session must see the overview itself, not a redirect to /inloggen. */
async function checkSessions(baseUrl: string, cookies: string[]): Promise<void> {
  for (const [i, cookie] of cookies.entries()) {
    const res = await fetch(`${baseUrl}${PAGE}`, { redirect: "manual", headers: { cookie, accept: "text/html" } });
    const body = await res.text();
    const html = (res.headers.get("content-type") ?? "").includes("text/html");
    if (res.status !== 200 || !html || !body.includes("Programma-overzicht")) {
      throw new Error(`user ${benchEmail(i)}: GET ${PAGE} gave HTTP ${res.status} ${res.headers.get("location") ?? ""}, not the overview page`);
    }
  }
}

// ---- load -------------------------------------------------------------------------------------
function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

async function load(baseUrl: string, cookies: string[], connections: number, seconds: number, latencies?: number[], overallRate?: number) {
  let assigned = 0;
  const instance = autocannon({
    url: `${baseUrl}${PAGE}`,
    connections,
    ...(overallRate ? { overallRate } : {}),
    duration: seconds,
    timeout: 10,
    // What a browser sends for a page load; compression is part of serving it.
    headers: { accept: "text/html", "accept-encoding": "gzip", "user-agent": "koers-bench" },
    setupClient: (client: Client) => client.setHeaders({ cookie: cookies[assigned++ % cookies.length]! }),
  });
  if (latencies) instance.on("response", (_client, _status, _bytes, ms) => void latencies.push(ms));
  return instance;
}

async function measure(target: Target, baseUrl: string, cookies: string[], connections: number, overallRate?: number): Promise<Row> {
  await load(baseUrl, cookies, connections, WARMUP_SECONDS, undefined, overallRate);
  const latencies: number[] = [];
  const result = await load(baseUrl, cookies, connections, SECONDS, latencies, overallRate);
  latencies.sort((a, b) => a - b);
  const statusCodes = Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, s]) => [code, s.count]));
  const row: Row = {
    label: target.label,
    kind: target.kind,
    concurrency: connections,
    paced: overallRate,
    // Completed responses over the measured wall time (autocannon's per-second average undercounts
    // when latencies approach a second).
    rps: result.requests.total / result.duration,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    statusCodes,
  };
  log(`${target.label} c=${connections}: ${row.rps.toFixed(1)} req/s, p95 ${row.p95.toFixed(1)} ms, status ${JSON.stringify(statusCodes)}${row.errors ? `, ${row.errors} errors/timeouts` : ""}`);
  return row;
}

/**
 * Open-loop users: each of the 50 opens the page, reads for a random 0.5–1.5 × PACE_SECONDS, and
 * opens it again. (autocannon's overallRate sends each second's requests in one burst, which
 * measures queueing of the burst rather than what a user waits.)
 */
async function measurePaced(target: Target, baseUrl: string, cookies: string[]): Promise<Row> {
  const latencies: number[] = [];
  const statusCodes: Record<string, number> = {};
  let errors = 0;
  const run = async (cookie: string, until: number, record: boolean) => {
    await sleep(Math.random() * PACE_SECONDS * 1000);
    while (Date.now() < until) {
      const started = performance.now();
      try {
        const response = await fetch(`${baseUrl}${PAGE}`, { headers: { cookie, accept: "text/html", "accept-encoding": "gzip", "user-agent": "koers-bench" }, redirect: "manual" });
        await response.arrayBuffer();
        if (record) {
          latencies.push(performance.now() - started);
          statusCodes[response.status] = (statusCodes[response.status] ?? 0) + 1;
        }
      } catch {
        if (record) errors++;
      }
      await sleep(PACE_SECONDS * 1000 * (0.5 + Math.random()));
    }
  };
  const warmUntil = Date.now() + WARMUP_SECONDS * 1000;
  await Promise.all(cookies.slice(0, USERS).map((cookie) => run(cookie, warmUntil, false)));
  const started = Date.now();
  await Promise.all(cookies.slice(0, USERS).map((cookie) => run(cookie, started + SECONDS * 1000, true)));
  const duration = (Date.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const non2xx = Object.entries(statusCodes).filter(([code]) => !code.startsWith("2")).reduce((n, [, count]) => n + count, 0);
  const row: Row = {
    label: target.label,
    kind: target.kind,
    concurrency: USERS,
    paced: PACE_SECONDS,
    rps: latencies.length / duration,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    non2xx,
    errors,
    statusCodes,
  };
  log(`${target.label} ${USERS} paced users: ${row.rps.toFixed(1)} req/s, p95 ${row.p95.toFixed(1)} ms, status ${JSON.stringify(statusCodes)}`);
  return row;
}


async function benchTarget(target: Target): Promise<Row[]> {
  const started = Date.now();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "koers-bench-"));
  cleanups.push(async () => fs.rmSync(tmp, { recursive: true, force: true }));

  let dbEnv: Record<string, string>;
  if (target.kind === "postgres") {
    const name = `koers_bench_${crypto.randomUUID().replace(/-/g, "").slice(0, 12)}`;
    await adminQuery(target.serverUrl!, `create database ${name}`);
    cleanups.push(() => adminQuery(target.serverUrl!, `drop database if exists ${name} with (force)`));
    const url = new URL(target.serverUrl!);
    url.pathname = `/${name}`;
    dbEnv = { DATABASE_URL: url.toString() };
    log(`${target.label}: database ${name}`);
  } else {
    dbEnv = { PGLITE_DIR: path.join(tmp, "pglite") };
  }

  await runCommand(TSX, ["db/setup.ts"], benchEnv(dbEnv));
  await createUsers(target.kind === "postgres" ? { url: dbEnv.DATABASE_URL } : { dataDir: dbEnv.PGLITE_DIR });

  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const server = startServer(
    benchEnv({
      ...dbEnv,
      NODE_ENV: "production",
      KOERS_DEMO: "1",
      PORT: String(port),
      KOERS_BASE_URL: baseUrl,
      KOERS_SECRET_FILE: path.join(tmp, "auth-secret"),
    }),
  );
  cleanups.push(() => server.stop());
  await waitForHealth(baseUrl, server);
  log(`${target.label}: server up on ${baseUrl} (${((Date.now() - started) / 1000).toFixed(1)} s since start)`);

  const cookies = await signInAll(baseUrl);
  await checkSessions(baseUrl, cookies);
  log(`${target.label}: ${cookies.length} users signed in, each sees the overview`);

  const rows: Row[] = [];
  for (const connections of LEVELS) rows.push(await measure(target, baseUrl, cookies, connections));
  // Closed-loop connections ask again the moment a page arrives; people read first. This level has
  // the 50 users open a page every PACE_SECONDS each, as an office full of them would.
  rows.push(await measurePaced(target, baseUrl, cookies));

  await runCleanups();
  log(`${target.label}: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return rows;
}

// ---- report -----------------------------------------------------------------------------------
const levelLabel = (r: Row) => (r.paced ? `${r.concurrency} users, a page every ~${r.paced} s each` : String(r.concurrency));
const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : "–");
const ratio = (a: number | undefined, b: number | undefined) => (a !== undefined && b !== undefined && b > 0 ? `${(a / b).toFixed(2)}×` : "–");

function report(rows: Row[]): string {
  const lines: string[] = [];
  lines.push(`GET ${PAGE} (programme overview), ${USERS} signed-in users, ${SECONDS} s per level after ${WARMUP_SECONDS} s warm-up, ${os.cpus().length} CPUs, Node ${process.version}`);
  lines.push("");
  lines.push("| database | concurrency | requests/s | p50 ms | p95 ms | p99 ms | non-2xx |");
  lines.push("|---|---:|---:|---:|---:|---:|---:|");
  for (const r of rows) {
    const non2xx = `${r.non2xx}${r.errors ? ` (+${r.errors} errors/timeouts)` : ""}`;
    lines.push(`| ${r.label} | ${levelLabel(r)} | ${fmt(r.rps)} | ${fmt(r.p50)} | ${fmt(r.p95)} | ${fmt(r.p99)} | ${non2xx} |`);
  }
  lines.push("");
  lines.push("| database | concurrency | requests/s vs c=1 | p95 vs c=1 | requests/s PostgreSQL/PGlite | p95 PostgreSQL/PGlite |");
  lines.push("|---|---:|---:|---:|---:|---:|");
  const find = (kind: Kind, c: number, paced = false) => rows.find((r) => r.kind === kind && r.concurrency === c && Boolean(r.paced) === paced);
  for (const r of rows.filter((row) => !row.paced)) {
    const base = find(r.kind, 1);
    const lite = find("pglite", r.concurrency);
    const pgRow = find("postgres", r.concurrency);
    const cross = r.kind === "postgres" && lite && pgRow;
    lines.push(`| ${r.label} | ${r.concurrency} | ${ratio(r.rps, base?.rps)} | ${ratio(r.p95, base?.p95)} | ${cross ? ratio(pgRow.rps, lite.rps) : "–"} | ${cross ? ratio(pgRow.p95, lite.p95) : "–"} |`);
  }
  lines.push("");
  const verdict = (row: Row | undefined) => {
    const met = row !== undefined && row.non2xx === 0 && row.errors === 0 && row.p95 < TARGET_P95_MS;
    return `${met ? "MET" : "NOT MET"}${row ? ` (p95 ${fmt(row.p95)} ms${row.non2xx || row.errors ? `, ${row.non2xx} non-2xx, ${row.errors} errors` : ""})` : ""}`;
  };
  lines.push(`target: p95 < ${TARGET_P95_MS} ms at 50 users on PGlite`);
  lines.push(`- 50 closed-loop connections (each asks again the moment its page arrives): ${verdict(find("pglite", 50))}`);
  lines.push(`- 50 users opening a page every ${PACE_SECONDS} s each: ${verdict(find("pglite", USERS, true))}`);
  return lines.join("\n");
}

async function main() {
  const started = Date.now();
  await ensureBuild();
  const targets: Target[] = [{ kind: "pglite", label: "PGlite" }];
  const serverUrl = await postgresServer();
  if (serverUrl) targets.push({ kind: "postgres", label: "PostgreSQL", serverUrl });

  const rows: Row[] = [];
  for (const target of targets) rows.push(...(await benchTarget(target)));
  process.stdout.write(`${report(rows)}\n`);
  log(`total ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

main().then(
  () => process.exit(0),
  async (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    await runCleanups();
    process.exit(1);
  },
);
