// Benchmark of the delivery ingest: a generated CSV of BENCH_ROWS (1,000,000) rows against an
// active agreement, streamed through parse → validate → COPY into delivery_row in one transaction
// (what an upload does, measurements included), against the same rows loaded by plain COPY in the
// same run — the reference. Target: the ingest reaches ≥ 70 % of plain COPY's rows/s. Peak memory
// is sampled every 50 ms during each run: the process's RSS (with PGlite that includes the database's
// own WebAssembly memory) and the JavaScript heap in use (the ingest's own objects: flat when the
// file is streamed, whatever its size — compare BENCH_ROWS=200000 with the default).
// Usage: npx tsx tests/bench/delivery-ingest.bench.ts (or BENCH_ONLY=deliveries npm run bench);
// BENCH_ROWS=200000 runs smaller; BENCH_PGLITE_ONLY=1 skips PostgreSQL.
import { createReadStream, createWriteStream, openAsBlob } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { once } from "node:events";
import os from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { eq, sql } from "drizzle-orm";
import pg from "pg";
import pgCopy from "pg-copy-streams";
import { closeDatabase, db, useDatabase } from "../../app/db.server";
import { uploadDelivery } from "../../app/modules/deliveries/ingest.server";
import { describeFile } from "../../app/modules/deliveries/ingest/spool.server";
import { findMembership } from "../../app/modules/auth/guards.server";
import { createMunicipality } from "../../app/modules/municipalities/municipalities.server";
import { createDb, migrateDb, type DbHandle } from "../../db/client";
import { delivery, kpi, user } from "../../db/schema/index";
import { complaintsDataset, createActiveAgreement } from "../integration/support/deliveries-factories";
import { adminQuery, cleanups, log, positive, runBenchmark, runCleanups, type BenchTarget } from "./support";

const ROWS = positive("BENCH_ROWS", 1_000_000);
const TARGET_RATIO = 0.7;

interface Result {
  label: string;
  rows: number;
  fileMb: number;
  copyRate: number;
  ingestRate: number;
  copyPeakMb: number;
  ingestPeakMb: number;
  copyHeapMb: number;
  ingestHeapMb: number;
}

async function writeLines(file: string, lines: (i: number) => string, count: number, header?: string) {
  const out = createWriteStream(file);
  let buffer = header ?? "";
  for (let i = 0; i < count; i++) {
    buffer += lines(i);
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await once(out, "drain");
      buffer = "";
    }
  }
  out.end(buffer);
  await once(out, "finish");
}

const day = (i: number) => String((i % 28) + 1).padStart(2, "0");
const categories = ["Afval", "Groen", "Wegen"];

/** A Dutch Excel-style delivery: semicolons, decimal commas, dd-mm-jjjj. */
function csvLine(i: number) {
  return `Wijk ${i};${day(i)}-10-2025;${i % 10};${i % 7},5;${i % 2 ? "ja" : "nee"};${categories[i % 3]}\r\n`;
}
/** The same row as the ingest stores it, in COPY's text format. */
function copyLine(deliveryId: string) {
  return (i: number) =>
    `${deliveryId}\t${i + 2}\t${JSON.stringify({ Wijk: `Wijk ${i}`, Datum: `2025-10-${day(i)}`, Aantal: i % 10, Gemiddelde: (i % 7) + 0.5, Opgelost: i % 2 === 1, Categorie: categories[i % 3] })}\n`;
}

async function measure<T>(run: () => Promise<T>): Promise<{ seconds: number; peakMb: number; heapMb: number; value: T }> {
  let peak = process.memoryUsage().rss;
  let heap = process.memoryUsage().heapUsed;
  const sampler = setInterval(() => {
    const now = process.memoryUsage();
    peak = Math.max(peak, now.rss);
    heap = Math.max(heap, now.heapUsed);
  }, 50);
  const started = performance.now();
  try {
    const value = await run();
    return { seconds: (performance.now() - started) / 1000, peakMb: peak / 2 ** 20, heapMb: heap / 2 ** 20, value };
  } finally {
    clearInterval(sampler);
  }
}

async function openTarget(target: BenchTarget, dir: string): Promise<DbHandle> {
  if (target.kind === "pglite") {
    const handle = await createDb({ dataDir: path.join(dir, "pglite") });
    await migrateDb(handle);
    return handle;
  }
  const name = `koers_bench_${Math.random().toString(36).slice(2, 10)}`;
  await adminQuery(target.serverUrl!, `create database ${name}`);
  cleanups.push(() => adminQuery(target.serverUrl!, `drop database if exists ${name} with (force)`));
  const url = new URL(target.serverUrl!);
  url.pathname = `/${name}`;
  const handle = await createDb({ url: url.toString() });
  await migrateDb(handle);
  return handle;
}

async function plainCopy(handle: DbHandle, file: string): Promise<void> {
  if (handle.kind === "pglite") {
    await handle.pglite!.query("COPY delivery_row (delivery_id, line, data) FROM '/dev/blob'", [], { blob: await openAsBlob(file) });
    return;
  }
  // The same pool the app uses; one connection, one COPY from the file.
  const client = await ((handle.db as unknown as { $client: pg.Pool }).$client).connect();
  try {
    await pipeline(createReadStream(file, { highWaterMark: 256 * 1024 }), client.query(pgCopy.from("COPY delivery_row (delivery_id, line, data) FROM STDIN")));
  } finally {
    client.release();
  }
}

