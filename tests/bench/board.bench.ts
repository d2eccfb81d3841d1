// Benchmark of the phase-1 task board of the demo municipality with 500 extra cards.
// Usage: npm run bench (after the overview bench), or BENCH_ONLY=board npm run bench.
//
// For PGlite (always) and PostgreSQL (when BENCH_DATABASE_URL or TEST_DATABASE_URL is set, or
// postgres://postgres@127.0.0.1:5432/test answers; a fresh koers_bench_<random> database is created
// there and dropped afterwards; BENCH_PGLITE_ONLY=1 skips it): prepare the database with db/setup.ts,
// insert 500 cards (valid fractional ranks, spread over the columns) on GM0050's phase-1 board, start
// the built server, sign the demo lead in twice (two sessions), then measure
//   (a) GET /g/GM0050/fase/1/bord: server time one request at a time, then 10 people who each open
//       the board and look at it for 1–5 s before opening it again (BENCH_USERS, BENCH_THINK_MS),
//       and 10 connections that never pause (autocannon): the most pages a second it can give;
//   (b) time until interactive in Chromium: navigation start → hydrated board (window.__remixRouter
//       and the drag handles, which render only after hydration), median of BENCH_BROWSER_LOADS (5);
//   (c) move propagation: session 2 listens on /g/GM0050/fase/1/bord/live, session 1 posts the move
//       form (intent=moveTask, move=task|column||) BENCH_MOVES (50) times; POST sent → `event: change`;
//   (d) the same as a person sees it: session 2 has the board open in Chromium, session 1 moves a
//       card to the top of another column (as the app does with JavaScript: POST …/bord.data)
//       BENCH_BROWSER_MOVES (20) times; POST sent → the card is in that column in session 2's page.
//
// Also (a) for the phase page (same layout, no cards), as the floor any page of the app has here.
//
// Target (the issue): page p95 < 100 ms — met when both the one-at-a-time server time and the 10
// people stay under it; the pause-less run is reported as capacity, without a target.
//
// Settings: BENCH_SECONDS (default 10), BENCH_WARMUP_SECONDS (default 2), BENCH_REBUILD=1,
// BENCH_USERS (10), BENCH_THINK_MS (1000-5000), BENCH_USERS_SECONDS (30),
// BENCH_CARDS (default 500), BENCH_CHROMIUM (default /usr/bin/chromium).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { and, asc, desc, eq } from "drizzle-orm";
import { generateNKeysBetween } from "fractional-indexing";
import { adminQuery, benchEnv, cleanups, freePort, log, percentile, positive, processEnv, runBenchmark, runCleanups, signInCookie, runCommand, startServer, thinkRange, TSX, usersLoad, waitForHealth } from "./support";

const CBS_CODE = "GM0050";
const PHASE = 1;
const PAGE = `/g/${CBS_CODE}/fase/${PHASE}/bord`;
const LIVE = `${PAGE}/live`;
const REFERENCE_PAGE = `/g/${CBS_CODE}/fase/${PHASE}`;
const LEAD_EMAIL = "lead@koers.demo";
const LEAD_PASSWORD = "Koers-demo-2026!";
const CARDS = positive("BENCH_CARDS", 500);
const LEVELS = [1, 10];
const USERS = positive("BENCH_USERS", 10);
const THINK_MS = thinkRange("BENCH_THINK_MS", [1000, 5000]);
const USERS_SECONDS = positive("BENCH_USERS_SECONDS", 30);
const SECONDS = positive("BENCH_SECONDS", 10);
const WARMUP_SECONDS = positive("BENCH_WARMUP_SECONDS", 2);
const BROWSER_LOADS = positive("BENCH_BROWSER_LOADS", 5);
const MOVES = positive("BENCH_MOVES", 50);
const BROWSER_MOVES = positive("BENCH_BROWSER_MOVES", 20);
const CHROMIUM = process.env.BENCH_CHROMIUM || "/usr/bin/chromium";
const TARGET_PAGE_P95_MS = 100;
const TARGET_PROPAGATION_P95_MS = 100;

