// Benchmark of the KPI dashboard and a KPI page in a database the size of the whole country.
// Usage: npm run bench, or BENCH_ONLY=kpi npm run bench, or npx tsx tests/bench/kpi.bench.ts.
//
// For PGlite (always) and PostgreSQL (when BENCH_DATABASE_URL or TEST_DATABASE_URL is set, or
// postgres://postgres@127.0.0.1:5432/test answers; a fresh koers_bench_<random> database is created
// there and dropped afterwards; BENCH_PGLITE_ONLY=1 skips it): prepare the database with db/setup.ts,
// then add all 342 municipalities of 2026 (../shared/data/municipalities-2026.json), each with
// BENCH_KPIS (100) monthly KPIs — the active library KPIs plus own ones — with targets for every
// year and BENCH_YEARS (10) years of monthly measurements (100 × 120 × 342 ≈ 4.1 million rows);
// about half the municipalities share their library KPIs for comparison. The demo municipality's
// KPIs are linked to its success factors and owned by its lead. Then start the built server, sign
// the demo lead in, and measure server time of
//   (a) GET /g/GM0050/kpis (the dashboard with all 100 KPIs) and
//   (b) GET /g/GM0050/kpis/<id> (a shared library KPI: trend, forecast, year on year, benchmark)
// one request at a time, for 20 people who each open the page, read it for 1–5 s and open it
// again (BENCH_USERS, BENCH_THINK_MS), and at 20 connections that never pause (autocannon: the
// most pages a second one server gives). Target: p95 < 150 ms at 20 concurrent users — judged on
// the 20 people; the pause-less run is reported as capacity.
//
// Settings: BENCH_SECONDS (default 10), BENCH_WARMUP_SECONDS (default 2), BENCH_REBUILD=1,
// BENCH_USERS (20), BENCH_THINK_MS (1000-5000), BENCH_USERS_SECONDS (30),
// BENCH_KPIS (default 100), BENCH_YEARS (default 10), BENCH_MUNICIPALITIES (default all 342),
// BENCH_SEED_ONLY=1 (fill the database, report its size and stop), BENCH_PGLITE_DIR (keep the filled
// PGlite database there and reuse it on the next run).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { sql } from "drizzle-orm";
import { adminQuery, benchEnv, cleanups, freePort, log, percentile, positive, processEnv, runBenchmark, runCleanups, signInCookie, runCommand, startServer, thinkRange, TSX, usersLoad, waitForHealth } from "./support";
import reference from "../../db/seed/reference/municipalities-2026.json" with { type: "json" };

const CBS_CODE = "GM0050";
const DASHBOARD = `/g/${CBS_CODE}/kpis`;
const LEAD_EMAIL = "lead@koers.demo";
const LEAD_PASSWORD = "Koers-demo-2026!";
const KPIS = positive("BENCH_KPIS", 100);
const YEARS = positive("BENCH_YEARS", 10);
const MUNICIPALITIES = Math.min(positive("BENCH_MUNICIPALITIES", reference.municipalities.length), reference.municipalities.length);
const LEVELS = [1, 20];
const SECONDS = positive("BENCH_SECONDS", 10);
const WARMUP_SECONDS = positive("BENCH_WARMUP_SECONDS", 2);
const TARGET_P95_MS = 150;
const USERS = positive("BENCH_USERS", 20);
const THINK_MS = thinkRange("BENCH_THINK_MS", [1000, 5000]);
const USERS_SECONDS = positive("BENCH_USERS_SECONDS", 30);

type Kind = "pglite" | "postgres";
interface Target {
  kind: Kind;
  label: string;
  serverUrl?: string;
  processes?: number;
  redisUrl?: string;
}
interface Row {
  page: "dashboard" | "kpi";
  /** Connections without pause (autocannon), or "people" with pauses (usersLoad). */
  load: "connections" | "people";
  concurrency: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  non2xx: number;
  errors: number;
}
interface Result {
  target: Target;
  counts: { municipalities: number; kpis: number; measurements: number; seedSeconds: number };
  html: { dashboardKib: number; kpiKib: number };
  rows: Row[];
}

