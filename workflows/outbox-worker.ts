// `npm run outbox:work [-- --watch]`: delivers due outbox mails through Resend once, or keeps doing so.
// Needs RESEND_API_KEY; without it nothing is sent and mails stay pending (the dev mailbox shows them).
// The web server already delivers on an interval when RESEND_API_KEY is set: use this for a
// separate worker, or to flush the outbox by hand.
import { deliverDueMails, type DeliveryReport } from "../emails/outbox.server";
import { repeat, runWithDatabase } from "./cli";

const watch = process.argv.includes("--watch");
const intervalMs = Number(process.env.OUTBOX_INTERVAL_MS ?? 5000);

function describe(report: DeliveryReport): string {
  return `sent ${report.sent}, retrying ${report.retrying}, failed ${report.failed}`;
}

if (!process.env.RESEND_API_KEY) {
  console.error("RESEND_API_KEY is not set: nothing can be delivered. Mails stay pending in the outbox.");
  process.exitCode = 1;
} else {
  runWithDatabase("open the outbox", async (handle) => {
    if (watch) console.log(`Delivering outbox mails every ${intervalMs} ms (Ctrl+C to stop).`);
    await repeat({ watch, intervalMs, label: "Outbox delivery" }, async () => {
      const report = await deliverDueMails(handle.db);
      if (!watch || report.sent + report.retrying + report.failed > 0) console.log(`${new Date().toISOString()} Outbox: ${describe(report)}`);
    });
    return 0;
  });
}