type Kind = "pglite" | "postgres";
interface Target {
  kind: Kind;
  label: string;
  serverUrl?: string;
  processes?: number;
  redisUrl?: string;
}
interface Stats {
  p50: number;
  p95: number;
  p99: number;
  count: number;
}
interface PageRow extends Stats {
  concurrency: number;
  rps: number;
  non2xx: number;
  errors: number;
}
interface UsersRow extends Stats {
  users: number;
  rate: number;
  non2xx: number;
  errors: number;
}
interface Result {
  target: Target;
  cards: number;
  page: PageRow[];
  /** BENCH_USERS people with pauses. */
  users?: UsersRow;
  /** The same for a small page in the same layout (the phase page, no cards): what any page costs here. */
  reference?: PageRow[];
  interactive: { median: number; all: number[] } | { error: string };
  propagation: Stats | { error: string };
  /** The board page as the session first saw it. */
  html?: { kib: number; shown: number };
  browserPropagation?: Stats | { error: string };
}

const stats = (values: number[]): Stats => {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), count: sorted.length };
};

// ---- data -------------------------------------------------------------------------------------
/** Inserts CARDS tasks on the phase-1 board, round-robin over its columns, after each column's last card. */
async function addCards(options: { url?: string; dataDir?: string }): Promise<number> {
  const { createDb } = await import("../../db/client");
  const { board, boardColumn, organization, task, user } = await import("../../db/schema/index");
  const handle = await createDb(options.url ? { url: options.url } : { dataDir: options.dataDir });
  try {
    const [municipality] = await handle.db.select({ id: organization.id }).from(organization).where(eq(organization.cbsCode, CBS_CODE));
    if (!municipality) throw new Error(`demo municipality ${CBS_CODE} not found after db/setup.ts`);
    const [b] = await handle.db.select().from(board).where(and(eq(board.municipalityId, municipality.id), eq(board.phaseNumber, PHASE)));
    if (!b) throw new Error(`${CBS_CODE} has no phase-${PHASE} board after db/setup.ts`);
    const [lead] = await handle.db.select({ id: user.id }).from(user).where(eq(user.email, LEAD_EMAIL));
    const columns = await handle.db.select().from(boardColumn).where(eq(boardColumn.boardId, b.id)).orderBy(asc(boardColumn.rank));
    if (columns.length === 0) throw new Error("phase-1 board has no columns");
    const rows: (typeof task.$inferInsert)[] = [];
    for (const [ci, column] of columns.entries()) {
      const count = Math.floor(CARDS / columns.length) + (ci < CARDS % columns.length ? 1 : 0);
      const [last] = await handle.db.select({ rank: task.rank }).from(task).where(eq(task.columnId, column.id)).orderBy(desc(task.rank)).limit(1);
      const ranks = generateNKeysBetween(last?.rank ?? null, null, count);
      for (const [i, rank] of ranks.entries()) {
        rows.push({
          id: crypto.randomUUID(),
          boardId: b.id,
          columnId: column.id,
          municipalityId: municipality.id,
          title: `Benchkaart ${ci + 1}.${i + 1}`,
          description: "Toegevoegd door de benchmark.",
          rank,
          createdByUserId: lead?.id ?? null,
        });
      }
    }
    for (let i = 0; i < rows.length; i += 100) await handle.db.insert(task).values(rows.slice(i, i + 100));
    const all = await handle.db.select({ id: task.id }).from(task).where(eq(task.boardId, b.id));
    return all.length;
  } finally {
    await handle.close();
  }
}

const signIn = (baseUrl: string) => signInCookie(baseUrl, LEAD_EMAIL, LEAD_PASSWORD);

/** The board page as the session sees it (HTML). */
async function boardHtml(baseUrl: string, cookie: string): Promise<string> {
  const res = await fetch(`${baseUrl}${PAGE}`, { redirect: "manual", headers: { cookie, accept: "text/html" } });
  const body = await res.text();
  if (res.status !== 200) throw new Error(`GET ${PAGE} gave HTTP ${res.status} ${res.headers.get("location") ?? ""}`);
  return body;
}