// ---- data -------------------------------------------------------------------------------------
/** Fills the database (server not running) and returns the demo KPI the KPI page is measured on. */
async function seed(options: { url?: string; dataDir?: string }): Promise<{ kpiId: string; counts: Result["counts"] }> {
  const started = Date.now();
  const { createDb } = await import("../../db/client");
  const handle = await createDb(options.url ? { url: options.url } : { dataDir: options.dataDir });
  const run = async (query: ReturnType<typeof sql>) => (await handle.db.execute(query)) as unknown as { rows: unknown[] };
  try {
    const [demo] = (await run(sql`select id from organization where cbs_code = ${CBS_CODE}`)).rows as { id: string }[];
    if (!demo) throw new Error(`demo municipality ${CBS_CODE} not found after db/setup.ts`);
    const [lead] = (await run(sql`select id from "user" where email = ${LEAD_EMAIL}`)).rows as { id: string }[];
    const others = reference.municipalities.filter((m) => m.code !== CBS_CODE).slice(0, MUNICIPALITIES - 1);
    for (let i = 0; i < others.length; i += 100) {
      const chunk = others.slice(i, i + 100);
      await run(
        sql`insert into organization (id, name, slug, cbs_code) values ${sql.join(
          chunk.map((m) => sql`(${`bench-${m.code}`}, ${m.name}, ${m.code.toLowerCase()}, ${m.code})`),
          sql`, `,
        )} on conflict do nothing`,
      );
    }
    // The demo's own KPIs make way for the bench set: retired, not deleted, because the demo's
    // delivery agreements refer to them (as a retired KPI is kept in the product too).
    await run(sql`update kpi set retired_at = now() where municipality_id = ${demo.id} and retired_at is null`);
    const orgs = (await run(sql`select id from organization order by cbs_code`)).rows as { id: string }[];
    log(`${orgs.length} municipalities; adding ${KPIS} monthly KPIs each`);
    for (let i = 0; i < orgs.length; i += 50) {
      const ids = orgs.slice(i, i + 50).map((o) => o.id);
      // Active library KPIs first, then own KPIs up to KPIS; about half the municipalities share.
      await run(sql`
        insert into kpi (id, municipality_id, template_code, name, definition, formula, unit, unit_kind, direction, frequency,
                         decimals, data_needed, share_benchmark, benchmark_named, position, owner_user_id)
        select gen_random_uuid()::text, o.id, s.code, s.name, 'Benchmarkdefinitie', 'teller / noemer', s.unit, s.unit_kind,
               s.direction, 'month', 1, 'Registratie', (abs(hashtext(o.id)) % 2 = 0), (abs(hashtext(o.id)) % 4 = 0), s.n,
               case when o.id = ${demo.id} then ${lead?.id ?? null} end
        from organization o
        cross join (
          select n, t.code, coalesce(t.name, 'Eigen KPI ' || n) as name, coalesce(t.unit, '%') as unit,
                 coalesce(t.unit_kind, 'percent') as unit_kind,
                 case when coalesce(t.direction, 'higher_is_better') = 'neutral' then 'higher_is_better' else coalesce(t.direction, 'higher_is_better') end as direction
          from generate_series(1, ${KPIS}::int) n
          left join (select code, name, unit, unit_kind, direction, row_number() over (order by position) as rn
                     from kpi_template where status = 'active') t on t.rn = n
        ) s
        where o.id in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})`);
    }
    const lastYear = new Date().getUTCFullYear();
    const firstYear = lastYear - YEARS + 1;
    // Targets per year; thresholds in the order of the direction, all within the unit's range.
    await run(sql`
      insert into kpi_target (id, municipality_id, kpi_id, year, target, green_from, amber_from)
      select gen_random_uuid()::text, k.municipality_id, k.id, y,
             case when k.direction = 'lower_is_better' then b.mid - 1 else b.mid + 1 end,
             case when k.direction = 'lower_is_better' then b.mid - 1 else b.mid + 1 end,
             case when k.direction = 'lower_is_better' then b.mid + 1 else b.mid - 1 end
      from kpi k
      cross join generate_series(${firstYear}::int, ${lastYear}::int) y
      cross join lateral (select case when k.unit_kind = 'grade' then 6.5 else 50 end as mid) b
      where k.retired_at is null`);
    // Monthly measurements, YEARS years up to last month: a trend, a season and some noise.
    const firstMonth = `${firstYear}-01-01`;
    const now = new Date();
    const lastMonth = `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, "0")}-01`;
    // Bulk load as PostgreSQL advises: without the table's indexes and foreign keys, which are
    // rebuilt afterwards exactly as the migrations define them (read back from the catalogue).
    const constraints = (await run(sql`select conname, pg_get_constraintdef(oid) as def from pg_constraint where conrelid = 'measurement'::regclass and contype in ('p', 'f', 'u')`)).rows as { conname: string; def: string }[];
    const indexes = (await run(sql`select indexname, indexdef from pg_indexes where tablename = 'measurement' and indexname not in (select conname from pg_constraint where conrelid = 'measurement'::regclass)`)).rows as { indexname: string; indexdef: string }[];
    for (const c of constraints) await run(sql.raw(`alter table measurement drop constraint "${c.conname}"`));
    for (const ix of indexes) await run(sql.raw(`drop index "${ix.indexname}"`));
    for (let i = 0; i < orgs.length; i += 50) {
      const ids = orgs.slice(i, i + 50).map((o) => o.id);
      await run(sql`
        insert into measurement (id, municipality_id, kpi_id, period, period_start, value, source, reason)
        select gen_random_uuid()::text, k.municipality_id, k.id, to_char(d, 'YYYY-MM'), d::date,
               round((case when k.unit_kind = 'grade' then 6.5 + 1.5 * sin(extract(month from d) / 2.0) + random() - 0.5
                           else 50 + 15 * sin(extract(month from d) / 2.0) + 10 * random() + (extract(year from d) - ${firstYear}::int) end)::numeric, 2)::float8,
               'manual', 'benchmark'
        from kpi k
        cross join generate_series(${firstMonth}::date, ${lastMonth}::date - interval '1 month', interval '1 month') d
        where k.retired_at is null and k.municipality_id in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})`);
      log(`measurements: ${Math.min(i + 50, orgs.length)} of ${orgs.length} municipalities`);
    }
    const rebuild = Date.now();
    for (const ix of indexes) await run(sql.raw(ix.indexdef));
    // Primary key first: the foreign keys of other tables may need it.
    for (const c of [...constraints].sort((a, b) => Number(b.def.startsWith("PRIMARY")) - Number(a.def.startsWith("PRIMARY")))) {
      await run(sql.raw(`alter table measurement add constraint "${c.conname}" ${c.def}`));
    }
    log(`indexes and constraints of measurement rebuilt in ${((Date.now() - rebuild) / 1000).toFixed(0)} s`);
    // The demo's KPIs hang under its success factors, round-robin.
    await run(sql`
      insert into kpi_success_factor (kpi_id, success_factor_id, municipality_id)
      select k.id, f.id, k.municipality_id
      from (select id, municipality_id, row_number() over (order by position) as rn from kpi where municipality_id = ${demo.id} and retired_at is null) k
      join (select id, row_number() over (order by id) - 1 as rn, count(*) over () as total from success_factor
            where municipality_id = ${demo.id} and retired_at is null) f on f.rn = (k.rn % f.total)
      on conflict do nothing`);
    await run(sql`analyze`);
    const [kpiRow] = (await run(sql`select id from kpi where municipality_id = ${demo.id} and retired_at is null and template_code is not null order by position limit 1`)).rows as { id: string }[];
    await run(sql`update kpi set share_benchmark = true where id = ${kpiRow!.id}`);
    const [counts] = (await run(sql`select (select count(*) from organization)::int as municipalities, (select count(*) from kpi)::int as kpis, (select count(*) from measurement)::int as measurements`)).rows as {
      municipalities: number;
      kpis: number;
      measurements: number;
    }[];
    return { kpiId: kpiRow!.id, counts: { ...counts!, seedSeconds: (Date.now() - started) / 1000 } };
  } finally {
    await handle.close();
  }
}

