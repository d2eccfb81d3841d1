// Runs the collaboration server as a real child process for the collab tests and the collab
// benchmark (no vitest imports here: the bench uses it too).
// - Database: a copy of a migrated PGlite template dir (default), or a fresh PostgreSQL database
//   when TEST_DATABASE_URL is set (needed for two server processes: PGlite is one process per dir).
// - Seeding and inspection run as separate scripts against the same database, while no server
//   holds a PGlite dir (the server takes an exclusive lock).
// - The server: tests/collab/support/collab-only-server.ts (createCollabServer wired as server.ts
//   does, without Remix), or with COLLAB_FULL_SERVER=1 the real server.ts on the production build.
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import pg from "pg";
import type { SeedResult, StoredDocumentInfo } from "./types";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
export const TMP = path.join(ROOT, "tests/.tmp");
export const PGLITE_TEMPLATE = path.join(TMP, "collab-pglite-template");
export const AUTH_SECRET = "collab-test-secret-collab-test-secret-0123";
const COLLAB_ONLY_ENTRY = "tests/collab/support/collab-only-server.ts";
export const fullServer = () => process.env.COLLAB_FULL_SERVER === "1";

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The environment of every child: only what the harness decides about database, port and secrets. */
export function childEnv(extra: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ["DATABASE_URL", "PGLITE_DIR", "PORT", "KOERS_BASE_URL", "KOERS_SECRET_FILE", "BETTER_AUTH_SECRET", "REDIS_URL", "RESEND_API_KEY", "KOERS_SEED", "KOERS_DEMO", "TRUST_PROXY", "SESSION_IDLE_MINUTES", "SESSION_MAX_HOURS", "VITEST", "VITEST_POOL_ID", "VITEST_WORKER_ID", "TEST"]) {
    delete env[name];
  }
  const merged: NodeJS.ProcessEnv = { ...env, NODE_ENV: "production", BETTER_AUTH_SECRET: AUTH_SECRET, RESEND_API_KEY: "", KOERS_SEED: "0" };
  for (const [key, value] of Object.entries(extra)) if (value !== undefined) merged[key] = value;
  return merged;
}

// ---- bundles: the server and the inspector start in about half the time of `node --import tsx`
// (tsx's loader hooks cost a lot on a busy 2-core machine); the code is the same, compiled by esbuild.
const BIN = path.join(TMP, "collab-bin");
const BUNDLED: Record<string, string> = { [COLLAB_ONLY_ENTRY]: "collab-only-server.mjs", "tests/collab/support/inspect.ts": "inspect.mjs" };
let bundlesBuilt = false;

/** Bundles the app code of the server and the inspector (packages stay external). Falls back to tsx. */
export async function buildBundles(): Promise<void> {
  if (bundlesBuilt) return;
  try {
    // Vite's own esbuild: the top-level one (0.17, pulled in by another tool) cannot read import
    // attributes (`with { type: "json" }`), which the app uses for its reference data.
    const fromVite = createRequire(createRequire(import.meta.url).resolve("vite/package.json")).resolve("esbuild");
    const esbuild = (await import(pathToFileURL(fromVite).href)) as typeof import("esbuild");
    fs.mkdirSync(BIN, { recursive: true });
    for (const [entry, out] of Object.entries(BUNDLED)) {
      await esbuild.build({
        entryPoints: [path.join(ROOT, entry)],
        outfile: path.join(BIN, `${out}.${process.pid}.tmp`),
        bundle: true,
        platform: "node",
        format: "esm",
        target: "node20",
        packages: "external",
        logLevel: "error",
      });
      // Atomic: other workers may start a server from this file at the same moment.
      fs.renameSync(path.join(BIN, `${out}.${process.pid}.tmp`), path.join(BIN, out));
    }
  } catch (err) {
    console.warn(`collab harness: no bundles (${err instanceof Error ? err.message : String(err)}); using tsx`);
    for (const out of Object.values(BUNDLED)) fs.rmSync(path.join(BIN, out), { force: true });
  }
  bundlesBuilt = true;
}