/** The page's columns with the ids of the cards it shows, in order (sections labelled by their column heading). */
function boardLayout(html: string): { columnId: string; cardIds: string[] }[] {
  return html
    .split('aria-labelledby="column-')
    .slice(1)
    .map((part) => ({ columnId: part.slice(0, part.indexOf('"')), cardIds: [...part.matchAll(/<li id="card-([^"]+)"/g)].map((m) => m[1]!) }));
}

/** The move form's fields for "this card into that column, before that card (or at the end)". */
const moveBody = (taskId: string, columnId: string, beforeTaskId = "") => new URLSearchParams({ intent: "moveTask", move: `${taskId}|${columnId}|${beforeTaskId}|` });

// ---- (a) page load ----------------------------------------------------------------------------
function cannon(baseUrl: string, cookie: string, connections: number, seconds: number, latencies?: number[], path = PAGE) {
  const instance = autocannon({
    url: `${baseUrl}${path}`,
    connections,
    duration: seconds,
    timeout: 10,
    headers: { accept: "text/html", "accept-encoding": "gzip", "user-agent": "koers-bench", cookie },
  });
  if (latencies) instance.on("response", (_client, _status, _bytes, ms) => void latencies.push(ms));
  return instance;
}

async function measurePage(label: string, baseUrl: string, cookie: string, connections: number, path = PAGE): Promise<PageRow> {
  await cannon(baseUrl, cookie, connections, WARMUP_SECONDS, undefined, path);
  const latencies: number[] = [];
  const result = await cannon(baseUrl, cookie, connections, SECONDS, latencies, path);
  const row: PageRow = { concurrency: connections, rps: result.requests.total / result.duration, ...stats(latencies), non2xx: result.non2xx, errors: result.errors + result.timeouts };
  log(`${label} ${path === PAGE ? "page" : path} c=${connections}: ${row.rps.toFixed(1)} req/s, p95 ${row.p95.toFixed(1)} ms, non-2xx ${row.non2xx}`);
  return row;
}

async function measureUsers(label: string, baseUrl: string, cookie: string): Promise<UsersRow> {
  const run = await usersLoad({ url: `${baseUrl}${PAGE}`, cookie, users: USERS, seconds: USERS_SECONDS, thinkMs: THINK_MS });
  const row: UsersRow = { users: USERS, rate: run.rate, ...stats(run.latencies), non2xx: run.non2xx, errors: run.errors };
  log(`${label} page, ${USERS} people: ${row.rate.toFixed(1)} pages/s, p95 ${row.p95.toFixed(1)} ms over ${row.count}, non-2xx ${row.non2xx}`);
  return row;
}

// ---- (b) time until interactive ---------------------------------------------------------------
async function measureInteractive(label: string, baseUrl: string, cookie: string): Promise<{ median: number; all: number[] }> {
  const { chromium } = await import("playwright-core");
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"] });
  try {
    const context = await browser.newContext();
    const host = new URL(baseUrl).hostname;
    await context.addCookies(
      cookie.split("; ").map((pair) => {
        const at = pair.indexOf("=");
        return { name: pair.slice(0, at), value: pair.slice(at + 1), domain: host, path: "/" };
      }),
    );
    const all: number[] = [];
    // One unmeasured load warms the browser cache for the assets, as for a returning user.
    for (let i = 0; i <= BROWSER_LOADS; i++) {
      const page = await context.newPage();
      await page.goto(`${baseUrl}${PAGE}`, { waitUntil: "commit" });
      const handle = await page.waitForFunction(
        () => {
          const w = window as unknown as { __remixRouter?: unknown };
          const handleEl = document.querySelector(".koers-drag-handle");
          const button = document.querySelector<HTMLButtonElement>(".koers-move-form button");
          return w.__remixRouter && handleEl && button && !button.disabled ? performance.now() : false;
        },
        undefined,
        { polling: "raf", timeout: 60_000 },
      );
      const ms = (await handle.jsonValue()) as number;
      if (i > 0) all.push(ms);
      await page.close();
    }
    const sorted = [...all].sort((a, b) => a - b);
    const median = sorted.length % 2 ? sorted[(sorted.length - 1) / 2]! : (sorted[sorted.length / 2 - 1]! + sorted[sorted.length / 2]!) / 2;
    log(`${label} interactive: median ${median.toFixed(0)} ms (${all.map((v) => v.toFixed(0)).join(", ")})`);
    return { median, all };
  } finally {
    await browser.close();
  }
}

// ---- (c) move propagation ---------------------------------------------------------------------
async function measurePropagation(label: string, baseUrl: string, moverCookie: string, listenerCookie: string): Promise<Stats> {
  const layout = boardLayout(await boardHtml(baseUrl, moverCookie));
  const taskIds = layout.flatMap((c) => c.cardIds);
  const columnIds = layout.map((c) => c.columnId);
  if (taskIds.length < MOVES || columnIds.length < 2) throw new Error(`board HTML shows ${taskIds.length} cards and ${columnIds.length} columns`);

  const abort = new AbortController();
  const res = await fetch(`${baseUrl}${LIVE}`, { headers: { cookie: listenerCookie, accept: "text/event-stream" }, signal: abort.signal });
  if (res.status !== 200 || !res.body) throw new Error(`GET ${LIVE} gave HTTP ${res.status}`);
  let waiting: ((at: number) => void) | undefined;
  let connected: () => void = () => {};
  const isConnected = new Promise<void>((resolve) => (connected = resolve));
  const reader = (async () => {
    const decoder = new TextDecoder();
    let buffer = "";
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const event = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (event.includes(": connected")) connected();
          if (/^event: change$/m.test(event)) {
            const at = performance.now();
            const w = waiting;
            waiting = undefined;
            w?.(at);
          }
        }
      }
    } catch {
      // aborted at the end
    }
  })();
  await isConnected;

  const times: number[] = [];
  try {
    for (let i = 0; i < MOVES; i++) {
      const taskId = taskIds[i]!;
      // To the next column's end (wrapping around): a cross-column move, as the "next column" button.
      const columnId = columnIds[(i % (columnIds.length - 1)) + 1]!;
      const body = moveBody(taskId, columnId);
      const received = new Promise<number>((resolve, reject) => {
        waiting = resolve;
        setTimeout(() => reject(new Error(`no event: change within 10 s after move ${i + 1}`)), 10_000).unref();
      });
      const sent = performance.now();
      const post = fetch(`${baseUrl}${PAGE}`, {
        method: "POST",
        redirect: "manual",
        headers: { cookie: moverCookie, origin: baseUrl, "content-type": "application/x-www-form-urlencoded", accept: "text/html" },
        body,
      }).then(async (r) => {
        await r.arrayBuffer();
        if (r.status !== 200) throw new Error(`move ${i + 1}: POST ${PAGE} gave HTTP ${r.status}`);
      });
      const at = await received;
      times.push(at - sent);
      await post;
    }
  } finally {
    abort.abort();
    await reader;
  }
  const s = stats(times);
  log(`${label} propagation: p50 ${s.p50.toFixed(1)} ms, p95 ${s.p95.toFixed(1)} ms over ${s.count} moves`);
  return s;
}

