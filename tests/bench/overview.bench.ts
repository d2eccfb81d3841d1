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
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon, { type Client } from "autocannon";
import { eq } from "drizzle-orm";
import { adminQuery, benchEnv, cleanups, ensureBuild, freePort, log, percentile, positive, postgresServer, runCleanups, runCommand, skipUnlessSelected, sleep, startServer, TSX, waitForHealth } from "./support";

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
  if (skipUnlessSelected("overview")) return;
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