const signIn = (baseUrl: string) => signInCookie(baseUrl, LEAD_EMAIL, LEAD_PASSWORD);

async function pageHtml(baseUrl: string, cookie: string, page: string): Promise<string> {
  const res = await fetch(`${baseUrl}${page}`, { redirect: "manual", headers: { cookie, accept: "text/html" } });
  const body = await res.text();
  if (res.status !== 200) throw new Error(`GET ${page} gave HTTP ${res.status}`);
  return body;
}

function cannon(url: string, cookie: string, connections: number, seconds: number, latencies?: number[]) {
  const instance = autocannon({ url, connections, duration: seconds, timeout: 10, headers: { accept: "text/html", "accept-encoding": "gzip", "user-agent": "koers-bench", cookie } });
  if (latencies) instance.on("response", (_client, _status, _bytes, ms) => void latencies.push(ms));
  return instance;
}

async function measure(label: string, baseUrl: string, cookie: string, page: Row["page"], pathName: string, connections: number): Promise<Row> {
  await cannon(`${baseUrl}${pathName}`, cookie, connections, WARMUP_SECONDS);
  const latencies: number[] = [];
  const result = await cannon(`${baseUrl}${pathName}`, cookie, connections, SECONDS, latencies);
  const sorted = latencies.sort((a, b) => a - b);
  const row: Row = {
    page,
    load: "connections",
    concurrency: connections,
    rps: result.requests.total / result.duration,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
  log(`${label} ${page} c=${connections}: ${row.rps.toFixed(1)} req/s, p95 ${row.p95.toFixed(1)} ms, non-2xx ${row.non2xx}`);
  return row;
}

async function measurePeople(label: string, baseUrl: string, cookie: string, page: Row["page"], pathName: string): Promise<Row> {
  const run = await usersLoad({ url: `${baseUrl}${pathName}`, cookie, users: USERS, seconds: USERS_SECONDS, thinkMs: THINK_MS });
  const row: Row = {
    page,
    load: "people",
    concurrency: USERS,
    rps: run.rate,
    p50: percentile(run.latencies, 50),
    p95: percentile(run.latencies, 95),
    p99: percentile(run.latencies, 99),
    non2xx: run.non2xx,
    errors: run.errors,
  };
  log(`${label} ${page}, ${USERS} people: ${row.rps.toFixed(1)} pages/s, p95 ${row.p95.toFixed(1)} ms over ${run.latencies.length}, non-2xx ${row.non2xx}`);
  return row;
}

async function benchTarget(target: Target): Promise<Result> {
  const started = Date.now();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "koers-bench-kpi-"));
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
    dbEnv = { PGLITE_DIR: process.env.BENCH_PGLITE_DIR || path.join(tmp, "pglite") };
  }
  // BENCH_PGLITE_DIR keeps the filled PGlite database between runs (filling it takes minutes).
  const marker = target.kind === "pglite" && process.env.BENCH_PGLITE_DIR ? path.join(process.env.BENCH_PGLITE_DIR, "koers-bench-kpi.json") : null;
  let seeded: Awaited<ReturnType<typeof seed>>;
  if (marker && fs.existsSync(marker)) {
    seeded = JSON.parse(fs.readFileSync(marker, "utf8")) as typeof seeded;
    log(`${target.label}: reusing the filled database in ${process.env.BENCH_PGLITE_DIR}`);
  } else {
    await runCommand(TSX, ["db/setup.ts"], benchEnv(dbEnv));
    seeded = await seed(target.kind === "postgres" ? { url: dbEnv.DATABASE_URL } : { dataDir: dbEnv.PGLITE_DIR });
    if (marker) fs.writeFileSync(marker, JSON.stringify(seeded));
  }
  const { kpiId, counts } = seeded;
  log(`${target.label}: ${counts.municipalities} municipalities, ${counts.kpis} KPIs, ${counts.measurements} measurements (seeded in ${counts.seedSeconds.toFixed(0)} s)`);
  if (process.env.BENCH_SEED_ONLY === "1") {
    await runCleanups();
    return { target, counts, html: { dashboardKib: 0, kpiKib: 0 }, rows: [] };
  }

  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const server = startServer(benchEnv({ ...dbEnv, NODE_ENV: "production", KOERS_DEMO: "1", PORT: String(port), KOERS_BASE_URL: baseUrl, KOERS_SECRET_FILE: path.join(tmp, "auth-secret"), ...processEnv(target) }));
  cleanups.push(() => server.stop());
  await waitForHealth(baseUrl, server);
  const cookie = await signIn(baseUrl);
  const kpiPage = `${DASHBOARD}/${kpiId}`;
  const dashboardHtml = await pageHtml(baseUrl, cookie, DASHBOARD);
  const kpiHtml = await pageHtml(baseUrl, cookie, kpiPage);
  const rows: Row[] = [];
  for (const [page, pathName] of [["dashboard", DASHBOARD], ["kpi", kpiPage]] as const) {
    rows.push(await measure(target.label, baseUrl, cookie, page, pathName, 1));
    rows.push(await measurePeople(target.label, baseUrl, cookie, page, pathName));
    for (const c of LEVELS.filter((l) => l > 1)) rows.push(await measure(target.label, baseUrl, cookie, page, pathName, c));
  }
  await runCleanups();
  log(`${target.label}: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { target, counts, html: { dashboardKib: Buffer.byteLength(dashboardHtml) / 1024, kpiKib: Buffer.byteLength(kpiHtml) / 1024 }, rows };
}

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : "–");

function report(results: Result[]): string {
  const lines: string[] = [];
  lines.push(`KPI dashboard ${DASHBOARD} and a KPI page, demo lead session, ${SECONDS} s per level after ${WARMUP_SECONDS} s warm-up, ${os.cpus().length} CPUs, Node ${process.version}`);
  lines.push("");
  for (const r of results) {
    lines.push(
      `${r.target.label}: ${r.counts.municipalities} municipalities, ${r.counts.kpis} KPIs, ${r.counts.measurements.toLocaleString("en")} measurements; dashboard ${fmt(r.html.dashboardKib, 0)} KiB, KPI page ${fmt(r.html.kpiKib, 0)} KiB of HTML.`,
    );
  }
  if (process.env.BENCH_SEED_ONLY === "1") return lines.join("\n");
  lines.push("");
  lines.push(`People: each opens the page, reads it for ${THINK_MS[0] / 1000}–${THINK_MS[1] / 1000} s (uniform) and opens it again, for ${USERS_SECONDS} s. Connections: autocannon, no pause (capacity).`);
  lines.push("");
  lines.push(`| database | page | load | requests/s | p50 ms | p95 ms | p99 ms | p95 / target (${TARGET_P95_MS} ms) | non-2xx |`);
  lines.push("|---|---|---|---:|---:|---:|---:|---:|---:|");
  for (const r of results) {
    for (const row of r.rows) {
      const load = row.load === "people" ? `${row.concurrency} people` : `${row.concurrency} connection${row.concurrency === 1 ? "" : "s"}`;
      lines.push(`| ${r.target.label} | ${row.page} | ${load} | ${fmt(row.rps)} | ${fmt(row.p50)} | ${fmt(row.p95)} | ${fmt(row.p99)} | ${fmt(row.p95 / TARGET_P95_MS, 2)} | ${row.non2xx}${row.errors ? ` (+${row.errors} errors)` : ""} |`);
    }
  }
  lines.push("");
  lines.push(`targets (p95 < ${TARGET_P95_MS} ms at ${USERS} concurrent users):`);
  for (const r of results) {
    for (const page of ["dashboard", "kpi"] as const) {
      const row = r.rows.find((x) => x.page === page && x.load === "people");
      const met = row !== undefined && row.non2xx === 0 && row.errors === 0 && row.p95 < TARGET_P95_MS;
      lines.push(`- ${r.target.label} ${page}: ${met ? "MET" : "NOT MET"}${row ? ` (p95 ${fmt(row.p95)} ms)` : ""}`);
    }
  }
  return lines.join("\n");
}

runBenchmark("kpi", { build: process.env.BENCH_SEED_ONLY !== "1", processes: true }, benchTarget, report);
