// One live connection to a document: a Y.Doc and a Hocuspocus provider on the app's own origin
// (/collab, authenticated by the session cookie). The state the editor shows is read from the
// provider itself on each of its events (status, synced, unsyncedChanges, authenticated…), so what
// the page says is what the provider knows: nothing is called "saved" that the server did not confirm.
//
// The server stores an update before it acknowledges it, so "0 unsynced changes" means stored.
//
// Hocuspocus closes a *document* connection (approval, new concept, lost write access) by a CLOSE
// message while the websocket itself stays open; the provider does not re-authenticate on its own
// then and would silently stop syncing. This hook re-authenticates on the same socket (the server
// then decides read-only or read-write again) and tells the page, so it can reload its data.
import { HocuspocusProvider, WebSocketStatus } from "@hocuspocus/provider";
import { useEffect, useRef, useState } from "react";
import * as Y from "yjs";
import type { CollabUser } from "./extensions";

export const COLLAB_PATH = "/collab";

/** After this long without a first sync the page says so (it keeps trying). */
const SLOW_START_MS = 8_000;

export interface CollabState {
  /** The websocket as the provider sees it. */
  connection: "connecting" | "connected" | "disconnected";
  /** The browser's own network state (navigator.onLine). */
  online: boolean;
  /** The current connection completed its sync handshake. */
  synced: boolean;
  /** The document was loaded from the server at least once: only then may it be shown. */
  everSynced: boolean;
  /** Local changes the server has not acknowledged (= stored) yet. */
  unsynced: number;
  /** What the server allows this connection, once authenticated. */
  scope: "read-write" | "readonly" | null;
  /** The server refused the connection (not signed in, no access): the reason it gave. */
  denied: string | null;
  /** No first sync yet after SLOW_START_MS. */
  slow: boolean;
}

export interface CollabSession {
  ydoc: Y.Doc;
  provider: HocuspocusProvider;
}

export function collabUrl(): string {
  const protocol = window.location.protocol === "https:" ? "wss" : "ws";
  return `${protocol}://${window.location.host}${COLLAB_PATH}`;
}

const INITIAL: CollabState = { connection: "connecting", online: true, synced: false, everSynced: false, unsynced: 0, scope: null, denied: null, slow: false };

function snapshot(provider: HocuspocusProvider, previous: CollabState): CollabState {
  const status = provider.configuration.websocketProvider.status;
  const synced = provider.isSynced;
  const scope = provider.isAuthenticated ? (provider.authorizedScope ?? null) : previous.scope;
  return {
    connection: status === WebSocketStatus.Connected ? "connected" : status === WebSocketStatus.Connecting ? "connecting" : "disconnected",
    online: typeof navigator === "undefined" ? true : navigator.onLine,
    synced,
    everSynced: previous.everSynced || synced,
    unsynced: provider.unsyncedChanges,
    scope,
    denied: previous.denied,
    slow: previous.slow && !(previous.everSynced || synced),
  };
}

/** The signal in a stateless message from the server ({"koers": "comments"}), or null for anything else. */
export function signalIn(payload: string): string | null {
  try {
    const parsed: unknown = JSON.parse(payload);
    if (parsed && typeof parsed === "object" && "koers" in parsed && typeof parsed.koers === "string") return parsed.koers;
  } catch {
    // not ours
  }
  return null;
}

export function useCollabSession(
  documentId: string,
  user: CollabUser,
  options: {
    onServerClose?: (reason: string) => void;
    /** The server announced a change beside the text (e.g. "comments"). */
    onSignal?: (signal: string) => void;
  } = {},
): { session: CollabSession | null; state: CollabState; retry: () => void } {
  const [session, setSession] = useState<CollabSession | null>(null);
  const [state, setState] = useState<CollabState>(INITIAL);
  const onServerClose = useRef(options.onServerClose);
  onServerClose.current = options.onServerClose;
  const onSignal = useRef(options.onSignal);
  onSignal.current = options.onSignal;
  const userRef = useRef(user);
  userRef.current = user;

  useEffect(() => {
    const ydoc = new Y.Doc();
    let destroyed = false;
    let reauthTimer: ReturnType<typeof setTimeout> | undefined;
    let recentReauths = 0;
    let lastReauthAt = 0;

    const provider = new HocuspocusProvider({
      url: collabUrl(),
      name: documentId,
      document: ydoc,
      // The server authenticates with the session cookie; the protocol still wants a token.
      token: "cookie",
      // No batching (flushDelay): with it, the collaboration server intermittently refused messages
      // as malformed right after a reconnect (see the report to the lead); one message per change.
    });
    const refresh = (patch: Partial<CollabState> = {}) => {
      if (destroyed) return;
      setState((previous) => ({ ...snapshot(provider, previous), ...patch }));
    };

    // Others see who we are from the start, also before the editor is on screen.
    provider.setAwarenessField("user", { ...userRef.current });

    provider.on("status", () => refresh());
    provider.on("synced", () => refresh());
    provider.on("unsyncedChanges", () => refresh());
    provider.on("disconnect", () => refresh());
    provider.on("authenticated", () => refresh({ denied: null }));
    provider.on("stateless", ({ payload }: { payload: string }) => {
      const signal = signalIn(payload);
      if (signal && !destroyed) onSignal.current?.(signal);
    });
    provider.on("authenticationFailed", ({ reason }: { reason: string }) => refresh({ denied: reason || "denied" }));
    provider.on("close", ({ event }: { event?: { reason?: string } }) => {
      refresh();
      if (destroyed) return;
      // A closed socket reconnects by itself. A closed *document* on an open socket does not.
      if (provider.configuration.websocketProvider.status !== WebSocketStatus.Connected) return;
      onServerClose.current?.(event?.reason ?? "");
      const now = Date.now();
      recentReauths = now - lastReauthAt > 30_000 ? 0 : recentReauths + 1;
      lastReauthAt = now;
      clearTimeout(reauthTimer);
      reauthTimer = setTimeout(
        () => {
          if (destroyed || provider.configuration.websocketProvider.status !== WebSocketStatus.Connected) return;
          void provider.onOpen(new Event("open"));
        },
        Math.min(10_000, 150 * 2 ** recentReauths),
      );
    });

    const slowTimer = setTimeout(() => {
      if (!destroyed && !provider.isSynced) setState((previous) => (previous.everSynced ? previous : { ...previous, slow: true }));
    }, SLOW_START_MS);
    const onOnline = () => {
      refresh();
      // Try now instead of waiting for the next back-off step.
      void provider.configuration.websocketProvider.connect();
    };
    const onOffline = () => refresh();
    window.addEventListener("online", onOnline);
    window.addEventListener("offline", onOffline);

    setSession({ ydoc, provider });
    refresh();

    return () => {
      destroyed = true;
      clearTimeout(reauthTimer);
      clearTimeout(slowTimer);
      window.removeEventListener("online", onOnline);
      window.removeEventListener("offline", onOffline);
      provider.destroy();
      ydoc.destroy();
      setSession(null);
      setState(INITIAL);
    };
  }, [documentId]);

  const retry = () => {
    if (!session) return;
    setState((previous) => ({ ...previous, slow: false, denied: null }));
    const socket = session.provider.configuration.websocketProvider;
    if (socket.status === WebSocketStatus.Connected) void session.provider.onOpen(new Event("open"));
    else void socket.connect();
  };

  return { session, state, retry };
}
