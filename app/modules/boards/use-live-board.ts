// Keeps an open board current: listens to the board's live stream (board-live.ts) and reloads the
// route data when someone (in this or another app process) changed the board.
import { useEffect, useRef } from "react";
import { useRevalidator } from "@remix-run/react";

const DEBOUNCE_MS = 100;

export function useLiveBoard(cbsCode: string, phase: number): void {
  const revalidator = useRevalidator();
  // The revalidator object changes with its state; the stream should not reconnect because of that.
  const revalidate = useRef(revalidator.revalidate);
  revalidate.current = revalidator.revalidate;

  useEffect(() => {
    if (typeof EventSource === "undefined") return;
    const source = new EventSource(`/g/${encodeURIComponent(cbsCode)}/fase/${phase}/bord/live`);
    let timer: ReturnType<typeof setTimeout> | undefined;
    // A burst of changes (a drag that moves several cards, a busy meeting) reloads once.
    const onChange = () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = undefined;
        revalidate.current();
      }, DEBOUNCE_MS);
    };
    source.addEventListener("change", onChange);
    return () => {
      if (timer) clearTimeout(timer);
      source.removeEventListener("change", onChange);
      source.close();
    };
  }, [cbsCode, phase]);
}
