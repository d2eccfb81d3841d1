// The collaboration server: Hocuspocus on the app's own HTTP server at /collab (through crossws).
// - Authenticates with the better-auth session cookie; authorises per document (municipality and
//   role); viewers and approved documents get read-only connections, enforced by the server.
// - Durability: each client update is appended to the database in `beforeHandleMessage`, which
//   Hocuspocus awaits before it applies and acknowledges the update (acknowledged = stored).
//   No debounced onStoreDocument: nothing is ever stored from memory.
// - Compaction folds the log into a snapshot in the background (never more than MAX_UNMERGED).
// - With REDIS_URL, the Redis extension lets several app processes serve one document.
import type { IncomingMessage, Server as HttpServer } from "node:http";
import type { Duplex } from "node:stream";
import { Hocuspocus, type Extension, type onAuthenticatePayload } from "@hocuspocus/server";
import { Redis as RedisExtension } from "@hocuspocus/extension-redis";
import crossws from "crossws/adapters/node";
import * as decoding from "lib0/decoding";
import * as Y from "yjs";
import { resolveSession } from "../auth/session.server";
import { documentAccess, isSessionAlive, type CollabContext } from "./access.server";
import { GroupCommit } from "./group-commit.server";
import { applyStoredDocument, COMPACT_AFTER, compactDocument, MAX_UNMERGED } from "./persistence.server";

export const COLLAB_PATH = "/collab";
/** Largest single update a client may send (a pasted long document fits easily). */
export const MAX_UPDATE_BYTES = 4 * 1024 * 1024;
/** How long a document's writability and a session's validity are trusted between checks. */
const RECHECK_MS = 2_000;

const MESSAGE_SYNC = 0;
const MESSAGE_SYNC_REPLY = 4;
const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;

export class CollabRefusal extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

/** The Yjs update carried by a raw Hocuspocus message, or null for anything else (awareness, step 1, auth…). */
export function updateInMessage(raw: Uint8Array): Uint8Array | null {
  const decoder = decoding.createDecoder(raw);
  decoding.readVarString(decoder);
  const type = decoding.readVarUint(decoder);
  if (type !== MESSAGE_SYNC && type !== MESSAGE_SYNC_REPLY) return null;
  const syncType = decoding.readVarUint(decoder);
  if (syncType !== SYNC_STEP_2 && syncType !== SYNC_UPDATE) return null;
  return decoding.readVarUint8Array(decoder);
}

/** True when an update carries neither new content nor deletions (a client with nothing new). */
function isEmptyUpdate(update: Uint8Array): boolean {
  const decoded = Y.decodeUpdate(update);
  return decoded.structs.length === 0 && decoded.ds.clients.size === 0;
}

/**
 * Checks an update against a copy of the live document before it is stored. y-protocols swallows
 * errors while applying, so an update that decodes but cannot be applied (e.g. an item whose
 * origin is itself) was acknowledged, stored, and then made the document impossible to load or
 * compact ever after. The copy is made at the first update and follows the live document; an
 * update that throws, or leaves anything pending (it refers to content this server never had),
 * is refused, and the possibly half-applied copy is rebuilt from the live document.
 */
class UpdateChecker {
  private replicas = new WeakMap<Y.Doc, Y.Doc>();
  private followed = new WeakSet<Y.Doc>();

  private replicaOf(document: Y.Doc): Y.Doc {
    const existing = this.replicas.get(document);
    if (existing) return existing;
    const replica = new Y.Doc({ gc: document.gc });
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(document));
    if (!this.followed.has(document)) {
      this.followed.add(document);
      document.on("update", (update: Uint8Array) => {
        const current = this.replicas.get(document);
        if (!current) return;
        try {
          Y.applyUpdate(current, update);
        } catch {
          this.drop(document);
        }
      });
      document.once("destroy", () => this.drop(document));
    }
    this.replicas.set(document, replica);
    return replica;
  }

  private drop(document: Y.Doc) {
    this.replicas.get(document)?.destroy();
    this.replicas.delete(document);
  }

  canApply(document: Y.Doc, update: Uint8Array): boolean {
    const replica = this.replicaOf(document);
    try {
      Y.applyUpdate(replica, update);
      if (replica.store.pendingStructs === null && replica.store.pendingDs === null) return true;
    } catch {
      // refused below
    }
    this.drop(document);
    return false;
  }
}

