// Live boards: who changed what on which board, pushed to everyone looking at that board.
// In-process through node:events; with REDIS_URL also through Redis pub/sub, so several app
// processes see each other's moves. Only committed changes are published (boards.server.ts
// publishes after its transaction returns ok). Messages carry ids (and a moved card's new place)
// only, never task contents; listeners get changes of exactly one municipality and phase.
import { EventEmitter } from "node:events";
import { Redis } from "ioredis";

export type BoardChangeKind =
  | "task.created"
  | "task.updated"
  | "task.assigned"
  | "task.moved"
  | "task.checklist"
  | "task.commented"
  | "task.linked"
  | "task.archived"
  | "task.restored"
  | "column.changed";

export interface BoardChange {
  kind: BoardChangeKind;
  /** The task concerned; null for column changes. */
  taskId: string | null;
  /** For task.moved: where the card is now (its column and rank), so open boards can show it there at once. */
  to?: { columnId: string; rank: string };
}

/** The change as listeners and the wire see it: exactly these fields. */
function normalised(change: BoardChange): BoardChange {
  const to = change.to && typeof change.to.columnId === "string" && typeof change.to.rank === "string" ? { columnId: change.to.columnId, rank: change.to.rank } : undefined;
  return to ? { kind: change.kind, taskId: change.taskId ?? null, to } : { kind: change.kind, taskId: change.taskId ?? null };
}

export type BoardListener = (change: BoardChange) => void;

interface WireMessage extends BoardChange {
  origin: string;
  municipalityId: string;
  phaseNumber: number;
}

const REDIS_CHANNEL = "koers:board-changes";

const channelOf = (municipalityId: string, phaseNumber: number) => `${municipalityId}:${phaseNumber}`;

export interface BoardPublisher {
  publish(municipalityId: string, phaseNumber: number, change: BoardChange): void;
  subscribe(municipalityId: string, phaseNumber: number, listener: BoardListener): () => void;
  /** Resolves once the Redis subscription (if any) is active; for tests and start-up checks. */
  ready(): Promise<void>;
  close(): Promise<void>;
}

/**
 * One publisher per process (see `boardPublisher()`); tests create more to play separate processes.
 * Without a Redis URL it works within this process only.
 */
export function createBoardPublisher(options: { redisUrl?: string | null } = {}): BoardPublisher {
  const origin = crypto.randomUUID();
  const local = new EventEmitter();
  local.setMaxListeners(0);
  const emit = (municipalityId: string, phaseNumber: number, change: BoardChange) => {
    // A throwing listener must not break the publisher or the other listeners.
    for (const listener of local.listeners(channelOf(municipalityId, phaseNumber)) as BoardListener[]) {
      try {
        listener(normalised(change));
      } catch (err) {
        console.error("Board listener failed:", err);
      }
    }
  };

  const redisUrl = options.redisUrl ?? null;
  let pub: Redis | undefined;
  let sub: Redis | undefined;
  let subscribed: Promise<void> = Promise.resolve();
  if (redisUrl) {
    const logError = (role: string) => (err: Error) => console.error(`Redis (${role}, board changes): ${err.message}`);
    // Publishing is best effort: a publish waiting for a lost connection fails after one retry.
    pub = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
    pub.on("error", logError("publish"));
    sub = new Redis(redisUrl, { maxRetriesPerRequest: null });
    sub.on("error", logError("subscribe"));
    // ioredis re-subscribes by itself after a reconnect.
    subscribed = sub.subscribe(REDIS_CHANNEL).then(
      () => undefined,
      (err: Error) => logError("subscribe")(err),
    );
    sub.on("message", (channel: string, raw: string) => {
      if (channel !== REDIS_CHANNEL) return;
      let message: WireMessage;
      try {
        message = JSON.parse(raw) as WireMessage;
      } catch {
        return;
      }
      if (message.origin === origin || typeof message.municipalityId !== "string" || typeof message.phaseNumber !== "number") return;
      emit(message.municipalityId, message.phaseNumber, message);
    });
  }

  return {
    publish(municipalityId, phaseNumber, change) {
      emit(municipalityId, phaseNumber, change);
      if (pub && pub.status !== "end") {
        const message: WireMessage = { origin, municipalityId, phaseNumber, ...normalised(change) };
        pub.publish(REDIS_CHANNEL, JSON.stringify(message)).catch((err: Error) => console.error(`Redis publish of a board change failed: ${err.message}`));
      }
    },
    subscribe(municipalityId, phaseNumber, listener) {
      const channel = channelOf(municipalityId, phaseNumber);
      local.on(channel, listener);
      return () => void local.off(channel, listener);
    },
    async ready() {
      await subscribed;
      if (pub && pub.status !== "ready") await new Promise<void>((resolve) => pub!.once("ready", () => resolve()));
    },
    async close() {
      local.removeAllListeners();
      await Promise.all([pub, sub].map((c) => (c ? c.quit().then(() => undefined, () => c.disconnect()) : undefined)));
    },
  };
}

// globalThis because server.ts and the Remix server build each load their own copy of this module
// (and Vite reloads it in development); the process has one publisher.
const KEY = Symbol.for("koers.boardPublisher");
const slot: { publisher?: BoardPublisher } = ((globalThis as Record<symbol, { publisher?: BoardPublisher }>)[KEY] ??= {});

/** This process's publisher; uses Redis when REDIS_URL is set. */
export function boardPublisher(): BoardPublisher {
  slot.publisher ??= createBoardPublisher({ redisUrl: process.env.REDIS_URL || null });
  return slot.publisher;
}

/** Tells everyone watching the board of this municipality and phase that it changed. Never throws. */
export function publishBoardChange(municipalityId: string, phaseNumber: number, change: BoardChange): void {
  try {
    boardPublisher().publish(municipalityId, phaseNumber, change);
  } catch (err) {
    console.error("Publishing a board change failed:", err);
  }
}

/** Listens to changes of one municipality's board of one phase; returns the unsubscribe function. */
export function subscribeBoard(municipalityId: string, phaseNumber: number, listener: BoardListener): () => void {
  return boardPublisher().subscribe(municipalityId, phaseNumber, listener);
}

/** Closes the Redis connections of this process's publisher (on shutdown). */
export async function closeBoardLive(): Promise<void> {
  const publisher = slot.publisher;
  slot.publisher = undefined;
  await publisher?.close();
}
