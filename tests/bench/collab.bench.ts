// Benchmark of the live-document server (Hocuspocus on the app's server, durable update log).
// Usage: npm run bench (after the other benches), or BENCH_ONLY=collab npm run bench, or
// `npx tsx tests/bench/collab.bench.ts`.
//
// The server runs as a child process exactly as the collab tests run it
// (tests/collab/support/harness.ts: createCollabServer wired as in server.ts, without Remix), on
// PGlite (always) and PostgreSQL (when BENCH_DATABASE_URL or TEST_DATABASE_URL is set, or
// postgres://postgres@127.0.0.1:5432/test answers; a fresh database there, dropped afterwards;
// BENCH_PGLITE_ONLY=1 skips it, BENCH_POSTGRES_ONLY=1 skips PGlite). Clients are headless Yjs clients speaking the Hocuspocus protocol,
// all in this process, with real better-auth session cookies and the app's Origin header.
//
//   (a) edit propagation with 2, 10 and 50 editors (BENCH_EDITORS) on one document: every editor types
//       BENCH_EDITS_PER_SECOND (5) small edits per second at random places for BENCH_SECONDS (10)
//       after BENCH_WARMUP_SECONDS (2); up to BENCH_OBSERVERS (10) of them apply everything and
//       time each other editor's edit from sending to arrival (the others only type, to keep this
//       process from becoming the bottleneck). Also the time to acknowledgement (= stored).
//   (b) server memory (RSS of the server process) with 100 and 500 documents open, each ~5 KB of
//       text in paragraphs, one client per document: just opened, and after one edit in each.
//   (c) a long history: replay the B4 editing trace (automerge-paper, 259 778 edits, Kleppmann's
//       LaTeX paper) through the server, BENCH_B4_BATCH (100) edits per update (1 = one update per
//       keystroke; the resulting Yjs document is the same), then reopen it, first open after a
//       server restart, BENCH_REOPENS (3) times each:
//         - with its log tail: after 450 more one-character updates and kill -9 (state + unmerged log);
//         - fully compacted (graceful restart): "loading one compacted snapshot";
//         - the same final text without history (one update), for comparison.
//       The trace comes from B4_TRACE (automerge-paper.json or .json.gz from
//       github.com/josephg/editing-traces, sequential_traces/). Default: tests/.tmp/b4-automerge-paper.json.gz,
//       extracted in the setup step from the git mirror B4_MIRROR
//       (default /work/.mirror/josephg+editing-traces/repo, put there by fetching
//       github:josephg/editing-traces) with `git --git-dir=<mirror> show HEAD:sequential_traces/automerge-paper.json.gz`.
//       Nothing of it is committed (tests/.tmp is ignored). Without it the row says skipped, and why.
//   (d) acknowledged = stored under kill -9, BENCH_KILLS (100) times: a client types with up to
//       32 updates in flight, the server is SIGKILLed at a random moment, restarted, and every
//       acknowledged update must be there (tests/collab/support/durability.ts).
//
// Targets: p95 < 50 ms at 50 editors; 500 documents < 1 GiB RSS; reopening ≤ 2× loading one
// compacted snapshot; 0 acknowledged updates lost.
// BENCH_COLLAB_SECTIONS=latency,memory,history,kills selects sections.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import * as Y from "yjs";
import { RawClient, type Identity } from "../collab/support/clients";
import { killRound, type KillRoundResult } from "../collab/support/durability";
import { buildBundles, CollabServerProcess, createTestDatabase, freePort, ROOT, seedDatabase, type TestDatabase } from "../collab/support/harness";
import type { SeedResult } from "../collab/support/types";
import { cleanups, log, percentile, positive, postgresServer, redact, runCleanups, skipUnlessSelected, sleep } from "./support";