/** The node arguments that run a script: its bundle when built, else through tsx. */
function nodeArgs(script: string): string[] {
  const bundle = BUNDLED[script];
  if (bundle && fs.existsSync(path.join(BIN, bundle))) return [path.join(BIN, bundle)];
  return ["--import", "tsx", script];
}

/** Runs a script with node to completion; resolves with its stdout. */
export function runScript(script: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs = 180_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeArgs(script), ...args], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(stdout);
      else reject(new Error(`${script} ${args.join(" ")} failed (${signal ?? `exit ${code}`}):\n${(stderr || stdout).slice(-4000)}`));
    });
  });
}

function tagged<T>(stdout: string, tag: string): T {
  const line = stdout.split("\n").find((l) => l.startsWith(`${tag} `));
  if (!line) throw new Error(`no ${tag} line in:\n${stdout.slice(-2000)}`);
  return JSON.parse(line.slice(tag.length + 1)) as T;
}

// ---- database ---------------------------------------------------------------------------------
function migrationsStamp(): string {
  const dir = path.join(ROOT, "db/migrations");
  const hash = crypto.createHash("sha256");
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else hash.update(entry.name).update(fs.readFileSync(full));
    }
  };
  walk(dir);
  return hash.digest("hex");
}

/** A migrated PGlite data dir to copy from (the first initdb costs 3–5 s; copies are instant). */
export async function ensurePgliteTemplate(): Promise<void> {
  const stampFile = `${PGLITE_TEMPLATE}.stamp`;
  const stamp = migrationsStamp();
  if (fs.existsSync(stampFile) && fs.readFileSync(stampFile, "utf8") === stamp && fs.existsSync(PGLITE_TEMPLATE)) return;
  fs.rmSync(PGLITE_TEMPLATE, { recursive: true, force: true });
  fs.rmSync(stampFile, { force: true });
  fs.mkdirSync(TMP, { recursive: true });
  await runScript("db/setup.ts", ["--no-seed"], childEnv({ PGLITE_DIR: PGLITE_TEMPLATE }));
  fs.writeFileSync(stampFile, stamp);
}