// ---- (d) move propagation to a second screen ---------------------------------------------------
async function measureBrowserPropagation(label: string, baseUrl: string, moverCookie: string, viewerCookie: string): Promise<Stats> {
  const { chromium } = await import("playwright-core");
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"] });
  try {
    const context = await browser.newContext();
    const host = new URL(baseUrl).hostname;
    await context.addCookies(
      viewerCookie.split("; ").map((pair) => {
        const at = pair.indexOf("=");
        return { name: pair.slice(0, at), value: pair.slice(at + 1), domain: host, path: "/" };
      }),
    );
    const page = await context.newPage();
    await page.goto(`${baseUrl}${PAGE}`);
    await page.waitForFunction(() => Boolean((window as unknown as { __remixRouter?: unknown }).__remixRouter && document.querySelector(".koers-drag-handle")), undefined, { timeout: 60_000 });
    // The live stream opens in the same effect pass as the drag handles; give it a moment to connect.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const times: number[] = [];
    for (let i = 0; i < BROWSER_MOVES; i++) {
      const layout = boardLayout(await page.content());
      const from = layout[0]!;
      const to = layout[(i % (layout.length - 1)) + 1]!;
      const taskId = from.cardIds[0];
      if (!taskId) throw new Error(`column 1 of the page has no card left after ${i} moves`);
      const selector = `section[aria-labelledby="column-${to.columnId}"] #card-${taskId}`;
      // The page notes (wall clock) when the card shows up in its new column. A string: tsx would wrap
      // named functions in a helper that the page does not have.
      await page.evaluate(`void (window.__koersSeen = new Promise((resolve) => {
        const check = () => {
          if (!document.querySelector(${JSON.stringify(selector)})) return;
          observer.disconnect();
          resolve(Date.now());
        };
        const observer = new MutationObserver(check);
        observer.observe(document.body, { subtree: true, childList: true });
        check();
      }))`);
      const sent = Date.now();
      const post = fetch(`${baseUrl}${PAGE}.data`, {
        method: "POST",
        headers: { cookie: moverCookie, origin: baseUrl, "content-type": "application/x-www-form-urlencoded" },
        body: moveBody(taskId, to.columnId, to.cardIds[0] ?? ""),
      }).then(async (r) => {
        await r.arrayBuffer();
        if (r.status !== 200) throw new Error(`move ${i + 1}: POST ${PAGE}.data gave HTTP ${r.status}`);
      });
      const seen = (await page.evaluate("Promise.race([window.__koersSeen, new Promise((resolve) => setTimeout(() => resolve(-1), 10000))])")) as number;
      await post;
      if (seen < 0) throw new Error(`move ${i + 1} did not show up in the other page within 10 s`);
      times.push(seen - sent);
      // Let the page settle (a second reload may follow) before the next move.
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    const s = stats(times);
    log(`${label} propagation to a second screen: p50 ${s.p50.toFixed(0)} ms, p95 ${s.p95.toFixed(0)} ms over ${s.count} moves`);
    return s;
  } finally {
    await browser.close();
  }
}

// ---- one database -----------------------------------------------------------------------------
async function benchTarget(target: Target): Promise<Result> {
  const started = Date.now();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "koers-bench-board-"));
  cleanups.push(async () => fs.rmSync(tmp, { recursive: true, force: true }));
  let dbEnv: Record<string, string>;
  if (target.kind === "postgres") {
    const name = `koers_bench_${crypto.randomUUID().replace(/-/g, "").slice(0, 12)}`;
    await adminQuery(target.serverUrl!, `create database ${name}`);
    cleanups.push(() => adminQuery(target.serverUrl!, `drop database if exists ${name} with (force)`));
    const url = new URL(target.serverUrl!);
    url.pathname = `/${name}`;
    dbEnv = { DATABASE_URL: url.toString() };
  } else {
    dbEnv = { PGLITE_DIR: path.join(tmp, "pglite") };
  }
  await runCommand(TSX, ["db/setup.ts"], benchEnv(dbEnv));
  const cards = await addCards(target.kind === "postgres" ? { url: dbEnv.DATABASE_URL } : { dataDir: dbEnv.PGLITE_DIR });
  log(`${target.label}: phase-${PHASE} board has ${cards} cards`);

  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const server = startServer(benchEnv({ ...dbEnv, NODE_ENV: "production", KOERS_DEMO: "1", PORT: String(port), KOERS_BASE_URL: baseUrl, KOERS_SECRET_FILE: path.join(tmp, "auth-secret"), ...processEnv(target) }));
  cleanups.push(() => server.stop());
  await waitForHealth(baseUrl, server);
  log(`${target.label}: server up on ${baseUrl} (${((Date.now() - started) / 1000).toFixed(1)} s)`);

  const mover = await signIn(baseUrl);
  const listener = await signIn(baseUrl);
  const html = await boardHtml(baseUrl, mover);
  const shown = boardLayout(html).reduce((sum, c) => sum + c.cardIds.length, 0);
  const kib = Buffer.byteLength(html) / 1024;
  log(`${target.label}: two sessions of ${LEAD_EMAIL}; the board page shows ${shown} cards (${kib.toFixed(0)} KiB HTML)`);

  const page: PageRow[] = [];
  for (const c of LEVELS) page.push(await measurePage(target.label, baseUrl, mover, c));
  const users = await measureUsers(target.label, baseUrl, mover);
  const reference: PageRow[] = [];
  if (process.env.BENCH_REFERENCE !== "0") for (const c of LEVELS) reference.push(await measurePage(target.label, baseUrl, mover, c, REFERENCE_PAGE));
  const interactive = await measureInteractive(target.label, baseUrl, mover).catch((err: unknown) => ({ error: err instanceof Error ? err.message.split("\n")[0]! : String(err) }));
  const propagation = await measurePropagation(target.label, baseUrl, mover, listener).catch((err: unknown) => ({ error: err instanceof Error ? err.message.split("\n")[0]! : String(err) }));
  const browserPropagation = await measureBrowserPropagation(target.label, baseUrl, mover, listener).catch((err: unknown) => ({ error: err instanceof Error ? err.message.split("\n")[0]! : String(err) }));
  await runCleanups();
  log(`${target.label}: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { target, cards, page, users, reference, interactive, propagation, html: { kib, shown }, browserPropagation };
}

// ---- report -----------------------------------------------------------------------------------
const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : "–");

function report(results: Result[]): string {
  const lines: string[] = [];
  lines.push(`Board ${PAGE} with ${results[0]?.cards ?? CARDS} cards on the phase-${PHASE} board, demo lead session, ${SECONDS} s per level after ${WARMUP_SECONDS} s warm-up, ${os.cpus().length} CPUs, Node ${process.version}`);
  lines.push("");
  lines.push("(a) GET board page: one request at a time (server time) and connections that never pause (capacity), autocannon");
  lines.push("");
  for (const r of results) if (r.html) lines.push(`${r.target.label}: the page is ${fmt(r.html.kib, 0)} KiB of HTML and shows ${r.html.shown} of the ${r.cards} cards.`);
  lines.push("");
  lines.push("| database | concurrency | requests/s | p50 ms | p95 ms | p99 ms | non-2xx |");
  lines.push("|---|---:|---:|---:|---:|---:|---:|");
  for (const r of results) for (const p of r.page) lines.push(`| ${r.target.label} | ${p.concurrency} | ${fmt(p.rps)} | ${fmt(p.p50)} | ${fmt(p.p95)} | ${fmt(p.p99)} | ${p.non2xx}${p.errors ? ` (+${p.errors} errors)` : ""} |`);
  lines.push("");
  lines.push(`(a, people) ${USERS} people each open the board, look at it for ${THINK_MS[0] / 1000}–${THINK_MS[1] / 1000} s (uniform) and open it again, for ${USERS_SECONDS} s`);
  lines.push("");
  lines.push("| database | people | pages/s | pages | p50 ms | p95 ms | p99 ms | p95 / target | non-2xx |");
  lines.push("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
  for (const r of results) {
    const u = r.users;
    if (u) lines.push(`| ${r.target.label} | ${u.users} | ${fmt(u.rate)} | ${u.count} | ${fmt(u.p50)} | ${fmt(u.p95)} | ${fmt(u.p99)} | ${fmt(u.p95 / TARGET_PAGE_P95_MS, 2)} | ${u.non2xx}${u.errors ? ` (+${u.errors} errors)` : ""} |`);
  }
  if (results.some((r) => r.reference?.length)) {
    lines.push("");
    lines.push(`(a') for comparison, GET ${REFERENCE_PAGE} (the phase page: same layout and session, no cards); BENCH_REFERENCE=0 skips it`);
    lines.push("");
    lines.push("| database | concurrency | requests/s | p50 ms | p95 ms | p99 ms | non-2xx |");
    lines.push("|---|---:|---:|---:|---:|---:|---:|");
    for (const r of results) for (const p of r.reference ?? []) lines.push(`| ${r.target.label} | ${p.concurrency} | ${fmt(p.rps)} | ${fmt(p.p50)} | ${fmt(p.p95)} | ${fmt(p.p99)} | ${p.non2xx}${p.errors ? ` (+${p.errors} errors)` : ""} |`);
  }
  lines.push("");
  lines.push(`(b) time until interactive in Chromium (navigation start → hydrated board), ${BROWSER_LOADS} loads after one warm-up load`);
  lines.push("");
  lines.push("| database | median ms | loads ms |");
  lines.push("|---|---:|---|");
  for (const r of results) {
    if ("error" in r.interactive) lines.push(`| ${r.target.label} | failed | ${r.interactive.error} |`);
    else lines.push(`| ${r.target.label} | ${fmt(r.interactive.median, 0)} | ${r.interactive.all.map((v) => fmt(v, 0)).join(", ")} |`);
  }
  lines.push("");
  lines.push(`(c) move propagation: POST move (session 1) sent → \`event: change\` on ${LIVE} (session 2)`);
  lines.push("");
  lines.push("| database | moves | p50 ms | p95 ms | p99 ms |");
  lines.push("|---|---:|---:|---:|---:|");
  for (const r of results) {
    if ("error" in r.propagation) lines.push(`| ${r.target.label} | failed: ${r.propagation.error} | | | |`);
    else lines.push(`| ${r.target.label} | ${r.propagation.count} | ${fmt(r.propagation.p50)} | ${fmt(r.propagation.p95)} | ${fmt(r.propagation.p99)} |`);
  }
  lines.push("");
  lines.push(`(d) move propagation to a second screen: POST move (session 1) sent → the card in its new column in session 2's Chromium page`);
  lines.push("");
  lines.push("| database | moves | p50 ms | p95 ms | p99 ms |");
  lines.push("|---|---:|---:|---:|---:|");
  for (const r of results) {
    const b = r.browserPropagation;
    if (!b) continue;
    if ("error" in b) lines.push(`| ${r.target.label} | failed: ${b.error} | | | |`);
    else lines.push(`| ${r.target.label} | ${b.count} | ${fmt(b.p50, 0)} | ${fmt(b.p95, 0)} | ${fmt(b.p99, 0)} |`);
  }
  lines.push("");
  lines.push("targets:");
  for (const r of results) {
    const single = r.page.find((p) => p.concurrency === 1);
    const u = r.users;
    const clean = (x: { non2xx: number; errors: number } | undefined) => x !== undefined && x.non2xx === 0 && x.errors === 0;
    const serverMet = clean(single) && single!.p95 < TARGET_PAGE_P95_MS;
    const usersMet = clean(u) && u!.p95 < TARGET_PAGE_P95_MS;
    const prop = !("error" in r.propagation) ? r.propagation : undefined;
    const propMet = prop !== undefined && prop.count === MOVES && prop.p95 < TARGET_PROPAGATION_P95_MS;
    lines.push(`- ${r.target.label} board page p95 < ${TARGET_PAGE_P95_MS} ms, server time: ${serverMet ? "MET" : "NOT MET"}${single ? ` (p95 ${fmt(single.p95)} ms)` : ""}`);
    lines.push(`- ${r.target.label} board page p95 < ${TARGET_PAGE_P95_MS} ms, ${USERS} people: ${usersMet ? "MET" : "NOT MET"}${u ? ` (p95 ${fmt(u.p95)} ms)` : ""}`);
    lines.push(`- ${r.target.label} move propagation p95 < ${TARGET_PROPAGATION_P95_MS} ms: ${propMet ? "MET" : "NOT MET"}${prop ? ` (p95 ${fmt(prop.p95)} ms)` : ""}`);
  }
  return lines.join("\n");
}

runBenchmark("board", { build: true, processes: true }, benchTarget, report);
