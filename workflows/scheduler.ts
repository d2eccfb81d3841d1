// The durable job scheduler: jobs are rows (state only in the database, so a restart loses
// nothing). A job runs inside the transaction that holds its row lock and marks it done, so its
// effects (notification, outbox mail) commit exactly once; `skip locked` lets workers run side by side.
import { and, asc, eq, inArray, lte, sql } from "drizzle-orm";
import type { Database, DbOrTx, Tx } from "../db/client";
import { job } from "../db/schema/index";

export type Job = typeof job.$inferSelect;
export interface JobFailure {
  /** Attempts so far, this one included. */
  attempts: number;
  error: string;
  /** True when no retry follows (the job is marked failed). */
  final: boolean;
  /** When the scheduler tries again (null when final). */
  retryAt: Date | null;
}

/**
 * Runs one job inside the transaction that holds its lock; throw to fail (the attempt is retried).
 * A handler may carry `onFailure`: it runs after the failed attempt's writes were rolled back, in
 * the job's transaction, so a failure can be recorded where users see it (and survives).
 */
export type JobHandler = ((tx: Tx, job: Job) => Promise<void>) & {
  onFailure?: (tx: Tx, job: Job, failure: JobFailure) => Promise<void>;
};
export type JobHandlers = Record<string, JobHandler>;

export interface JobRequest {
  kind: string;
  runAt: Date;
  payload: Record<string, unknown>;
  /** Unique per logical job: the same key enqueued twice schedules one job. */
  dedupeKey: string;
  municipalityId?: string | null;
}

/** Schedules a job in the caller's transaction; `created` is false when the dedupe key existed. */
export async function enqueueJob(tx: DbOrTx, request: JobRequest): Promise<{ id: string; created: boolean }> {
  const id = crypto.randomUUID();
  const inserted = await tx
    .insert(job)
    .values({ id, kind: request.kind, runAt: request.runAt, payload: request.payload, dedupeKey: request.dedupeKey, municipalityId: request.municipalityId ?? null })
    .onConflictDoNothing({ target: job.dedupeKey })
    .returning({ id: job.id });
  if (inserted.length > 0) return { id, created: true };
  const [existing] = await tx.select({ id: job.id }).from(job).where(eq(job.dedupeKey, request.dedupeKey));
  return { id: existing!.id, created: false };
}

export const MAX_JOB_ATTEMPTS = 5;

/** Back-off after the n-th failed attempt: 1 min, 2 min, 4 min, … capped at 1 hour. */
export function jobRetryDelayMs(attempts: number): number {
  return Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

export interface JobRunReport {
  done: number;
  retrying: number;
  failed: number;
}

/**
 * Runs every due job whose kind has a handler, one transaction per job. A failing handler is
 * rolled back to a savepoint, so the job row still records the attempt and error.
 */
export async function runDueJobs(
  db: Database,
  handlers: JobHandlers,
  now: Date = new Date(),
  options: { limit?: number; maxAttempts?: number } = {},
): Promise<JobRunReport> {
  const report: JobRunReport = { done: 0, retrying: 0, failed: 0 };
  const kinds = Object.keys(handlers);
  if (kinds.length === 0) return report;
  const limit = options.limit ?? 100;
  const maxAttempts = options.maxAttempts ?? MAX_JOB_ATTEMPTS;

  for (let n = 0; n < limit; n++) {
    const outcome = await db.transaction(async (tx) => {
      const [due] = await tx
        .select()
        .from(job)
        .where(and(eq(job.status, "pending"), lte(job.runAt, now), inArray(job.kind, kinds)))
        .orderBy(asc(job.runAt), asc(job.id))
        .limit(1)
        .for("update", { skipLocked: true });
      if (!due) return null;
      const attempts = due.attempts + 1;
      try {
        await tx.transaction((savepoint) => handlers[due.kind]!(savepoint, due));
      } catch (err) {
        const lastError = err instanceof Error ? err.message : String(err);
        const final = attempts >= maxAttempts;
        const onFailure = handlers[due.kind]!.onFailure;
        if (onFailure) {
          const failure: JobFailure = { attempts, error: lastError, final, retryAt: final ? null : new Date(now.getTime() + jobRetryDelayMs(attempts)) };
          // Its own savepoint: a failing failure hook must not lose the attempt's bookkeeping.
          await tx.transaction((savepoint) => onFailure(savepoint, due, failure)).catch((hookErr) => console.error(`Recording the failure of job ${due.id} failed:`, hookErr));
        }
        if (final) {
          await tx.update(job).set({ status: "failed", attempts, lastError, finishedAt: sql`now()` }).where(eq(job.id, due.id));
          return "failed" as const;
        }
        await tx.update(job).set({ attempts, lastError, runAt: new Date(now.getTime() + jobRetryDelayMs(attempts)) }).where(eq(job.id, due.id));
        return "retrying" as const;
      }
      await tx.update(job).set({ status: "done", attempts, lastError: null, finishedAt: sql`now()` }).where(eq(job.id, due.id));
      return "done" as const;
    });
    if (!outcome) break;
    report[outcome]++;
  }
  return report;
}