export interface TestDatabase {
  kind: "pglite" | "postgres";
  /** DATABASE_URL or PGLITE_DIR for the children. */
  env: Record<string, string>;
  dataDir?: string;
  dispose(): Promise<void>;
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

/** A fresh database: a copy of the PGlite template, or a new PostgreSQL database (serverUrl). */
export async function createTestDatabase(label: string, serverUrl = process.env.TEST_DATABASE_URL): Promise<TestDatabase> {
  const suffix = `${process.pid}_${crypto.randomBytes(3).toString("hex")}`;
  if (serverUrl) {
    const name = `koers_collab_${label.replace(/\W/g, "_")}_${suffix}`.toLowerCase();
    await adminQuery(serverUrl, `create database ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    return {
      kind: "postgres",
      env: { DATABASE_URL: url.toString() },
      dispose: () => adminQuery(serverUrl, `drop database if exists ${name} with (force)`),
    };
  }
  await ensurePgliteTemplate();
  const base = path.join(TMP, "collab", `${label}-${suffix}`);
  const dataDir = path.join(base, "pglite");
  fs.mkdirSync(base, { recursive: true });
  fs.cpSync(PGLITE_TEMPLATE, dataDir, { recursive: true });
  return {
    kind: "pglite",
    env: { PGLITE_DIR: dataDir },
    dataDir,
    dispose: async () => fs.rmSync(base, { recursive: true, force: true }),
  };
}

// ---- one seeded database per run, copied for each test file -------------------------------------
// Seeding (a municipality, invitations, sign-ins with scrypt) costs seconds; each test file gets a
// copy instead: of the PGlite dir, or `create database … template …` on PostgreSQL.
const SEEDED_BASE_URL = "http://localhost:3000";

interface SeededTemplate {
  kind: "pglite" | "postgres";
  /** PGlite dir, or the PostgreSQL template database's URL. */
  location: string;
  seed: SeedResult;
}

const seededFile = (kind: "pglite" | "postgres") => path.join(TMP, `collab-seeded-${kind}.json`);

/** For vitest's globalSetup: builds the seeded template; returns its teardown. */
export async function prepareSeededTemplate(serverUrl = process.env.TEST_DATABASE_URL): Promise<() => Promise<void>> {
  fs.mkdirSync(TMP, { recursive: true });
  if (serverUrl) {
    const database = await createTestDatabase("template", serverUrl);
    const seed = await seedDatabase(database, SEEDED_BASE_URL);
    const template: SeededTemplate = { kind: "postgres", location: database.env.DATABASE_URL!, seed };
    fs.writeFileSync(seededFile("postgres"), JSON.stringify(template));
    return async () => {
      await database.dispose();
      fs.rmSync(seededFile("postgres"), { force: true });
    };
  }
  await ensurePgliteTemplate();
  const dir = path.join(TMP, "collab-seeded-pglite");
  fs.rmSync(dir, { recursive: true, force: true });
  fs.cpSync(PGLITE_TEMPLATE, dir, { recursive: true });
  const seed = await seedDatabase({ kind: "pglite", env: { PGLITE_DIR: dir }, dataDir: dir, dispose: async () => undefined }, SEEDED_BASE_URL);
  const template: SeededTemplate = { kind: "pglite", location: dir, seed };
  fs.writeFileSync(seededFile("pglite"), JSON.stringify(template));
  return async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(seededFile("pglite"), { force: true });
  };
}

/** A copy of the run's seeded database for one test file (prepareSeededTemplate ran before). */
export async function copySeededDatabase(label: string, serverUrl = process.env.TEST_DATABASE_URL): Promise<{ database: TestDatabase; seed: SeedResult }> {
  const kind = serverUrl ? "postgres" : "pglite";
  const file = seededFile(kind);
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: run the collab tests through vitest (globalSetup seeds once per run)`);
  const template = JSON.parse(fs.readFileSync(file, "utf8")) as SeededTemplate;
  const suffix = `${process.pid}_${crypto.randomBytes(3).toString("hex")}`;
  if (template.kind === "postgres") {
    const templateName = new URL(template.location).pathname.slice(1);
    const name = `koers_collab_${label.replace(/\W/g, "_")}_${suffix}`.toLowerCase();
    await adminQuery(serverUrl!, `create database ${name} template ${templateName}`);
    const url = new URL(serverUrl!);
    url.pathname = `/${name}`;
    return {
      seed: template.seed,
      database: { kind: "postgres", env: { DATABASE_URL: url.toString() }, dispose: () => adminQuery(serverUrl!, `drop database if exists ${name} with (force)`) },
    };
  }
  const base = path.join(TMP, "collab", `${label}-${suffix}`);
  const dataDir = path.join(base, "pglite");
  fs.mkdirSync(base, { recursive: true });
  fs.cpSync(template.location, dataDir, { recursive: true });
  return {
    seed: template.seed,
    database: { kind: "pglite", env: { PGLITE_DIR: dataDir }, dataDir, dispose: async () => fs.rmSync(base, { recursive: true, force: true }) },
  };
}

/** Seeds users, sessions and documents (before any server holds a PGlite dir). */
export async function seedDatabase(database: TestDatabase, baseUrl: string, options: { documents?: number } = {}): Promise<SeedResult> {
  const out = await runScript("tests/collab/support/seed.ts", ["--documents", String(options.documents ?? 12)], childEnv({ ...database.env, KOERS_BASE_URL: baseUrl }));
  return tagged<SeedResult>(out, "SEED");
}

/** What the database holds for these documents (PGlite: only while no server runs). */
export async function inspectDocuments(database: TestDatabase, documentIds: string[]): Promise<Record<string, StoredDocumentInfo>> {
  const out = await runScript("tests/collab/support/inspect.ts", documentIds, childEnv({ ...database.env }));
  return tagged<Record<string, StoredDocumentInfo>>(out, "INSPECT");
}

// ---- server process ---------------------------------------------------------------------------
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

export interface ServerOptions {
  database: TestDatabase;
  port: number;
  /** The app's own origin (KOERS_BASE_URL); several processes behind one name share it. */
  baseUrl: string;
  redisUrl?: string;
  /** The whole app (server.ts, needs `npm run build`) instead of the default entry. */
  entry?: "server.ts";
  /** More environment for the server (e.g. KOERS_PROCESSES). */
  env?: Record<string, string>;
}

// Servers still running when this process exits (a failed test, Ctrl+C) are killed with it.
const running = new Set<ChildProcess>();
process.once("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

export class CollabServerProcess {
  private child: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();
  private log = "";
  /** How long the last start took until /healthz answered (ms). */
  lastStartMs = 0;

  constructor(readonly options: ServerOptions) {}

  get wsUrl(): string {
    return `ws://127.0.0.1:${this.options.port}/collab`;
  }
  get httpUrl(): string {
    return `http://127.0.0.1:${this.options.port}`;
  }
  get origin(): string {
    return new URL(this.options.baseUrl).origin;
  }
  get pid(): number | undefined {
    return this.child?.pid;
  }
  get running(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }
  output(): string {
    return this.log;
  }

  async start(): Promise<void> {
    if (this.running) throw new Error("server already running");
    const started = performance.now();
    const entry = this.options.entry ?? (fullServer() ? "server.ts" : COLLAB_ONLY_ENTRY);
    const env = childEnv({ ...this.options.database.env, PORT: String(this.options.port), KOERS_BASE_URL: this.options.baseUrl, REDIS_URL: this.options.redisUrl, JOBS_INTERVAL_MS: "3600000", ...this.options.env });
    // COLLAB_SERVER_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", to profile the server.
    const extraArgs = (process.env.COLLAB_SERVER_NODE_ARGS ?? "").split(" ").filter(Boolean);
    const child = spawn(process.execPath, [...extraArgs, ...nodeArgs(entry)], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    this.child = child;
    running.add(child);
    this.log = "";
    const keep = (chunk: Buffer) => {
      this.log = (this.log + chunk.toString()).slice(-40_000);
      if (process.env.COLLAB_SERVER_LOG) process.stderr.write(chunk);
    };
    child.stdout!.on("data", keep);
    child.stderr!.on("data", keep);
    this.exited = new Promise<void>((resolve) =>
      child.once("exit", () => {
        running.delete(child);
        resolve();
      }),
    );
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (!this.running) throw new Error(`server exited (${child.exitCode ?? child.signalCode}):\n${this.log}`);
      try {
        const res = await fetch(`${this.httpUrl}/healthz`);
        if (res.ok) {
          this.lastStartMs = performance.now() - started;
          return;
        }
      } catch {
        // not listening yet
      }
      await sleep(50);
    }
    throw new Error(`server did not answer /healthz within 60 s:\n${this.log}`);
  }

  /** kill -9: no shutdown code runs. Removes the PGlite lock the dead process left behind. */
  async kill9(): Promise<void> {
    if (!this.child || !this.running) return;
    this.child.kill("SIGKILL");
    await this.exited;
    this.releaseStaleLock();
  }

  /** SIGTERM (graceful: folds the open documents' logs), SIGKILL after 20 s. */
  async stop(): Promise<void> {
    if (!this.child || !this.running) return;
    this.child.kill("SIGTERM");
    const done = await Promise.race([this.exited.then(() => true), sleep(20_000).then(() => false)]);
    if (!done) {
      this.child.kill("SIGKILL");
      await this.exited;
      this.releaseStaleLock();
    }
  }

  /** The processes this server started (with KOERS_PROCESSES: its app processes; Linux /proc). */
  childPids(): number[] {
    if (!this.pid || !this.running) return [];
    return fs
      .readFileSync(`/proc/${this.pid}/task/${this.pid}/children`, "utf8")
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  }

  /** The server's resident set size in bytes (Linux /proc). */
  rssBytes(): number {
    const status = fs.readFileSync(`/proc/${this.pid}/status`, "utf8");
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
    return kb * 1024;
  }

  private releaseStaleLock() {
    // The process is gone (we waited for its exit), so its lock is stale; proper-lockfile would
    // take it over only after 5 s.
    const dir = this.options.database.dataDir;
    if (dir) fs.rmSync(`${path.resolve(dir)}.lock`, { recursive: true, force: true });
  }
}