async function benchTarget(target: BenchTarget): Promise<Result> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "koers-ingest-bench-"));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  log(`${target.label}: preparing the database`);
  const handle = await openTarget(target, dir);
  useDatabase(handle);
  cleanups.push(() => closeDatabase());

  const userId = crypto.randomUUID();
  await db().insert(user).values({ id: userId, name: "Bench Lead", email: "bench@koers.test", emailVerified: true });
  const created = await createMunicipality({ userId, userName: "Bench Lead", email: "bench@koers.test" }, { name: "Zeewolde", cbsCode: "GM0050" }, "127.0.0.1");
  if (!created.ok) throw new Error(`municipality: ${created.error}`);
  const membership = (await findMembership(userId, "GM0050"))!;
  const member = { userId, userName: "Bench Lead", email: "bench@koers.test", role: "programme_lead" as const, municipalityId: membership.municipalityId, municipalityName: "Zeewolde", cbsCode: "GM0050", requireTwoFactorForLeads: false, origin: "127.0.0.1" };
  const kpiId = crypto.randomUUID();
  await db().insert(kpi).values({ id: kpiId, municipalityId: member.municipalityId, name: "Meldingen", unit: "aantal", unitKind: "count", direction: "lower_is_better", frequency: "quarter", decimals: 0 });
  const agreement = await createActiveAgreement(member, { datasets: [complaintsDataset(kpiId, "sum")] });

  const csv = path.join(dir, "levering.csv");
  await writeLines(csv, csvLine, ROWS, "Wijk;Datum;Aantal;Gemiddelde;Opgelost;Categorie\r\n");
  const file = await describeFile(csv, "levering.csv");
  log(`${target.label}: ${ROWS} rows, ${(file.size / 2 ** 20).toFixed(1)} MB`);

  // Reference: a delivery row for the foreign key, then the same rows as one plain COPY.
  const referenceId = crypto.randomUUID();
  await db().insert(delivery).values({ id: referenceId, municipalityId: member.municipalityId, agreementId: agreement.agreementId, versionId: agreement.versionId, datasetId: agreement.datasetIds.meldingen!, datasetKey: "meldingen", period: "2025-Q1", periodStart: "2025-01-01", status: "rejected", channel: "upload" });
  const copyFile = path.join(dir, "copy.txt");
  await writeLines(copyFile, copyLine(referenceId), ROWS);
  const copy = await measure(() => plainCopy(handle, copyFile));
  log(`${target.label}: plain COPY ${copy.seconds.toFixed(1)} s`);
  await db().delete(delivery).where(eq(delivery.id, referenceId));
  await db().execute(sql`vacuum delivery_row`);

  const ingest = await measure(() => uploadDelivery(member, { agreementId: agreement.agreementId, datasetKey: "meldingen", period: "2025-Q4", format: "csv", file }));
  if (!ingest.value.ok) throw new Error(`ingest refused: ${JSON.stringify(ingest.value).slice(0, 500)}`);
  if (ingest.value.rowCount !== ROWS) throw new Error(`ingest stored ${ingest.value.rowCount} of ${ROWS} rows`);
  log(`${target.label}: ingest ${ingest.seconds.toFixed(1)} s`);
  await runCleanups();
  return {
    label: target.label,
    rows: ROWS,
    fileMb: file.size / 2 ** 20,
    copyRate: ROWS / copy.seconds,
    ingestRate: ROWS / ingest.seconds,
    copyPeakMb: copy.peakMb,
    ingestPeakMb: ingest.peakMb,
    copyHeapMb: copy.heapMb,
    ingestHeapMb: ingest.heapMb,
  };
}

function report(results: Result[]): string {
  const n = (x: number) => Math.round(x).toLocaleString("en-US");
  const lines = [
    `Delivery ingest: ${n(ROWS)} rows (Dutch Excel CSV), parse + validate + COPY in one transaction vs plain COPY of the same rows`,
    "",
    "| database | file MB | plain COPY rows/s | ingest rows/s | ratio | target | peak RSS COPY / ingest (MB) | peak JS heap COPY / ingest (MB) |",
    "|---|---|---|---|---|---|---|---|",
  ];
  for (const r of results) {
    const ratio = r.ingestRate / r.copyRate;
    lines.push(
      `| ${r.label} | ${r.fileMb.toFixed(1)} | ${n(r.copyRate)} | ${n(r.ingestRate)} | ${(ratio * 100).toFixed(0)} % | ≥ ${TARGET_RATIO * 100} % ${ratio >= TARGET_RATIO ? "met" : "NOT met"} | ${n(r.copyPeakMb)} / ${n(r.ingestPeakMb)} | ${n(r.copyHeapMb)} / ${n(r.ingestHeapMb)} |`,
    );
  }
  return lines.join("\n");
}

runBenchmark("deliveries", { build: false }, benchTarget, report);
