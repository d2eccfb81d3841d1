// A real local HTTP server standing in for the Resend API. Point the SDK at it with
// RESEND_BASE_URL=stub.url (the SDK reads it when a Resend client is constructed).
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: Record<string, unknown>;
}

export interface ResendStub {
  /** Base URL without trailing slash, e.g. http://127.0.0.1:41234 */
  url: string;
  /** Every POST /emails received (also the ones answered with a failure), oldest first. */
  requests: RecordedRequest[];
  /** Answer the next `count` POST /emails with HTTP 500. */
  failNext(count: number): void;
  reset(): void;
  close(): Promise<void>;
}

export async function startResendStub(): Promise<ResendStub> {
  const requests: RecordedRequest[] = [];
  let failuresLeft = 0;
  let counter = 0;

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const send = (status: number, payload: unknown) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(payload));
      };
      const path = (req.url ?? "/").split("?")[0];
      if (req.method !== "POST" || path !== "/emails") {
        send(404, { statusCode: 404, name: "not_found", message: `No stub for ${req.method} ${path}` });
        return;
      }
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>;
      } catch {
        send(422, { statusCode: 422, name: "validation_error", message: "Body is not JSON" });
        return;
      }
      requests.push({ method: req.method, path, headers: req.headers, body });
      if (failuresLeft > 0) {
        failuresLeft--;
        send(500, { statusCode: 500, name: "internal_server_error", message: "Stub failure" });
        return;
      }
      send(200, { id: `stub-${++counter}` });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    failNext(count) {
      failuresLeft = count;
    },
    reset() {
      requests.length = 0;
      failuresLeft = 0;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