interface DocumentRuntime {
  unmerged: number;
  compacting: Promise<void> | null;
}

class DurableLog {
  private runtime = new Map<string, DocumentRuntime>();
  private readonly commits = new GroupCommit();

  constructor(private readonly onCompacted?: (documentId: string) => Promise<unknown>) {}

  private state(documentId: string): DocumentRuntime {
    let r = this.runtime.get(documentId);
    if (!r) {
      r = { unmerged: 0, compacting: null };
      this.runtime.set(documentId, r);
    }
    return r;
  }

  loaded(documentId: string, unmerged: number) {
    this.state(documentId).unmerged = unmerged;
  }

  async append(documentId: string, update: Uint8Array, userId: string | null) {
    const r = this.state(documentId);
    if (r.unmerged >= MAX_UNMERGED) await this.compact(documentId);
    await this.commits.append({ documentId, update, userId });
    r.unmerged += 1;
    if (r.unmerged >= COMPACT_AFTER && !r.compacting) void this.compact(documentId).catch((err) => console.error(`Compacting document ${documentId} failed:`, err));
  }

  compact(documentId: string): Promise<void> {
    const r = this.state(documentId);
    if (r.compacting) return r.compacting;
    const seen = r.unmerged;
    r.compacting = compactDocument(documentId)
      .then(async () => {
        // Appends that landed during compaction may or may not be folded; count them as unmerged.
        r.unmerged = Math.max(0, r.unmerged - seen);
        await this.onCompacted?.(documentId).catch((err) => console.error(`After compacting document ${documentId}:`, err));
      })
      .finally(() => {
        r.compacting = null;
      });
    return r.compacting;
  }

  forget(documentId: string) {
    const r = this.runtime.get(documentId);
    if (r && !r.compacting) this.runtime.delete(documentId);
  }

  async compactAll() {
    await Promise.allSettled([...this.runtime.keys()].map((id) => this.compact(id)));
  }
}

function durableExtension(log: DurableLog): Extension {
  const checker = new UpdateChecker();
  // Writability is re-checked while connected: approval or a role change in any process takes effect.
  const checked = new Map<string, { at: number; writable: boolean }>();
  async function stillWritable(context: CollabContext): Promise<boolean> {
    const key = `${context.sessionId}:${context.documentId}`;
    const hit = checked.get(key);
    if (hit && Date.now() - hit.at < RECHECK_MS) return hit.writable;
    const [alive, access] = await Promise.all([isSessionAlive(context.sessionId), documentAccess(context.userId, context.documentId)]);
    const writable = alive && access !== null && access.writable;
    checked.set(key, { at: Date.now(), writable });
    return writable;
  }

  return {
    extensionName: "koers-durable-log",
    async onLoadDocument({ document, documentName }) {
      // A failure here refuses the connection; nothing is stored, so the real document stays intact.
      const stored = await applyStoredDocument(documentName, document);
      log.loaded(documentName, stored.updates.length);
    },
    async beforeHandleMessage({ update: raw, connection, context, document, documentName }) {
      if (raw.byteLength > MAX_UPDATE_BYTES + 1024) throw new CollabRefusal(4413, "Update too large");
      let update: Uint8Array | null;
      try {
        update = updateInMessage(raw);
        if (update && isEmptyUpdate(update)) update = null;
      } catch {
        throw new CollabRefusal(4400, "Malformed message");
      }
      if (!update) return;
      if (update.byteLength > MAX_UPDATE_BYTES) throw new CollabRefusal(4413, "Update too large");
      const ctx = context as CollabContext;
      if (connection.readOnly) return; // Hocuspocus answers "not saved" and applies nothing.
      if (!(await stillWritable(ctx))) {
        connection.readOnly = true;
        throw new CollabRefusal(4403, "Document is read-only for this connection");
      }
      if (!checker.canApply(document, update)) throw new CollabRefusal(4400, "Malformed message");
      await log.append(documentName, update, ctx.userId);
    },
    async afterUnloadDocument({ documentName }) {
      await log.compact(documentName).catch((err) => console.error(`Compacting document ${documentName} failed:`, err));
      log.forget(documentName);
    },
  };
}

