// `npm run outbox:work [-- --watch]`: delivers due outbox mails through Resend once, or keeps doing so.
// Needs RESEND_API_KEY; without it nothing is sent and mails stay pending (the dev mailbox shows them).
// The web server already delivers on an interval when RESEND_API_KEY is set: use this for a
// separate worker, or to flush the outbox by hand.
import { createDb, DataDirLockedError, type DbHandle } from "../db/client";
import { deliverDueMails, type DeliveryReport } from "../emails/outbox.server";

const watch = process.argv.includes("--watch");
const intervalMs = Number(process.env.OUTBOX_INTERVAL_MS ?? 5000);

function describe(report: DeliveryReport): string {
  return `sent ${report.sent}, retrying ${report.retrying}, failed ${report.failed}`;
}

async function main(): Promise<number> {
  if (!process.env.RESEND_API_KEY) {
    console.error("RESEND_API_KEY is not set: nothing can be delivered. Mails stay pending in the outbox.");
    return 1;
  }
  let handle: DbHandle;
  try {
    handle = await createDb();
  } catch (err) {
    if (err instanceof DataDirLockedError) {
      console.error(`Cannot open the outbox: ${err.message}`);
      return 1;
    }
    throw err;
  }

  try {
    if (!watch) {
      const report = await deliverDueMails(handle.db);
      console.log(`Outbox: ${describe(report)}`);
      return 0;
    }

    console.log(`Delivering outbox mails every ${intervalMs} ms (Ctrl+C to stop).`);
    let stopping = false;
    let wake: (() => void) | undefined;
    const stop = () => {
      stopping = true;
      wake?.();
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
    while (!stopping) {
      try {
        const report = await deliverDueMails(handle.db);
        if (report.sent + report.retrying + report.failed > 0) console.log(`${new Date().toISOString()} Outbox: ${describe(report)}`);
      } catch (err) {
        console.error("Outbox delivery failed:", err instanceof Error ? err.message : err);
      }
      if (stopping) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, intervalMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
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
    console.error("Outbox worker failed:", err instanceof Error ? err.message : err);
    process.exitCode = 1;
  },
);
