// `tsx workflows/job-worker.ts [--watch]`: runs due durable jobs (task due reminders) once, or
// keeps polling. Jobs live in the database, so a stopped worker picks up where it left off.
import { createDb, DataDirLockedError, type DbHandle } from "../db/client";
import { boardJobHandlers } from "../app/modules/boards/task-reminders.server";
import { runDueJobs, type JobHandlers, type JobRunReport } from "./scheduler";

const jobHandlers: JobHandlers = { ...boardJobHandlers };

const watch = process.argv.includes("--watch");
const intervalMs = Number(process.env.JOBS_INTERVAL_MS ?? 30_000);
const describe = (r: JobRunReport) => `done ${r.done}, retrying ${r.retrying}, failed ${r.failed}`;

async function main(): Promise<number> {
  let handle: DbHandle;
  try {
    handle = await createDb();
  } catch (err) {
    if (err instanceof DataDirLockedError) {
      console.error(`Cannot open the jobs: ${err.message}`);
      return 1;
    }
    throw err;
  }
  try {
    let stopping = false;
    let wake: (() => void) | undefined;
    const stop = () => {
      stopping = true;
      wake?.();
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
    do {
      try {
        const report = await runDueJobs(handle.db, jobHandlers);
        if (!watch || report.done + report.retrying + report.failed > 0) console.log(`${new Date().toISOString()} Jobs: ${describe(report)}`);
      } catch (err) {
        console.error("Running jobs failed:", err instanceof Error ? err.message : err);
      }
      if (!watch || stopping) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, intervalMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    } while (!stopping);
    return 0;
  } finally {
    await handle.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    console.error("Job worker failed:", err instanceof Error ? err.message : err);
    process.exitCode = 1;
  },
);
