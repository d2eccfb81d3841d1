// A standalone HTTP server standing in for the Resend API during the browser tests. The app's
// outbox worker posts to RESEND_BASE_URL/emails with the `resend` SDK; every mail is kept in memory.
//   POST /emails          record the JSON body, answer {"id": "..."} like Resend does
//   GET  /__health        "ok" (Playwright's webServer waits for it)
//   GET  /__mails?to=ADDR the recorded mails to that address, oldest first: [{to, subject, html, text, attachments}]
// Usage: STUB_PORT=3101 tsx tests/e2e/support/resend-stub-server.ts
import http from "node:http";

export interface RecordedMail {
  id: string;
  from: string;
  to: string[];
  subject: string;
  html: string;
  text: string;
  /** Attachments as Resend receives them: base64 content. */
  attachments: { filename: string; content: string; contentType?: string }[];
  receivedAt: string;
}

const port = Number(process.env.STUB_PORT ?? 3101);
const mails: RecordedMail[] = [];
let counter = 0;

function asList(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  return typeof value === "string" ? [value] : [];
}

/** "Name <a@b.nl>" and "a@b.nl" both match a@b.nl, case-insensitively. */
function addressOf(value: string): string {
  const match = /<([^>]+)>/.exec(value);
  return (match?.[1] ?? value).trim().toLowerCase();
}

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  req.on("end", () => {
    const send = (status: number, payload: unknown, type = "application/json") => {
      res.writeHead(status, { "content-type": type });
      res.end(typeof payload === "string" ? payload : JSON.stringify(payload));
    };
    const url = new URL(req.url ?? "/", "http://stub");

    if (req.method === "GET" && url.pathname === "/__health") return send(200, "ok", "text/plain");

    if (req.method === "GET" && url.pathname === "/__mails") {
      const to = url.searchParams.get("to");
      const selected = to ? mails.filter((m) => m.to.some((addr) => addressOf(addr) === to.trim().toLowerCase())) : mails;
      return send(
        200,
        selected.map(({ to: recipients, subject, html, text, id, attachments, receivedAt }) => ({ id, to: recipients, subject, html, text, attachments, receivedAt })),
      );
    }

    if (req.method === "POST" && url.pathname === "/emails") {
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>;
      } catch {
        return send(422, { statusCode: 422, name: "validation_error", message: "Body is not JSON" });
      }
      const id = `stub-${++counter}`;
      mails.push({
        id,
        from: String(body.from ?? ""),
        to: asList(body.to),
        subject: String(body.subject ?? ""),
        html: String(body.html ?? ""),
        text: String(body.text ?? ""),
        attachments: Array.isArray(body.attachments) ? (body.attachments as RecordedMail["attachments"]) : [],
        receivedAt: new Date().toISOString(),
      });
      return send(200, { id });
    }

    send(404, { statusCode: 404, name: "not_found", message: `No stub for ${req.method} ${url.pathname}` });
  });
});

server.listen(port, "127.0.0.1", () => console.log(`Resend stub listens on http://127.0.0.1:${port}`));

const stop = () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