function authExtension(): Extension {
  return {
    extensionName: "koers-auth",
    async onAuthenticate(data: onAuthenticatePayload): Promise<CollabContext> {
      const resolved = await resolveSession(data.requestHeaders);
      if (!resolved.signedIn) throw new CollabRefusal(4401, "Not signed in");
      const access = await documentAccess(resolved.signedIn.user.id, data.documentName);
      if (!access) throw new CollabRefusal(4404, "No such document");
      data.connectionConfig.readOnly = !access.writable;
      return {
        userId: resolved.signedIn.user.id,
        userName: resolved.signedIn.user.name,
        sessionId: resolved.signedIn.session.id,
        documentId: access.documentId,
        municipalityId: access.municipalityId,
        role: access.role,
      };
    },
  };
}

export interface CollabServer {
  hocuspocus: Hocuspocus<CollabContext>;
  attach(server: HttpServer, allowedOrigin: string): void;
  /** Compact what is open, close every connection, leave Redis. */
  close(): Promise<void>;
}

export function createCollabServer(
  options: {
    redisUrl?: string;
    /** Runs after a document's log was folded (automatic version snapshots). */
    onCompacted?: (documentId: string) => Promise<unknown>;
  } = {},
): CollabServer {
  const log = new DurableLog(options.onCompacted);
  const extensions: Extension[] = [authExtension(), durableExtension(log)];
  if (options.redisUrl) {
    const url = new URL(options.redisUrl);
    extensions.push(
      new RedisExtension({
        host: url.hostname,
        port: Number(url.port || 6379),
        prefix: "koers-collab",
        options: { password: url.password || undefined, db: Number(url.pathname.slice(1) || 0) },
      }),
    );
  }
  const hocuspocus = new Hocuspocus<CollabContext>({
    name: "koers-collab",
    quiet: true,
    extensions,
  });

  const ws = crossws({
    serverOptions: { maxPayload: MAX_UPDATE_BYTES * 2 },
    hooks: {
      open(peer) {
        (peer as unknown as { _koers: unknown })._koers = hocuspocus.handleConnection(peer.websocket as never, peer.request as Request);
      },
      message(peer, message) {
        // Copy: the bytes may be a view into a buffer the socket reuses, while Hocuspocus queues
        // messages that arrive before authentication completes.
        (peer as unknown as { _koers?: { handleMessage(d: Uint8Array): void } })._koers?.handleMessage(new Uint8Array(message.uint8Array()));
      },
      close(peer, event) {
        (peer as unknown as { _koers?: { handleClose(e: { code: number; reason: string }): void } })._koers?.handleClose({ code: event.code ?? 1000, reason: event.reason ?? "" });
      },
      error(peer, error) {
        console.error(`Collaboration socket error (${peer.id}):`, error);
      },
    },
  });

  return {
    hocuspocus,
    attach(server, allowedOrigin) {
      server.on("upgrade", (request: IncomingMessage, socket: Duplex, head: Buffer) => {
        const path = (request.url ?? "").split("?")[0];
        if (path !== COLLAB_PATH) return; // Vite's HMR socket and others handle their own paths.
        // Cross-site websocket hijacking: browsers always send Origin; refuse other sites.
        const origin = request.headers.origin;
        if (origin && origin !== allowedOrigin) {
          socket.end("HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n");
          return;
        }
        void ws.handleUpgrade(request, socket, head);
      });
    },
    async close() {
      await log.compactAll();
      hocuspocus.closeConnections();
      for (const ext of extensions) {
        if (ext instanceof RedisExtension) await ext.onDestroy().catch(() => undefined);
      }
    },
  };
}

// One collaboration server per process, shared with the Remix build (approval and restore reach it).
const globalKey = Symbol.for("koers.collab");
type GlobalWithCollab = typeof globalThis & { [globalKey]?: CollabServer };

export function registerCollabServer(server: CollabServer | undefined) {
  (globalThis as GlobalWithCollab)[globalKey] = server;
}

export function collabServer(): CollabServer | undefined {
  return (globalThis as GlobalWithCollab)[globalKey];
}

/** What changed beside the text, announced to a document's open editors as a stateless message. */
export type DocumentSignal = "comments";

export function encodeSignal(signal: DocumentSignal): string {
  return JSON.stringify({ koers: signal });
}

/**
 * Tell everyone with the document open that something outside the text changed (a reply, a
 * resolved thread), so their page reloads that part. With Redis, the extension relays it to the
 * other processes that have the document open.
 */
export function announceDocumentChange(documentId: string, signal: DocumentSignal): void {
  collabServer()?.hocuspocus.documents.get(documentId)?.broadcastStateless(encodeSignal(signal));
}