const LEVELS = (process.env.BENCH_EDITORS ?? "2,10,50").split(",").map(Number);
const EDITS_PER_SECOND = positive("BENCH_EDITS_PER_SECOND", 5);
const SECONDS = positive("BENCH_SECONDS", 10);
const WARMUP_SECONDS = positive("BENCH_WARMUP_SECONDS", 2);
const OBSERVERS = positive("BENCH_OBSERVERS", 10);
const DOCUMENT_COUNTS = [100, 500];
const B4_BATCH = positive("BENCH_B4_BATCH", 100);
const REOPENS = positive("BENCH_REOPENS", 3);
const KILLS = positive("BENCH_KILLS", 100);
const SECTIONS = new Set((process.env.BENCH_COLLAB_SECTIONS ?? "latency,memory,history,kills").split(",").map((s) => s.trim()));
const TARGET_P95_MS = 50;
const TARGET_RSS_BYTES = 1024 ** 3;
const TARGET_REOPEN_RATIO = 2;

const LOAD_AT_START = os.loadavg();
const B4_DEFAULT = path.join(ROOT, "tests/.tmp/b4-automerge-paper.json.gz");
const B4_MIRROR = process.env.B4_MIRROR || "/work/.mirror/josephg+editing-traces/repo";
const B4_MIRROR_PATH = "sequential_traces/automerge-paper.json.gz";

type Kind = "pglite" | "postgres";
interface Target {
  kind: Kind;
  label: string;
  serverUrl?: string;
}
interface Stats {
  p50: number;
  p95: number;
  p99: number;
  count: number;
}
interface LatencyRow {
  editors: number;
  observers: number;
  edits: number;
  propagation: Stats;
  delivered: number;
  expected: number;
  ack: Stats;
}
interface MemoryRow {
  documents: number;
  openRss: number;
  editedRss: number;
}
interface MemoryResult {
  baselineRss: number;
  rows: MemoryRow[];
}
interface HistoryResult {
  edits: number;
  updates: number;
  replayMs: number;
  snapshotBytes: number;
  textOk: boolean;
  withTail: number[];
  compacted: number[];
  noHistory: number[];
  /** Opens after the first one on the same server (JIT and caches warm). */
  compactedWarm: number[];
  noHistoryWarm: number[];
  decodeMs: number;
}
type Section<T> = T | { error: string } | { skipped: string } | undefined;
interface Result {
  target: Target;
  latency: Section<LatencyRow[]>;
  memory: Section<MemoryResult>;
  history: Section<HistoryResult>;
  kills: Section<KillRoundResult[]>;
}

function stats(values: number[]): Stats {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), count: sorted.length };
}
const median = (values: number[]) => percentile([...values].sort((a, b) => a - b), 50);

interface Env {
  server: CollabServerProcess;
  seed: SeedResult;
  identities: Identity[];
  documents: string[];
}

function takeDocuments(env: Env, n: number): string[] {
  if (env.documents.length < n) throw new Error(`not enough seeded documents (${env.documents.length} left, ${n} wanted)`);
  return env.documents.splice(0, n);
}

async function connected(env: Env, documentId: string, i: number, options: Parameters<typeof RawClient.connect>[3] = {}): Promise<RawClient> {
  const client = await RawClient.connect(env.server.wsUrl, documentId, env.identities[i % env.identities.length]!, options);
  await client.handshake(30_000);
  return client;
}

