// The live stream of one board (Server-Sent Events): `event: change` whenever a task or column of
// this municipality's board of this phase changed, so open boards reload their data (a move also
// says where the card went, so they can show it there before the reload). Members only; a
// non-member gets 404 like every page of the municipality.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, requireMember } from "../../modules/auth/guards.server";
import { subscribeBoard } from "../../modules/boards/live.server";

const HEARTBEAT_MS = 25_000;

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.code);
  const phase = Number(params.phase);
  if (!Number.isInteger(phase) || phase < 1 || phase > 4) throw notFound();

  const encoder = new TextEncoder();
  let cleanup = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      let closed = false;
      const send = (chunk: string) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(chunk));
        } catch {
          cleanup();
        }
      };
      const unsubscribe = subscribeBoard(member.municipalityId, phase, (change) => {
        send(`event: change\ndata: ${JSON.stringify(change)}\n\n`);
      });
      const heartbeat = setInterval(() => send(": heartbeat\n\n"), HEARTBEAT_MS);
      const onAbort = () => cleanup();
      cleanup = () => {
        if (closed) return;
        closed = true;
        clearInterval(heartbeat);
        unsubscribe();
        request.signal.removeEventListener("abort", onAbort);
        try {
          controller.close();
        } catch {
          // already closed or cancelled
        }
      };
      if (request.signal.aborted) return cleanup();
      request.signal.addEventListener("abort", onAbort);
      // Reconnect after 5 s if the connection drops; the comment opens the stream right away.
      send("retry: 5000\n: connected\n\n");
    },
    cancel() {
      cleanup();
    },
  });

  return new Response(stream, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      // no-transform keeps the compression middleware from buffering the stream.
      "Cache-Control": "no-cache, no-transform",
      Connection: "keep-alive",
      "X-Accel-Buffering": "no",
    },
  });
}
