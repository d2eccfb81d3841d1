// Keeps an open board current: listens to the board's live stream (board-live.ts) and reloads the
// route data when someone (in this or another app process) changed the board.
// The first change reloads at once (no waiting time on the path of a move to the other screens);
// changes that arrive while that reload runs are taken up by one more reload when it is done, so a
// burst (a drag that moves several cards, a busy meeting) costs two reloads, not one per change.
// A move also says where the card went: `onMove` can show it there before the reload is back.
import { useEffect, useRef } from "react";
import { useRevalidator } from "@remix-run/react";

export interface LiveMove {
  taskId: string;
  columnId: string;
  rank: string;
}

/** The move in a change event's data, if it is one. */
function moveOf(data: unknown): LiveMove | null {
  try {
    const change = JSON.parse(String(data)) as { kind?: unknown; taskId?: unknown; to?: { columnId?: unknown; rank?: unknown } };
    const { kind, taskId, to } = change;
    if (kind !== "task.moved" || typeof taskId !== "string" || typeof to?.columnId !== "string" || typeof to.rank !== "string") return null;
    return { taskId, columnId: to.columnId, rank: to.rank };
  } catch {
    return null;
  }
}

export function useLiveBoard(cbsCode: string, phase: number, onMove?: (move: LiveMove) => void): void {
  const revalidator = useRevalidator();
  // The revalidator object changes with its state; the stream should not reconnect because of that.
  const revalidate = useRef(revalidator.revalidate);
  revalidate.current = revalidator.revalidate;
  const reloading = useRef(false);
  const again = useRef(false);
  reloading.current = revalidator.state !== "idle";

  function reload() {
    if (reloading.current) {
      again.current = true;
      return;
    }
    // Until the next render says so, this reload is under way.
    reloading.current = true;
    revalidate.current();
  }
  const reloadRef = useRef(reload);
  reloadRef.current = reload;
  const onMoveRef = useRef(onMove);
  onMoveRef.current = onMove;

  useEffect(() => {
    if (revalidator.state !== "idle" || !again.current) return;
    again.current = false;
    reloadRef.current();
  }, [revalidator.state]);

  useEffect(() => {
    if (typeof EventSource === "undefined") return;
    const source = new EventSource(`/g/${encodeURIComponent(cbsCode)}/fase/${phase}/bord/live`);
    let dropped = false;
    const onChange = (event: MessageEvent) => {
      const move = moveOf(event.data);
      if (move) onMoveRef.current?.(move);
      reloadRef.current();
    };
    // The browser reconnects by itself; what changed in between is fetched once it is back.
    const onError = () => void (dropped = true);
    const onOpen = () => {
      if (!dropped) return;
      dropped = false;
      reloadRef.current();
    };
    source.addEventListener("change", onChange);
    source.addEventListener("error", onError);
    source.addEventListener("open", onOpen);
    return () => {
      source.removeEventListener("change", onChange);
      source.removeEventListener("error", onError);
      source.removeEventListener("open", onOpen);
      source.close();
    };
  }, [cbsCode, phase]);
}