// ---- (a) edit propagation ---------------------------------------------------------------------
async function measureLatency(env: Env, label: string, editors: number): Promise<LatencyRow> {
  const [documentId] = takeDocuments(env, 1);
  const sentAt = new Map<string, number>();
  const propagation: number[] = [];
  const acks: number[] = [];
  let measuring = false;
  let windowStart = Number.POSITIVE_INFINITY;
  let windowEnd = Number.POSITIVE_INFINITY;
  const clients: RawClient[] = [];
  const observers = Math.min(OBSERVERS, editors);
  for (let i = 0; i < editors; i++) {
    const observer = i < observers;
    const client = await connected(env, documentId!, i, { applyRemote: observer, onAck: (ms) => measuring && acks.push(ms) });
    if (observer) {
      client.doc.getText("bench").observe((event) => {
        const now = performance.now();
        for (const op of event.delta) {
          if (typeof op.insert !== "string") continue;
          for (const m of op.insert.matchAll(/#(\d+)-(\d+);/g)) {
            if (Number(m[1]) === i) continue;
            const t = sentAt.get(`${m[1]}-${m[2]}`);
            if (t !== undefined && t >= windowStart && t <= windowEnd) propagation.push(now - t);
          }
        }
      });
    }
    clients.push(client);
  }

  // Every editor types at its own pace with jitter, at random places in what it knows.
  let typing = true;
  let editsInWindow = 0;
  const perEditorInWindow = new Array<number>(editors).fill(0);
  const loops = clients.map(async (client, i) => {
    const text = client.doc.getText("bench");
    let seq = 0;
    await sleep(Math.random() * (1000 / EDITS_PER_SECOND));
    while (typing) {
      const key = `${i}-${seq++}`;
      const now = performance.now();
      sentAt.set(key, now);
      if (now >= windowStart && now <= windowEnd) {
        editsInWindow += 1;
        perEditorInWindow[i]! += 1;
      }
      text.insert(Math.floor(Math.random() * (text.length + 1)), `#${key};`);
      await sleep((1000 / EDITS_PER_SECOND) * (0.5 + Math.random()));
    }
  });
  await sleep(WARMUP_SECONDS * 1000);
  measuring = true;
  windowStart = performance.now();
  await sleep(SECONDS * 1000);
  windowEnd = performance.now();
  typing = false;
  await Promise.all(loops);
  // Each observer should see every other editor's edits from the window.
  const expected = perEditorInWindow.reduce((sum, n, i) => sum + n * (i < observers ? observers - 1 : observers), 0);
  const deadline = Date.now() + 10_000;
  while (propagation.length < expected && Date.now() < deadline) await sleep(50);
  await Promise.all(clients.map((c) => c.settled(30_000).catch(() => undefined)));
  measuring = false;
  for (const c of clients) c.close();
  const row: LatencyRow = { editors, observers, edits: editsInWindow, propagation: stats(propagation), delivered: propagation.length, expected, ack: stats(acks) };
  log(`${label}: ${editors} editors: propagation p50 ${row.propagation.p50.toFixed(1)} / p95 ${row.propagation.p95.toFixed(1)} / p99 ${row.propagation.p99.toFixed(1)} ms (${row.delivered}/${expected} deliveries of ${editsInWindow} edits); stored p95 ${row.ack.p95.toFixed(1)} ms`);
  await sleep(500);
  return row;
}

// ---- (b) memory -------------------------------------------------------------------------------
const PARAGRAPH = "De gemeente stuurt op maatschappelijke effecten: elke doelstelling heeft een indicator, een eigenaar en een afspraak over de levering van data, zodat raad en college zien waar het programma staat. ";

async function prefill(env: Env, documentIds: string[]) {
  const started = performance.now();
  const parallel = 10;
  for (let k = 0; k < documentIds.length; k += parallel) {
    await Promise.all(
      documentIds.slice(k, k + parallel).map(async (documentId, j) => {
        const client = await connected(env, documentId, k + j);
        const body = client.doc.getXmlFragment("default");
        for (let u = 0; u < 5; u++) {
          const paragraphs = Array.from({ length: 4 }, (_, p) => {
            const el = new Y.XmlElement("paragraph");
            el.insert(0, [new Y.XmlText(`${u * 4 + p + 1}. ${PARAGRAPH}`)]);
            return el;
          });
          body.insert(body.length, paragraphs);
        }
        await client.settled(60_000);
        client.close();
      }),
    );
  }
  log(`prefilled ${documentIds.length} documents (~${Math.round((20 * (PARAGRAPH.length + 4)) / 1024)} KiB of text each) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

async function settleRss(server: CollabServerProcess): Promise<number> {
  // Let the allocator settle; take the lowest of a few samples a moment apart.
  let lowest = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 5; i++) {
    await sleep(400);
    lowest = Math.min(lowest, server.rssBytes());
  }
  return lowest;
}

async function measureMemory(env: Env, label: string): Promise<MemoryResult> {
  const max = Math.max(...DOCUMENT_COUNTS);
  const documentIds = takeDocuments(env, max);
  await prefill(env, documentIds);
  await env.server.stop();
  await env.server.start();
  const baselineRss = await settleRss(env.server);
  log(`${label}: server idle after restart: ${(baselineRss / 1024 ** 2).toFixed(0)} MiB RSS`);
  const clients: RawClient[] = [];
  const rows: MemoryRow[] = [];
  try {
    for (const count of DOCUMENT_COUNTS) {
      const opening = documentIds.slice(clients.length, count);
      for (let k = 0; k < opening.length; k += 20) {
        clients.push(...(await Promise.all(opening.slice(k, k + 20).map((id, j) => connected(env, id, clients.length + k + j, { applyRemote: false })))));
      }
      const openRss = await settleRss(env.server);
      for (const c of clients) c.type("·");
      await Promise.all(clients.map((c) => c.settled(60_000)));
      const editedRss = await settleRss(env.server);
      const docsOpen = (await (await fetch(`${env.server.httpUrl}/stats`)).json()) as { documents: number };
      rows.push({ documents: docsOpen.documents, openRss, editedRss });
      log(`${label}: ${docsOpen.documents} documents open: ${(openRss / 1024 ** 2).toFixed(0)} MiB RSS, after an edit in each ${(editedRss / 1024 ** 2).toFixed(0)} MiB`);
    }
  } finally {
    for (const c of clients) c.close();
  }
  return { baselineRss, rows };
}

// ---- (c) long history (B4) --------------------------------------------------------------------
interface Trace {
  patches: [number, number, string][];
  endContent: string;
}

function locateTrace(): { file: string } | { skipped: string } {
  const configured = process.env.B4_TRACE;
  if (configured) return fs.existsSync(configured) ? { file: configured } : { skipped: `B4_TRACE=${configured} does not exist` };
  if (fs.existsSync(B4_DEFAULT)) return { file: B4_DEFAULT };
  if (!fs.existsSync(B4_MIRROR)) {
    return { skipped: `no B4 trace: set B4_TRACE to automerge-paper.json(.gz) from github.com/josephg/editing-traces (sequential_traces/), or fetch that repository to ${B4_MIRROR}` };
  }
  try {
    const data = execFileSync("git", ["--git-dir", B4_MIRROR, "show", `HEAD:${B4_MIRROR_PATH}`], { maxBuffer: 64 * 1024 * 1024 });
    fs.mkdirSync(path.dirname(B4_DEFAULT), { recursive: true });
    fs.writeFileSync(B4_DEFAULT, data);
    log(`extracted ${B4_MIRROR_PATH} from ${B4_MIRROR} to ${path.relative(ROOT, B4_DEFAULT)}`);
    return { file: B4_DEFAULT };
  } catch (err) {
    return { skipped: `could not extract ${B4_MIRROR_PATH} from ${B4_MIRROR}: ${err instanceof Error ? err.message.split("\n")[0] : String(err)}` };
  }
}

function readTrace(file: string): Trace {
  const raw = fs.readFileSync(file);
  const json = JSON.parse((file.endsWith(".gz") ? zlib.gunzipSync(raw) : raw).toString("utf8")) as
    | { endContent: string; txns: { patches: [number, number, string][] }[] }
    | [number, number, string][];
  if (Array.isArray(json)) {
    let content = "";
    for (const [pos, del, ins] of json) content = content.slice(0, pos) + ins + content.slice(pos + del);
    return { patches: json, endContent: content };
  }
  return { patches: json.txns.flatMap((t) => t.patches), endContent: json.endContent };
}

async function timeOpen(env: Env, documentId: string, expectedText?: string): Promise<number> {
  const started = performance.now();
  const client = await connected(env, documentId, 0);
  const ms = performance.now() - started;
  if (expectedText !== undefined && client.text("b4") !== expectedText) throw new Error("reopened B4 document differs from the trace's end content");
  client.close();
  await sleep(300); // let the server unload it before the next open
  return ms;
}

async function measureHistory(env: Env, label: string, trace: Trace): Promise<HistoryResult> {
  const [b4Id, plainId] = takeDocuments(env, 2);
  const started = performance.now();
  const writer = await connected(env, b4Id!, 0, { applyRemote: false });
  const text = writer.doc.getText("b4");
  let updates = 0;
  for (let k = 0; k < trace.patches.length; k += B4_BATCH) {
    while (writer.sentUpdates - writer.acked >= 64) await writer.waitFor(() => writer.sentUpdates - writer.acked < 64 || writer.closed !== null, 60_000, "acknowledgements");
    if (writer.closed) throw new Error(`socket closed during the replay: ${JSON.stringify(writer.closed)}`);
    writer.doc.transact(() => {
      for (const [pos, del, ins] of trace.patches.slice(k, k + B4_BATCH)) {
        if (del > 0) text.delete(pos, del);
        if (ins) text.insert(pos, ins);
      }
    });
    updates += 1;
    if (updates % 500 === 0) log(`${label}: B4 replay ${Math.min(k + B4_BATCH, trace.patches.length)}/${trace.patches.length} edits`);
  }
  await writer.settled(120_000);
  const replayMs = performance.now() - started;
  const textOk = text.toString() === trace.endContent;
  writer.close();
  log(`${label}: replayed ${trace.patches.length} edits as ${updates} updates in ${(replayMs / 1000).toFixed(1)} s (${textOk ? "text matches the trace" : "TEXT DIFFERS"})`);

  const plain = await connected(env, plainId!, 1, { applyRemote: false });
  plain.doc.getText("b4").insert(0, trace.endContent);
  await plain.settled(60_000);
  plain.close();

  // Snapshot size and in-process decode time of the compacted state.
  const reader = await connected(env, b4Id!, 0);
  const snapshot = Y.encodeStateAsUpdate(reader.doc);
  reader.close();
  const decodes: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    const doc = new Y.Doc();
    Y.applyUpdate(doc, snapshot);
    decodes.push(performance.now() - t);
    doc.destroy();
  }

  const compacted: number[] = [];
  const noHistory: number[] = [];
  const compactedWarm: number[] = [];
  const noHistoryWarm: number[] = [];
  for (let r = 0; r < REOPENS; r++) {
    await env.server.stop(); // graceful: folds every log into one snapshot
    await env.server.start();
    if (r % 2 === 0) {
      compacted.push(await timeOpen(env, b4Id!, trace.endContent));
      noHistory.push(await timeOpen(env, plainId!));
    } else {
      noHistory.push(await timeOpen(env, plainId!));
      compacted.push(await timeOpen(env, b4Id!, trace.endContent));
    }
    for (let w = 0; w < 2; w++) {
      compactedWarm.push(await timeOpen(env, b4Id!));
      noHistoryWarm.push(await timeOpen(env, plainId!));
    }
  }
  const withTail: number[] = [];
  let expected = trace.endContent;
  for (let r = 0; r < REOPENS; r++) {
    const typist = await connected(env, b4Id!, 0);
    for (let i = 0; i < 450; i++) {
      while (typist.sentUpdates - typist.acked >= 64) await typist.waitFor(() => typist.sentUpdates - typist.acked < 64, 60_000, "acknowledgements");
      typist.doc.getText("b4").insert(typist.doc.getText("b4").length, "x");
    }
    await typist.settled(60_000);
    expected = typist.text("b4");
    typist.close();
    await env.server.kill9(); // no shutdown compaction: the log tail stays
    await env.server.start();
    withTail.push(await timeOpen(env, b4Id!, expected));
  }
  const result: HistoryResult = { edits: trace.patches.length, updates, replayMs, snapshotBytes: snapshot.byteLength, textOk, withTail, compacted, noHistory, compactedWarm, noHistoryWarm, decodeMs: median(decodes) };
  log(`${label}: reopen with log tail ${withTail.map((v) => v.toFixed(0)).join("/")} ms, compacted ${compacted.map((v) => v.toFixed(0)).join("/")} ms (warm ${compactedWarm.map((v) => v.toFixed(0)).join("/")}), same text without history ${noHistory.map((v) => v.toFixed(0)).join("/")} ms (warm ${noHistoryWarm.map((v) => v.toFixed(0)).join("/")})`);
  return result;
}

// ---- (d) kill -9 ------------------------------------------------------------------------------
async function measureKills(env: Env, label: string): Promise<KillRoundResult[]> {
  const [documentId] = takeDocuments(env, 1);
  const earlier = new Map<number, number>();
  const results: KillRoundResult[] = [];
  for (let round = 0; round < KILLS; round++) {
    const result = await killRound(env.server, documentId!, env.identities[1]!, round, earlier, { minKillMs: 100, maxKillMs: 1000 });
    earlier.set(round, result.stored);
    results.push(result);
    if (result.lost || result.problems.length) log(`${label}: kill ${round + 1}: LOST ${result.lost} acknowledged updates; ${result.problems.join("; ")}`);
    if ((round + 1) % 10 === 0) {
      const acked = results.reduce((s, r) => s + r.acked, 0);
      const lost = results.reduce((s, r) => s + r.lost, 0);
      log(`${label}: ${round + 1}/${KILLS} kills, ${acked} acknowledged, ${lost} lost`);
    }
  }
  return results;
}

// ---- one database -----------------------------------------------------------------------------
async function section<T>(name: string, label: string, run: () => Promise<T>): Promise<Section<T>> {
  if (!SECTIONS.has(name)) return undefined;
  try {
    return await run();
  } catch (err) {
    const message = err instanceof Error ? err.message.split("\n")[0]! : String(err);
    log(`${label}: ${name} failed: ${message}`);
    return { error: message };
  }
}

async function benchTarget(target: Target, trace: Trace | { skipped: string }): Promise<Result> {
  const started = Date.now();
  const database: TestDatabase = await createTestDatabase("bench", target.serverUrl ?? "");
  cleanups.push(() => database.dispose());
  const port = await freePort();
  const baseUrl = `http://localhost:${port}`;
  const documents = LEVELS.length + Math.max(...DOCUMENT_COUNTS) + 2 + 1 + 5;
  const seed = await seedDatabase(database, baseUrl, { documents });
  const server = new CollabServerProcess({ database, port, baseUrl });
  cleanups.push(() => server.stop());
  await server.start();
  log(`${target.label}: ${documents} documents seeded, server up in ${(server.lastStartMs / 1000).toFixed(1)} s (${((Date.now() - started) / 1000).toFixed(1)} s since start)`);
  const origin = new URL(baseUrl).origin;
  const env: Env = {
    server,
    seed,
    identities: [seed.users.leadA, seed.users.staffA, seed.users.ownerA].map((u) => ({ cookie: u.cookie, origin })),
    documents: [...seed.documents],
  };
  const result: Result = { target, latency: undefined, memory: undefined, history: undefined, kills: undefined };
  result.latency = await section("latency", target.label, async () => {
    const rows: LatencyRow[] = [];
    for (const editors of LEVELS) rows.push(await measureLatency(env, target.label, editors));
    return rows;
  });
  result.memory = await section("memory", target.label, () => measureMemory(env, target.label));
  result.history = await section("history", target.label, async () => ("skipped" in trace ? trace : measureHistory(env, target.label, trace)));
  result.kills = await section("kills", target.label, () => measureKills(env, target.label));
  if (!server.running) await server.start().catch(() => undefined);
  await runCleanups();
  log(`${target.label}: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return result;
}

// ---- report -----------------------------------------------------------------------------------
const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : "–");
const mib = (bytes: number) => fmt(bytes / 1024 ** 2, 0);
const ratio = (value: number, target: number) => `${fmt(value / target, 2)}× target`;

function failedRow<T>(s: Section<T>): string | undefined {
  if (s === undefined) return "not run (BENCH_COLLAB_SECTIONS)";
  if (typeof s === "object" && s !== null && "error" in s) return `failed: ${s.error}`;
  if (typeof s === "object" && s !== null && "skipped" in s) return `skipped: ${s.skipped}`;
  return undefined;
}

function report(results: Result[]): string {
  const lines: string[] = [];
  lines.push(`Live documents: Hocuspocus on the app's server (child process), durable update log; ${os.cpus().length} CPUs, Node ${process.version}; clients in this process; load average at start ${LOAD_AT_START.map((l) => l.toFixed(1)).join(" ")}, at the end ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}`);
  lines.push("");
  lines.push(`(a) edit propagation: each editor types ${EDITS_PER_SECOND} edits/s at random places for ${SECONDS} s (after ${WARMUP_SECONDS} s warm-up); up to ${OBSERVERS} observers time every other editor's edit (sent → applied); stored = sent → acknowledgement`);
  lines.push("");
  lines.push("| database | editors | edits | p50 ms | p95 ms | p99 ms | delivered | stored p50 ms | stored p95 ms | p95 vs target |");
  lines.push("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
  for (const r of results) {
    const failed = failedRow(r.latency);
    if (failed) {
      lines.push(`| ${r.target.label} | ${failed} | | | | | | | | |`);
      continue;
    }
    for (const row of r.latency as LatencyRow[]) {
      lines.push(`| ${r.target.label} | ${row.editors} | ${row.edits} | ${fmt(row.propagation.p50)} | ${fmt(row.propagation.p95)} | ${fmt(row.propagation.p99)} | ${row.delivered}/${row.expected} | ${fmt(row.ack.p50)} | ${fmt(row.ack.p95)} | ${ratio(row.propagation.p95, TARGET_P95_MS)} |`);
    }
  }
  lines.push("");
  lines.push("(b) server memory (RSS of the server process), one client per document, each ~5 KiB of text in 20 paragraphs");
  lines.push("");
  lines.push("| database | documents open | RSS MiB (opened) | RSS MiB (after one edit in each) | idle MiB | per document KiB | vs 1 GiB target |");
  lines.push("|---|---:|---:|---:|---:|---:|---:|");
  for (const r of results) {
    const failed = failedRow(r.memory);
    if (failed) {
      lines.push(`| ${r.target.label} | ${failed} | | | | | |`);
      continue;
    }
    const m = r.memory as MemoryResult;
    for (const row of m.rows) {
      lines.push(`| ${r.target.label} | ${row.documents} | ${mib(row.openRss)} | ${mib(row.editedRss)} | ${mib(m.baselineRss)} | ${fmt((row.editedRss - m.baselineRss) / 1024 / Math.max(1, row.documents), 0)} | ${ratio(row.editedRss, TARGET_RSS_BYTES)} |`);
    }
  }
  lines.push("");
  lines.push(`(c) long history: the B4 trace replayed through the server (${B4_BATCH} edits per update), then opened (connect → synced; cold = first open after a server restart, ${REOPENS}×; warm = the next opens on that server, document unloaded in between); median ms`);
  lines.push("");
  lines.push("| database | edits | replay s | snapshot KiB | reopen with log tail (cold) | reopen compacted (cold) | compacted (warm) | same text, no history (cold / warm) | decode snapshot in-process | tail / compacted |");
  lines.push("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
  for (const r of results) {
    const failed = failedRow(r.history);
    if (failed) {
      lines.push(`| ${r.target.label} | ${failed} | | | | | | | |`);
      continue;
    }
    const h = r.history as HistoryResult;
    const tail = median(h.withTail);
    const compacted = median(h.compacted);
    lines.push(`| ${r.target.label} | ${h.edits}${h.textOk ? "" : " (TEXT DIFFERS)"} | ${fmt(h.replayMs / 1000)} | ${fmt(h.snapshotBytes / 1024, 0)} | ${fmt(tail, 0)} | ${fmt(compacted, 0)} | ${fmt(median(h.compactedWarm), 0)} | ${fmt(median(h.noHistory), 0)} / ${fmt(median(h.noHistoryWarm), 0)} | ${fmt(h.decodeMs, 0)} | ${fmt(tail / compacted, 2)}× (target ≤ ${TARGET_REOPEN_RATIO}×: ${ratio(tail / compacted, TARGET_REOPEN_RATIO)}) |`);
  }
  lines.push("");
  lines.push(`(d) kill -9 at a random moment while a client types (≤ 32 updates in flight), restart, read back: acknowledged vs stored`);
  lines.push("");
  lines.push("| database | kills | acknowledged | stored (of these rounds) | acknowledged but lost | unacknowledged but stored | problems | restart p50 s | restart p95 s |");
  lines.push("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
  for (const r of results) {
    const failed = failedRow(r.kills);
    if (failed) {
      lines.push(`| ${r.target.label} | ${failed} | | | | | | | |`);
      continue;
    }
    const k = r.kills as KillRoundResult[];
    const sum = (f: (x: KillRoundResult) => number) => k.reduce((s, x) => s + f(x), 0);
    const restart = stats(k.map((x) => x.restartMs / 1000));
    lines.push(`| ${r.target.label} | ${k.length} | ${sum((x) => x.acked)} | ${sum((x) => x.stored)} | ${sum((x) => x.lost)} | ${sum((x) => x.stored - x.acked)} | ${sum((x) => x.problems.length)} | ${fmt(restart.p50, 1)} | ${fmt(restart.p95, 1)} |`);
  }
  lines.push("");
  lines.push("targets:");
  for (const r of results) {
    const at50 = Array.isArray(r.latency) ? r.latency.find((x) => x.editors === 50) : undefined;
    const mem500 = r.memory && "rows" in r.memory ? r.memory.rows.find((x) => x.documents >= 500) : undefined;
    const h = r.history && "withTail" in r.history ? r.history : undefined;
    const k = Array.isArray(r.kills) ? r.kills : undefined;
    const met = (ok: boolean | undefined) => (ok === undefined ? "not measured" : ok ? "MET" : "NOT MET");
    lines.push(`- ${r.target.label}: propagation p95 < ${TARGET_P95_MS} ms at 50 editors: ${met(at50 && at50.propagation.p95 < TARGET_P95_MS && at50.delivered === at50.expected)}${at50 ? ` (p95 ${fmt(at50.propagation.p95)} ms)` : ""}`);
    lines.push(`- ${r.target.label}: 500 documents < 1 GiB RSS: ${met(mem500 && mem500.editedRss < TARGET_RSS_BYTES && mem500.openRss < TARGET_RSS_BYTES)}${mem500 ? ` (${mib(Math.max(mem500.openRss, mem500.editedRss))} MiB)` : ""}`);
    lines.push(`- ${r.target.label}: reopening ≤ ${TARGET_REOPEN_RATIO}× loading one compacted snapshot: ${met(h && h.textOk && median(h.withTail) <= TARGET_REOPEN_RATIO * median(h.compacted))}${h ? ` (${fmt(median(h.withTail) / median(h.compacted), 2)}×)` : ""}`);
    lines.push(`- ${r.target.label}: no acknowledged update lost under kill -9: ${met(k && k.every((x) => x.lost === 0 && x.problems.length === 0))}${k ? ` (${k.length} kills)` : ""}`);
  }
  return lines.join("\n");
}

async function main() {
  if (skipUnlessSelected("collab")) return;
  const started = Date.now();
  await buildBundles();
  const located = SECTIONS.has("history") ? locateTrace() : { skipped: "not selected" };
  let trace: Trace | { skipped: string } = "skipped" in located ? located : readTrace(located.file);
  if ("skipped" in trace) log(`long-history row skipped: ${trace.skipped}`);
  else log(`B4 trace: ${trace.patches.length} edits, ${trace.endContent.length} characters at the end`);
  const targets: Target[] = process.env.BENCH_POSTGRES_ONLY === "1" ? [] : [{ kind: "pglite", label: "PGlite" }];
  if (process.env.BENCH_PGLITE_ONLY !== "1") {
    const serverUrl = await postgresServer();
    if (serverUrl) {
      log(`PostgreSQL at ${redact(serverUrl)}`);
      targets.push({ kind: "postgres", label: "PostgreSQL", serverUrl });
    }
  }
  const results: Result[] = [];
  const failures: string[] = [];
  for (const target of targets) {
    try {
      results.push(await benchTarget(target, trace));
    } catch (err) {
      await runCleanups();
      failures.push(`${target.label}: ${err instanceof Error ? err.message : String(err)}`);
      log(`${target.label} failed: ${failures.at(-1)}`);
    }
  }
  trace = { skipped: "done" }; // free the trace before printing
  if (results.length) process.stdout.write(`${report(results)}\n`);
  for (const f of failures) process.stdout.write(`\nFAILED ${f.split("\n")[0]}\n`);
  log(`total ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (failures.length) process.exitCode = 1;
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  async (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    await runCleanups();
    process.exit(1);
  },
);
