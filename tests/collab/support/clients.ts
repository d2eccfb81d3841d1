// Clients of the collaboration server for the tests and the benchmark:
// - `openProvider`: the real @hocuspocus/provider (as the browser editor uses it), through `ws`
//   with the session cookie and the app's Origin header (Node has no browser WebSocket).
// - `RawClient`: speaks the Hocuspocus wire protocol by hand, so a test can count the server's
//   acknowledgements (SyncStatus, one per update, in order), send malformed or oversized
//   messages, and see exactly what the server sends back.
import { HocuspocusProvider, HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import WebSocket from "ws";
import * as Y from "yjs";

export const MessageType = { Sync: 0, Awareness: 1, Auth: 2, QueryAwareness: 3, SyncReply: 4, Stateless: 5, Close: 7, SyncStatus: 8, Ping: 9, Pong: 10 } as const;
const SYNC_STEP_1 = 0;
const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;
const AUTH_TOKEN = 0;
const AUTH_DENIED = 1;
const AUTH_OK = 2;

export interface Identity {
  /** `koers.session_token=…`, or undefined for no cookie. */
  cookie?: string;
  /** The Origin header; undefined sends none (as non-browser clients do). */
  origin?: string;
}

function headersOf(identity: Identity): Record<string, string> {
  const headers: Record<string, string> = {};
  if (identity.cookie) headers.cookie = identity.cookie;
  if (identity.origin) headers.origin = identity.origin;
  return headers;
}

/** A `WebSocketPolyfill` for the provider that sends our cookie and Origin on the upgrade. */
export function webSocketWith(identity: Identity): typeof WebSocket {
  const headers = headersOf(identity);
  return class extends WebSocket {
    constructor(address: string | URL | null, protocols?: string | string[]) {
      super(address!, protocols, { headers });
    }
  } as typeof WebSocket;
}

export interface ProviderClient {
  doc: Y.Doc;
  provider: HocuspocusProvider;
  socket: HocuspocusProviderWebsocket;
  /** "readonly" or "read-write", as the server announced. */
  scope: string | undefined;
  destroy(): void;
}

/** Opens a document with the real provider; resolves once synced, rejects when refused. */
export function openProvider(url: string, documentId: string, identity: Identity, timeoutMs = 15_000): Promise<ProviderClient> {
  const doc = new Y.Doc();
  const socket = new HocuspocusProviderWebsocket({ url, WebSocketPolyfill: webSocketWith(identity), maxAttempts: 1 });
  return new Promise<ProviderClient>((resolve, reject) => {
    let scope: string | undefined;
    let destroyed = false;
    const destroy = () => {
      if (destroyed) return;
      destroyed = true;
      provider.destroy();
      socket.destroy();
      doc.destroy();
    };
    const timer = setTimeout(() => {
      destroy();
      reject(new Error(`provider for ${documentId} not synced within ${timeoutMs} ms`));
    }, timeoutMs);
    const provider = new HocuspocusProvider({
      websocketProvider: socket,
      name: documentId,
      document: doc,
      token: "session-cookie",
      onAuthenticated: ({ scope: s }) => {
        scope = s;
      },
      onAuthenticationFailed: ({ reason }) => {
        clearTimeout(timer);
        destroy();
        reject(new Error(`refused: ${reason}`));
      },
      onSynced: () => {
        clearTimeout(timer);
        resolve({ doc, provider, socket, scope, destroy });
      },
    });
    provider.attach();
  });
}

export interface Received {
  type: number;
  /** Sync sub-type (0 step 1, 1 step 2, 2 update), auth sub-type, or SyncStatus value. */
  sub?: number;
  text?: string;
  update?: Uint8Array;
}

type Outstanding = { kind: "update" | "step2"; sentAt: number };

export interface RawClientOptions {
  /**
   * Apply what the server sends (default true). A benchmark typist that only sends can skip it:
   * its own updates stay valid (they refer only to its own items), and it costs the bench process
   * far less CPU with 50 clients.
   */
  applyRemote?: boolean;
  /** Called with the time from sending an update to its acknowledgement (ms). */
  onAck?: (ms: number) => void;
}

/**
 * A hand-written Hocuspocus client for one document on its own socket. Local edits on `doc`
 * are sent as update messages; every SyncStatus answer is matched to what was sent, in order.
 */
export class RawClient {
  readonly doc = new Y.Doc();
  readonly received: Received[] = [];
  /** Updates the server acknowledged as applied (SyncStatus 1), in order. */
  acked = 0;
  /** Updates the server answered with "not saved" (SyncStatus 0: read-only connection). */
  refused = 0;
  sentUpdates = 0;
  scope: string | undefined;
  deniedReason: string | undefined;
  closeReasons: string[] = [];
  closed: { code: number; reason: string } | null = null;
  private outstanding: Outstanding[] = [];
  private waiters: { check: () => boolean; resolve: () => void }[] = [];
  private remote = Symbol("remote");
  private synced = false;

  private constructor(
    readonly ws: WebSocket,
    readonly documentName: string,
    private readonly options: RawClientOptions = {},
  ) {
    ws.binaryType = "nodebuffer";
    ws.on("message", (data: Buffer) => this.onMessage(new Uint8Array(data.buffer, data.byteOffset, data.byteLength)));
    ws.on("close", (code, reason) => {
      this.closed = { code, reason: reason.toString() };
      this.notify();
    });
    ws.on("error", () => undefined);
    this.doc.on("update", (update: Uint8Array, origin: unknown) => {
      if (origin === this.remote) return;
      this.sendUpdate(update);
    });
  }

  /** Opens the socket; rejects with the HTTP status when the upgrade is refused. */
  static connect(url: string, documentName: string, identity: Identity, options: RawClientOptions = {}): Promise<RawClient> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { headers: headersOf(identity), maxPayload: 64 * 1024 * 1024 });
      const client = new RawClient(ws, documentName, options);
      ws.once("open", () => resolve(client));
      ws.once("unexpected-response", (_req, res) => {
        reject(Object.assign(new Error(`upgrade refused: HTTP ${res.statusCode}`), { statusCode: res.statusCode }));
        ws.terminate();
      });
      ws.once("error", (err) => reject(err));
    });
  }

  /** Sends the auth message and the first sync step; resolves when synced, rejects when denied. */
  async handshake(timeoutMs = 15_000): Promise<void> {
    this.sendRaw(this.message(MessageType.Auth, (e) => {
      encoding.writeVarUint(e, AUTH_TOKEN);
      encoding.writeVarString(e, "session-cookie");
    }));
    this.sendRaw(this.message(MessageType.Sync, (e) => {
      encoding.writeVarUint(e, SYNC_STEP_1);
      encoding.writeVarUint8Array(e, Y.encodeStateVector(this.doc));
    }));
    await this.waitFor(() => this.synced || this.deniedReason !== undefined || this.closed !== null, timeoutMs, "sync");
    if (this.deniedReason !== undefined) throw new Error(`denied: ${this.deniedReason}`);
    if (!this.synced) throw new Error(`socket closed before sync: ${JSON.stringify(this.closed)}`);
  }

  /** Builds a message for this document: name, type, then the body. */
  message(type: number, body: (e: encoding.Encoder) => void, name = this.documentName): Uint8Array {
    const e = encoding.createEncoder();
    encoding.writeVarString(e, name);
    encoding.writeVarUint(e, type);
    body(e);
    return encoding.toUint8Array(e);
  }

  updateMessage(update: Uint8Array): Uint8Array {
    return this.message(MessageType.Sync, (e) => {
      encoding.writeVarUint(e, SYNC_UPDATE);
      encoding.writeVarUint8Array(e, update);
    });
  }

  sendRaw(data: Uint8Array) {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(data);
  }

  /** Sends a Yjs update as an update message (counted for acknowledgements). */
  sendUpdate(update: Uint8Array) {
    if (this.ws.readyState !== WebSocket.OPEN) return;
    this.outstanding.push({ kind: "update", sentAt: performance.now() });
    this.sentUpdates += 1;
    this.ws.send(this.updateMessage(update));
  }

  /** Types `text` at the end of the Y.Text `field` (one update message). */
  type(text: string, field = "text") {
    const t = this.doc.getText(field);
    t.insert(t.length, text);
  }

  text(field = "text"): string {
    return this.doc.getText(field).toString();
  }

  waitFor(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
    if (check()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const waiter = { check, resolve: () => (clearTimeout(timer), resolve()) };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  /** Resolves when every update sent so far has been answered (or the socket closed). */
  settled(timeoutMs = 30_000): Promise<void> {
    return this.waitFor(() => this.outstanding.length === 0 || this.closed !== null, timeoutMs, "all acknowledgements");
  }

  /** Resolves when the socket is closed, or the server closed this document's connection. */
  documentClosed(timeoutMs = 10_000): Promise<void> {
    return this.waitFor(() => this.closed !== null || this.closeReasons.length > 0, timeoutMs, "the connection to close");
  }

  close() {
    this.ws.terminate();
    this.doc.destroy();
  }

  private notify() {
    for (const w of [...this.waiters]) {
      if (w.check()) {
        this.waiters = this.waiters.filter((x) => x !== w);
        w.resolve();
      }
    }
  }

  private onMessage(data: Uint8Array) {
    const d = decoding.createDecoder(data);
    decoding.readVarString(d);
    const type = decoding.readVarUint(d);
    const item: Received = { type };
    switch (type) {
      case MessageType.Sync:
      case MessageType.SyncReply: {
        const sub = decoding.readVarUint(d);
        item.sub = sub;
        if (sub === SYNC_STEP_1) {
          // Answer the server's state vector with what it lacks (counted: the server acks it).
          const sv = decoding.readVarUint8Array(d);
          const diff = Y.encodeStateAsUpdate(this.doc, sv);
          this.outstanding.push({ kind: "step2", sentAt: performance.now() });
          this.sendRaw(this.message(MessageType.Sync, (e) => {
            encoding.writeVarUint(e, SYNC_STEP_2);
            encoding.writeVarUint8Array(e, diff);
          }));
        } else {
          item.update = decoding.readVarUint8Array(d);
          if (sub === SYNC_STEP_2 || this.options.applyRemote !== false) Y.applyUpdate(this.doc, item.update, this.remote);
          if (sub === SYNC_STEP_2) this.synced = true;
        }
        break;
      }
      case MessageType.Auth: {
        const sub = decoding.readVarUint(d);
        item.sub = sub;
        if (sub === AUTH_DENIED) this.deniedReason = item.text = decoding.readVarString(d);
        else if (sub === AUTH_OK) this.scope = item.text = decoding.readVarString(d);
        break;
      }
      case MessageType.Close:
        item.text = decoding.readVarString(d);
        this.closeReasons.push(item.text);
        break;
      case MessageType.SyncStatus: {
        const applied = decoding.readVarUint(d) === 1;
        item.sub = applied ? 1 : 0;
        const what = this.outstanding.shift();
        if (what?.kind === "update") {
          if (applied) this.acked += 1;
          else this.refused += 1;
          if (applied) this.options.onAck?.(performance.now() - what.sentAt);
        }
        break;
      }
      default:
        break;
    }
    if (this.received.length < 10_000) this.received.push({ ...item, update: undefined });
    this.notify();
  }

  /** True when the server sent any document content (sync step 2 or update) on this socket. */
  get receivedContent(): boolean {
    return this.received.some((m) => (m.type === MessageType.Sync || m.type === MessageType.SyncReply) && m.sub !== SYNC_STEP_1);
  }
}

export async function waitUntil(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
