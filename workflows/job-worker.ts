// `tsx workflows/job-worker.ts [--watch]`: runs due durable jobs (task due reminders, delivery reminders and planning) once, or
// keeps polling. Jobs live in the database, so a stopped worker picks up where it left off.
import { agreementJobHandlers } from "../app/modules/agreements/seal.server";
import { trainingJobHandlers } from "../app/modules/training/log-reminder.server";
import { boardJobHandlers } from "../app/modules/boards/task-reminders.server";
import { deliveryJobHandlers, ensureDailyPlanning } from "../app/modules/deliveries/delivery-reminders.server";
import { repeat, runWithDatabase } from "./cli";
import { runDueJobs, type JobHandlers, type JobRunReport } from "./scheduler";

const jobHandlers: JobHandlers = { ...boardJobHandlers, ...deliveryJobHandlers, ...agreementJobHandlers, ...trainingJobHandlers };

const watch = process.argv.includes("--watch");
const intervalMs = Number(process.env.JOBS_INTERVAL_MS ?? 30_000);
const describe = (r: JobRunReport) => `done ${r.done}, retrying ${r.retrying}, failed ${r.failed}`;

runWithDatabase("open the jobs", async (handle) => {
  await ensureDailyPlanning(handle.db);
  await repeat({ watch, intervalMs, label: "Running jobs" }, async () => {
    const report = await runDueJobs(handle.db, jobHandlers);
    if (!watch || report.done + report.retrying + report.failed > 0) console.log(`${new Date().toISOString()} Jobs: ${describe(report)}`);
  });
  return 0;
});
